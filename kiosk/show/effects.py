"""What the player asks the edges to do: every effect declared in one place.

The player returns these from `handle` and `tick`; the app carries them out (the play log,
the sound) and nothing else produces them. Each is a frozen value, so a test can compare a
whole list of effects at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.show.deck import Deck, Slide


@dataclass(frozen=True)
class SlideShown:
    """A slide came on screen; `trigger` is start, timer, touch, key, idle, reload, resume or
    skip (see the play log in the README)."""

    deck: Deck
    slide: Slide
    lang: str
    trigger: str


@dataclass(frozen=True)
class LanguageChanged:
    """A visitor switched language; the slide on screen now shows in `lang`."""

    deck: Deck
    slide: Slide
    lang: str
    trigger: str


@dataclass(frozen=True)
class Speak:
    """Start the narration of `slide` in `lang`, from the beginning."""

    deck: Deck
    slide: Slide
    lang: str


@dataclass(frozen=True)
class StopSpeech:
    pass


@dataclass(frozen=True)
class PauseSpeech:
    pass


@dataclass(frozen=True)
class ResumeSpeech:
    pass


@dataclass(frozen=True)
class SetVolume:
    volume: float


@dataclass(frozen=True)
class DoorsChanged:
    """The museum opened (`open` True) or closed, by its calendar: a line in the play log."""

    open: bool


Effect = (
    SlideShown
    | LanguageChanged
    | Speak
    | StopSpeech
    | PauseSpeech
    | ResumeSpeech
    | SetVolume
    | DoorsChanged
)
