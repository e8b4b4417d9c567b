"""Real small disks for the tests of what the kiosk writes: a tmpfs of a few pages, filled up
or made read-only while a test runs. Mounting needs root (CI runs as root); elsewhere the
tests that need it are skipped, saying why."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PAGE = 4096


@contextmanager
def small_tmpfs(folder: Path, size: str = "64k") -> Iterator[Path]:
    """FOLDER as the mount point of a tmpfs of SIZE, unmounted at the end."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size},mode=0755"
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Take every free page of FOLDER's disk with one file, returned so it can be removed."""
    filler = folder / "filler"
    with filler.open("ab", buffering=0) as file:
        try:
            while True:
                file.write(bytes(PAGE))
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    return filler


def remount(folder: Path, mode: str) -> None:
    """Make FOLDER's tmpfs read-only ('ro') or writable again ('rw'); root ignores chmod."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)
