"""Whether each caption fits its panel: the one check on an exhibition that needs the layout.

Loading (kiosk.content.exhibition) reads the curators' files; this asks the screen geometry of
kiosk.show.layout, with a text measure given by the caller (the real fonts for `kiosk
validate` and `kiosk preview`, a stand-in in tests), whether a caption would still fit at the
smallest size readable from where visitors stand, on the configured screen, set as the screen
sets it (kiosk.show.typography), and if not, how much of it would.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.content.config import Config
from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, warning
from kiosk.show.deck import Deck, Mark, Slide
from kiosk.show.layout import Button, TextMeasure, TypeSizes, controls, layout_slide
from kiosk.show.slide_texts import caption_view, credit_line
from kiosk.show.typography import shown_text


@dataclass(frozen=True)
class TooLong:
    """A caption that does not fit: its deck, its slide, the language, where its text is,
    and how many of its characters would fit."""

    deck: Deck
    slide: Slide
    lang: str
    where: Mark
    length: int = 0
    would_fit: int = 0


@dataclass(frozen=True)
class _Screen:
    """The screen a check is for: its size, buttons and measure."""

    config: Config
    buttons: tuple[Button, ...]
    measure: TextMeasure

    def fits(self, deck: Deck, slide: Slide, lang: str, text: str) -> bool:
        """Whether `text`, as set on screen, fits as the caption of `slide` in `lang`."""
        view = caption_view(deck, slide, lang, self.config.default_language)
        credit = credit_line(view, lang)
        width, height = self.config.window_size
        layout = layout_slide(
            width,
            height,
            text,
            credit is not None,
            self.buttons,
            self.measure,
            self.config.screen,
            title=view.title,
            position=view.position,
            credit=credit or "",
        )
        return layout.caption.fits


def captions_too_long(
    exhibition: Exhibition, measure: TextMeasure, label_measure: TextMeasure | None = None
) -> list[TooLong]:
    """Each caption that does not fit even at the smallest readable size, on a screen of the
    configured window size and physical size (it would push the photo up): once per
    distinct text, in the first language that shows it. `label_measure` measures the bold
    button labels (a generous guess without it)."""
    config = exhibition.config
    width, height = config.window_size
    buttons = controls(width, height, config.languages, config.screen, label_measure)
    screen = _Screen(config, buttons, _measurable(measure))
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
                if not screen.fits(deck, slide, lang, shown):
                    written = next(code for code, words in slide.caption.texts if words == text)
                    where = (
                        places.get((deck.path, slide.id, written))
                        or slide.caption_where
                        or slide.where
                    )
                    fit = _characters_that_fit(screen, deck, slide, lang, shown)
                    found.append(TooLong(deck, slide, lang, where, len(text), fit))
    return found


def _characters_that_fit(screen: _Screen, deck: Deck, slide: Slide, lang: str, text: str) -> int:
    """The length of the longest start of `text`, ending at a word, that still fits."""
    words = text.split(" ")
    low, high = 0, len(words) - 1  # `high` words never fit: the whole text does not
    while low < high:
        middle = (low + high + 1) // 2
        if screen.fits(deck, slide, lang, " ".join(words[:middle])):
            low = middle
        else:
            high = middle - 1
    return len(" ".join(words[:low]))


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


def caption_fit_warnings(
    exhibition: Exhibition, measure: TextMeasure, label_measure: TextMeasure | None = None
) -> list[Problem]:
    """A warning for each caption in `captions_too_long`, at that caption's own text."""
    config = exhibition.config
    width, height = config.window_size
    size = TypeSizes.for_screen(height, width, config.screen).caption_min
    return [
        warning(
            long.where,
            f"slide '{long.slide.id}': the '{long.lang}' caption is too long for a "
            f"{width}x{height} screen: at the smallest readable size ({size} px, for "
            f"{config.screen.describe()}) about {long.would_fit} of its {long.length} "
            "characters fit; shorten it or split it over two slides",
        )
        for long in captions_too_long(exhibition, measure, label_measure)
    ]
