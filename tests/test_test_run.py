"""The setup every test runs under (tests/conftest.py): SDL headless, and what SDL and
Hypothesis write kept in the run's temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis.configuration import storage_directory

from tests.helpers import REPO


def test_sdl_is_headless_and_its_sound_file_is_outside_the_checkout() -> None:
    assert os.environ["SDL_VIDEODRIVER"] == "dummy"
    assert os.environ["SDL_AUDIODRIVER"] == "disk"
    sound = Path(os.environ["SDL_DISKAUDIOFILE"])
    assert sound.parent.is_dir()
    assert not sound.resolve().is_relative_to(REPO)


def test_hypothesis_keeps_its_files_outside_the_checkout() -> None:
    examples = storage_directory("examples", intent_to_write=False).path
    assert examples.parent == Path(os.environ["SDL_DISKAUDIOFILE"]).parent / "hypothesis"
    assert not examples.resolve().is_relative_to(REPO)
