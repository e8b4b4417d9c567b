"""One slide in one language, composed into a screen-sized frame: photo, caption, title,
position in the deck and credit line; larger, or in higher contrast, when the visitor chose so
(kiosk.show.choices), each a frame of its own.

The renderer keeps a few such frames and only blits them (kiosk.screen.renderer); `kiosk
preview` composes through the same code, so a preview shows exactly what the screen will.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.screen.caption_highlight import draw_caption, sentence_span
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoFailure
from kiosk.screen.panel_picture import Photo, draw_panel, draws_panel
from kiosk.show import theme
from kiosk.show.deck import Deck, Slide
from kiosk.show.layout import (
    LARGER_TEXT,
    Button,
    Rect,
    ScreenSpec,
    SlideLayout,
    TypeSizes,
    fit_image_to_screen,
    layout_slide,
    line_height,
)
from kiosk.show.panel_layout import PanelScreen, TapTargets
from kiosk.show.slide_texts import CaptionView, caption_view, credit_line

__all__ = ["CaptionView", "FrameKey", "SlideComposer", "caption_view"]


@dataclass(frozen=True)
class FrameKey:
    deck: Deck
    slide: Slide
    lang: str
    larger_text: bool = False
    high_contrast: bool = False
    spoken: int | None = None
    """The caption sentence the narration is saying (kiosk.show.sentences), drawn brighter."""


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
        spec: ScreenSpec | None = None,
    ) -> None:
        self.screen = screen
        self.spec = spec
        self.fonts = fonts
        self.sizes = sizes
        self.buttons = buttons
        self.default_language = default_language
        self.width, self.height = screen.get_size()
        self._base: tuple[FrameKey, pygame.Surface, SlideLayout] | None = None
        """A frame composed but for its photo, which is being decoded (`prepare_base`)."""

    def prepare_base(self, key: FrameKey) -> None:
        """While the photo of `key` decodes and the screen waits for it, compose the rest of
        its frame (the caption's layout and text, 8 ms here), so that only the photo is left
        to place when it comes."""
        if key.slide.panel is not None or (self._base is not None and self._base[0] == key):
            return
        layout, view = self._layout(key)
        palette = theme.palette(key.high_contrast)
        frame = pygame.Surface((self.width, self.height), 0, self.screen)
        frame.fill(palette.background)
        self._panel(frame, layout, view, palette)
        self._base = (key, frame, layout)

    def compose(self, key: FrameKey, photo: Photo) -> pygame.Surface:
        """The frame for `key` with `photo`, or a quiet fill and a small notice in its place
        when it failed."""
        return self.compose_with_targets(key, photo)[0]

    def compose_with_targets(
        self, key: FrameKey, photo: Photo
    ) -> tuple[pygame.Surface, TapTargets]:
        """The frame for `key`, and where a tap on it shows a step of its timeline or map
        (none for a photo slide). A step slide's photo area holds its panel's picture
        (kiosk.screen.panel_picture); `photo` is None for a timeline event without one."""
        base, self._base = self._base, None
        if base is not None and base[0] == key and photo is not None:
            self._photo(
                base[1], base[2].photo_area, photo, key.lang, theme.palette(key.high_contrast)
            )
            return base[1], ()
        layout, view = self._layout(key)
        palette = theme.palette(key.high_contrast)
        frame = pygame.Surface((self.width, self.height), 0, self.screen)  # no copy to convert
        frame.fill(palette.background)
        targets: TapTargets = ()
        if draws_panel(key.slide, photo):
            screen = PanelScreen.for_screen(
                self.width,
                self.height,
                layout.sizes or self.sizes,
                (self.fonts.measure, self.fonts.measure_bold),
                key.lang,
                self.default_language,
                self.spec,
            )
            targets = draw_panel(
                frame, self.fonts, layout.photo_area, key.slide, photo, palette, screen
            )
        elif photo is not None:
            self._photo(frame, layout.photo_area, photo, key.lang, palette)
        self._panel(frame, layout, view, palette)
        return frame, targets

    def highlighted(self, plain: pygame.Surface, key: FrameKey) -> pygame.Surface:
        """`plain`, the frame composed for `key` without a highlight, with the caption drawn
        again, sentence `key.spoken` brighter: the photo is not composed a second time."""
        layout, view = self._layout(key)
        palette = theme.palette(key.high_contrast)
        frame = plain.copy()
        colours = (palette.panel, palette.caption, palette.title)
        span = sentence_span(view.text, key.spoken)
        block, box = layout.caption, layout.caption_box
        draw_caption(frame, self.fonts, block, box, view.text, colours, span, plain_drawn=True)
        return frame

    def photo_place(self, key: FrameKey, photo: pygame.Surface) -> Rect:
        """Where `photo` sits in `key`'s frame: the moving photo (kiosk.screen.motion_frames)
        is painted there."""
        return fit_image_to_screen(*photo.get_size(), self._layout(key)[0].photo_area)

    def _layout(self, key: FrameKey) -> tuple[SlideLayout, CaptionView]:
        view = caption_view(key.deck, key.slide, key.lang, self.default_language)
        credit = credit_line(view, key.lang)
        layout = layout_slide(
            self.width,
            self.height,
            view.text,
            credit is not None,
            self.buttons,
            self.fonts.measure,
            self.spec,
            title=view.title,
            position=view.position,
            credit=credit or "",
            text_scale=LARGER_TEXT if key.larger_text else 1.0,
        )
        return layout, view

    def _photo(
        self,
        frame: pygame.Surface,
        area: Rect,
        photo: pygame.Surface | PhotoFailure,
        lang: str,
        palette: theme.Palette,
    ) -> None:
        if isinstance(photo, PhotoFailure):
            # Discreet: a visitor who stepped onto this slide still reads its caption.
            frame.fill(palette.missing_photo_fill, (area.x, area.y, area.w, area.h))
            notice = self.fonts.render(
                theme.ui_text(lang, "photo_unavailable"), self.sizes.credit, palette.missing_photo
            )
            frame.blit(notice, notice.get_rect(center=(area.x + area.w // 2, area.y + area.h // 2)))
            return
        place = fit_image_to_screen(*photo.get_size(), area)
        if (place.w, place.h) != photo.get_size():
            photo = pygame.transform.smoothscale(photo, (place.w, place.h))
        frame.blit(photo, (place.x, place.y))

    def _panel(
        self, frame: pygame.Surface, layout: SlideLayout, view: CaptionView, palette: theme.Palette
    ) -> None:
        """Title, position, caption and credit, each in the box the layout gave it: the
        layout measured them with these fonts, at its sizes, so nothing is clipped here."""
        panel, sizes = layout.panel, layout.sizes or self.sizes
        frame.fill(palette.panel, (panel.x, panel.y, panel.w, panel.h))
        position = self.fonts.render(view.position, sizes.title, palette.secondary)
        frame.blit(position, (layout.position_box.x, layout.position_box.y))
        if layout.title:
            title = self.fonts.render(layout.title, sizes.title, palette.title)
            frame.blit(title, (layout.title_box.x, layout.title_box.y))
        colours = (palette.panel, palette.caption, palette.title)
        draw_caption(frame, self.fonts, layout.caption, layout.caption_box, view.text, colours)
        box, step = layout.credit_box, line_height(sizes.credit)
        for index, line in enumerate(layout.credit_lines):
            if line:
                credit = self.fonts.render(line, sizes.credit, palette.secondary)
                frame.blit(credit, (box.x, box.y + index * step))
