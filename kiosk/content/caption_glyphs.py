"""Whether each caption can be drawn: a character no installed font has shows as an empty box.

Which fonts are installed is the screen's business; the caller gives a `GlyphCheck` (the real
fonts for `kiosk validate` and `kiosk preview`, a stand-in in tests), as the caption fit check is
given a text measure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, warning
from kiosk.show.deck import Slide

GlyphCheck = Callable[[str], str]
"""The characters of a text that no installed font can draw, each once."""

NAMED_AT_MOST = 5


def undrawable_warnings(exhibition: Exhibition, missing: GlyphCheck) -> list[Problem]:
    """A warning for each caption text holding characters no installed font can draw, at
    that text in its deck."""
    places = {
        (path, slide_id, lang): mark for path, slide_id, lang, mark in exhibition.caption_marks
    }
    problems = []
    for deck in exhibition.decks:
        for slide in deck.slides:
            for lang, text in slide.caption.texts:
                absent = missing(text)
                if absent:
                    where = (
                        places.get((deck.path, slide.id, lang))
                        or slide.caption_where
                        or slide.where
                    )
                    problems.append(warning(where, _message(slide, lang, absent)))
    return problems


def _message(slide: Slide, lang: str, absent: str) -> str:
    caption = "caption" if lang == "*" else f"'{lang}' caption"
    named = ", ".join(describe(char) for char in absent[:NAMED_AT_MOST])
    if len(absent) > NAMED_AT_MOST:
        named += f" and {len(absent) - NAMED_AT_MOST} more"
    private = all(unicodedata.category(char) in ("Co", "Cn") for char in absent)
    advice = (
        "replace them with the characters they stand for"
        if private
        else "install a font that has them (install.sh installs Debian's Noto fonts, for most "
        "scripts and emoji) or write them otherwise"
    )
    return (
        f"slide '{slide.id}': the {caption} has characters no installed font can draw, which "
        f"show as empty boxes: {named}; {advice}"
    )


def describe(char: str) -> str:
    """`char` as a curator can look it up: its code point, and its name or kind."""
    code = f"U+{ord(char):04X}"
    category = unicodedata.category(char)
    if category == "Co":
        return f"{code} (private use: only a special font has it)"
    if category == "Cn":
        return f"{code} (unassigned, or newer than this kiosk knows)"
    return f"{code} {unicodedata.name(char, '')}".rstrip()
