"""The player state machine, driven by an injected clock: every `now` is chosen by the test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.show.commands import Action, Command, Source
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.player import (
    LanguageChanged,
    PlayerSettings,
    PlayerState,
    Position,
    SlideShown,
    current_deck,
    current_slide,
    find_slide,
    handle,
    next_deadline,
    replace_decks,
    start,
    step,
    tick,
    upcoming,
)

SETTINGS = PlayerSettings(languages=("fr", "en", "de"), default_language="fr", idle_timeout=60.0)


def make_deck(name: str, *durations: float) -> Deck:
    slides = tuple(
        Slide(
            id=f"{name}{i}",
            image=Path(f"media/{name}/{i}.png"),
            caption=LocalizedText((("fr", f"{name}{i} fr"), ("en", f"{name}{i} en"))),
            credit=None,
            duration=duration,
            transition="crossfade",
            where=Mark(f"{name}.yaml", 3 + i, 5),
        )
        for i, duration in enumerate(durations)
    )
    return Deck(Path(f"slides/{name}.yaml"), LocalizedText.same_everywhere(name), slides)


A = make_deck("a", 10, 20, 30)
B = make_deck("b", 5)
C = make_deck("c", 8, 9)
SHOW = (A, B, C)


def touch(action: Action, lang: str | None = None) -> Command:
    return Command(action, Source.TOUCH, lang)


def key(action: Action, lang: str | None = None) -> Command:
    return Command(action, Source.KEY, lang)


def at(state: PlayerState) -> str:
    slide = current_slide(state)
    assert slide is not None
    return slide.id


def shown(effects: list) -> list[tuple[str, str, str]]:
    return [(e.slide.id, e.lang, e.trigger) for e in effects if isinstance(e, SlideShown)]


def moved_to(state: PlayerState, deck: int, slide: int) -> PlayerState:
    """The attract loop standing at a given slide, shown at 0."""
    duration = state.decks[deck].slides[slide].duration
    return replace(state, position=Position(deck, slide), due_at=duration)


@pytest.fixture
def attract() -> PlayerState:
    state, _ = start(SHOW, SETTINGS, 0.0)
    return state


# Starting


def test_start_shows_the_first_slide_in_the_default_language() -> None:
    state, effects = start(SHOW, SETTINGS, 100.0)
    assert effects == [SlideShown(A, A.slides[0], "fr", "start")]
    assert state.position == Position(0, 0)
    assert (state.lang, state.due_at) == ("fr", 110.0)
    assert state.held is False
    assert state.visitor_present is False
    assert current_deck(state) is A


def test_start_resumes_at_a_given_slide_with_its_trigger() -> None:
    at_c1 = find_slide(SHOW, "c", "c1")
    assert at_c1 == Position(2, 1)
    state, effects = start(SHOW, SETTINGS, 100.0, None, at_c1, "resume")
    assert effects == [SlideShown(C, C.slides[1], "fr", "resume")]
    assert (state.position, state.due_at, state.visitor_present) == (at_c1, 109.0, False)


@pytest.mark.parametrize("where", [None, Position(3, 0), Position(1, 1), Position(-1, 0)])
def test_start_at_no_slide_or_one_that_is_not_there_is_the_first(where) -> None:
    state, effects = start(SHOW, SETTINGS, 0.0, None, where, "resume")
    assert shown(effects) == [("a0", "fr", "resume")]
    assert state.position == Position(0, 0)


def test_find_slide_is_none_for_a_deck_or_slide_that_is_gone() -> None:
    assert find_slide(SHOW, "b", "b0") == Position(1, 0)
    assert find_slide(SHOW, "b", "c1") is None
    assert find_slide(SHOW, "z", "a0") is None


@pytest.mark.parametrize(
    ("asked", "lang"), [("en", "en"), ("de", "de"), ("it", "fr"), (None, "fr")]
)
def test_start_in_a_chosen_language(asked: str | None, lang: str) -> None:
    state, effects = start(SHOW, SETTINGS, 0.0, asked)
    assert state.lang == lang
    assert shown(effects) == [("a0", lang, "start")]


# The attract loop


def test_the_timer_advances_at_exactly_the_slide_duration_not_before() -> None:
    state, _ = start(SHOW, SETTINGS, 100.0)
    early, effects = tick(state, 109.999)
    assert effects == []
    assert early == state
    later, effects = tick(state, 110.0)
    assert effects == [SlideShown(A, A.slides[1], "fr", "timer")]
    assert later.position == Position(0, 1)
    assert later.due_at == 130.0


def test_the_loop_runs_through_every_deck_and_back_to_the_first(attract: PlayerState) -> None:
    state, now, seen = attract, 0.0, []
    for _ in range(7):
        now = state.due_at
        state, effects = tick(state, now)
        seen.extend(shown(effects))
    assert seen == [
        ("a1", "fr", "timer"),
        ("a2", "fr", "timer"),
        ("b0", "fr", "timer"),
        ("c0", "fr", "timer"),
        ("c1", "fr", "timer"),
        ("a0", "fr", "timer"),
        ("a1", "fr", "timer"),
    ]
    assert now == 10 + 20 + 30 + 5 + 8 + 9 + 10


def test_a_late_tick_advances_one_slide_and_restarts_the_timer(attract: PlayerState) -> None:
    state, effects = tick(attract, 500.0)
    assert shown(effects) == [("a1", "fr", "timer")]
    assert state.due_at == 520.0


def test_a_single_slide_show_wraps_onto_itself() -> None:
    solo = make_deck("s", 4)
    state, _ = start((solo,), SETTINGS, 0.0)
    state, effects = tick(state, 4.0)
    assert shown(effects) == [("s0", "fr", "timer")]
    assert state.position == Position(0, 0)
    assert state.due_at == 8.0
    assert upcoming(state) == ((solo, solo.slides[0]),)


# Visitors turning pages


@pytest.mark.parametrize(
    ("where", "action", "to", "slide"),
    [
        ((0, 0), Action.NEXT, (0, 1), "a1"),
        ((0, 2), Action.NEXT, (1, 0), "b0"),
        ((1, 0), Action.NEXT, (2, 0), "c0"),
        ((2, 1), Action.NEXT, (0, 0), "a0"),
        ((0, 1), Action.PREVIOUS, (0, 0), "a0"),
        ((1, 0), Action.PREVIOUS, (0, 2), "a2"),
        ((2, 0), Action.PREVIOUS, (1, 0), "b0"),
        ((0, 0), Action.PREVIOUS, (2, 1), "c1"),
        ((2, 1), Action.FIRST, (0, 0), "a0"),
        ((0, 0), Action.FIRST, (0, 0), "a0"),
    ],
)
def test_next_previous_and_first_cross_deck_boundaries(
    attract: PlayerState,
    where: tuple[int, int],
    action: Action,
    to: tuple[int, int],
    slide: str,
) -> None:
    state, effects = handle(moved_to(attract, *where), touch(action), 3.0)
    assert state.position == Position(*to)
    assert shown(effects) == [(slide, "fr", "touch")]
    assert effects[0].deck is SHOW[to[0]]
    assert state.due_at == 3.0 + SHOW[to[0]].slides[to[1]].duration
    assert state.held is True
    assert state.last_input_at == 3.0


def test_a_key_press_is_logged_as_key(attract: PlayerState) -> None:
    _, effects = handle(attract, key(Action.NEXT), 1.0)
    assert shown(effects) == [("a1", "fr", "key")]


def test_step_wraps_round_the_whole_show() -> None:
    assert step(SHOW, Position(2, 1), +1) == Position(0, 0)
    assert step(SHOW, Position(0, 0), -1) == Position(2, 1)
    assert step(SHOW, Position(0, 2), +1) == Position(1, 0)
    assert step(SHOW, Position(1, 0), -1) == Position(0, 2)


def test_upcoming_are_the_slides_either_side(attract: PlayerState) -> None:
    assert upcoming(attract) == ((A, A.slides[1]), (C, C.slides[1]))
    assert upcoming(moved_to(attract, 1, 0)) == ((C, C.slides[0]), (A, A.slides[2]))


def test_a_visitor_holds_the_slide_until_the_idle_timeout(attract: PlayerState) -> None:
    state, _ = handle(attract, touch(Action.NEXT), 5.0)
    for now in (25.0, 40.0, 64.999):
        held, effects = tick(state, now)
        assert effects == []
        assert held == state
    assert at(state) == "a1"


def test_a_touch_in_the_middle_holds_without_turning(attract: PlayerState) -> None:
    state, effects = handle(attract, touch(Action.PRESENCE), 2.0)
    assert effects == []
    assert state.position == Position(0, 0)
    assert (state.held, state.last_input_at) == (True, 2.0)
    assert tick(state, 30.0) == (state, [])


# Pause and play


def test_pause_in_the_attract_loop_holds_the_slide(attract: PlayerState) -> None:
    state, effects = handle(attract, touch(Action.TOGGLE_PAUSE), 4.0)
    assert effects == []
    assert (state.held, state.last_input_at, state.position) == (True, 4.0, Position(0, 0))
    assert tick(state, 10.0) == (state, [])


def test_play_while_held_runs_the_loop_again_with_a_fresh_timer(attract: PlayerState) -> None:
    held, _ = handle(attract, touch(Action.NEXT), 5.0)
    playing, effects = handle(held, touch(Action.TOGGLE_PAUSE), 12.0)
    assert effects == []
    assert (playing.held, playing.last_input_at, playing.due_at) == (False, 12.0, 32.0)
    assert tick(playing, 31.999) == (playing, [])
    state, effects = tick(playing, 32.0)
    assert shown(effects) == [("a2", "fr", "timer")]
    assert state.last_input_at == 12.0


def test_pause_while_playing_holds_again(attract: PlayerState) -> None:
    held, _ = handle(attract, touch(Action.TOGGLE_PAUSE), 1.0)
    playing, _ = handle(held, touch(Action.TOGGLE_PAUSE), 2.0)
    paused, effects = handle(playing, key(Action.TOGGLE_PAUSE), 3.0)
    assert effects == []
    assert (paused.held, paused.last_input_at) == (True, 3.0)
    assert tick(paused, 50.0) == (paused, [])


# Back to the attract loop


def test_after_the_idle_timeout_the_loop_resumes_in_the_default_language_at_the_next_slide(
    attract: PlayerState,
) -> None:
    state, _ = handle(attract, touch(Action.NEXT), 5.0)
    state, _ = handle(state, touch(Action.SET_LANGUAGE, "en"), 6.0)
    assert tick(state, 65.999) == (state, [])
    idle, effects = tick(state, 66.0)
    assert effects == [SlideShown(A, A.slides[2], "fr", "idle")]
    assert (idle.lang, idle.held, idle.last_input_at) == ("fr", False, None)
    assert idle.due_at == 96.0
    assert not idle.visitor_present
    state, effects = tick(idle, 96.0)
    assert shown(effects) == [("b0", "fr", "timer")]


def test_every_input_restarts_the_idle_countdown(attract: PlayerState) -> None:
    state, _ = handle(attract, touch(Action.PRESENCE), 0.0)
    state, _ = handle(state, touch(Action.PRESENCE), 50.0)
    assert tick(state, 109.0) == (state, [])
    _, effects = tick(state, 110.0)
    assert shown(effects) == [("a1", "fr", "idle")]


def test_idle_while_playing_also_returns_to_the_loop(attract: PlayerState) -> None:
    held, _ = handle(attract, touch(Action.TOGGLE_PAUSE), 0.0)
    playing, _ = handle(held, touch(Action.TOGGLE_PAUSE), 1.0)
    state, effects = tick(playing, 11.0)
    assert shown(effects) == [("a1", "fr", "timer")]
    state, effects = tick(state, 61.0)
    assert shown(effects) == [("a2", "fr", "idle")]
    assert not state.visitor_present


# Languages


def test_the_language_key_cycles_through_the_languages(attract: PlayerState) -> None:
    state, seen = attract, []
    for now in (1.0, 2.0, 3.0):
        state, effects = handle(state, key(Action.CYCLE_LANGUAGE), now)
        seen.extend(effects)
    assert [(e.lang, e.trigger, e.slide.id) for e in seen] == [
        ("en", "key", "a0"),
        ("de", "key", "a0"),
        ("fr", "key", "a0"),
    ]
    assert all(isinstance(e, LanguageChanged) for e in seen)
    assert state.position == Position(0, 0)
    assert (state.held, state.last_input_at) == (True, 3.0)


def test_cycling_with_one_language_changes_nothing() -> None:
    alone = PlayerSettings(("fr",), "fr", 60.0)
    state, _ = start(SHOW, alone, 0.0)
    after, effects = handle(state, key(Action.CYCLE_LANGUAGE), 1.0)
    assert effects == []
    assert after.lang == "fr"


def test_a_language_button_sets_that_language(attract: PlayerState) -> None:
    state, effects = handle(attract, touch(Action.SET_LANGUAGE, "de"), 1.0)
    assert effects == [LanguageChanged(SHOW[0], SHOW[0].slides[0], "de", "touch")]
    assert state.lang == "de"
    _, effects = handle(state, touch(Action.NEXT), 2.0)
    assert shown(effects) == [("a1", "de", "touch")]


@pytest.mark.parametrize("lang", ["it", None, "fr"])
def test_an_unknown_or_unchanged_language_is_ignored(
    attract: PlayerState, lang: str | None
) -> None:
    state, effects = handle(attract, touch(Action.SET_LANGUAGE, lang), 1.0)
    assert effects == []
    assert state.lang == "fr"
    assert (state.held, state.last_input_at) == (True, 1.0)


def test_a_slide_missing_the_language_falls_back_to_the_default() -> None:
    only_fr = LocalizedText((("fr", "Bonjour"),))
    only_en = LocalizedText((("en", "Hello"),))
    everywhere = LocalizedText.same_everywhere("1944")
    assert only_fr.in_language("en", "fr") == ("Bonjour", False)
    assert only_fr.in_language("fr", "fr") == ("Bonjour", True)
    assert only_en.in_language("de", "fr") == ("Hello", False)
    assert everywhere.in_language("de", "fr") == ("1944", True)
    assert only_fr.get("en") is None


def test_the_player_shows_an_untranslated_slide_in_the_chosen_language() -> None:
    slide = replace(make_deck("u", 10).slides[0], caption=LocalizedText((("fr", "Seul"),)))
    deck = Deck(Path("slides/u.yaml"), LocalizedText.same_everywhere("u"), (slide,))
    state, _ = start((deck,), SETTINGS, 0.0, "en")
    _, effects = handle(state, touch(Action.NEXT), 1.0)
    (event,) = effects
    assert event.lang == "en"
    assert event.slide.caption.in_language(event.lang, SETTINGS.default_language) == (
        "Seul",
        False,
    )


# When to wake up


def test_next_deadline(attract: PlayerState) -> None:
    assert next_deadline(attract) == 10.0
    held, _ = handle(attract, touch(Action.NEXT), 5.0)
    assert next_deadline(held) == 65.0
    playing, _ = handle(held, touch(Action.TOGGLE_PAUSE), 7.0)
    assert next_deadline(playing) == 27.0
    later, _ = handle(playing, touch(Action.PRESENCE), 40.0)
    assert later.held is True
    assert next_deadline(later) == 100.0
    short = replace(playing, settings=replace(SETTINGS, idle_timeout=10.0))
    assert next_deadline(short) == 17.0


def test_nothing_happens_before_the_deadline_and_something_at_it(attract: PlayerState) -> None:
    held, _ = handle(attract, touch(Action.NEXT), 5.0)
    playing, _ = handle(held, touch(Action.TOGGLE_PAUSE), 7.0)
    for state in (attract, held, playing):
        deadline = next_deadline(state)
        assert tick(state, deadline - 0.001) == (state, [])
        assert tick(state, deadline)[1] != []


# An empty show


def test_an_empty_show_does_nothing() -> None:
    state, effects = start((), SETTINGS, 0.0)
    assert effects == []
    assert current_deck(state) is None
    assert current_slide(state) is None
    assert upcoming(state) == ()
    assert next_deadline(state) is None
    for action in Action:
        assert handle(state, touch(action, "en"), 1.0) == (state, [])
    assert tick(state, 1e9) == (state, [])


# Whatever happens, the state stays playable


COMMANDS = st.builds(
    Command,
    st.sampled_from(list(Action)),
    st.sampled_from(list(Source)),
    st.sampled_from([None, "fr", "en", "de", "it", ""]),
)
EVENTS = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=200, allow_nan=False), st.one_of(st.none(), COMMANDS)
    ),
    max_size=60,
)
SHOWS = st.lists(
    st.lists(st.sampled_from([1.0, 2.5, 10.0, 30.0]), min_size=1, max_size=4),
    min_size=1,
    max_size=4,
).map(lambda decks: tuple(make_deck(f"d{i}", *d) for i, d in enumerate(decks)))


@settings(max_examples=300, deadline=None)
@given(
    show=SHOWS,
    events=EVENTS,
    first=st.sampled_from([None, "fr", "en", "de", "it"]),
    idle=st.sampled_from([5.0, 60.0]),
)
def test_any_commands_and_ticks_keep_a_valid_position_and_language(
    show: tuple[Deck, ...],
    events: list[tuple[float, Command | None]],
    first: str | None,
    idle: float,
) -> None:
    options = replace(SETTINGS, idle_timeout=idle)
    now = 0.0
    state, effects = start(show, options, now, first)
    for gap, command in events:
        now += gap
        state, effects = tick(state, now) if command is None else handle(state, command, now)
        position = state.position
        assert 0 <= position.deck < len(show)
        assert 0 <= position.slide < len(show[position.deck].slides)
        assert state.lang in options.languages
        visible = [e for e in effects if isinstance(e, SlideShown | LanguageChanged)]
        assert len(visible) <= 1
        for effect in visible:
            if isinstance(effect, SlideShown):
                assert effect.slide is current_slide(state)
                assert effect.lang == state.lang
            else:
                assert effect.lang == state.lang
        assert next_deadline(state) is not None
        assert not state.held or state.visitor_present


# Narration


from kiosk.show.player import (  # noqa: E402
    PauseSpeech,
    ResumeSpeech,
    SetVolume,
    Speak,
    StopSpeech,
    narration_began,
)

NARRATED = replace(SETTINGS, narration_autoplay=True, settle_seconds=1.0, narration_pause=1.5)
SILENT = replace(NARRATED, narration_autoplay=False)


def spoken(effects: list) -> list[tuple[str, str]]:
    return [(e.slide.id, e.lang) for e in effects if isinstance(e, Speak)]


def speaking(settings: PlayerSettings = NARRATED) -> PlayerState:
    """The attract loop at a0 (shown at 0, due at 10), its narration started at 1."""
    state, _ = start(SHOW, settings, 0.0)
    state, effects = tick(state, 1.0)
    assert effects == [Speak(A, A.slides[0], "fr")]
    return state


def test_autoplay_speaks_each_slide_once_it_has_settled() -> None:
    state, effects = start(SHOW, NARRATED, 0.0)
    assert effects == [StopSpeech(), SlideShown(A, A.slides[0], "fr", "start")]
    assert (state.narration_on, state.speak_at) == (True, 1.0)
    assert next_deadline(state) == 1.0
    assert tick(state, 0.999) == (state, [])
    state, effects = tick(state, 1.0)
    assert effects == [Speak(A, A.slides[0], "fr")]
    assert state.speak_at is None
    assert next_deadline(state) == 10.0
    assert tick(state, 5.0) == (state, [])  # once only
    state, effects = tick(state, 10.0)
    assert effects == [StopSpeech(), SlideShown(A, A.slides[1], "fr", "timer")]
    state, effects = tick(state, 11.0)
    assert effects == [Speak(A, A.slides[1], "fr")]


def test_without_autoplay_the_loop_is_silent_until_a_visitor_asks() -> None:
    state, effects = start(SHOW, SILENT, 0.0)
    assert effects == [SlideShown(A, A.slides[0], "fr", "start")]
    assert (state.narration_on, state.speak_at) == (False, None)
    state, effects = tick(state, 10.0)
    assert effects == [SlideShown(A, A.slides[1], "fr", "timer")]
    assert tick(state, 11.0)[1] == []
    state, effects = handle(state, touch(Action.TOGGLE_NARRATION), 12.0)
    assert effects == []
    assert (state.narration_on, state.speak_at) == (True, 12.0)
    state, effects = tick(state, 12.0)
    assert effects == [Speak(A, A.slides[1], "fr")]
    state, effects = handle(state, touch(Action.TOGGLE_NARRATION), 13.0)
    assert effects == [StopSpeech()]
    assert (state.narration_on, state.speak_at) == (False, None)
    assert spoken(tick(state, 14.0)[1]) == []


def test_a_page_turn_stops_the_speech_and_the_new_slide_speaks_once_settled() -> None:
    state, effects = handle(speaking(), key(Action.NEXT), 3.0)
    assert effects == [StopSpeech(), SlideShown(A, A.slides[1], "fr", "key")]
    assert tick(state, 3.999)[1] == []
    assert tick(state, 4.0)[1] == [Speak(A, A.slides[1], "fr")]


@pytest.mark.parametrize(
    "command",
    [touch(Action.SET_LANGUAGE, "en"), key(Action.CYCLE_LANGUAGE)],
    ids=["button", "key"],
)
def test_a_language_change_stops_the_speech_and_speaks_again_in_the_new_language(
    command: Command,
) -> None:
    state, effects = handle(speaking(), command, 2.0)
    trigger = command.source.value
    assert effects == [StopSpeech(), LanguageChanged(A, A.slides[0], "en", trigger)]
    assert state.lang == "en"
    state, effects = tick(state, 2.0)
    assert effects == [Speak(A, A.slides[0], "en")]
    assert tick(state, 3.0)[1] == []


def test_a_language_change_with_narration_off_says_nothing() -> None:
    state, _ = start(SHOW, SILENT, 0.0)
    state, effects = handle(state, touch(Action.SET_LANGUAGE, "en"), 2.0)
    assert effects == [LanguageChanged(A, A.slides[0], "en", "touch")]
    assert state.speak_at is None
    assert spoken(tick(state, 3.0)[1]) == []


def test_choosing_the_language_already_shown_does_not_restart_the_speech() -> None:
    state = speaking()
    assert handle(state, touch(Action.SET_LANGUAGE, "fr"), 2.0)[1] == []


def test_a_narration_longer_than_the_slide_keeps_it_up_until_it_is_over() -> None:
    state = narration_began(speaking(), 12.0, 1.0)
    assert state.due_at == 14.5  # 1 + 12 s of speech + 1.5 s of quiet
    assert next_deadline(state) == 14.5
    assert tick(state, 14.499) == (state, [])
    later, effects = tick(state, 14.5)
    assert shown(effects) == [("a1", "fr", "timer")]
    assert later.due_at == 14.5 + 20.0  # the next slide has its own duration again


def test_a_short_narration_does_not_shorten_the_slide() -> None:
    state = narration_began(speaking(), 3.0, 1.0)
    assert state.due_at == 10.0
    assert tick(state, 9.999)[1] == []
    assert shown(tick(state, 10.0)[1]) == [("a1", "fr", "timer")]


def test_repeat_restarts_the_narration_even_when_it_was_off() -> None:
    state, _ = start(SHOW, SILENT, 0.0)
    state, effects = handle(state, key(Action.REPEAT_NARRATION), 4.0)
    assert effects == [StopSpeech()]
    assert state.narration_on and state.held
    state, effects = tick(state, 4.0)
    assert effects == [Speak(A, A.slides[0], "fr")]
    state, effects = handle(state, key(Action.REPEAT_NARRATION), 6.0)
    assert effects == [StopSpeech()]
    assert tick(state, 6.0)[1] == [Speak(A, A.slides[0], "fr")]


def test_pause_pauses_the_speech_and_play_resumes_it() -> None:
    paused, effects = handle(speaking(), touch(Action.TOGGLE_PAUSE), 3.0)
    assert effects == [PauseSpeech()]
    assert paused.held and paused.speech_paused
    assert tick(paused, 50.0) == (paused, [])
    playing, effects = handle(paused, touch(Action.TOGGLE_PAUSE), 55.0)
    assert effects == [ResumeSpeech()]
    assert not playing.held and not playing.speech_paused


def test_speech_paused_before_it_began_waits_for_play() -> None:
    state, _ = start(SHOW, NARRATED, 0.0)
    paused, effects = handle(state, touch(Action.TOGGLE_PAUSE), 0.5)
    assert effects == [PauseSpeech()]
    assert next_deadline(paused) == 60.5  # only the idle timeout
    assert spoken(tick(paused, 30.0)[1]) == []
    playing, effects = handle(paused, touch(Action.TOGGLE_PAUSE), 31.0)
    assert effects == [ResumeSpeech()]
    assert tick(playing, 31.0)[1] == [Speak(A, A.slides[0], "fr")]


def test_play_after_a_pause_keeps_the_slide_up_for_the_rest_of_the_narration() -> None:
    state = narration_began(speaking(), 12.0, 1.0)  # speech until 13, slide until 14.5
    paused, _ = handle(state, touch(Action.TOGGLE_PAUSE), 2.0)  # 11 s of speech left
    playing, effects = handle(paused, touch(Action.TOGGLE_PAUSE), 20.0)
    assert effects == [ResumeSpeech()]
    # The speech goes on from 20 to 31, then 1.5 s of quiet; the slide's own 10 s are less.
    assert playing.due_at == pytest.approx(32.5)
    assert tick(playing, 32.4)[1] == []
    assert shown(tick(playing, 32.5)[1]) == [("a1", "fr", "timer")]


def test_play_while_a_held_slide_speaks_keeps_it_up_until_the_speech_ends() -> None:
    state, _ = handle(speaking(), touch(Action.NEXT), 5.0)  # a1, 20 s, speaks at 6
    state, effects = tick(state, 6.0)
    assert effects == [Speak(A, A.slides[1], "fr")]
    state = narration_began(state, 25.0, 6.0)  # speech until 31
    playing, _ = handle(state, touch(Action.TOGGLE_PAUSE), 7.0)
    assert not playing.held
    assert playing.due_at == 32.5
    assert tick(playing, 32.0)[1] == []


def test_volume_steps_and_stays_between_0_and_1() -> None:
    state = speaking()
    volumes = []
    for action in [Action.VOLUME_UP] * 3 + [Action.VOLUME_DOWN] * 12:
        state, effects = handle(state, key(action), 2.0)
        volumes.extend(e.volume for e in effects if isinstance(e, SetVolume))
    assert volumes == [0.9, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0, 0.0, 0.0]
    assert state.volume == 0.0


def test_the_next_visitor_gets_the_configured_volume_and_narration_back() -> None:
    state, _ = start(SHOW, SILENT, 0.0)
    state, _ = handle(state, key(Action.VOLUME_DOWN), 2.0)
    state, _ = handle(state, key(Action.TOGGLE_NARRATION), 3.0)
    state, effects = tick(state, 3.0)
    assert effects == [Speak(A, A.slides[0], "fr")]
    idle, effects = tick(state, 63.0)
    # The visitor's narration stops with their slide; the silent loop stays silent.
    assert effects == [SetVolume(0.8), StopSpeech(), SlideShown(A, A.slides[1], "fr", "idle")]
    assert (idle.volume, idle.narration_on, idle.speak_at) == (0.8, False, None)
    assert spoken(tick(idle, 64.0)[1]) == []


def test_idle_in_a_narrated_loop_speaks_the_next_slide() -> None:
    state, _ = handle(speaking(), touch(Action.SET_LANGUAGE, "en"), 2.0)
    state, _ = tick(state, 2.0)
    idle, effects = tick(state, 62.0)
    assert effects == [StopSpeech(), SlideShown(A, A.slides[1], "fr", "idle")]
    assert tick(idle, 63.0)[1] == [Speak(A, A.slides[1], "fr")]


NARRATION_COMMANDS = st.builds(
    Command,
    st.sampled_from(
        [
            Action.NEXT,
            Action.TOGGLE_PAUSE,
            Action.TOGGLE_NARRATION,
            Action.REPEAT_NARRATION,
            Action.CYCLE_LANGUAGE,
            Action.PRESENCE,
        ]
    ),
    st.just(Source.TOUCH),
)
NARRATION_EVENTS = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=20, allow_nan=False),
        st.one_of(st.none(), st.none(), NARRATION_COMMANDS, COMMANDS),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(
    show=SHOWS,
    events=NARRATION_EVENTS,
    lengths=st.lists(st.floats(min_value=0.5, max_value=40), min_size=1, max_size=5),
    autoplay=st.booleans(),
)
def test_speech_belongs_to_the_slide_on_screen_and_is_never_cut_off_by_the_timer(
    show: tuple[Deck, ...], events: list, lengths: list[float], autoplay: bool
) -> None:
    """The edge as the app runs it: each Speak starts a narration of the next length."""
    options = replace(NARRATED, narration_autoplay=autoplay, idle_timeout=15.0)
    now = 0.0
    state, _ = start(show, options, now)
    speech_end = paused_since = None  # the narration playing: when it ends, and if paused
    spoken_count = 0
    for gap, command in events:
        now += gap
        before, end_before, paused_before = state, speech_end, paused_since
        state, effects = tick(state, now) if command is None else handle(state, command, now)
        for effect in effects:
            match effect:
                case StopSpeech():
                    speech_end = paused_since = None
                case PauseSpeech() if speech_end is not None and paused_since is None:
                    paused_since = now
                case ResumeSpeech() if paused_since is not None:
                    speech_end += now - paused_since
                    paused_since = None
                case SlideShown() | LanguageChanged():
                    moved = effect.slide is not current_slide(before) or effect.lang != before.lang
                    assert speech_end is None or not moved, "speech outlived its slide"
                    if isinstance(effect, SlideShown) and effect.trigger == "timer":
                        assert end_before is None or (
                            paused_before is None
                            and now >= end_before + options.narration_pause - 1e-9
                        ), "the timer cut the narration off"
                case Speak():
                    assert state.narration_on and not state.speech_paused
                    assert (effect.slide, effect.lang) == (current_slide(state), state.lang)
                    seconds = lengths[spoken_count % len(lengths)]
                    spoken_count += 1
                    state = narration_began(state, seconds, now)
                    speech_end, paused_since = now + seconds, None
        if not state.narration_on:
            assert speech_end is None, "narration off, but a narration still plays"


# Hot reload


def edited(deck: Deck, index: int, caption: str) -> Deck:
    """`deck` with slide `index` given a new caption, as a reload would bring it."""
    slides = list(deck.slides)
    slides[index] = replace(slides[index], caption=LocalizedText((("fr", caption),)))
    return replace(deck, slides=tuple(slides))


def test_edited_decks_apply_at_once_when_nobody_is_there() -> None:
    state = moved_to(start(SHOW, SETTINGS, 0.0)[0], 0, 1)
    new_a = edited(A, 1, "a1 corrigé")
    after, effects = replace_decks(state, (new_a, B, C), 3.0)
    assert after.decks == (new_a, B, C)
    assert after.position == Position(0, 1)
    assert shown(effects) == [("a1", "fr", "reload")]  # the edited slide is shown again
    assert current_slide(after).caption.get("fr") == "a1 corrigé"


def test_an_unchanged_current_slide_is_not_shown_again() -> None:
    state = moved_to(start(SHOW, SETTINGS, 0.0)[0], 0, 0)
    after, effects = replace_decks(state, (edited(A, 2, "x"), B, C), 3.0)
    assert effects == []
    assert after.position == Position(0, 0)
    assert after.due_at == state.due_at


def test_a_visitor_keeps_their_slide_until_they_move_on() -> None:
    state, _ = handle(start(SHOW, SETTINGS, 0.0)[0], touch(Action.NEXT), 1.0)
    assert at(state) == "a1"
    new_a = edited(A, 1, "a1 corrigé")
    waiting, effects = replace_decks(state, (new_a, B, C), 2.0)
    assert effects == []
    assert waiting.decks == SHOW
    assert current_slide(waiting).caption.get("fr") == "a1 fr"
    after, effects = handle(waiting, touch(Action.PREVIOUS), 3.0)
    assert after.decks == (new_a, B, C)
    assert after.pending_decks is None
    assert shown(effects) == [("a0", "fr", "touch")]
    back, _ = handle(after, touch(Action.NEXT), 4.0)
    assert current_slide(back).caption.get("fr") == "a1 corrigé"


def test_a_removed_current_slide_goes_to_its_decks_first_slide() -> None:
    state = moved_to(start(SHOW, SETTINGS, 0.0)[0], 2, 1)
    shorter_c = replace(C, slides=C.slides[:1])
    after, effects = replace_decks(state, (A, B, shorter_c), 5.0)
    assert after.position == Position(2, 0)
    assert shown(effects) == [("c0", "fr", "reload")]


def test_a_removed_current_deck_starts_the_show_again() -> None:
    state = moved_to(start(SHOW, SETTINGS, 0.0)[0], 1, 0)
    after, effects = replace_decks(state, (A, C), 5.0)
    assert after.position == Position(0, 0)
    assert shown(effects) == [("a0", "fr", "reload")]


def test_every_deck_gone_leaves_an_empty_show_that_still_ticks() -> None:
    state = start(SHOW, SETTINGS, 0.0)[0]
    after, _ = replace_decks(state, (), 5.0)
    assert after.decks == ()
    assert current_slide(after) is None
    assert tick(after, 100.0) == (after, [])
    again, effects = replace_decks(after, SHOW, 101.0)
    assert shown(effects) == [("a0", "fr", "reload")]
    assert again.position == Position(0, 0)
