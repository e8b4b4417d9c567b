"""Captions holding characters no installed font can draw: a warning at that caption's text."""

from __future__ import annotations

from kiosk.content.caption_glyphs import describe, undrawable_warnings
from kiosk.content.exhibition import load_exhibition
from tests.helpers import write_config

SNOWMAN = "\u2603"


def no_snowman(text: str) -> str:
    """A stand-in for the screen's fonts: every character but the snowman can be drawn."""
    return SNOWMAN if SNOWMAN in text else ""


def test_each_language_is_reported_at_its_own_line(exhibition) -> None:
    deck = exhibition.deck(
        f"""\
        title: Neige
        slides:
          - id: hiver
            image: a.png
            caption:
              fr: "Le bonhomme {SNOWMAN} de Livron"
              en: "The snowman of Livron"
              de: "Der Schneemann {SNOWMAN}"
          - id: printemps
            image: b.png
            caption: "Sans {SNOWMAN} neige"
        """
    )
    config = write_config(exhibition.root, "decks: [slides/deck.yaml]\nlanguages: [fr, en, de]\n")
    show = load_exhibition(config)
    assert show.problems == ()
    found = undrawable_warnings(show, no_snowman)
    assert [(p.where.line, p.where.file) for p in found] == [
        (6, str(deck)),
        (8, str(deck)),
        (11, str(deck)),
    ]
    assert all(p.is_warning for p in found)
    first, _, everywhere = (p.message for p in found)
    assert first.startswith("slide 'hiver': the 'fr' caption has characters no installed font")
    assert "U+2603 SNOWMAN" in first
    assert "install" in first
    assert everywhere.startswith("slide 'printemps': the caption has")


def test_nothing_is_said_when_every_character_can_be_drawn(exhibition) -> None:
    exhibition.deck("title: T\nslides:\n  - {image: a.png, caption: Texte}\n")
    show = load_exhibition(write_config(exhibition.root, "decks: [slides/deck.yaml]\n"))
    assert undrawable_warnings(show, no_snowman) == []


def test_private_use_characters_are_named_as_such() -> None:
    assert describe("\ue000") == "U+E000 (private use: only a special font has it)"
    assert describe("\U000e0fff").startswith("U+E0FFF (unassigned")
    assert describe("中") == "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D"


def test_many_characters_are_counted_not_all_listed(exhibition) -> None:
    private = "".join(chr(0xE000 + n) for n in range(8))
    exhibition.deck(f'title: T\nslides:\n  - {{image: a.png, caption: "x{private}"}}\n')
    show = load_exhibition(write_config(exhibition.root, "decks: [slides/deck.yaml]\n"))
    [warning] = undrawable_warnings(show, lambda text: "".join(c for c in text if c > "\udfff"))
    assert "U+E004 (private use" in warning.message and "U+E005" not in warning.message
    assert "and 3 more" in warning.message
    assert "replace them with the characters they stand for" in warning.message
