"""One slide in one language, composed into a screen-sized frame: photo, caption, title,
position in the deck and credit line.

The renderer keeps a few such frames and only blits them (kiosk.screen.renderer); `kiosk
preview` composes through the same code, so a preview shows exactly what the screen will.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoFailure
from kiosk.show import theme
from kiosk.show.deck import Deck, Slide
from kiosk.show.layout import (
    Button,
    Rect,
    SlideLayout,
    TypeSizes,
    fit_image_to_screen,
    layout_slide,
)
from kiosk.show.typography import shown_text


@dataclass(frozen=True)
class FrameKey:
    deck: Deck
    slide: Slide
    lang: str


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
    title, _ = shown_text(deck.title, lang, default_language)
    credit = shown_text(slide.credit, lang, default_language)[0] if slide.credit else None
    index = deck.slides.index(slide) + 1
    return CaptionView(text, translated, title, f"{index} / {len(deck.slides)}", credit)


class SlideComposer:
    """Composes frames the size and pixel format of `screen`, with the renderer's fonts,
    type sizes and buttons (the caption keeps clear of them)."""

    def __init__(
        self,
        screen: pygame.Surface,
        fonts: Fonts,
        sizes: TypeSizes,
        buttons: tuple[Button, ...],
        default_language: str,
    ) -> None:
        self.screen = screen
        self.fonts = fonts
        self.sizes = sizes
        self.buttons = buttons
        self.default_language = default_language
        self.width, self.height = screen.get_size()

    def compose(self, key: FrameKey, photo: pygame.Surface | PhotoFailure) -> pygame.Surface:
        """The frame for `key` with `photo`, or a quiet fill and a small notice in its place
        when it failed."""
        view = caption_view(key.deck, key.slide, key.lang, self.default_language)
        credit_line = _credit_line(view, key.lang)
        layout = layout_slide(
            self.width,
            self.height,
            view.text,
            credit_line is not None,
            self.buttons,
            self.fonts.measure,
        )
        frame = pygame.Surface((self.width, self.height), 0, self.screen)  # no copy to convert
        frame.fill(theme.BACKGROUND)
        self._photo(frame, layout.photo_area, photo, key.lang)
        self._panel(frame, layout, view, credit_line)
        return frame

    def _photo(
        self,
        frame: pygame.Surface,
        area: Rect,
        photo: pygame.Surface | PhotoFailure,
        lang: str,
    ) -> None:
        if isinstance(photo, PhotoFailure):
            # Discreet: a visitor who stepped onto this slide still reads its caption.
            frame.fill(theme.MISSING_PHOTO_FILL, (area.x, area.y, area.w, area.h))
            notice = self.fonts.render(
                theme.ui_text(lang, "photo_unavailable"), self.sizes.credit, theme.MISSING_PHOTO
            )
            frame.blit(notice, notice.get_rect(center=(area.x + area.w // 2, area.y + area.h // 2)))
            return
        place = fit_image_to_screen(*photo.get_size(), area)
        if (place.w, place.h) != photo.get_size():
            photo = pygame.transform.smoothscale(photo, (place.w, place.h))
        frame.blit(photo, (place.x, place.y))

    def _panel(
        self,
        frame: pygame.Surface,
        layout: SlideLayout,
        view: CaptionView,
        credit_line: str | None,
    ) -> None:
        panel = layout.panel
        frame.fill(theme.PANEL, (panel.x, panel.y, panel.w, panel.h))
        header = layout.header
        position = self.fonts.render(view.position, self.sizes.title, theme.SECONDARY)
        frame.blit(position, (header.right - position.get_width(), header.y))
        title_room = header.w - position.get_width() - self.sizes.title
        title = self.fonts.render(view.title, self.sizes.title, theme.TITLE)
        frame.blit(title, (header.x, header.y), (0, 0, title_room, title.get_height()))
        block, box = layout.caption, layout.caption_box
        rtl = self.fonts.is_rtl(view.text)  # Arabic, Hebrew...: every line from the right
        for index, line in enumerate(block.lines):
            rendered = self.fonts.render(line, block.size, theme.CAPTION, rtl=rtl)
            x = box.right - rendered.get_width() if rtl else box.x
            frame.blit(rendered, (x, box.y + index * block.line_height))
        if credit_line is not None:
            credit = self.fonts.render(credit_line, self.sizes.credit, theme.SECONDARY)
            box = layout.credit_box
            frame.blit(credit, (box.x, box.y), (0, 0, box.w, credit.get_height()))


def _credit_line(view: CaptionView, lang: str) -> str | None:
    parts = [] if view.translated else [theme.ui_text(lang, "not_translated")]
    if view.credit:
        parts.append(view.credit)
    return " · ".join(parts) or None
