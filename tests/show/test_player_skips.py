"""Slides whose photo cannot be shown: the unattended loop skips them, a visitor still sees them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.show.commands import Action, Command, Source
from kiosk.show.player import (
    PlayerState,
    SlideShown,
    current_slide,
    handle,
    next_deadline,
    photos_failed,
    start,
    tick,
    upcoming,
)
from tests.show.test_player import SETTINGS, make_deck

A = make_deck("a", 10, 10, 10)
B = make_deck("b", 10)
SHOW = (A, B)


def photo(deck_slide: str) -> Path:
    deck, index = deck_slide[0], deck_slide[1:]
    return Path(f"media/{deck}/{index}.png")


def failed(*slides: str) -> frozenset[Path]:
    return frozenset(photo(s) for s in slides)


def at(state: PlayerState) -> str:
    slide = current_slide(state)
    assert slide is not None
    return slide.id


def shown(effects: list) -> list[tuple[str, str]]:
    return [(e.slide.id, e.trigger) for e in effects if isinstance(e, SlideShown)]


def loop(state: PlayerState, until: float) -> list[str]:
    """The slides the attract loop shows, in order, up to show time `until`."""
    seen = []
    while (deadline := next_deadline(state)) is not None and deadline <= until:
        state, effects = tick(state, deadline)
        seen += [slide for slide, _ in shown(effects)]
    return seen


def test_the_unattended_loop_skips_slides_whose_photo_failed():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, effects = photos_failed(state, failed("a1", "b0"), 1.0)
    assert effects == []  # the slide on screen is fine
    assert loop(state, 60.0) == ["a2", "a0", "a2", "a0", "a2", "a0"]


def test_a_slide_whose_photo_fails_on_screen_is_left_at_once():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, effects = photos_failed(state, failed("a0"), 0.5)
    assert at(state) == "a1"
    assert shown(effects) == [("a1", "skip")]
    assert state.due_at == 10.5  # the next slide has its whole time


def test_when_no_photo_can_be_shown_the_loop_still_shows_every_slide():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, effects = photos_failed(state, failed("a0", "a1", "a2", "b0"), 0.5)
    assert effects == [] and at(state) == "a0"
    assert loop(state, 40.0) == ["a1", "a2", "b0", "a0"]


def test_a_visitor_steps_onto_a_slide_whose_photo_failed():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = photos_failed(state, failed("a1"), 0.5)
    tap_next = Command(Action.NEXT, Source.TOUCH)
    state, effects = handle(state, tap_next, 1.0)
    assert shown(effects) == [("a1", "touch")]
    state, effects = tick(state, 2.0)  # a visitor is there: the slide stays
    assert effects == [] and at(state) == "a1"
    state, effects = handle(state, Command(Action.PREVIOUS, Source.KEY), 3.0)
    state, effects = handle(state, Command(Action.NEXT, Source.KEY), 4.0)
    assert at(state) == "a1"


def test_a_photo_failing_while_a_visitor_reads_its_slide_leaves_it_on_screen():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 0.2)
    state, effects = photos_failed(state, failed("a0"), 0.5)
    assert effects == [] and at(state) == "a0"


def test_when_the_visitor_leaves_the_loop_goes_on_to_a_slide_that_can_be_shown():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = photos_failed(state, failed("a1", "a2"), 0.5)
    state, _ = handle(state, Command(Action.NEXT, Source.TOUCH), 1.0)
    assert at(state) == "a1"
    state, effects = tick(state, 1.0 + SETTINGS.idle_timeout)
    assert shown(effects) == [("b0", "idle")]


def test_the_slide_prepared_ahead_is_the_one_the_loop_will_show():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = photos_failed(state, failed("a1"), 0.5)
    assert [slide.id for _, slide in upcoming(state)] == ["a2", "b0"]
    visiting, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), 1.0)
    assert [slide.id for _, slide in upcoming(visiting)] == ["a1", "b0"]


def test_a_photo_fixed_again_is_back_in_the_loop():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = photos_failed(state, failed("a1"), 0.5)
    state, _ = photos_failed(state, frozenset(), 1.0)
    state, effects = tick(state, 10.0)
    assert shown(effects) == [("a1", "timer")]


def test_the_same_failures_again_change_nothing():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = photos_failed(state, failed("a1"), 0.5)
    again, effects = photos_failed(state, failed("a1"), 0.7)
    assert again is state and effects == []


def test_a_slide_reloaded_onto_a_failed_photo_is_skipped_by_the_loop():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state = replace(state, failed_photos=failed("a0"))  # as after a reload kept the position
    state, effects = tick(state, 0.1)
    assert shown(effects) == [("a1", "skip")]
