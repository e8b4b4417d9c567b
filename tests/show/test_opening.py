"""The player under the museum's calendar: closed, opened again, quiet hours. Pure: every
`now` is the test's."""

from __future__ import annotations

from kiosk.show import opening
from kiosk.show.commands import Action, Command, Source
from kiosk.show.player import (
    PlayerSettings,
    Position,
    SetVolume,
    SlideShown,
    Speak,
    StopSpeech,
    handle,
    next_deadline,
    replace_decks,
    start,
    tick,
)
from tests.show.test_player import SHOW, make_deck

SETTINGS = PlayerSettings(
    languages=("fr", "en"), default_language="fr", idle_timeout=60.0, narration_autoplay=True
)


def touch(action: Action, lang: str | None = None) -> Command:
    return Command(action, Source.TOUCH, lang)


def test_a_kiosk_started_while_closed_shows_no_slide_and_runs_no_timer():
    state, effects = start(SHOW, SETTINGS, 0.0, closed=True)
    assert effects == []
    assert state.closed
    for now in (10.0, 1_000.0, 86_400.0):
        state, effects = tick(state, now)
        assert effects == []
    assert state.position == Position(0, 0)
    assert next_deadline(state) is None  # nothing to wake for but input and the calendar


def test_closing_stops_the_narration_and_resets_the_visitor_settings():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = handle(state, touch(Action.SET_LANGUAGE, "en"), 1.0)
    state, _ = handle(state, touch(Action.VOLUME_UP), 2.0)
    state, effects = opening.close(state, 3.0)
    assert StopSpeech() in effects and SetVolume(SETTINGS.volume) in effects
    assert (state.lang, state.visitor_present, state.volume) == ("fr", False, SETTINGS.volume)
    assert opening.close(state, 4.0) == (state, [])


def test_opening_starts_the_loop_at_the_first_slide_with_trigger_open():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, _ = tick(state, 10.0)  # on to the second slide
    state, _ = opening.close(state, 12.0)
    state, effects = opening.reopen(state, 500.0)
    shown = [effect for effect in effects if isinstance(effect, SlideShown)]
    assert [(e.slide.id, e.trigger) for e in shown] == [("a0", "open")]
    assert state.due_at == 510.0 and not state.closed
    assert opening.reopen(state, 501.0) == (state, [])


def test_a_touch_while_closed_shows_the_hours_in_the_language_asked_then_goes_dark():
    state, _ = start(SHOW, SETTINGS, 0.0, closed=True)
    state, effects = handle(state, touch(Action.NEXT), 100.0)
    assert effects == [] and state.notice == "hours" and state.lang == "fr"
    state, _ = handle(state, touch(Action.SET_LANGUAGE, "en"), 101.0)
    assert state.lang == "en" and state.notice_until == 101.0 + opening.HOURS_NOTICE_SECONDS
    assert next_deadline(state) == state.notice_until
    state, effects = tick(state, state.notice_until)
    assert state.notice is None and effects == [] and state.closed


def test_decks_edited_while_closed_wait_silently_for_the_opening():
    state, _ = start(SHOW, SETTINGS, 0.0, closed=True)
    edited = (make_deck("z", 4),)
    state, effects = replace_decks(state, edited, 50.0)
    assert effects == [] and state.decks == edited
    state, effects = opening.reopen(state, 60.0)
    assert [e.slide.id for e in effects if isinstance(e, SlideShown)] == ["z0"]


def test_quiet_hours_stop_narration_and_the_next_slides_stay_silent():
    state, _ = start(SHOW, SETTINGS, 0.0)
    state, effects = opening.set_quiet(state, True, 1.0)
    assert effects == [StopSpeech()] and state.speak_at is None
    for now in (2.0, 11.0, 31.0, 61.0):
        state, effects = tick(state, now)
        assert not any(isinstance(effect, Speak) for effect in effects)
    state, _ = opening.set_quiet(state, False, 62.0)
    state, _ = tick(state, state.due_at)  # the next slide speaks again
    state, effects = tick(state, state.speak_at)
    assert any(isinstance(effect, Speak) for effect in effects)


def test_the_speaker_button_in_quiet_hours_shows_a_notice_and_says_nothing():
    quiet_settings = PlayerSettings(("fr", "en"), "fr", 60.0, narration_autoplay=False)
    state, _ = start(SHOW, quiet_settings, 0.0)
    state, _ = opening.set_quiet(state, True, 0.5)
    state, effects = handle(state, touch(Action.TOGGLE_NARRATION), 1.0)
    assert effects == [] and state.notice == "quiet" and not state.narration_on
    state, effects = handle(state, touch(Action.REPEAT_NARRATION), 2.0)
    assert effects == [] and state.notice == "quiet"
    state, _ = tick(state, 2.0 + opening.QUIET_NOTICE_SECONDS)
    assert state.notice is None
