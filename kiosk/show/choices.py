"""What a visitor may choose for how the screen looks: larger text and higher contrast.

A choice is for the person in front of the screen, who may read less well than most: it holds
while they stay and is undone for the next visitor, at the idle return and at closing, as
the language and the volume are. Like the rest of the player, pure functions over the state.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.show.commands import Action
from kiosk.show.player_state import PlayerState

CHOICES = (Action.LARGER_TEXT, Action.HIGH_CONTRAST)
"""The actions that toggle a visitor's choice, in the order their buttons are drawn."""


def toggle(state: PlayerState, action: Action) -> PlayerState:
    """The choice `action` names, turned on if it was off and off if it was on."""
    if action is Action.LARGER_TEXT:
        return replace(state, larger_text=not state.larger_text)
    if action is Action.HIGH_CONTRAST:
        return replace(state, high_contrast=not state.high_contrast)
    return state


def is_on(state: PlayerState, action: Action) -> bool:
    """Whether the choice `action` names is on: its button is drawn active."""
    return (action is Action.LARGER_TEXT and state.larger_text) or (
        action is Action.HIGH_CONTRAST and state.high_contrast
    )


def reset(state: PlayerState) -> PlayerState:
    """The screen as the next visitor should find it: no choice left on."""
    if not (state.larger_text or state.high_contrast):
        return state
    return replace(state, larger_text=False, high_contrast=False)
