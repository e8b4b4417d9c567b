"""Fixtures of the narration tests: the sound card (SDL's disk driver), a desk on it, and
quick retries for the background synthesis."""

from __future__ import annotations

import os

import pygame
import pytest

from kiosk.content.exhibition import Exhibition
from kiosk.hall.playlog import PlayLog
from kiosk.sound import speech, synthesis
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.mixer import Mixer
from kiosk.sound.synthesis import CacheLedger


@pytest.fixture
def mixer():
    pygame.mixer.quit()
    sound = Mixer(0.8)
    assert sound.available
    yield sound
    sound.close()


@pytest.fixture
def desk(tmp_path, mixer):
    """A NarrationDesk for a loaded exhibition, writing its play log in tmp_path."""
    made = []

    def factory(loaded: Exhibition, ledger: CacheLedger | None = None) -> NarrationDesk:
        made.append(PlayLog(tmp_path / "play.jsonl"))
        return NarrationDesk(loaded.config, mixer, made[-1], ledger)

    yield factory
    for log in made:
        log.close()


@pytest.fixture
def quick(monkeypatch) -> None:
    """Timeouts and pauses of a fraction of a second instead of seconds and minutes."""
    monkeypatch.setattr(speech, "VOICES_TIMEOUT", 0.5)
    monkeypatch.setattr(synthesis, "PROBE_RETRY_SECONDS", (1.0,))
    monkeypatch.setattr(synthesis, "JOB_RETRY_SECONDS", (0.5, 0.5))


@pytest.fixture
def real_engine_later(monkeypatch):
    """Call it to give the workers started from then on the real engine back."""
    original = os.environ.get("PYTHONPATH", "")
    # setenv, not delenv: the synthesis thread may be copying the environment meanwhile
    return lambda: monkeypatch.setenv("PYTHONPATH", original)
