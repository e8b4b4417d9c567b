"""The sentence spoken, lit in the caption: only colour changes, never a glyph's place."""

from __future__ import annotations

import time
from dataclasses import replace

import pygame
import pytest
from PIL import Image

from kiosk.screen.caption_highlight import line_starts, sentence_span
from kiosk.screen.images import PhotoCache
from kiosk.screen.renderer import Renderer
from kiosk.screen.slide_frame import FrameKey
from kiosk.show import player, theme
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.layout import usual_photo_area
from kiosk.show.player import PlayerSettings

CAPTION = (
    "Dans la nuit du 16 au 17 août 1944, le maquis fait sauter le pont de Livron. "
    "Le lendemain matin, un train blindé allemand arrive devant le pont détruit !"
)
SIZE = (1280, 720)


def make(tmp_path, fonts, open_screen) -> tuple[Renderer, Deck]:
    screen = open_screen(SIZE)
    photo = tmp_path / "a.jpg"
    Image.new("RGB", (800, 600), (30, 50, 200)).save(photo, "JPEG")
    slide = Slide(
        id="s",
        image=photo,
        caption=LocalizedText.same_everywhere(CAPTION),
        credit=None,
        duration=10.0,
        transition="cut",
        where=Mark("t.yaml", 1, 1),
    )
    deck = Deck(tmp_path / "d.yaml", LocalizedText.same_everywhere("T"), (slide,))
    area = usual_photo_area(*SIZE, ("fr", "en"))
    renderer = Renderer(screen, fonts, PhotoCache((area.w, area.h)), ("fr", "en"), "fr", 0.0)
    return renderer, deck


def caption_pixels(renderer: Renderer, key: FrameKey) -> tuple[pygame.Rect, pygame.Surface]:
    layout, _ = renderer.composer._layout(key)
    box = layout.caption_box
    rect = pygame.Rect(box.x, box.y, box.w, box.h)
    return rect, renderer.screen.subsurface(rect).copy()


def lit_columns(surface: pygame.Surface) -> set[tuple[int, int]]:
    """The pixels in the highlight's warm colour (the caption's is grey-white)."""
    width, height = surface.get_size()
    return {
        (x, y)
        for x in range(width)
        for y in range(height)
        if (c := surface.get_at((x, y)))[0] - c[2] > 60
    }


def draw_until_still(renderer: Renderer, state) -> None:
    deadline = time.monotonic() + 10
    while renderer.draw(state, 0.0):
        assert time.monotonic() < deadline, "the renderer never settled"
        time.sleep(0.01)


def test_line_starts_find_each_line_in_the_text_and_stop_at_a_cut_line() -> None:
    text = "One two. Three four."
    assert line_starts(text, ("One two.", "Three four.")) == [0, 9]
    assert line_starts(text, ("One two.", "Thr-", "ee four.")) == [0, None, None]


def test_sentence_span_is_found_by_place_in_the_caption_shown() -> None:
    assert sentence_span("A b. C d.", 1) == (5, 9)
    assert sentence_span("A b. C d.", 2) is None
    assert sentence_span("A b. C d.", None) is None


@pytest.mark.parametrize("spoken", [0, 1])
def test_only_the_spoken_sentence_turns_the_title_colour_and_nothing_moves(
    tmp_path, fonts, open_screen, spoken: int
) -> None:
    renderer, deck = make(tmp_path, fonts, open_screen)
    state, _ = player.start((deck,), PlayerSettings(("fr", "en"), "fr", 60.0), 0.0, "fr")
    draw_until_still(renderer, state)
    key = FrameKey(deck, deck.slides[0], "fr")
    rect, plain = caption_pixels(renderer, key)
    assert lit_columns(plain) == set()
    renderer.highlight(spoken)
    assert renderer.draw(state, 0.0) is False  # drawn at once, nothing left to do
    _, lit = caption_pixels(renderer, replace(key, spoken=spoken))
    warm = lit_columns(lit)
    assert len(warm) > 200
    # Only pixels of ink change colour: no glyph moves, none appears on bare panel.
    changed = {
        (x, y)
        for x in range(rect.w)
        for y in range(rect.h)
        if lit.get_at((x, y)) != plain.get_at((x, y))
    }
    assert warm <= changed
    assert all(plain.get_at(p)[:3] != theme.PANEL for p in changed)
    assert any(lit.get_at(p)[:3] == theme.TITLE for p in warm)
    # The two sentences light different parts of the caption.
    renderer.highlight(1 - spoken)
    renderer.draw(state, 0.0)
    _, other = caption_pixels(renderer, replace(key, spoken=1 - spoken))
    assert lit_columns(other).isdisjoint(warm)
    renderer.highlight(None)
    renderer.draw(state, 0.0)
    _, back = caption_pixels(renderer, key)
    assert pygame.image.tobytes(back, "RGB") == pygame.image.tobytes(plain, "RGB")
