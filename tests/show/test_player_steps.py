"""A timeline's or map's events are steps the player moves through like slides, and a tap on
an event goes straight to it."""

from __future__ import annotations

from dataclasses import replace

from kiosk.show.commands import Action, Command, Source
from kiosk.show.player import (
    PlayerSettings,
    Position,
    SlideShown,
    current_slide,
    find_slide,
    handle,
    replace_decks,
    start,
    tick,
)
from tests.show.panels import drome_deck, event, panel_slides, photo_slide

SETTINGS = PlayerSettings(languages=("fr", "en"), default_language="fr", idle_timeout=60.0)
EVENTS = (
    event(16, "livron", end=17),
    event(21, "buis"),
    event(25, "nyons"),
    event(28, "montelimar"),
)
TIMELINE = panel_slides("liberation-days", EVENTS, duration=7)
DECK = drome_deck(photo_slide("landing"), *TIMELINE, photo_slide("liberated", line=90))


def tap_step(step: int) -> Command:
    return Command(Action.SHOW_STEP, Source.TOUCH, step=step)


def test_the_loop_steps_through_every_event_on_its_timer():
    state, _ = start((DECK,), SETTINGS, 0.0)
    shown = []
    now = 0.0
    for _ in range(5):
        now = state.due_at
        state, effects = tick(state, now)
        shown += [(e.slide.id, e.slide.step) for e in effects if isinstance(e, SlideShown)]
    assert shown == [("liberation-days", i) for i in range(4)] + [("liberated", 0)]
    # The timeline's time is the sum of its steps.
    assert now == 12.0 + 4 * 7


def test_a_tap_on_an_event_shows_that_step_of_the_panel_on_screen():
    state, _ = start((DECK,), SETTINGS, 0.0, at=Position(0, 1))
    state, effects = handle(state, tap_step(3), 1.0)
    assert current_slide(state).step == 3
    assert current_slide(state).event.place.id == "montelimar"
    assert [(e.slide.step, e.trigger) for e in effects if isinstance(e, SlideShown)] == [
        (3, "touch")
    ]
    assert state.held and state.visitor_present


def test_a_tap_on_the_event_already_shown_or_on_no_event_changes_no_slide():
    state, _ = start((DECK,), SETTINGS, 0.0, at=Position(0, 2))
    again, effects = handle(state, tap_step(1), 1.0)
    assert again.position == state.position and effects == []
    beyond, effects = handle(state, tap_step(9), 1.0)
    assert beyond.position == state.position and effects == []
    assert beyond.visitor_present  # a touch all the same
    on_photo, _ = start((DECK,), SETTINGS, 0.0)
    assert handle(on_photo, tap_step(1), 1.0)[0].position == Position(0, 0)


def test_swiping_moves_one_event_along_and_out_of_the_timeline():
    state, _ = start((DECK,), SETTINGS, 0.0, at=Position(0, 4))
    state, _ = handle(state, Command(Action.NEXT, Source.TOUCH), 1.0)
    assert current_slide(state).id == "liberated"
    state, _ = handle(state, Command(Action.PREVIOUS, Source.TOUCH), 2.0)
    assert (current_slide(state).id, current_slide(state).step) == ("liberation-days", 3)


def test_an_edited_deck_keeps_the_step_on_screen():
    state, _ = start((DECK,), SETTINGS, 0.0, at=Position(0, 3))
    edited = replace(
        DECK, slides=(photo_slide("landing"), *panel_slides("liberation-days", EVENTS, duration=9))
    )
    state, _ = replace_decks(state, (edited,), 1.0)
    assert (current_slide(state).id, current_slide(state).step) == ("liberation-days", 2)
    assert current_slide(state).duration == 9


def test_when_an_edit_removes_the_step_on_screen_the_last_one_before_it_shows():
    state, _ = start((DECK,), SETTINGS, 0.0, at=Position(0, 4))
    shorter = replace(DECK, slides=panel_slides("liberation-days", EVENTS[:2]))
    state, _ = replace_decks(state, (shorter,), 1.0)
    assert (current_slide(state).id, current_slide(state).step) == ("liberation-days", 1)


def test_an_interrupted_run_resumes_at_its_step():
    assert find_slide((DECK,), "drome", "liberation-days", 2) == Position(0, 3)
    assert find_slide((DECK,), "drome", "liberation-days") == Position(0, 1)
    assert find_slide((DECK,), "drome", "landing") == Position(0, 0)
    assert find_slide((DECK,), "drome", "gone", 2) is None
