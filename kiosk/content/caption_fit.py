"""Whether each caption fits its panel: the one check on an exhibition that needs the layout.

Loading (kiosk.content.exhibition) reads the curators' files; this asks the screen geometry of
kiosk.show.layout, with a text measure given by the caller (the real fonts for `kiosk
validate` and `kiosk preview`, a stand-in in tests), whether a caption would still fit at the
smallest readable size, set as the screen sets it (kiosk.show.typography).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, warning
from kiosk.show.deck import Deck, Mark, Slide
from kiosk.show.layout import TextMeasure, controls, layout_slide
from kiosk.show.typography import shown_text


@dataclass(frozen=True)
class TooLong:
    """A caption that does not fit: its deck, its slide, the language, where its text is."""

    deck: Deck
    slide: Slide
    lang: str
    where: Mark


def captions_too_long(exhibition: Exhibition, measure: TextMeasure) -> list[TooLong]:
    """Each caption that does not fit the usual panel even at the smallest readable size, on
    a screen of the configured window size (it would push the photo up): once per distinct
    text, in the first language that shows it."""
    config = exhibition.config
    width, height = config.window_size
    buttons = controls(width, height, config.languages)
    measure = _measurable(measure)
    places = {
        (path, slide_id, lang): mark for path, slide_id, lang, mark in exhibition.caption_marks
    }
    found = []
    for deck in exhibition.decks:
        for slide in deck.slides:
            checked: set[str] = set()
            for lang in config.languages:
                text, _ = slide.caption.in_language(lang, config.default_language)
                if text in checked:
                    continue
                checked.add(text)
                shown, _ = shown_text(slide.caption, lang, config.default_language)
                block = layout_slide(width, height, shown, True, buttons, measure).caption
                if not block.fits:
                    written = next(code for code, words in slide.caption.texts if words == text)
                    where = (
                        places.get((deck.path, slide.id, written))
                        or slide.caption_where
                        or slide.where
                    )
                    found.append(TooLong(deck, slide, lang, where))
    return found


def _measurable(measure: TextMeasure) -> TextMeasure:
    """`measure`, given text a font can take: a lone surrogate (which a deck can spell as
    "\\ud800") has no UTF-8 form, and the font's own code would raise on it."""

    def safe(text: str, size: int) -> int:
        shown = "".join("\ufffd" if unicodedata.category(c) == "Cs" else c for c in text)
        try:
            return measure(shown, size)
        except (ValueError, UnicodeError, RuntimeError):
            return len(shown) * size  # wider than any real glyph: reported as too long

    return safe


def caption_fit_warnings(exhibition: Exhibition, measure: TextMeasure) -> list[Problem]:
    """A warning for each caption in `captions_too_long`, at that caption's own text."""
    width, height = exhibition.config.window_size
    return [
        warning(
            long.where,
            f"slide '{long.slide.id}': the '{long.lang}' caption is too long to fit at the "
            f"smallest readable size on a {width}x{height} screen; shorten it or split it "
            "over two slides",
        )
        for long in captions_too_long(exhibition, measure)
    ]
