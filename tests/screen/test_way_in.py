"""The way in on real pixels (dummy video driver): the attract loop's hint, the countdown
before the idle return, the greyed speaker of a kiosk without sound, and cuts instead of
crossfades with reduced motion."""

from __future__ import annotations

from dataclasses import replace

import pygame
from PIL import ImageChops

from kiosk.show import presence, theme
from kiosk.show.commands import Action, Command, Source
from kiosk.show.player import handle, start, tick
from kiosk.sound.mixer import Mixer
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
PHOTO = (30, 50, 200)
IDLE = SETTINGS.idle_timeout


def shown(renderer, tmp_path, settings=SETTINGS, lang=None):
    photo = solid_jpeg(tmp_path / "p.jpg", (800, 600), PHOTO)
    other = solid_jpeg(tmp_path / "q.jpg", (800, 600), (200, 30, 30))
    the_deck = deck(slide("one", photo, "Une légende."), slide("two", other, "Une autre."))
    warm(renderer, photo, other)
    state, _ = start((the_deck,), settings, 0.0, lang=lang)
    return state


def top_band(image):
    return image.crop((0, 0, SIZE[0], SIZE[1] // 8))


def caption_panel(renderer, image):
    return image.crop((0, SIZE[1] * 3 // 4, renderer.buttons[0].rect.x, SIZE[1]))


def test_the_hint_shows_in_the_attract_loop_and_goes_when_a_visitor_comes(
    open_screen, fonts, tmp_path
):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=0)
    state = shown(renderer, tmp_path)
    settle(renderer, state, 2.0)
    attract = snapshot()
    ink = mask_where(top_band(attract), theme.CAPTION, 40).getbbox()
    assert ink is not None  # white letters over the blue photo, at the top
    left, _, right, _ = ink
    assert left < SIZE[0] // 2 < right  # centred
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 2.1)
    settle(renderer, state, 2.1)
    visiting = snapshot()
    assert mask_where(top_band(visiting), theme.CAPTION, 40).getbbox() is None
    # The caption under it is the same with and without the hint.
    assert (
        ImageChops.difference(
            caption_panel(renderer, attract), caption_panel(renderer, visiting)
        ).getbbox()
        is None
    )


def test_the_hint_stays_still(open_screen, fonts, tmp_path):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=0)
    state = shown(renderer, tmp_path)
    settle(renderer, state, 0.1)
    first = top_band(snapshot())
    assert renderer.draw(state, 2.1) is False  # nothing to redraw
    assert ImageChops.difference(first, top_band(snapshot())).getbbox() is None


def test_the_countdown_digits_change_each_second_and_a_touch_cancels_it(
    open_screen, fonts, tmp_path
):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=0)
    state = shown(renderer, tmp_path, lang="en")
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 0.0)
    settle(renderer, state, IDLE - 11)
    before = top_band(snapshot())
    settle(renderer, state, IDLE - 7.5)
    eight = top_band(snapshot())
    assert presence.countdown_seconds(state, IDLE - 7.5) == 8
    assert ImageChops.difference(before, eight).getbbox() is not None  # the band is there
    settle(renderer, state, IDLE - 6.5)
    seven = top_band(snapshot())
    assert ImageChops.difference(eight, seven).getbbox() is not None  # 8 became 7
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), IDLE - 6)
    state, _ = tick(state, IDLE - 6)
    settle(renderer, state, IDLE - 6)
    assert ImageChops.difference(before, top_band(snapshot())).getbbox() is None


def narration_buttons(renderer):
    wanted = (Action.TOGGLE_NARRATION, Action.REPEAT_NARRATION)
    return [b.rect for b in renderer.buttons if b.action in wanted]


def test_without_sound_the_speaker_and_repeat_are_greyed_and_a_tap_shows_a_notice(
    open_screen, fonts, tmp_path
):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=0)
    state = shown(renderer, tmp_path)
    settle(renderer, state, 0.0)
    with_sound = snapshot()
    silent = replace(state, sound_available=False)
    settle(renderer, silent, 0.0)
    without = snapshot()
    for r in narration_buttons(renderer):
        box = (r.x, r.y, r.right, r.bottom)
        normal_ink = mask_where(with_sound.crop(box), theme.BUTTON_TEXT, 30).getbbox()
        grey_ink = mask_where(without.crop(box), theme.BUTTON_UNAVAILABLE, 30).getbbox()
        assert normal_ink is not None and grey_ink is not None
        assert mask_where(without.crop(box), theme.BUTTON_TEXT, 30).getbbox() is None
    tapped, effects = handle(silent, Command(Action.TOGGLE_NARRATION, Source.TOUCH), 1.0)
    assert effects == [] and not tapped.narration_on
    settle(renderer, tapped, 1.0)
    noticed = snapshot()
    assert ImageChops.difference(top_band(without), top_band(noticed)).getbbox() is not None
    for r in narration_buttons(renderer):  # the speaker is still crossed and grey
        box = (r.x, r.y, r.right, r.bottom)
        assert ImageChops.difference(without.crop(box), noticed.crop(box)).getbbox() is None


def test_a_mixer_whose_sound_driver_fails_reports_no_device(monkeypatch):
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    mixer = Mixer(0.8, open_now=False)
    assert mixer.probe() is False
    assert mixer.play(__import__("pathlib").Path("nothing.wav")) == "no sound device"
    mixer.close()


def test_reduced_motion_cuts_where_a_crossfade_would_blend(open_screen, fonts, tmp_path):
    renderer = make_renderer(open_screen(SIZE), fonts, transition_seconds=1.0)
    still = replace(SETTINGS, reduced_motion=True)
    photo = solid_jpeg(tmp_path / "p.jpg", (800, 600), PHOTO)
    other = solid_jpeg(tmp_path / "q.jpg", (800, 600), (200, 30, 30))
    the_deck = deck(slide("one", photo), slide("two", other))  # both ask for a crossfade
    warm(renderer, photo, other)
    state, _ = start((the_deck,), still, 0.0)
    settle(renderer, state, 0.0)
    state, _ = handle(state, Command(Action.NEXT, Source.KEY), 5.0)
    assert renderer.draw(state, 5.0) is False  # nothing left to animate
    centre = snapshot().getpixel((SIZE[0] // 2, SIZE[1] // 3))
    assert all(abs(a - b) <= 12 for a, b in zip(centre, (200, 30, 30), strict=True))
