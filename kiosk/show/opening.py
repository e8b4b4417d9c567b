"""The player and the museum's calendar: closing, opening again, and quiet hours.

The calendar itself (kiosk.show.calendar) says what is true at a moment; the app asks it, and
tells the player only when something changes, through these functions. Like the rest of the
player they are pure: the new state and the effects to carry out.

Closed, the player shows no slide, runs no timer and says nothing. A visitor who touches the
screen then is shown the opening hours for a few seconds (a tap on a language button shows
them in that language), and the screen goes dark again. On opening, the loop starts again at
the first slide, as a museum's day starts. In quiet hours narration does not start, and the
speaker button shows a short notice instead of speaking.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.show import choices
from kiosk.show.commands import Action, Command
from kiosk.show.effects import Effect, SetVolume, StopSpeech
from kiosk.show.player_state import PlayerState, Position
from kiosk.show.showing import Step, show_slide

HOURS_NOTICE_SECONDS = 8.0
QUIET_NOTICE_SECONDS = 4.0


def close(state: PlayerState, now: float) -> Step:
    """The museum closes: the loop stops where it is, the next visitor's settings are reset."""
    if state.closed:
        return state, []
    settings = state.settings
    closed = replace(
        choices.reset(state),
        closed=True,
        held=False,
        last_input_at=None,
        lang=settings.default_language,
        narration_on=settings.narration_autoplay,
        speak_at=None,
        speech_paused=False,
        volume=settings.volume,
        notice=None,
    )
    effects: list[Effect] = [StopSpeech()]
    if state.volume != settings.volume:
        effects.append(SetVolume(settings.volume))
    return closed, effects


def reopen(state: PlayerState, now: float) -> Step:
    """The museum opens: the loop begins again at the first slide."""
    if not state.closed:
        return state, []
    return show_slide(replace(state, closed=False, notice=None), Position(0, 0), now, "open")


def set_quiet(state: PlayerState, quiet: bool, now: float) -> Step:
    """Quiet hours begin or end. Narration under way stops when they begin; when they end,
    narration (if on) starts again with the next slide, never in the middle of one."""
    if quiet == state.quiet:
        return state, []
    if quiet:
        return replace(state, quiet=True, speak_at=None, speech_paused=False), [StopSpeech()]
    return replace(state, quiet=False), []


def while_closed(state: PlayerState, command: Command, now: float) -> Step:
    """A touch or key while closed: the opening hours, in the language asked for if any."""
    lang = state.lang
    languages = state.settings.languages
    if command.action is Action.SET_LANGUAGE and command.lang in languages:
        lang = command.lang
    elif command.action is Action.CYCLE_LANGUAGE and lang in languages:
        lang = languages[(languages.index(lang) + 1) % len(languages)]
    shown = replace(state, lang=lang, notice="hours", notice_until=now + HOURS_NOTICE_SECONDS)
    return shown, []


def refuse_narration(state: PlayerState, now: float, why: str = "quiet") -> Step:
    """The speaker button in quiet hours (or on a kiosk without sound, `why` "no_sound"): a
    notice, no sound."""
    return replace(state, notice=why, notice_until=now + QUIET_NOTICE_SECONDS), []


def expire_notice(state: PlayerState, now: float) -> PlayerState:
    """The notice's time is up: it leaves the screen (and a closed screen goes dark again)."""
    if state.notice is not None and now >= state.notice_until:
        return replace(state, notice=None)
    return state
