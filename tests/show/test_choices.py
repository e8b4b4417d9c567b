"""A visitor's choices (larger text, higher contrast): toggled by their buttons and keys, kept
while the visitor stays, and undone for the next visitor at the idle return and at closing."""

from __future__ import annotations

from kiosk.show import choices, opening
from kiosk.show.commands import Action, Command, Source
from kiosk.show.player import handle, start, tick
from kiosk.show.player_state import PlayerState
from tests.show.test_player import SETTINGS, SHOW, at


def started() -> PlayerState:
    state, _ = start(SHOW, SETTINGS, 0.0)
    return state


def test_each_choice_toggles_on_then_off_and_leaves_the_other_alone() -> None:
    state = started()
    state, effects = handle(state, Command(Action.LARGER_TEXT, Source.TOUCH), 1.0)
    assert (state.larger_text, state.high_contrast, effects) == (True, False, [])
    state, _ = handle(state, Command(Action.HIGH_CONTRAST, Source.KEY), 2.0)
    assert (state.larger_text, state.high_contrast) == (True, True)
    state, _ = handle(state, Command(Action.LARGER_TEXT, Source.KEY), 3.0)
    assert (state.larger_text, state.high_contrast) == (False, True)
    state, _ = handle(state, Command(Action.HIGH_CONTRAST, Source.TOUCH), 4.0)
    assert (state.larger_text, state.high_contrast) == (False, False)


def test_a_choice_is_a_visitor_being_there_and_keeps_the_slide() -> None:
    state = started()
    chosen, _ = handle(state, Command(Action.LARGER_TEXT, Source.TOUCH), 5.0)
    assert chosen.visitor_present and chosen.held and chosen.last_input_at == 5.0
    assert at(chosen) == at(state)
    later, _ = tick(chosen, 5.0 + SHOW[0].slides[0].duration + 1)
    assert at(later) == at(state) and later.larger_text  # still reading, still larger


def test_the_idle_return_resets_both_choices_for_the_next_visitor() -> None:
    state = started()
    state, _ = handle(state, Command(Action.LARGER_TEXT, Source.TOUCH), 1.0)
    state, _ = handle(state, Command(Action.HIGH_CONTRAST, Source.TOUCH), 2.0)
    nearly, _ = tick(state, 2.0 + SETTINGS.idle_timeout - 0.5)
    assert nearly.larger_text and nearly.high_contrast
    idle, _ = tick(state, 2.0 + SETTINGS.idle_timeout)
    assert not idle.visitor_present
    assert (idle.larger_text, idle.high_contrast) == (False, False)


def test_closing_resets_both_choices_and_a_touch_while_closed_sets_none() -> None:
    state = started()
    state, _ = handle(state, Command(Action.LARGER_TEXT, Source.TOUCH), 1.0)
    state, _ = handle(state, Command(Action.HIGH_CONTRAST, Source.TOUCH), 2.0)
    closed, _ = opening.close(state, 3.0)
    assert closed.closed and (closed.larger_text, closed.high_contrast) == (False, False)
    touched, _ = handle(closed, Command(Action.LARGER_TEXT, Source.TOUCH), 4.0)
    assert not touched.larger_text and touched.notice == "hours"


def test_is_on_follows_the_state_for_the_buttons() -> None:
    state = started()
    assert not any(choices.is_on(state, action) for action in choices.CHOICES)
    state = choices.toggle(state, Action.HIGH_CONTRAST)
    assert choices.is_on(state, Action.HIGH_CONTRAST)
    assert not choices.is_on(state, Action.LARGER_TEXT)
    assert not choices.is_on(state, Action.NEXT)
    assert choices.toggle(state, Action.NEXT) is state
    assert choices.reset(choices.reset(state)) == choices.reset(state)
