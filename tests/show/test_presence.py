"""The way in, in pure player terms: the idle countdown (WCAG 2.2.1), its cancelling touch,
the hint of the attract loop, and the speaker buttons of a kiosk without sound."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.show import player, presence
from kiosk.show.commands import Action, Command, Source
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.player import PlayerSettings, handle, next_deadline, tick

IDLE = 60.0
SETTINGS = PlayerSettings(("fr", "en"), "fr", IDLE)


def show() -> tuple[Deck, ...]:
    slides = tuple(
        Slide(
            id=f"s{i}",
            image=Path(f"{i}.jpg"),
            caption=LocalizedText.same_everywhere("Texte"),
            credit=None,
            duration=1000.0,
            transition="cut",
            where=Mark("d.yaml", 1, 1),
        )
        for i in range(3)
    )
    return (Deck(Path("d.yaml"), LocalizedText.same_everywhere("T"), slides),)


def visited(at: float = 0.0, settings: PlayerSettings = SETTINGS):
    state, _ = player.start(show(), settings, 0.0)
    state, _ = handle(state, Command(Action.PRESENCE, Source.TOUCH), at)
    return state


def touch(action: Action = Action.PRESENCE) -> Command:
    return Command(action, Source.TOUCH)


def test_the_countdown_shows_the_last_ten_seconds_counting_down() -> None:
    state = visited()
    assert presence.countdown_seconds(state, IDLE - 10.5) is None
    assert presence.countdown_seconds(state, IDLE - 10.0) == 10
    assert presence.countdown_seconds(state, IDLE - 7.2) == 8
    assert presence.countdown_seconds(state, IDLE - 0.1) == 1
    assert presence.countdown_seconds(state, IDLE) is None


def test_the_countdown_speaks_the_visitors_language() -> None:
    state, _ = handle(visited(), Command(Action.SET_LANGUAGE, Source.TOUCH, "en"), 0.0)
    shown = presence.overlay(state, IDLE - 6.5)
    assert shown == presence.Overlay("countdown", "Still there? 7")
    french = presence.overlay(visited(), IDLE - 6.5)
    assert french is not None and french.text == "Toujours là ? 7"


def test_a_touch_cancels_the_countdown_and_the_idle_return() -> None:
    state = visited()
    state, _ = tick(state, IDLE - 3)
    assert presence.countdown_seconds(state, IDLE - 3) == 3
    state, _ = handle(state, touch(), IDLE - 3)
    assert presence.countdown_seconds(state, IDLE - 2) is None
    state, effects = tick(state, IDLE + 1)
    assert state.visitor_present and not effects  # not sent back to the loop
    assert presence.countdown_seconds(state, 2 * IDLE - 3 - 5) == 5


def test_the_loop_is_woken_each_second_of_the_countdown() -> None:
    state = visited()
    assert next_deadline(state, 1.0) == IDLE - 10  # asleep until the countdown starts
    wakes, now = [], IDLE - 10
    while now < IDLE:
        wakes.append(now)
        now = next_deadline(state, now)
        assert now is not None
    assert wakes == [IDLE - 10 + k for k in range(10)]
    assert now == IDLE  # then the idle return itself


def test_the_hint_shows_only_while_nobody_is_there() -> None:
    state, _ = player.start(show(), SETTINGS, 0.0)
    hint = presence.overlay(state, 1.0)
    assert hint is not None and hint.kind == "hint"
    assert hint.text == "Touchez l’écran · Touch the screen"
    assert presence.overlay(visited(), 1.0) is None
    back, _ = tick(visited(), IDLE)
    assert presence.overlay(back, IDLE).kind == "hint"


def test_the_hint_uses_english_for_a_language_without_words_and_says_it_once() -> None:
    assert presence.hint_text(("fr", "de", "en")) == "Touchez l’écran · Touch the screen"
    assert presence.hint_text(("de",)) == "Touch the screen"


def test_the_hint_pulses_unless_motion_is_reduced() -> None:
    strengths = {presence.hint_strength(t / 10, False) for t in range(40)}
    assert len(strengths) > 3 and min(strengths) >= presence.HINT_FAINTEST
    assert {presence.hint_strength(t / 10, True) for t in range(40)} == {1.0}
    state, _ = player.start(show(), SETTINGS, 0.0)
    assert next_deadline(state, 1.1) == 1.5  # the next step of the pulse
    still = replace(SETTINGS, reduced_motion=True)
    state, _ = player.start(show(), still, 0.0)
    assert next_deadline(state, 1.1) == 1000.0  # only the slide's own timer


def test_without_a_sound_device_the_speaker_gives_a_notice_and_no_sound() -> None:
    state = replace(visited(), sound_available=False)
    for action in (Action.TOGGLE_NARRATION, Action.REPEAT_NARRATION):
        after, effects = handle(state, touch(action), 1.0)
        assert effects == []
        assert not after.narration_on and after.speak_at is None
        assert after.notice == "no_sound"
        assert presence.overlay(after, 1.0) == presence.Overlay(
            "notice", "Pas de son sur cette borne"
        )
    with_sound, _ = handle(visited(), touch(Action.TOGGLE_NARRATION), 1.0)
    assert with_sound.narration_on and with_sound.notice is None
