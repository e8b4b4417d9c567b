"""What one run knows of its narration cache, shared by the desk and the background synthesis."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.show.narration import Synthesis
from kiosk.sound.failures import NarrationFailures

if TYPE_CHECKING:
    from kiosk.sound.synthesis import BackgroundSynthesis


class CacheLedger:
    """What one run knows of its narration cache, shared by the desk and each synthesis of the
    run (a reload starts a new one): which synthesis is at work, which files this run's decks
    have wanted and not pruned yet, which file the mixer is playing, and what fails."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.at_work: BackgroundSynthesis | None = None
        self.known: frozenset[Synthesis] = frozenset()
        self.playing: Path | None = None
        self.failures = NarrationFailures()

    def ask_for(self, job: Synthesis) -> None:
        """Ask the synthesis at work to make `job`'s file before any other: the desk has just
        found it missing (deleted, or not made yet)."""
        with self.lock:
            current = self.at_work
        if current is not None:
            current.request(job)

    def note_playing(self, path: Path | None) -> None:
        """The cached file the mixer is playing (None: none), which pruning must leave alone."""
        with self.lock:
            self.playing = path
