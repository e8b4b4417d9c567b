"""Fixtures of the narration tests: the sound card (SDL's disk driver) and a desk on it."""

from __future__ import annotations

import pygame
import pytest

from kiosk.content.exhibition import Exhibition
from kiosk.hall.playlog import PlayLog
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
