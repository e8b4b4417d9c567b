"""The player's state, and the questions the show asks of it: which slide is on, which come next.

The state is an immutable value; kiosk.show.player makes each new one. The renderer and the
app only read it, through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.show.deck import Deck, Slide


@dataclass(frozen=True)
class PlayerSettings:
    languages: tuple[str, ...]
    default_language: str
    idle_timeout: float
    narration_autoplay: bool = False
    settle_seconds: float = 0.0
    narration_pause: float = 1.5
    volume: float = 0.8
    reduced_motion: bool = False
    """Cuts instead of crossfades, a still hint instead of a pulsing one."""


@dataclass(frozen=True)
class Position:
    deck: int
    slide: int


@dataclass(frozen=True)
class PlayerState:
    decks: tuple[Deck, ...]
    settings: PlayerSettings
    position: Position
    lang: str
    due_at: float
    held: bool = False
    last_input_at: float | None = None
    narration_on: bool = False
    speak_at: float | None = None
    speech_paused: bool = False
    speech_paused_at: float | None = None
    volume: float = 0.8
    pending_decks: tuple[Deck, ...] | None = None
    """Edited decks waiting for the next slide change, so a visitor's slide stays put."""
    failed_photos: frozenset[Path] = frozenset()
    """Photos that cannot be shown: the unattended loop skips their slides."""
    closed: bool = False
    """The museum is closed: no slide, no timer, no narration (see kiosk.show.opening)."""
    quiet: bool = False
    """Quiet hours (or closed while the loop keeps playing): narration does not start."""
    notice: str | None = None
    """A short message on screen: "hours" (the opening hours, while closed) or "quiet"."""
    notice_until: float = 0.0
    sound_available: bool = True
    """False when the kiosk has no sound device: the speaker buttons say so, and do nothing."""
    larger_text: bool = False
    """The visitor asked for larger captions (kiosk.show.choices); the next visitor does not."""
    high_contrast: bool = False
    """The visitor asked for higher contrast (kiosk.show.choices); reset likewise."""

    @property
    def visitor_present(self) -> bool:
        return self.last_input_at is not None


def current_deck(state: PlayerState) -> Deck | None:
    return state.decks[state.position.deck] if state.decks else None


def current_slide(state: PlayerState) -> Slide | None:
    deck = current_deck(state)
    return deck.slides[state.position.slide] if deck else None


def slide_at(state: PlayerState, position: Position) -> Slide:
    return state.decks[position.deck].slides[position.slide]


def upcoming(state: PlayerState) -> tuple[tuple[Deck, Slide], ...]:
    """The next slide (the loop's next, while nobody is there) and the previous, each with its
    deck."""
    if not state.decks:
        return ()
    ahead = loop_step(state, state.position)
    behind = step(state.decks, state.position, -1)
    positions = (ahead, behind) if behind != ahead else (ahead,)
    return tuple((state.decks[p.deck], slide_at(state, p)) for p in positions)


def can_show(state: PlayerState, position: Position) -> bool:
    return slide_at(state, position).image not in state.failed_photos


def loop_step(state: PlayerState, position: Position) -> Position:
    """Where the loop goes after `position`: while nobody is there, the next slide whose photo
    can be shown. A visitor sees every slide; and when no slide can be shown, the loop shows
    them all the same rather than stop."""
    plain = step(state.decks, position, +1)
    if state.visitor_present or not state.failed_photos:
        return plain
    candidate = plain
    for _ in range(sum(len(deck.slides) for deck in state.decks)):
        if can_show(state, candidate):
            return candidate
        candidate = step(state.decks, candidate, +1)
    return plain


def step(decks: tuple[Deck, ...], position: Position, delta: int) -> Position:
    """One slide forward or back, across deck boundaries, wrapping round the whole show."""
    slide = position.slide + delta
    if 0 <= slide < len(decks[position.deck].slides):
        return Position(position.deck, slide)
    deck = (position.deck + delta) % len(decks)
    return Position(deck, 0 if delta > 0 else len(decks[deck].slides) - 1)


def locate(
    decks: tuple[Deck, ...], deck_path: Path | None, slide_id: str | None, step: int = 0
) -> Position | None:
    """Where a slide is now, found by its deck's file, its id and (for a timeline's or map's
    step) its step: the panel's nearest step when that one is gone, the deck's first slide
    when the slide is gone, None when the deck is."""
    for d, deck in enumerate(decks):
        if deck.path != deck_path:
            continue
        return _in_deck(d, deck, slide_id, step) or Position(d, 0)
    return None


def find_slide(
    decks: tuple[Deck, ...], deck_name: str, slide_id: str, step: int = 0
) -> Position | None:
    """Where the slide `slide_id` (its `step`, for a timeline or map) of the deck named
    `deck_name` is, None if it is not there."""
    for d, deck in enumerate(decks):
        if deck.name == deck_name:
            found = _in_deck(d, deck, slide_id, step)
            if found is not None:
                return found
    return None


def _in_deck(d: int, deck: Deck, slide_id: str | None, step: int) -> Position | None:
    """The slide `slide_id` of `deck` (index `d`); of a panel's steps, `step` or the last
    one before it (an edit removed events), else the first."""
    matches = [s for s, slide in enumerate(deck.slides) if slide.id == slide_id]
    if not matches:
        return None
    reached = [s for s in matches if deck.slides[s].step <= step]
    return Position(d, reached[-1] if reached else matches[0])


def step_position(state: PlayerState, step: int) -> Position | None:
    """Where step `step` of the timeline or map on screen is; None when no panel is on
    screen or it has no such step."""
    slide = slide_at(state, state.position) if state.decks else None
    if slide is None or slide.panel is None or not 0 <= step < len(slide.panel.events):
        return None
    index = state.position.slide - slide.step + step
    slides = state.decks[state.position.deck].slides
    if 0 <= index < len(slides) and slides[index].panel == slide.panel:
        return Position(state.position.deck, index)
    return None
