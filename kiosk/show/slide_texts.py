"""What a slide's panel says in one language: caption, deck title, position, credit line.

Pure, so the screen (kiosk.screen.slide_frame) draws and the validator
(kiosk.content.caption_fit) measures the very same texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.show import theme
from kiosk.show.deck import Deck, Slide
from kiosk.show.typography import shown_text


@dataclass(frozen=True)
class CaptionView:
    """What a slide's panel says in one language."""

    text: str
    translated: bool
    title: str
    position: str
    credit: str | None


def caption_view(deck: Deck, slide: Slide, lang: str, default_language: str) -> CaptionView:
    """The panel's texts as set on screen (French non-breaking spaces added), never as
    spoken: narration reads the curator's own text."""
    text, translated = shown_text(slide.caption, lang, default_language)
    panel = slide.panel  # a timeline's or a map's step is headed by the panel's own title
    title, _ = shown_text(panel.title if panel else deck.title, lang, default_language)
    credit = shown_text(slide.credit, lang, default_language)[0] if slide.credit else None
    index = deck.slides.index(slide) + 1
    return CaptionView(text, translated, title, f"{index} / {len(deck.slides)}", credit)


def credit_line(view: CaptionView, lang: str) -> str | None:
    """The line under the caption: that the text is not translated, then the credit."""
    parts = [] if view.translated else [theme.ui_text(lang, "not_translated")]
    if view.credit:
        parts.append(view.credit)
    return " · ".join(parts) or None
