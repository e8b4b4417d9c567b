"""One kiosk per exhibition folder: the lock on the folder, who holds it, and that it goes
with the process that held it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.hall.lock import ExhibitionBusy, ExhibitionLock, holder_of

HOLD_UNTIL_KILLED = """
import sys, time
from pathlib import Path
from kiosk.hall.lock import ExhibitionLock
lock = ExhibitionLock.take(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(120)
"""


def test_a_second_lock_on_the_folder_is_refused_naming_the_holder(tmp_path: Path) -> None:
    with ExhibitionLock.take(tmp_path), pytest.raises(ExhibitionBusy) as busy:
        ExhibitionLock.take(tmp_path)
    assert busy.value.pid == os.getpid()
    assert str(busy.value) == (
        f"another kiosk (pid {os.getpid()}) is already playing {tmp_path}; stop it first "
        "(kiosk status shows what it plays), or give this one another exhibition folder"
    )
    ExhibitionLock.take(tmp_path).release()  # released at the end of the block


def test_the_lock_goes_with_the_process_that_held_it(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_UNTIL_KILLED, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(ExhibitionBusy) as busy:
            ExhibitionLock.take(tmp_path)
        assert busy.value.pid == holder.pid
    finally:
        holder.kill()
        holder.wait()
    ExhibitionLock.take(tmp_path).release()  # a kill -9 left no stale lock behind
    assert list(tmp_path.iterdir()) == []  # and no lock file either


def test_other_folders_are_not_locked(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with ExhibitionLock.take(tmp_path / "one"), ExhibitionLock.take(tmp_path / "two"):
        pass


def test_a_folder_nobody_locked_has_no_holder(tmp_path: Path) -> None:
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        assert holder_of(fd) is None
    finally:
        os.close(fd)


def test_a_folder_that_cannot_be_opened_plays_unlocked(tmp_path: Path, caplog) -> None:
    ExhibitionLock.take(tmp_path / "missing").release()
    assert "cannot lock the exhibition folder (No such file or directory)" in caplog.text
