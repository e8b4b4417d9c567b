"""A slide comes on screen: the one step every path to a new slide goes through.

The visitor's commands and the timer (kiosk.show.player) and the museum's calendar
(kiosk.show.opening) all end here, so that edited decks waiting for a slide change, the
narration's start and the play log's line are handled in one place.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.show.deck import Deck
from kiosk.show.effects import Effect, SlideShown, StopSpeech
from kiosk.show.player_state import PlayerState, Position, locate, slide_at

Step = tuple[PlayerState, list[Effect]]


def show_slide(state: PlayerState, position: Position, now: float, trigger: str) -> Step:
    """Show the slide at `position` (in the waiting decks, if an edit is waiting)."""
    if state.pending_decks is not None:
        pending, state = state.pending_decks, replace(state, pending_decks=None)
        return _adopt_and_show(state, pending, position, now, trigger)
    if not state.decks:
        return state, []
    slide = slide_at(state, position)
    narrating = state.narration_on and not state.quiet
    shown = replace(
        state,
        position=position,
        due_at=now + slide.duration,
        speak_at=now + state.settings.settle_seconds if narrating else None,
        speech_paused=False,
    )
    effects: list[Effect] = [SlideShown(state.decks[position.deck], slide, state.lang, trigger)]
    return shown, [StopSpeech(), *effects] if state.narration_on else effects


def _adopt_and_show(
    state: PlayerState, decks: tuple[Deck, ...], position: Position, now: float, trigger: str
) -> Step:
    """A slide change with edited decks waiting: go where the visitor asked, in the new decks."""
    if not decks:
        return replace(state, decks=decks, position=Position(0, 0)), [StopSpeech()]
    target = slide_at(state, position)
    path = state.decks[position.deck].path
    found = locate(decks, path, target.id, target.step) or Position(0, 0)
    return show_slide(replace(state, decks=decks), found, now, trigger)
