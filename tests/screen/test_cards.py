"""Whole-screen cards and notices on real pixels (dummy video driver): the closed screen, the
opening hours a touch brings up, the title card of a day without decks, and the quiet-hours
notice over a slide."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import ImageChops

from kiosk.show import opening, theme
from kiosk.show.commands import Action, Command, Source
from kiosk.show.deck import LocalizedText
from kiosk.show.player import handle, start, tick
from tests.helpers import mask_where, snapshot
from tests.screen.test_renderer import (
    SETTINGS,
    deck,
    make_renderer,
    settle,
    slide,
    solid_jpeg,
    warm,
)

SIZE = (1280, 720)
HOURS = {
    "fr": ("Fermé", "Ouvre demain à 10:00", "Horaires : 10:00-18:00"),
    "en": ("Closed", "Opens tomorrow at 10:00", "Hours: 10:00-18:00"),
}


def lit(image, colour, tolerance: int = 40) -> int:
    return mask_where(image, colour, tolerance).histogram()[255]


def test_closed_is_black_and_a_touch_shows_the_hours_in_the_visitors_language(open_screen, fonts):
    renderer = make_renderer(open_screen(SIZE), fonts)
    renderer.hours_lines = HOURS
    state, _ = start((deck(),), SETTINGS, 0.0, closed=True)
    renderer.draw(state, 0.0)
    dark = snapshot()
    assert dark.getbbox() is None  # all black: nothing drawn, nothing lit
    state, _ = handle(state, Command(Action.NEXT, Source.TOUCH), 1.0)
    renderer.draw(state, 1.0)
    french = snapshot()
    assert lit(french, theme.TITLE) > 500  # "Fermé", large, in the title colour
    assert lit(french, theme.CAPTION) > 500
    state, _ = handle(state, Command(Action.SET_LANGUAGE, Source.TOUCH, "en"), 2.0)
    renderer.draw(state, 2.0)
    english = snapshot()
    assert ImageChops.difference(french, english).getbbox() is not None
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 2.5)
    state, _ = tick(state, 2.5 + opening.HOURS_NOTICE_SECONDS)
    renderer.draw(state, 2.5 + opening.HOURS_NOTICE_SECONDS)
    assert snapshot().getbbox() is None  # dark again


def test_a_day_without_decks_shows_the_exhibitions_title(open_screen, fonts):
    renderer = make_renderer(open_screen(SIZE), fonts)
    renderer.title = LocalizedText((("fr", "Drôme, août 1944"), ("en", "Drôme, August 1944")))
    state, _ = start((), SETTINGS, 0.0)
    renderer.draw(state, 0.0)
    card = snapshot()
    box = mask_where(card, theme.TITLE, 40).getbbox()
    assert box is not None and box[2] - box[0] > SIZE[0] // 3  # large, and centred
    assert abs((box[0] + box[2]) / 2 - SIZE[0] / 2) < 8


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_quiet_notice_bands_the_top_of_the_slide_then_goes(open_screen, fonts, tmp_path, lang):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=0)
    photo = solid_jpeg(tmp_path / "p.jpg", (800, 600), (30, 50, 200))
    shown = deck(slide("one", photo))
    warm(renderer, photo)
    state, _ = start((shown,), SETTINGS, 0.0, lang=lang)
    state = replace(state, quiet=True)
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 0.0)  # no hint on top
    settle(renderer, state, 0.0)
    plain = snapshot()
    state, _ = handle(state, Command(Action.TOGGLE_NARRATION, Source.TOUCH), 1.0)
    assert state.notice == "quiet"
    settle(renderer, state, 1.0)
    noticed = snapshot()
    changed = ImageChops.difference(plain, noticed)
    width, height = SIZE
    assert changed.crop((0, 0, width, height // 10)).getbbox() is not None  # the band on top
    assert changed.crop((0, height // 5, width, height * 3 // 5)).getbbox() is None
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 1.5)
    state, _ = tick(state, 1.0 + opening.QUIET_NOTICE_SECONDS)
    settle(renderer, state, 1.0 + opening.QUIET_NOTICE_SECONDS)
    above_the_controls = (0, 0, width, height * 3 // 5)  # the pause button shows "play" now
    assert ImageChops.difference(plain, snapshot()).crop(above_the_controls).getbbox() is None
