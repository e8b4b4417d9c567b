"""Decks and slides as immutable values.

They are frozen so that the player state can hold them safely, and so that a reload can swap a
whole new deck in without anything seeing it half built.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from kiosk.show.calendar import DeckDates
from kiosk.show.events import Event, Panel
from kiosk.show.motion import Motion


@dataclass(frozen=True, order=True)
class Mark:
    """A place in a file; line and column count from 1, as editors show them."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class LocalizedText:
    """A text in one or more languages, kept in the order the curator wrote them."""

    texts: tuple[tuple[str, str], ...]

    @classmethod
    def same_everywhere(cls, text: str) -> LocalizedText:
        """A plain string in a deck reads the same in every language."""
        return cls((("*", text),))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.texts)

    def get(self, lang: str) -> str | None:
        for code, text in self.texts:
            if code in (lang, "*"):
                return text
        return None

    def in_language(self, lang: str, fallback: str) -> tuple[str, bool]:
        """The text in `lang`, else in `fallback`; the flag says whether it is translated."""
        text = self.get(lang)
        if text is not None:
            return text, True
        text = self.get(fallback)
        if text is not None:
            return text, False
        return self.texts[0][1], False


@dataclass(frozen=True)
class NarrationOverride:
    """What to say instead of the caption in one language: other text, or a recording."""

    text: str | None = None
    audio: Path | None = None


@dataclass(frozen=True)
class Slide:
    id: str
    image: Path | None
    """The photo; None only for a timeline event without one (kiosk.show.events)."""
    caption: LocalizedText
    credit: LocalizedText | None
    duration: float
    transition: str
    where: Mark
    narration: tuple[tuple[str, NarrationOverride], ...] = ()
    caption_where: Mark | None = None
    """Where the caption's text is in the deck (in the default language, if it has several),
    for messages about the caption itself; None for a slide not read from a file."""
    motion: Motion | None = None
    """The photo's slow pan and zoom (Ken Burns); None: it stays still."""
    panel: Panel | None = None
    """The timeline or map this slide is one step of (kiosk.show.events); None: a photo
    slide. Every step of a panel has the panel's id as its id, and its own `step`."""
    step: int = 0
    """Which of the panel's events this slide shows, from 0."""

    def __hash__(self) -> int:
        return _cached_hash(self)

    @property
    def event(self) -> Event | None:
        """The timeline or map event this step shows; None for a photo slide."""
        return self.panel.events[self.step] if self.panel is not None else None

    def narration_in(self, lang: str) -> NarrationOverride | None:
        return next((override for code, override in self.narration if code == lang), None)


Pronunciations = tuple[tuple[str, str], ...]
"""(as written, as spoken) pairs, applied to the text before synthesis."""


@dataclass(frozen=True)
class Deck:
    path: Path
    title: LocalizedText
    slides: tuple[Slide, ...]
    pronunciations: tuple[tuple[str, Pronunciations], ...] = ()
    plays: DeckDates | None = None
    """The days this deck is in the loop (`plays:` in its file); None for every day."""
    plays_where: Mark | None = field(default=None, compare=False)
    """Where `plays:` is written, for messages about it."""

    def pronunciations_in(self, lang: str) -> Pronunciations:
        return next((pairs for code, pairs in self.pronunciations if code == lang), ())

    def __hash__(self) -> int:
        return _cached_hash(self)

    @property
    def name(self) -> str:
        """The file's stem: what the play log and staff call this deck."""
        return self.path.stem


def _cached_hash(value: Slide | Deck) -> int:
    """Decks and slides key the renderer's caches every frame; hashing a 27-slide deck field
    by field each time cost the idle loop 200 µs a pass. They are immutable, so the hash is
    computed once and kept."""
    cached = value.__dict__.get("_hash")
    if cached is None:
        cached = hash(tuple(getattr(value, f.name) for f in fields(value)))
        object.__setattr__(value, "_hash", cached)
    return cached
