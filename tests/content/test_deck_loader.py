"""Deck files: what loads, what is reported (with FILE:LINE:COL), and what is left out."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.config import Config, load_config
from kiosk.content.deck_loader import MAX_SLIDES, load_deck
from kiosk.content.problems import has_errors
from kiosk.screen.photo_files import read_photo_size
from kiosk.show.deck import Deck, LocalizedText, Mark, NarrationOverride
from tests.helpers import REPO

SLIDE_KEYS = "caption, credit, duration, focus, id, image, motion, narration, transition"


def load(exhibition, text: str, config: Config | None = None) -> tuple[Deck | None, list[str]]:
    path = exhibition.deck(text)
    result = load_deck(path, config or exhibition.config())
    return result.deck, [str(problem) for problem in result.problems]


def ids(deck: Deck | None) -> list[str]:
    assert deck is not None
    return [slide.id for slide in deck.slides]


@pytest.fixture
def deck_path(exhibition) -> str:
    return str(exhibition.root / "slides" / "deck.yaml")


# The shipped exhibition


@pytest.mark.parametrize(
    ("name", "count"),
    [("montelimar", 27), ("livron", 3), ("drome-liberation", 22), ("provence-landing", 6)],
)
def test_the_shipped_decks_load_without_any_problem(name: str, count: int) -> None:
    config, problems = load_config(REPO / "config" / "kiosk.yaml")
    assert problems == []
    result = load_deck(REPO / "slides" / f"{name}.yaml", config)
    assert [str(problem) for problem in result.problems] == []
    deck = result.deck
    assert deck is not None
    assert deck.name == name
    assert len(deck.slides) == count
    assert len({(slide.id, slide.step) for slide in deck.slides}) == count
    assert set(deck.title.languages) == {"fr", "en"}
    for slide in deck.slides:
        if slide.panel is None:
            assert slide.image is not None and slide.image.is_file()
            assert slide.image.is_relative_to(REPO / "media" / name)
        elif slide.image is not None:  # an event's photo may be another deck's
            assert slide.image.is_file() and slide.image.is_relative_to(REPO / "media")
        else:
            assert slide.panel.kind == "timeline"  # written large instead of a photo
        assert slide.caption.languages == ("fr", "en")
        if slide.panel is None or (slide.panel.kind == "timeline" and slide.image is not None):
            assert slide.credit is not None  # the photo's
        assert slide.transition == "crossfade"
        assert 12.0 <= slide.duration <= 18.0  # time to read the caption, no more


def test_a_shipped_slide_keeps_its_own_duration() -> None:
    config, _ = load_config(REPO / "config" / "kiosk.yaml")
    deck = load_deck(REPO / "slides" / "livron.yaml", config).deck
    assert deck is not None
    assert [(slide.id, slide.duration) for slide in deck.slides] == [
        ("bridge-blown-up", 12.0),
        ("resistance-sabotage", 15.0),
        ("retreat-disrupted", 12.0),
    ]
    assert deck.title == LocalizedText((("fr", "Le pont de Livron"), ("en", "The Livron bridge")))
    assert deck.slides[0].where.line == 10
    assert deck.slides[0].where.column == 5


# What a good deck gives


def test_plain_and_per_language_captions(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Le pont
        slides:
          - image: a.png
            caption: Une légende pour tous
          - image: town/1.png
            caption:
              en: Hello
              fr: Bonjour
            credit: {fr: Musée, en: Museum}
          - image: b.png
            caption: 1944
        """,
    )
    assert problems == []
    assert deck is not None
    assert deck.title == LocalizedText((("*", "Le pont"),))
    first, second, third = deck.slides
    assert first.caption == LocalizedText((("*", "Une légende pour tous"),))
    assert first.caption.get("en") == "Une légende pour tous"
    assert first.credit is None
    assert second.caption == LocalizedText((("en", "Hello"), ("fr", "Bonjour")))
    assert second.caption.get("fr") == "Bonjour"
    assert second.credit == LocalizedText((("fr", "Musée"), ("en", "Museum")))
    assert third.caption.get("fr") == "1944"
    assert [slide.id for slide in deck.slides] == ["a", "1", "b"]
    assert second.image == exhibition.media / "town" / "1.png"
    assert [(slide.where.line, slide.where.column) for slide in deck.slides] == [
        (3, 5),
        (5, 5),
        (10, 5),
    ]


def test_deck_defaults_apply_to_slides_that_do_not_say(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        defaults: {duration: 20, transition: cut}
        slides:
          - {image: a.png, caption: A}
          - {image: b.png, caption: B, duration: 5}
          - {image: c.png, caption: C, transition: crossfade}
        """,
        exhibition.config(slide_duration=9.0),
    )
    assert problems == []
    assert deck is not None
    assert [(s.id, s.duration, s.transition) for s in deck.slides] == [
        ("a", 20.0, "cut"),
        ("b", 5.0, "cut"),
        ("c", 20.0, "crossfade"),
    ]


def test_without_deck_defaults_the_config_values_apply(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - {image: a.png, caption: A}
          - {image: b.png, caption: B, transition: crossfade}
        """,
        exhibition.config(slide_duration=9.0, transition="cut"),
    )
    assert problems == []
    assert [(s.duration, s.transition) for s in deck.slides] == [
        (9.0, "cut"),
        (9.0, "crossfade"),
    ]


def test_a_bad_default_is_reported_and_the_config_value_kept(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        defaults: {duration: dix, transition: wipe}
        slides:
          - {image: a.png, caption: A}
        """,
    )
    assert problems == [
        f"{deck_path}:2:22: error: duration must be a number of seconds, got 'dix'",
        f"{deck_path}:2:39: error: transition must be crossfade or cut, got 'wipe'",
    ]
    assert [(s.duration, s.transition) for s in deck.slides] == [(12.0, "crossfade")]


def test_an_image_path_may_use_backslashes(exhibition) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: 'town\\1.png', caption: A}\n")
    assert problems == []
    assert deck.slides[0].image == exhibition.media / "town" / "1.png"


# Problems in a slide: reported at their place, the slide left out, the others kept


def test_an_unknown_key_leaves_out_its_slide_only(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
            colour: red
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:5:5: error: unknown key 'colour' in a slide; allowed keys: {SLIDE_KEYS}"
    ]
    assert ids(deck) == ["b"]


def test_a_duration_that_is_not_a_number(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
          - image: b.png
            caption: B
            duration: dix
          - image: c.png
            caption: C
        """,
    )
    assert problems == [f"{deck_path}:7:15: error: duration must be a number of seconds, got 'dix'"]
    assert ids(deck) == ["a", "c"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "duration must be between 1 and 3600 seconds, got 0"),
        ("3601", "duration must be between 1 and 3600 seconds, got 3601"),
        ("true", "duration must be a number of seconds, got 'true'"),
        ("[1, 2]", "duration must be a single value, not a list or a mapping"),
    ],
)
def test_a_duration_out_of_range_or_of_the_wrong_kind(
    exhibition, deck_path, value: str, message: str
) -> None:
    deck, problems = load(
        exhibition,
        f"title: Test\nslides:\n  - image: a.png\n    caption: A\n    duration: {value}\n"
        "  - image: b.png\n    caption: B\n",
    )
    assert problems == [f"{deck_path}:5:15: error: {message}"]
    assert ids(deck) == ["b"]


def test_a_language_not_in_the_config(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption:
              fr: Bonjour
              de: Hallo
          - image: b.png
            caption: {fr: Salut, en: Hi}
        """,
    )
    assert problems == [
        f"{deck_path}:6:7: error: 'de' is not one of the kiosk's languages (fr, en); "
        "add it to languages in config/kiosk.yaml, or remove it",
        f"{deck_path}:5:7: warning: the caption has no 'en' text; 'fr' shows",
    ]
    assert ids(deck) == ["b"]


def test_a_language_added_to_the_config_is_accepted(exhibition) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - image: a.png\n    caption: {fr: Bonjour, de: Hallo}\n",
        exhibition.config(languages=("fr", "de")),
    )
    assert problems == []
    assert deck.slides[0].caption.get("de") == "Hallo"


def test_a_duplicate_id_names_the_earlier_line(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - id: bridge
            image: a.png
            caption: A
          - image: c.png
            caption: C
          - id: bridge
            image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:8:9: error: slide id 'bridge' is already used by the slide at line 3; "
        "give each slide its own id"
    ]
    assert ids(deck) == ["bridge", "c"]
    assert deck.slides[0].image.name == "a.png"


def test_two_slides_of_one_photo_without_ids_collide(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: a.png, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:4:13: error: this slide has no id, and the one taken from its photo's "
        "name, 'a', is already used by the slide at line 3; add one, such as id: a-2"
    ]
    assert ids(deck) == ["a"]


def test_a_bad_slide_id(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - id: Le Pont\n    image: a.png\n    caption: A\n"
        "  - {image: b.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:9: error: slide id 'Le Pont' may use only lowercase letters, "
        "digits and hyphens, such as 'le-pont'"
    ]
    assert ids(deck) == ["b"]


def test_a_missing_media_file(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
          - caption: B
            image: town/2.png
        """,
    )
    assert problems == [
        f"{deck_path}:6:12: error: image 'town/2.png' not found in media/; media/town/ holds: 1.png"
    ]
    assert ids(deck) == ["a"]


def test_a_folder_is_not_a_photo(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: town, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:13: error: image 'town' is a folder, not a file; name a file in it, "
        "such as 'town/1.png'"
    ]
    assert ids(deck) == ["a"]


@pytest.mark.parametrize(
    "image", ["../outside.png", "town/../../outside.png", "/etc/passwd", "..\\outside.png"]
)
def test_an_image_path_leaving_media_is_refused(exhibition, deck_path, image: str) -> None:
    (exhibition.root / "outside.png").write_bytes(b"x")
    deck, problems = load(
        exhibition,
        f"title: T\nslides:\n  - image: '{image}'\n    caption: A\n"
        "  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:12: error: image '{image}' must be a path inside media/, like town/1.jpg"
    ]
    assert ids(deck) == ["a"]


def test_a_link_leading_outside_media_is_refused(exhibition, deck_path) -> None:
    outside = exhibition.root / "outside.png"
    outside.write_bytes(b"x")
    os.symlink(outside, exhibition.media / "link.png")
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: link.png, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:13: error: image 'link.png' is a link to a file outside media/; "
        "copy the file itself into media/"
    ]
    assert ids(deck) == ["a"]


def test_a_slide_without_image_or_caption(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - caption: No photo
          - image: a.png
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:3:5: error: this slide has no 'image'; name a photo file in media/",
        f"{deck_path}:4:5: error: this slide has no 'caption'; add one, such as caption: \"…\"",
    ]
    assert ids(deck) == ["b"]


@pytest.mark.parametrize(
    ("caption", "column", "message"),
    [
        ('""', 14, "the caption is empty; write its text between double quotes"),
        ("", 13, "the caption is empty; write its text between double quotes"),
        ("true", 14, "the caption must be text; put it in double quotes"),
        ("[a, b]", 14, "the caption must be a set of 'key: value' lines"),
        ("{}", 14, "the caption has no text in any language"),
    ],
)
def test_a_caption_with_no_text(
    exhibition, deck_path, caption: str, column: int, message: str
) -> None:
    deck, problems = load(
        exhibition,
        f"title: T\nslides:\n  - image: a.png\n    caption: {caption}\n"
        "  - {image: b.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:4:{column}: error: {message}"]
    assert ids(deck) == ["b"]


def test_a_missing_translation_is_a_warning_and_the_slide_plays(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: {fr: Le pont, en: The bridge}
        slides:
          - image: a.png
            caption:
              fr: Bonjour
        """,
    )
    assert problems == [f"{deck_path}:5:7: warning: the caption has no 'en' text; 'fr' shows"]
    assert ids(deck) == ["a"]
    assert deck.slides[0].caption.in_language("en", "fr") == ("Bonjour", False)


def test_a_deck_without_a_title_plays_under_its_file_name(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "slides:\n  - {image: a.png, caption: A}\n")
    assert problems == [
        f"{deck_path}:1:1: error: the deck has no 'title'; add one, such as title: {{fr: …, en: …}}"
    ]
    assert deck is not None
    assert deck.title == LocalizedText((("*", "deck"),))
    assert ids(deck) == ["a"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "title: T\n",
            "1:1",
            "the deck has no 'slides' list; add 'slides:' with one '- ' item per slide",
        ),
        ("title: T\nslides: []\n", "2:9", "the slides list is empty; add at least one slide"),
        ("title: T\nslides: a.png\n", "2:9", "slides must be a list, each item starting with '- '"),
        ("- a.png\n- b.png\n", "1:1", "the deck must be a set of 'key: value' lines"),
        ("just a sentence\n", "1:1", "the deck must be a set of 'key: value' lines"),
    ],
)
def test_a_deck_with_nothing_to_play(
    exhibition, deck_path, text: str, where: str, message: str
) -> None:
    deck, problems = load(exhibition, text)
    assert problems == [f"{deck_path}:{where}: error: {message}"]
    assert deck is None


def test_a_deck_whose_every_slide_is_bad_is_left_out(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: nope.png, caption: A}\n")
    assert problems == [
        f"{deck_path}:3:13: error: image 'nope.png' not found in media/; "
        "media/ holds: a.png, b.png, c.png"
    ]
    assert deck is None


def test_at_most_max_slides_are_read(exhibition, deck_path) -> None:
    lines = [f"  - {{id: s{i}, image: a.png, caption: A}}" for i in range(MAX_SLIDES + 2)]
    deck, problems = load(exhibition, "title: T\nslides:\n" + "\n".join(lines) + "\n")
    assert problems == [f"{deck_path}:{MAX_SLIDES + 3}:5: error: a deck holds at most 1000 slides"]
    assert len(deck.slides) == MAX_SLIDES


# Problems with the whole file


def test_tab_indentation(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - image: a.png\n  \tcaption: A\n  - {image: b.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:4:3: error: a tab character; YAML indents with spaces only, "
        "so replace it with spaces"
    ]
    assert deck is None


def test_a_tab_inside_quotes_or_a_comment_is_not_indentation(exhibition) -> None:
    deck, problems = load(
        exhibition, 'title: T # a\tcomment\nslides:\n  - image: a.png\n    caption: "x\ty"\n'
    )
    assert problems == []
    assert deck.slides[0].caption.get("fr") == "x\ty"


def test_an_unclosed_quote_is_reported_where_it_opens(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: "Le pont
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f'{deck_path}:4:14: error: a double quote (") opens a text here and is never closed; '
        'add the closing " at the end of the text'
    ]
    assert deck is None


def test_an_unclosed_bracket_is_reported_where_it_opens(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: a.png, caption: A\n")
    assert problems == [
        f"{deck_path}:3:5: error: the '{{' opened here is never closed; add the closing '}}' "
        "at the end of its text"
    ]
    assert deck is None


def test_a_syntax_error_is_reported_at_the_offending_character(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - image: a.png\n    caption: A: B\n")
    assert problems == [
        f"{deck_path}:4:15: error: a colon followed by a space inside an unquoted text; "
        "put the whole text in double quotes"
    ]
    assert deck is None


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_deck(exhibition, deck_path, text: str) -> None:
    deck, problems = load(exhibition, text)
    assert problems == [f"{deck_path}:1:1: error: the deck is empty; it needs a title and slides"]
    assert deck is None


def test_a_missing_deck_file(exhibition) -> None:
    path = exhibition.root / "slides" / "nope.yaml"
    result = load_deck(path, exhibition.config())
    assert [str(p) for p in result.problems] == [
        f"{path}:1:1: error: file not found; check the name and the folder"
    ]
    assert result.deck is None


def test_binary_garbage_is_reported_not_raised(exhibition) -> None:
    path = exhibition.root / "slides" / "garbage.yaml"
    path.parent.mkdir()
    path.write_bytes(bytes(range(256)) * 4)
    result = load_deck(path, exhibition.config())
    # The first byte that is not UTF-8 (0x80) comes after one newline (0x0a).
    assert [str(p) for p in result.problems] == [
        f"{path}:2:1: error: the file is not UTF-8 text; save it as UTF-8"
    ]
    assert result.deck is None


def test_a_control_character_is_reported_at_its_place(exhibition) -> None:
    path = exhibition.root / "slides" / "control.yaml"
    path.parent.mkdir()
    path.write_bytes(b"title: T\nslides: \x00\x01\n")
    result = load_deck(path, exhibition.config())
    assert [str(p) for p in result.problems] == [
        f"{path}:2:9: error: an invisible control character (#x0000); delete it, "
        "or retype this part of the text"
    ]
    assert result.deck is None


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_file_of_aliases_costs_nothing(exhibition, deck_path) -> None:
    text = BILLION_LAUGHS + "title: *i\nslides: *i\n"
    began = time.monotonic()
    deck, problems = load(exhibition, text)
    assert time.monotonic() - began < 5
    assert deck is None
    unknown = "in the deck; allowed keys: defaults, plays, pronunciations, slides, title"
    assert problems == [
        *(
            f"{deck_path}:{n}:1: error: unknown key '{k}' {unknown}"
            for n, k in enumerate("abcdefghi", 1)
        ),
        f"{deck_path}:9:4: error: the deck title must be a set of 'key: value' lines",
        *[f"{deck_path}:8:4: error: a slide must be a set of 'key: value' lines"] * 9,
    ]


def test_an_alias_to_itself_does_not_loop(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: &t [*t]\nslides: &s [*s]\n")
    assert problems == [
        f"{deck_path}:1:8: error: the deck title must be a set of 'key: value' lines",
        f"{deck_path}:2:9: error: a slide must be a set of 'key: value' lines",
    ]
    assert deck is None


# Tags that would run code: an error, and never run


def mkdir_payload(target: Path) -> dict[str, str]:
    """Decks that would each create `target` if a loader honoured their tags."""
    apply = f"!!python/object/apply:os.mkdir ['{target}']"
    return {
        "deck": f"{apply}\n",
        "title": f"title: {apply}\nslides:\n  - {{image: a.png, caption: A}}\n",
        "caption": f"title: T\nslides:\n  - image: a.png\n    caption: {apply}\n",
        "mapping": (
            f"title: T\nslides:\n  - image: a.png\n    caption: !!python/object/new:os.mkdir "
            f"{{args: ['{target}'], fr: x}}\n"
        ),
        "slides": f"title: T\nslides: !!python/object/apply:os.mkdir\n  - '{target}'\n",
        "scalar": "title: T\nslides:\n  - image: a.png\n    caption: !!python/name:os.mkdir ''\n",
    }


APPLY = "!!python/object/apply:os.mkdir"
NO_TAGS = "remove it, kiosk files use no tags"


def test_the_payloads_are_live_under_an_unsafe_loader(tmp_path: Path) -> None:
    """So that the test below would notice a loader that runs them."""
    target = tmp_path / "ran"
    yaml.unsafe_load(mkdir_payload(target)["caption"])
    assert target.is_dir()


@pytest.mark.parametrize(
    ("case", "where", "message", "playing"),
    [
        ("deck", "1:1", f"the deck has the tag '{APPLY}'; {NO_TAGS}", None),
        ("title", "1:8", f"the deck title has the tag '{APPLY}'; {NO_TAGS}", ["a"]),
        ("caption", "4:14", f"the caption has the tag '{APPLY}'; {NO_TAGS}", None),
        (
            "mapping",
            "4:14",
            f"the caption has the tag '!!python/object/new:os.mkdir'; {NO_TAGS}",
            None,
        ),
        ("slides", "2:9", f"slides has the tag '{APPLY}'; {NO_TAGS}", None),
        ("scalar", "4:14", f"the caption has the tag '!!python/name:os.mkdir'; {NO_TAGS}", None),
    ],
)
def test_a_python_tag_is_an_error_and_never_runs(
    exhibition, deck_path, case: str, where: str, message: str, playing: list[str] | None
) -> None:
    target = exhibition.root / "ran"
    deck, problems = load(exhibition, mkdir_payload(target)[case])
    assert not target.exists()
    assert problems == [f"{deck_path}:{where}: error: {message}"]
    assert (ids(deck) if deck is not None else None) == playing


def test_a_python_tag_on_the_whole_deck(exhibition, deck_path) -> None:
    target = exhibition.root / "ran"
    deck, problems = load(
        exhibition,
        f"!!python/object:os.mkdir\ntitle: T\nslides:\n  - {{image: a.png, caption: '{target}'}}\n",
    )
    assert not target.exists()
    assert problems == [
        f"{deck_path}:1:1: error: the deck has the tag '!!python/object:os.mkdir'; {NO_TAGS}"
    ]
    assert deck is None


# Whatever the bytes, loading reports and never raises


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_load_without_raising(exhibition, data: bytes) -> None:
    path = exhibition.root / "slides" / "any.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    result = load_deck(path, exhibition.config())
    assert result.deck is not None or has_errors(result.problems)
    for problem in result.problems:
        assert problem.where.file == str(path)
        assert problem.where.line >= 1
        assert problem.where.column >= 1


YAMLISH = st.lists(
    st.sampled_from(
        [
            "title: T",
            "slides:",
            "  - image: a.png",
            "    caption: A",
            "  - {image: b.png}",
            "    caption: {fr: x, de: y}",
            "    duration: dix",
            "  - &x {image: c.png, caption: C}",
            "  - *x",
            "defaults: {duration: 3}",
            "    id: a",
            "\t",
            '"',
            "[",
            "{",
            ": :",
            "- -",
            "!!python/object:os.system",
            "  ",
            "---",
            "...",
            "? k",
            "&a [*a]",
            "    duration: !!int twelve",
            "    caption: !!bool maybe",
            "title: !!timestamp x",
            "    caption: !!float ''",
            "  - !!binary ~~",
            "    id: !!str 7",
        ]
    ),
    max_size=12,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=YAMLISH)
def test_any_mix_of_deck_lines_loads_without_raising(exhibition, lines: list[str]) -> None:
    path = exhibition.root / "slides" / "mix.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_deck(path, exhibition.config())
    if result.deck is not None:
        assert result.deck.slides
        assert len({slide.id for slide in result.deck.slides}) == len(result.deck.slides)
        for slide in result.deck.slides:
            assert slide.image.is_file()


# Narration: text or recording per language, and pronunciations per deck


def test_narration_texts_and_recordings_are_read(exhibition) -> None:
    (exhibition.media / "voice").mkdir()
    (exhibition.media / "voice" / "pont.OGG").write_bytes(b"OggS")
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: {fr: Le pont, en: The bridge}
            narration:
              fr: {text: "Le pont de Livron, en 1944"}
              en: {audio: voice\\pont.OGG}
          - image: b.png
            caption: B
        """,
    )
    assert problems == []
    a, b = deck.slides
    assert a.narration == (
        ("fr", NarrationOverride(text="Le pont de Livron, en 1944")),
        ("en", NarrationOverride(audio=exhibition.media / "voice" / "pont.OGG")),
    )
    assert a.narration_in("en").audio == exhibition.media / "voice" / "pont.OGG"
    assert a.narration_in("de") is None
    assert b.narration == ()


@pytest.mark.parametrize(
    ("narration", "where", "says"),
    [
        ("{fr: {text: Bonjour, audio: a.wav}}", "5:21", "either 'text' or 'audio'"),
        ("{fr: {}}", "5:21", "either 'text' or 'audio'"),
        ("{fr: {text: }}", "5:27", "the 'fr' narration text is empty"),
        ("{fr: Bonjour}", "5:21", "the 'fr' narration must be a set of 'key: value' lines"),
        ("Bonjour", "5:16", "the narration must be a set of 'key: value' lines"),
        ("{de: {text: Hallo}}", "5:17", "'de'"),
        ("{fr: {audio: voice/none.ogg}}", "5:29", "the recording 'voice/none.ogg' not found"),
        ("{fr: {audio: ../outside.ogg}}", "5:29", "must be a path inside media/"),
        ("{fr: {audio: notes.txt}}", "5:29", "must be a sound file (.flac, .mp3, .ogg, .wav)"),
        ("{fr: {audio: c.png}}", "5:29", "must be a sound file (.flac, .mp3, .ogg, .wav)"),
    ],
)
def test_a_bad_narration_is_reported_at_its_place_and_leaves_out_its_slide(
    exhibition, deck_path, narration: str, where: str, says: str
) -> None:
    (exhibition.media / "notes.txt").write_text("not a sound", encoding="utf-8")
    (exhibition.root / "outside.ogg").write_bytes(b"OggS")
    deck, problems = load(
        exhibition,
        "title: Test\nslides:\n  - image: a.png\n    caption: A\n"
        f"    narration: {narration}\n  - image: b.png\n    caption: B\n",
    )
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{deck_path}:{where}: error: "), problems
    assert says in problems[0]
    assert ids(deck) == ["b"]


def test_an_unknown_narration_key_is_reported_once(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: Test\nslides:\n  - image: a.png\n    caption: A\n"
        "    narration: {fr: {voice: roa/fr, text: Bonjour}}\n",
    )
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{deck_path}:5:22: error: unknown key 'voice'"), problems
    assert deck is None


def test_pronunciations_are_read_per_language(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        pronunciations:
          en:
            Livron: Lee-vron
            1944: nineteen forty-four
          fr: {"C.G.T.": cé gé té}
        slides:
          - image: a.png
            caption: A
        """,
    )
    assert problems == []
    assert deck.pronunciations_in("en") == (
        ("Livron", "Lee-vron"),
        ("1944", "nineteen forty-four"),
    )
    assert deck.pronunciations_in("fr") == (("C.G.T.", "cé gé té"),)
    assert deck.pronunciations_in("de") == ()


@pytest.mark.parametrize(
    ("pronunciations", "where", "says"),
    [
        ("{de: {Hallo: Halo}}", "2:18", "'de'"),
        ("[Livron]", "2:17", "pronunciations must be a set of 'key: value' lines"),
        ("{en: [Livron]}", "2:22", "the 'en' pronunciations must be a set of 'written: spoken'"),
        ("{en: {Livron: }}", "2:30", "how to say 'Livron' in the 'en' pronunciations is empty"),
    ],
)
def test_bad_pronunciations_are_reported_and_the_slides_still_play(
    exhibition, deck_path, pronunciations: str, where: str, says: str
) -> None:
    deck, problems = load(
        exhibition,
        f"title: Test\npronunciations: {pronunciations}\nslides:\n  - image: a.png\n"
        "    caption: A\n",
    )
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{deck_path}:{where}: error: "), problems
    assert says in problems[0]
    assert ids(deck) == ["a"]
    assert deck.pronunciations == ()


# Hints: what the curator probably meant


@pytest.mark.parametrize(
    ("slide", "where", "message"),
    [
        (
            "  - image: a.png\n    captoin: A\n",
            "4:5",
            "unknown key 'captoin' in a slide; did you mean 'caption'?",
        ),
        (
            "  - image: a.png\n    caption: {fre: A, en: B}\n",
            "4:15",
            "'fre' is not one of the kiosk's languages (fr, en); did you mean 'fr'?",
        ),
        (
            "  - image: a.png\n    caption: {FR: A, en: B}\n",
            "4:15",
            "'FR' is not one of the kiosk's languages (fr, en); did you mean 'fr'?",
        ),
        (
            "  - caption:\n      fr: A\n      image: a.png\n",
            "5:7",
            "'image' is indented as part of the caption; to make it a key of its own, "
            "line it up with the keys above",
        ),
        (
            "  - {image: a.png, caption: A, duration: 10s}\n",
            "3:42",
            "duration must be a number of seconds, got '10s'; write only the number: 10",
        ),
        (
            "  - {image: a.png, caption: A, duration: '7,5'}\n",
            "3:42",
            "duration must be a number of seconds, got '7,5'; write decimals with a point: 7.5",
        ),
        (
            '  - {image: a.png, caption: A, duration: "12"}\n',
            "3:42",
            "duration must be a number of seconds, got '12'; remove the quotes",
        ),
        (
            "  - {image: a.png, caption: A, transition: Crossfade}\n",
            "3:44",
            "transition must be crossfade or cut, got 'Crossfade'; did you mean 'crossfade'?",
        ),
        (
            "  - {image: town/1.PNG, caption: A}\n",
            "3:13",
            "image 'town/1.PNG' not found in media/; did you mean 'town/1.png'? "
            "Capitals count: write the name exactly",
        ),
        (
            "  - {image: twon/1.png, caption: A}\n",
            "3:13",
            "image 'twon/1.png' not found in media/; did you mean 'town/1.png'?",
        ),
        (
            "  - {image: 'C:\\photos\\a.png', caption: A}\n",
            "3:13",
            "image 'C:\\photos\\a.png' must be a path inside media/, like town/1.jpg",
        ),
        (
            '  - {image: "a\\0.png", caption: A}\n',
            "3:13",
            "image 'a\\x00.png' holds a character no file name can have",
        ),
        (
            "  - {image: twon/tower.png, caption: A}\n",
            "3:13",
            "image 'twon/tower.png' not found in media/; there is no folder 'twon'; "
            "did you mean 'town'?",
        ),
        (
            "  - {image: a.png, caption: A, narration: {en: {audio: a.ogg}}}\n",
            "3:56",
            "the recording 'a.ogg' not found in media/; check the spelling and the folder",
        ),
    ],
)
def test_a_mistake_comes_with_a_hint(exhibition, deck_path, slide, where, message) -> None:
    _, problems = load(exhibition, "title: T\nslides:\n" + slide)
    assert f"{deck_path}:{where}: error: {message}" in problems


def test_a_recording_name_is_matched_among_the_sound_files_only(exhibition, deck_path) -> None:
    (exhibition.media / "audio").mkdir()
    (exhibition.media / "audio" / "intro.ogg").write_bytes(b"OggS")
    (exhibition.media / "audio" / "intro.jpg").write_bytes(b"x")
    _, problems = load(
        exhibition,
        "title: T\nslides:\n  - image: a.png\n    caption: A\n"
        "    narration: {en: {audio: audio/intro.mp3}}\n",
    )
    assert problems == [
        f"{deck_path}:5:29: error: the recording 'audio/intro.mp3' not found in media/; "
        "did you mean 'audio/intro.ogg'?"
    ]


def test_a_media_folder_that_is_not_there(exhibition, deck_path) -> None:
    config = exhibition.config(media_dir=Path("photos"))
    _, problems = load(exhibition, "title: T\nslides:\n  - {image: a.png, caption: A}\n", config)
    assert problems == [
        f"{deck_path}:3:13: error: image 'a.png' not found in photos/; there is no folder "
        "photos/ (see media_dir in config/kiosk.yaml)"
    ]


def test_the_missing_caption_is_reported_at_the_slides_first_key(exhibition, deck_path) -> None:
    _, problems = load(
        exhibition,
        "title: T\nslides:\n  - {id: x, image: a.png}\n  -   image: b.png\n",
    )
    assert problems == [
        f"{deck_path}:3:6: error: this slide has no 'caption'; add one, such as caption: \"…\"",
        f"{deck_path}:4:7: error: this slide has no 'caption'; add one, such as caption: \"…\"",
    ]


def test_a_key_without_its_space_reads_as_one_text(exhibition, deck_path) -> None:
    _, problems = load(exhibition, "title:Le pont\n")
    assert problems == [
        f"{deck_path}:1:1: error: the deck must be a set of 'key: value' lines; "
        "put a space after the colon: 'title: L…'"
    ]


def test_a_caption_in_another_language_than_the_default_shows_that_one(
    exhibition, deck_path
) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: a.png, caption: {en: A}}\n")
    assert problems == [f"{deck_path}:3:29: warning: the caption has no 'fr' text; 'en' shows"]
    assert ids(deck) == ["a"]


# Links and names that lead nowhere


def test_a_linked_folder_leading_outside_media_is_refused(exhibition, deck_path) -> None:
    outside = exhibition.root / "elsewhere"
    outside.mkdir()
    (outside / "p.png").write_bytes(b"x")
    os.symlink(outside, exhibition.media / "linked")
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n"
        "  - {image: linked/p.png, caption: A}\n"
        "  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:13: error: image 'linked/p.png' is a link to a file outside media/; "
        "copy the file itself into media/"
    ]
    assert ids(deck) == ["a"]


def test_a_link_inside_media_is_fine(exhibition) -> None:
    os.symlink(exhibition.media / "a.png", exhibition.media / "same.png")
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: same.png, caption: A}\n")
    assert problems == []
    assert ids(deck) == ["same"]


def test_a_link_in_a_circle_is_reported(exhibition, deck_path) -> None:
    os.symlink(exhibition.media / "loop2.png", exhibition.media / "loop1.png")
    os.symlink(exhibition.media / "loop1.png", exhibition.media / "loop2.png")
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: loop1.png, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:13: error: image 'loop1.png' is a link that leads in a circle; replace it"
    ]
    assert ids(deck) == ["a"]


# Where each caption is, for the messages about it


def test_each_caption_text_keeps_its_place(exhibition) -> None:
    path = exhibition.deck(
        """\
        title: T
        slides:
          - image: a.png
            caption: "Une légende"
          - id: two
            image: b.png
            caption:
              fr: "Deux"
              en: "Two"
          - image: nope.png
            caption: "Left out"
        """
    )
    result = load_deck(path, exhibition.config())
    deck = result.deck
    assert [(s.id, s.caption_where) for s in deck.slides] == [
        ("a", Mark(str(path), 4, 14)),
        ("two", Mark(str(path), 8, 11)),
    ]
    assert result.caption_marks == (
        ("a", "*", Mark(str(path), 4, 14)),
        ("two", "fr", Mark(str(path), 8, 11)),
        ("two", "en", Mark(str(path), 9, 11)),
    )


# Advice for `kiosk validate`: the photos themselves, and long narration


def advised(exhibition, text: str) -> list[str]:
    path = exhibition.deck(text)
    plain = load_deck(path, exhibition.config())
    result = load_deck(path, exhibition.config(), advise=True, photo_size=read_photo_size)
    assert [p for p in result.problems if p not in plain.problems] == [
        p for p in result.problems if not p.is_error and p not in plain.problems
    ], "advice is only ever a warning"
    return [f"{p.where.line}:{p.where.column}: {p.message}" for p in result.problems]


def test_a_photo_much_smaller_than_the_screen_is_a_warning(exhibition) -> None:
    exhibition.photo("small.png", 959, 539)
    exhibition.photo("wide.png", 960, 100)
    exhibition.photo("tall.png", 100, 540)
    exhibition.photo("portrait.png", 300, 500)
    warnings = advised(
        exhibition,
        "title: T\nslides:\n"
        "  - {image: small.png, caption: A}\n"
        "  - {image: wide.png, caption: B}\n"
        "  - {image: tall.png, caption: C}\n"
        "  - {image: portrait.png, caption: D}\n",
    )
    assert warnings == [
        "3:13: the photo is 959x539, much smaller than the 1920x1080 screen; it will look soft "
        "— use a scan at least 1920 pixels wide",
        "6:13: the photo is 300x500, much smaller than the 1920x1080 screen; it will look soft "
        "— use a scan at least 1080 pixels tall",
    ]


def test_the_size_of_a_photo_is_taken_upright(exhibition) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°: stored 500 wide and 900 tall, shown 900 wide
    path = exhibition.media / "turned.jpg"
    Image.new("RGB", (500, 900)).save(path, exif=exif)
    Image.new("RGB", (500, 900)).save(exhibition.media / "upright.jpg")
    warnings = advised(
        exhibition,
        "title: T\nslides:\n"
        "  - {image: turned.jpg, caption: A}\n"
        "  - {image: upright.jpg, caption: B}\n",
    )
    assert warnings == [
        "3:13: the photo is 900x500, much smaller than the 1920x1080 screen; it will look soft "
        "— use a scan at least 1920 pixels wide"
    ]


def test_the_screen_size_comes_from_the_config(exhibition) -> None:
    exhibition.photo("small.png", 700, 400)
    path = exhibition.deck("title: T\nslides:\n  - {image: small.png, caption: A}\n")
    config = exhibition.config(window_size=(1280, 720))
    assert load_deck(path, config, advise=True, photo_size=read_photo_size).problems == ()


def test_a_file_that_is_not_a_photo_is_a_warning(exhibition) -> None:
    (exhibition.media / "notes.jpg").write_bytes(b"a text saved as .jpg\n")
    (exhibition.media / "empty.png").write_bytes(b"")
    warnings = advised(
        exhibition,
        "title: T\nslides:\n"
        "  - {image: notes.jpg, caption: A}\n"
        "  - {image: empty.png, caption: B}\n",
    )
    unreadable = (
        "the photo cannot be read as an image; save it again as JPEG or PNG "
        "(until then the slide shows without it)"
    )
    assert warnings == [f"3:13: {unreadable}", f"4:13: {unreadable}"]


def test_a_narration_much_longer_than_its_caption_is_a_warning(exhibition) -> None:
    long = "mot " * 101  # 404 characters
    exhibition.photo("big.png", 1920, 1080)
    warnings = advised(
        exhibition,
        f"""\
        title: T
        slides:
          - image: big.png
            caption: {{fr: "Le pont.", en: "{long}"}}
            narration:
              fr: {{text: "{long}"}}
              en: {{text: "{long}"}}
          - id: short
            image: big.png
            caption: "Court."
            narration: {{fr: {{text: "{long[:399]}"}}}}
        """,
    )
    assert warnings == [
        "6:18: the 'fr' narration text is 404 characters long, over 3 times the caption "
        "(8 characters); the slide stays on screen until it has been spoken, so visitors "
        "wait: shorten it"
    ]


def test_without_advice_the_photos_are_not_opened(exhibition, monkeypatch) -> None:
    exhibition.photo("small.png", 20, 10)
    path = exhibition.deck("title: T\nslides:\n  - {image: small.png, caption: A}\n")

    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise OSError("opened a photo")

    monkeypatch.setattr("kiosk.screen.photo_files.Image.open", refuse)
    assert load_deck(path, exhibition.config(), photo_size=read_photo_size).problems == ()
    assert opened == []
    load_deck(path, exhibition.config(), advise=True, photo_size=read_photo_size)
    assert len(opened) == 1
