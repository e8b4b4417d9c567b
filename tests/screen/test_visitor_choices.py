"""A visitor's choices on real pixels: larger text sets taller caption ink over a smaller
photo; high contrast paints the background and panel pure black and the caption pure white;
each choice's button is filled while it is on."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from kiosk.screen.fonts import Fonts
from kiosk.screen.renderer import Renderer
from kiosk.show import theme
from kiosk.show.commands import Action
from kiosk.show.layout import Button, SlideLayout
from tests.screen.test_orientation import DECKS, PHOTO, SLIDES, draw, inside, where

SIZES = [(1920, 1080), (1280, 1024), (1080, 1920), (768, 1366)]
LANGUAGES = ("fr", "en")


@pytest.fixture(scope="module")
def fonts():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield Fonts()
    pygame.display.quit()


def drawn(
    fonts: Fonts, size: tuple[int, int], larger_text: bool = False, high_contrast: bool = False
) -> tuple[np.ndarray, SlideLayout, Renderer]:
    """The long slide, as a visitor with these choices sees it."""
    return draw(fonts, size, LANGUAGES, DECKS["plain"], SLIDES[1], larger_text, high_contrast)


def rows_of(mask: np.ndarray) -> np.ndarray:
    """The y of every row with a pixel in the (x, y) mask."""
    return np.flatnonzero(mask.any(axis=0))


def first_line_ink_height(pixels: np.ndarray, layout: SlideLayout, colour) -> int:
    """How tall the ink of the caption's first line is, from its tallest letter to its
    lowest descender."""
    box, step = layout.caption_box, layout.caption.line_height
    ink = where(pixels, colour, 60)[box.x : box.right, box.y : box.y + step]
    rows = rows_of(ink)
    return int(rows[-1] - rows[0] + 1)


def button_for(renderer: Renderer, action: Action) -> Button:
    return next(b for b in renderer.buttons if b.action is action)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_larger_text_draws_taller_caption_ink_over_a_smaller_photo(fonts, size) -> None:
    usual, usual_layout, _ = drawn(fonts, size)
    larger, larger_layout, _ = drawn(fonts, size, larger_text=True)
    usual_photo, larger_photo = rows_of(where(usual, PHOTO, 10)), rows_of(where(larger, PHOTO, 10))
    if size[0] > size[1]:  # a landscape screen gives up some photo at once
        assert larger_photo[-1] < usual_photo[-1]
    else:  # a portrait panel has room to spare: the photo gives way only when needed
        assert larger_photo[-1] <= usual_photo[-1]
    assert larger_layout.photo_area.h <= usual_layout.photo_area.h
    usual_ink = first_line_ink_height(usual, usual_layout, theme.CAPTION)
    larger_ink = first_line_ink_height(larger, larger_layout, theme.CAPTION)
    assert larger_ink >= usual_ink * 1.25
    assert larger_layout.caption.size >= usual_layout.caption.size * 1.3


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_high_contrast_is_pure_black_with_a_pure_white_caption(fonts, size) -> None:
    pixels, layout, renderer = drawn(fonts, size, high_contrast=True)
    # Round the photo and everywhere in the panel outside the texts and the buttons: black.
    outside_photo = ~inside([layout.photo_area], pixels.shape)
    boxes = [
        layout.title_box,
        layout.position_box,
        layout.caption_box,
        layout.credit_box,
        *(b.rect for b in renderer.buttons),
    ]
    background = outside_photo & ~inside(boxes, pixels.shape)
    assert (pixels[background] == 0).all()
    assert background.sum() > 0.1 * pixels.shape[0] * pixels.shape[1]
    # The caption's ink is pure white, the title's yellow.
    box = layout.caption_box
    assert where(pixels, (255, 255, 255), 0)[box.x : box.right, box.y : box.bottom].any()
    title = layout.title_box
    yellow = where(pixels, theme.HIGH_CONTRAST.title, 0)
    assert yellow[title.x : title.right, title.y : title.bottom].any()
    # Thick white borders round the buttons.
    pause = button_for(renderer, Action.TOGGLE_PAUSE).rect
    side = pixels[pause.x : pause.x + theme.HIGH_CONTRAST.border_width, pause.y + pause.h // 2]
    assert (side == 255).all()


@pytest.mark.parametrize("action", [Action.LARGER_TEXT, Action.HIGH_CONTRAST])
def test_each_choice_button_is_filled_while_its_choice_is_on(fonts, action) -> None:
    off, _, renderer = drawn(fonts, (1920, 1080))
    on, _, _ = drawn(
        fonts,
        (1920, 1080),
        larger_text=action is Action.LARGER_TEXT,
        high_contrast=action is Action.HIGH_CONTRAST,
    )
    r = button_for(renderer, action).rect
    inset = r.h // 8  # inside the border, beside the label or icon
    active = theme.palette(action is Action.HIGH_CONTRAST).button_active
    assert tuple(on[r.x + inset, r.y + inset]) == active
    assert tuple(off[r.x + inset, r.y + inset]) == theme.BUTTON
    # And it shows its sign in ink: "Aa", or the circle half filled.
    ink = where(off[r.x : r.right, r.y : r.bottom], theme.BUTTON_TEXT, 8)
    assert ink.sum() > r.w * r.h * 0.04
