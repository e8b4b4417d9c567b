"""The player under staff's remote commands: next, previous, goto, pause, resume, language
and narration, each a slide change (or a language change) with the trigger `remote`.

Pure, like kiosk.show.player, with which it shares the one way a slide comes on screen
(kiosk.show.showing). Unlike a visitor's touch, a remote command does not make a visitor
present: the loop's timer restarts from the slide staff chose. A remote pause holds the
slide until a remote resume (or until a visitor comes and goes, which returns the loop to
its usual course). `refusal` says first whether a command can be carried out at all; a
refused command changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.show.commands import Source
from kiosk.show.effects import Effect, LanguageChanged, PauseSpeech, ResumeSpeech, StopSpeech
from kiosk.show.player_state import PlayerState, Position, current_slide, loop_step, step
from kiosk.show.remote_commands import RemoteAction, RemoteCommand
from kiosk.show.showing import Step, show_slide

TRIGGER = Source.REMOTE.value

SHOW_ACTIONS = frozenset(
    {
        RemoteAction.NEXT,
        RemoteAction.PREVIOUS,
        RemoteAction.GOTO,
        RemoteAction.PAUSE,
        RemoteAction.RESUME,
        RemoteAction.LANGUAGE,
        RemoteAction.NARRATION,
    }
)
"""The actions carried out by the player; the others (reload, restart, display, screenshot)
by the edges."""


def refusal(state: PlayerState, command: RemoteCommand) -> str | None:
    """Why the player cannot carry out `command` now, or None when it can."""
    if command.action not in SHOW_ACTIONS:
        return None
    if state.closed:
        return "the museum is closed (its calendar): nothing shows until it opens"
    if not state.decks:
        return "no deck plays today: there is nothing to move"
    match command.action:
        case RemoteAction.GOTO:
            return _goto_refusal(state, command)
        case RemoteAction.LANGUAGE if command.lang not in state.settings.languages:
            codes = ", ".join(state.settings.languages)
            return f"'{command.lang}' is not one of this kiosk's languages: {codes}"
        case RemoteAction.NARRATION if command.on and not state.sound_available:
            return "this kiosk has no sound device: narration cannot play"
        case RemoteAction.NARRATION if command.on and state.quiet:
            return "quiet hours: narration stays off until they end"
    return None


def handle(state: PlayerState, command: RemoteCommand, now: float) -> Step:
    """Carry out `command` (which `refusal` let through); others leave the state as it is."""
    match command.action:
        case RemoteAction.NEXT:
            return show_slide(state, loop_step(state, state.position), now, TRIGGER)
        case RemoteAction.PREVIOUS:
            return show_slide(state, step(state.decks, state.position, -1), now, TRIGGER)
        case RemoteAction.GOTO:
            position = find_position(state, command)
            return show_slide(state, position, now, TRIGGER) if position else (state, [])
        case RemoteAction.PAUSE:
            return _pause(state, now)
        case RemoteAction.RESUME:
            return _resume(state, now)
        case RemoteAction.LANGUAGE if command.lang is not None:
            return _language(state, command.lang, now)
        case RemoteAction.NARRATION:
            return _narration(state, bool(command.on), now)
    return state, []


def paused(state: PlayerState) -> bool:
    """Held by staff: the slide stays, and nobody is there to hold it."""
    return state.held and not state.visitor_present and not state.closed


def find_position(state: PlayerState, command: RemoteCommand) -> Position | None:
    """Where goto's slide (and step) is among the decks playing now."""
    for d, deck in enumerate(state.decks):
        if deck.name != command.deck:
            continue
        for s, slide in enumerate(deck.slides):
            if slide.id == command.slide and slide.step == (command.step or 0):
                return Position(d, s)
    return None


def _goto_refusal(state: PlayerState, command: RemoteCommand) -> str | None:
    if find_position(state, command) is not None:
        return None
    names = [deck.name for deck in state.decks]
    if command.deck not in names:
        return f"no deck '{command.deck}' plays now; the decks playing: {', '.join(names)}"
    deck = state.decks[names.index(command.deck)]
    steps = [slide.step for slide in deck.slides if slide.id == command.slide]
    if not steps:
        return f"deck '{command.deck}' has no slide '{command.slide}'"
    if max(steps) == 0:
        return f"slide '{command.slide}' is not a timeline or a map: it has no step {command.step}"
    return f"slide '{command.slide}' has steps 0 to {max(steps)}, not {command.step}"


def _pause(state: PlayerState, now: float) -> Step:
    held = replace(state, held=True)
    if not state.narration_on or state.speech_paused:
        return held, []
    return replace(held, speech_paused=True, speech_paused_at=now), [PauseSpeech()]


def _resume(state: PlayerState, now: float) -> Step:
    """The loop runs again: the slide stays its full time from now, or until its narration,
    paused and now resumed, has ended."""
    if not state.held:
        return state, []
    slide = current_slide(state)
    due = now + (slide.duration if slide else 0.0)
    speech_due = state.due_at
    if state.speech_paused and state.speech_paused_at is not None:
        speech_due += now - state.speech_paused_at
    resumed = replace(state, held=False, due_at=max(due, speech_due), speech_paused=False)
    return resumed, [ResumeSpeech()] if state.speech_paused else []


def _language(state: PlayerState, lang: str, now: float) -> Step:
    if lang == state.lang:
        return state, []
    deck, slide = state.decks[state.position.deck], current_slide(state)
    assert slide is not None
    changed = replace(state, lang=lang, speak_at=now if state.narration_on else None)
    effects: list[Effect] = [LanguageChanged(deck, slide, lang, TRIGGER)]
    return changed, [StopSpeech(), *effects] if state.narration_on else effects


def _narration(state: PlayerState, on: bool, now: float) -> Step:
    if on == state.narration_on:
        return state, []
    if on:
        return replace(state, narration_on=True, speak_at=now, speech_paused=False), []
    return replace(state, narration_on=False, speak_at=None), [StopSpeech()]
