"""The setup every test runs under (tests/conftest.py): SDL headless, what SDL and Hypothesis
write kept in the run's temporary folder, and the watch that fails a run writing into the
checkout."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis.configuration import storage_directory

from tests.helpers import REPO, CheckoutWatch


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


def test_the_watch_names_what_was_added_and_leaves_out_what_tools_keep(tmp_path: Path) -> None:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "deck.yaml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    watch = CheckoutWatch(tmp_path)
    assert watch.added() == []

    (tmp_path / "cache" / "narration").mkdir(parents=True)
    (tmp_path / "cache" / "narration" / "fr-1.wav").write_bytes(b"RIFF")
    (tmp_path / "slides" / "new.yaml").write_text("title: y\n", encoding="utf-8")
    (tmp_path / "slides" / "__pycache__").mkdir()
    (tmp_path / ".pytest_cache").mkdir()
    (tmp_path / ".venv" / "lib").mkdir()
    (tmp_path / "slides" / "deck.yaml").write_text("title: changed\n", encoding="utf-8")
    assert watch.added() == [Path("cache"), Path("slides/new.yaml")]
