"""What is drawn over a slide to speak to the visitor, and when it changes: a hint that the
screen can be touched while nobody is there, the countdown before the idle return, and the
short notices (quiet hours, no sound).

WCAG 2.2.1 (timing adjustable) asks that a time limit be announced and extendable: the last
COUNTDOWN_SECONDS before the screen returns to the attract loop show "Still there? 7", and any
touch (which sets `last_input_at` again) cancels it. Pure: the renderer draws what `overlay`
says, and the loop wakes at `next_change`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.show.player_state import PlayerState
from kiosk.show.theme import ui_text

COUNTDOWN_SECONDS = 10
HINT_PULSE_SECONDS = 4.0
"""One slow breath of the hint, from faint to full and back."""
HINT_STEPS = 8
"""Brightness levels in a breath: the screen is redrawn only twice a second for it."""
HINT_FAINTEST = 0.45
NOTICES = ("quiet", "no_sound")


@dataclass(frozen=True)
class Overlay:
    kind: str
    """"hint" (attract loop), "countdown" or "notice"."""
    text: str
    strength: float = 1.0
    """How bright the hint is drawn, from HINT_FAINTEST to 1."""


def countdown_seconds(state: PlayerState, now: float) -> int | None:
    """The whole seconds left before the idle return, shown in its last COUNTDOWN_SECONDS;
    None when no countdown shows."""
    if state.closed or not state.decks or state.last_input_at is None:
        return None
    left = state.last_input_at + state.settings.idle_timeout - now
    if left <= 0 or left > COUNTDOWN_SECONDS:
        return None
    return math.ceil(left)


def countdown_wake(state: PlayerState, now: float) -> float | None:
    """When the countdown next appears or changes its number: the loop must be awake then."""
    if state.closed or not state.decks or state.last_input_at is None:
        return None
    idle_at = state.last_input_at + state.settings.idle_timeout
    starts = idle_at - COUNTDOWN_SECONDS
    if now < starts:
        return starts
    left = idle_at - now
    if left <= 0:
        return None
    return idle_at - (math.ceil(left) - 1)


def hint_text(languages: tuple[str, ...]) -> str:
    """ "Touchez l'écran · Touch the screen": each configured language's words, once."""
    words: list[str] = []
    for lang in languages:
        text = ui_text(lang, "touch")
        if text not in words:
            words.append(text)
    return " · ".join(words)


def hint_strength(now: float, reduced_motion: bool) -> float:
    """The hint's brightness at `now`: a slow stepped pulse, or steady with reduced motion."""
    if reduced_motion:
        return 1.0
    phase = (now % HINT_PULSE_SECONDS) / HINT_PULSE_SECONDS
    step = math.floor(phase * HINT_STEPS) / HINT_STEPS
    wave = (1 - math.cos(2 * math.pi * step)) / 2  # 0 at the start of a breath, 1 halfway
    return round(HINT_FAINTEST + (1 - HINT_FAINTEST) * wave, 3)


def overlay(state: PlayerState, now: float) -> Overlay | None:
    """What shows over the slide now, if anything: a notice first, then the countdown, then
    (nobody there) the hint."""
    if state.closed or not state.decks:
        return None
    if state.notice in NOTICES:
        return Overlay("notice", ui_text(state.lang, state.notice))
    seconds = countdown_seconds(state, now)
    if seconds is not None:
        return Overlay("countdown", ui_text(state.lang, "still_there").format(seconds=seconds))
    if state.visitor_present:
        return None
    strength = hint_strength(now, state.settings.reduced_motion)
    return Overlay("hint", hint_text(state.settings.languages), strength)


def next_change(state: PlayerState, now: float) -> float | None:
    """When the overlay next looks different (the countdown's number, the hint's pulse)."""
    wakes = [countdown_wake(state, now)]
    hinting = not (state.closed or not state.decks or state.visitor_present)
    if hinting and not state.settings.reduced_motion:
        step = HINT_PULSE_SECONDS / HINT_STEPS
        wakes.append((math.floor(now / step) + 1) * step)
    found = [wake for wake in wakes if wake is not None]
    return min(found) if found else None
