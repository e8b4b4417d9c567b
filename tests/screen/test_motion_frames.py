"""Ken Burns on real pixels (dummy driver): the photo moves, the caption panel does not, and a
paused slide or reduced motion is a still frame that asks for no more draws."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk.show import player
from kiosk.show.commands import Action, Command, Source
from kiosk.show.layout import fit_image_to_screen
from kiosk.show.motion import Motion, View
from tests.helpers import snapshot
from tests.screen.test_renderer import (
    LANGS,
    SETTINGS,
    deck,
    expected_layout,
    make_renderer,
    slide,
    start_visited,
    warm,
)

MOTION = Motion(View(0.5, 0.5, 1.0), View(0.3, 0.35, 1.6))


def pattern(path: Path, size=(1200, 800)) -> Path:
    """A photo whose every part looks different: a colour gradient crossed with stripes."""
    image = Image.new("RGB", size)
    image.putdata(
        [
            ((x * 255) // size[0], (y * 255) // size[1], 255 if (x // 40 + y // 40) % 2 else 60)
            for y in range(size[1])
            for x in range(size[0])
        ]
    )
    image.save(path, "PNG")
    return path


@pytest.fixture
def moving(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    the_slide = replace(
        slide("one", pattern(tmp_path / "p.png"), "Une légende.", duration=10.0), motion=MOTION
    )
    the_deck = deck(the_slide)
    warm(renderer, the_slide.image)
    layout = expected_layout(renderer, the_deck, the_slide, "fr")
    photo = renderer.photos.get(the_slide.image)
    place = fit_image_to_screen(*photo.get_size(), layout.photo_area)
    return renderer, the_deck, (place.x, place.y, place.right, place.bottom), layout.panel


def differs(a: Image.Image, b: Image.Image, box) -> bool:
    return ImageChops.difference(a.crop(box), b.crop(box)).getbbox() is not None


def test_the_photo_moves_over_time_and_the_caption_panel_stays(moving) -> None:
    renderer, the_deck, place, panel = moving
    state = start_visited(the_deck)
    assert renderer.draw(state, 0.0)  # the first view, and more frames to come
    first = snapshot()
    assert renderer.draw(state, 3.0)
    later = snapshot()
    assert renderer.draw(state, 6.0)
    latest = snapshot()
    panel_box = (panel.x, panel.y, panel.right, panel.bottom)
    assert differs(first, later, place) and differs(later, latest, place)
    assert not differs(first, latest, panel_box)
    assert not differs(first, latest, (0, 0, place[0], 720))  # no letterbox strip changes
    assert not renderer.draw(state, 10.5)  # the motion is over: it rests on its last view
    rested = snapshot()
    assert not renderer.draw(state, 20.0)
    assert not differs(rested, snapshot(), (0, 0, 1280, 720))


def test_a_paused_slide_keeps_its_view_and_asks_for_no_frames(moving) -> None:
    renderer, the_deck, place, _ = moving
    state = start_visited(the_deck)
    renderer.draw(state, 0.0)
    renderer.draw(state, 2.0)
    state, _ = player.handle(state, Command(Action.TOGGLE_PAUSE, Source.TOUCH), 2.0)
    assert state.held
    renderer.draw(state, 2.0)  # the play button turns to pause: one redraw
    paused = snapshot()
    assert not renderer.draw(state, 4.0)
    assert not renderer.draw(state, 8.0)
    assert not differs(paused, snapshot(), place)
    state, _ = player.handle(state, Command(Action.TOGGLE_PAUSE, Source.TOUCH), 8.0)
    assert renderer.draw(state, 8.0)
    assert not differs(paused, snapshot(), place)  # play goes on from where it stopped
    assert renderer.draw(state, 9.0)
    assert differs(paused, snapshot(), place)


def test_reduced_motion_shows_the_first_view_still(moving) -> None:
    renderer, the_deck, place, _ = moving
    moving_state = start_visited(the_deck)
    renderer.draw(moving_state, 0.0)
    first = snapshot()
    still_settings = replace(SETTINGS, reduced_motion=True)
    state = replace(moving_state, settings=still_settings, decks=(deck(*the_deck.slides),))
    assert state.settings.languages == LANGS
    assert not renderer.draw(state, 3.0)
    assert not renderer.draw(state, 6.0)
    assert not differs(first, snapshot(), place)


def test_the_preview_shows_the_first_view(moving) -> None:
    renderer, the_deck, place, _ = moving
    renderer.draw(start_visited(the_deck), 0.0)
    first = snapshot()
    photo = renderer.photos.get(the_deck.slides[0].image)
    still = renderer.compose_still(the_deck, the_deck.slides[0], "fr", photo)
    assert not differs(first, snapshot(still), place)
