"""The player under remote commands: the show moves with trigger `remote`, no visitor is
made up, a pause holds until resume, and what cannot be done is refused with why."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.show import remote
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.effects import LanguageChanged, PauseSpeech, ResumeSpeech, SlideShown, StopSpeech
from kiosk.show.player import PlayerSettings, PlayerState, Position, current_slide, start, tick
from kiosk.show.remote_commands import RemoteAction, RemoteCommand

SETTINGS = PlayerSettings(languages=("fr", "en"), default_language="fr", idle_timeout=60.0)


def slide(name: str, duration: float = 10, step: int = 0) -> Slide:
    return Slide(
        id=name,
        image=Path(f"media/{name}.png"),
        caption=LocalizedText((("fr", f"{name} fr"), ("en", f"{name} en"))),
        credit=None,
        duration=duration,
        transition="cut",
        where=Mark("deck.yaml", 3, 5),
        step=step,
    )


TOWN = Deck(
    Path("slides/town.yaml"),
    LocalizedText.same_everywhere("Town"),
    (slide("harbour"), slide("bridge"), slide("market")),
)
WAR = Deck(
    Path("slides/war.yaml"),
    LocalizedText.same_everywhere("War"),
    tuple(slide("timeline", 5, step) for step in range(3)),
)
SHOW = (TOWN, WAR)


def started(**changes: object) -> PlayerState:
    state, _ = start(SHOW, SETTINGS, 0.0)
    return replace(state, **changes)


def command(action: RemoteAction, **arguments: object) -> RemoteCommand:
    return RemoteCommand(action, **arguments)  # type: ignore[arg-type]


def at(state: PlayerState) -> tuple[str, int]:
    shown = current_slide(state)
    assert shown is not None
    return shown.id, shown.step


def shown(effects: list) -> list[tuple[str, str]]:
    return [(e.slide.id, e.trigger) for e in effects if isinstance(e, SlideShown)]


def test_next_and_previous_move_the_show_without_making_up_a_visitor() -> None:
    state = started()
    state, effects = remote.handle(state, command(RemoteAction.NEXT), 3.0)
    assert (at(state), shown(effects)) == (("bridge", 0), [("bridge", "remote")])
    assert not state.visitor_present and not state.held
    assert state.due_at == 13.0  # the loop goes on from the slide staff chose
    state, effects = remote.handle(state, command(RemoteAction.PREVIOUS), 4.0)
    assert shown(effects) == [("harbour", "remote")]
    state, _ = remote.handle(state, command(RemoteAction.PREVIOUS), 5.0)
    assert at(state) == ("timeline", 2)  # back across the deck boundary
    state, _ = tick(state, 10.0)
    assert at(state) == ("harbour", 0)


def test_goto_a_slide_and_a_step_of_a_timeline() -> None:
    state = started()
    goto = command(RemoteAction.GOTO, deck="town", slide="market")
    assert remote.refusal(state, goto) is None
    state, effects = remote.handle(state, goto, 1.0)
    assert (at(state), shown(effects)) == (("market", 0), [("market", "remote")])
    goto = command(RemoteAction.GOTO, deck="war", slide="timeline", step=2)
    state, _ = remote.handle(state, goto, 2.0)
    assert state.position == Position(1, 2)


def test_goto_somewhere_not_playing_is_refused_with_what_is() -> None:
    state = started()

    def why(**arguments: object) -> str | None:
        return remote.refusal(state, command(RemoteAction.GOTO, **arguments))

    assert why(deck="ships", slide="a") == "no deck 'ships' plays now; the decks playing: town, war"
    assert why(deck="town", slide="church") == "deck 'town' has no slide 'church'"
    assert why(deck="war", slide="timeline", step=5) == ("slide 'timeline' has steps 0 to 2, not 5")
    assert why(deck="town", slide="bridge", step=1) == (
        "slide 'bridge' is not a timeline or a map: it has no step 1"
    )


def test_a_remote_pause_holds_the_slide_until_resume() -> None:
    state = started()
    state, _ = remote.handle(state, command(RemoteAction.PAUSE), 2.0)
    assert remote.paused(state)
    state, effects = tick(state, 500.0)  # past the slide's time and the idle timeout
    assert (at(state), effects) == (("harbour", 0), [])
    state, _ = remote.handle(state, command(RemoteAction.RESUME), 500.0)
    assert not remote.paused(state)
    state, _ = tick(state, 509.0)
    assert at(state) == ("harbour", 0)
    state, effects = tick(state, 510.0)
    assert shown(effects) == [("bridge", "timer")]


def test_pause_and_resume_pause_and_resume_the_narration() -> None:
    state = started(narration_on=True)
    state, effects = remote.handle(state, command(RemoteAction.PAUSE), 2.0)
    assert effects == [PauseSpeech()]
    state, effects = remote.handle(state, command(RemoteAction.PAUSE), 3.0)
    assert effects == []  # already paused: nothing more
    state, effects = remote.handle(state, command(RemoteAction.RESUME), 4.0)
    assert effects == [ResumeSpeech()]
    state, effects = remote.handle(state, command(RemoteAction.RESUME), 5.0)
    assert effects == []


def test_language_changes_the_caption_with_trigger_remote() -> None:
    state = started()
    english = command(RemoteAction.LANGUAGE, lang="en")
    state, effects = remote.handle(state, english, 1.0)
    assert state.lang == "en" and not state.visitor_present
    assert [(e.lang, e.trigger) for e in effects if isinstance(e, LanguageChanged)] == [
        ("en", "remote")
    ]
    assert remote.refusal(state, command(RemoteAction.LANGUAGE, lang="de")) == (
        "'de' is not one of this kiosk's languages: fr, en"
    )


def test_narration_on_and_off() -> None:
    state = started()
    state, effects = remote.handle(state, command(RemoteAction.NARRATION, on=True), 1.0)
    assert (state.narration_on, state.speak_at, effects) == (True, 1.0, [])
    state, effects = remote.handle(state, command(RemoteAction.NARRATION, on=False), 2.0)
    assert (state.narration_on, effects) == (False, [StopSpeech()])


def test_narration_is_refused_without_sound_or_in_quiet_hours() -> None:
    on = command(RemoteAction.NARRATION, on=True)
    assert remote.refusal(started(sound_available=False), on) == (
        "this kiosk has no sound device: narration cannot play"
    )
    assert remote.refusal(started(quiet=True), on) == (
        "quiet hours: narration stays off until they end"
    )
    assert remote.refusal(started(quiet=True), command(RemoteAction.NARRATION, on=False)) is None


def test_while_closed_the_show_commands_are_refused_and_the_others_are_not_the_players() -> None:
    closed = started(closed=True)
    assert remote.refusal(closed, command(RemoteAction.NEXT)) == (
        "the museum is closed (its calendar): nothing shows until it opens"
    )
    for action in (RemoteAction.RELOAD, RemoteAction.RESTART, RemoteAction.SCREENSHOT):
        assert remote.refusal(closed, command(action)) is None
        assert remote.handle(closed, command(action), 1.0) == (closed, [])
