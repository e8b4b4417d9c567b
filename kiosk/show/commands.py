"""What a visitor can ask of the player, whatever the device they asked with.

The input edge turns taps, swipes, clicks and keys into these; the player never sees an event.
The source travels with the command because the play log records what triggered each slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Action(Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    CYCLE_LANGUAGE = "cycle-language"
    SET_LANGUAGE = "set-language"
    TOGGLE_PAUSE = "toggle-pause"
    TOGGLE_NARRATION = "toggle-narration"
    REPEAT_NARRATION = "repeat-narration"
    VOLUME_UP = "volume-up"
    VOLUME_DOWN = "volume-down"
    LARGER_TEXT = "larger-text"
    """Captions larger, the photo smaller: a visitor's choice, reset for the next visitor."""
    HIGH_CONTRAST = "high-contrast"
    """Black and white, yellow titles, bold borders: a visitor's choice, reset likewise."""
    SHOW_STEP = "show-step"
    """A tap on a timeline's or map's event: show that step (`Command.step`) of the panel."""
    PRESENCE = "presence"
    """A touch that asks for nothing in particular, but tells that a visitor is there."""


class Source(Enum):
    TOUCH = "touch"
    KEY = "key"
    REMOTE = "remote"
    """Staff from afar, over the fleet link (kiosk.show.remote): it moves the show without
    counting as a visitor."""


@dataclass(frozen=True)
class Command:
    action: Action
    source: Source
    lang: str | None = None
    step: int | None = None
    """For SHOW_STEP: which event of the timeline or map on screen, from 0."""
