"""Photos that cannot be shown reach `kiosk status`, so staff learn of them without reading the
logs: listed while the kiosk runs, within 2 s of the failure, and gone once the photo is
fixed."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

from kiosk.hall.status_reading import DamagedStatus, read_status
from tests.helpers import KIOSK, headless_env
from tests.small_show import (
    kiosk_status,
    small_show,
    start_kiosk,
    terminate,
    wait_for_lines,
    wait_for_status,
)


def test_a_broken_photo_is_listed_by_kiosk_status_until_it_is_fixed(tmp_path):
    root = small_show(tmp_path / "show")
    broken = root / "media" / "bridge.png"
    good = broken.read_bytes()
    broken.write_bytes(b"this is not a picture at all" * 10)
    kiosk = start_kiosk(root, tmp_path, "--no-narration", "--speed", "4")
    try:
        wait_for_lines(kiosk, root / "play.jsonl")
        listed = wait_for_status(root, kiosk, lambda text: "photos with a problem" in text)
        broken.write_bytes(good)
        fixed = wait_for_status(root, kiosk, lambda text: "photos with a problem" not in text)
    finally:
        status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    assert "photos with a problem (1):\n" in listed
    line = next(line for line in listed.splitlines() if "bridge.png" in line)
    assert line.startswith(f"  {broken}: photo ") and len(line) > len(f"  {broken}: photo ") + 5
    assert f"  {broken}: photo" not in fixed and fixed.startswith("kiosk: running")


class StderrLines:
    """The kiosk's log lines, each with the moment it arrived."""

    def __init__(self, kiosk: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(kiosk,), daemon=True)
        self._thread.start()

    def _read(self, kiosk: subprocess.Popen[str]) -> None:
        for line in kiosk.stderr:  # type: ignore[union-attr]
            self.lines.append((time.monotonic(), line))

    def first(self, wanted: str, seconds: float = 30) -> float:
        deadline = time.monotonic() + seconds
        while True:
            found = [at for at, line in list(self.lines) if wanted in line]
            if found:
                return found[0]
            assert time.monotonic() < deadline, self.lines
            time.sleep(0.01)


def test_a_photo_broken_while_the_kiosk_runs_reaches_the_status_within_2_s_of_its_failure(
    tmp_path,
) -> None:
    """The kiosk logs the failure when it decodes the photo again; the status file (what
    `kiosk status` reads) lists it within 2 s of that, and `kiosk status` says so."""
    root = small_show(tmp_path / "show")
    status_path = root / "logs" / "status.json"
    broken = root / "media" / "bridge.png"
    env = headless_env(tmp_path, PYTHONUNBUFFERED="1")
    kiosk = subprocess.Popen(
        [str(KIOSK), "run", "--windowed", "--size", "320x180", "--no-narration"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = StderrLines(kiosk)
    try:
        wait_for_status(root, kiosk, lambda text: "showing: town / bridge" in text)
        temporary = broken.with_name(".bridge.png.tmp")
        temporary.write_bytes(b"this is not a picture at all" * 10)
        os.replace(temporary, broken)  # as a copy over the network lands
        replaced_at = time.monotonic()
        failed_at = log.first(f"{broken}: photo ")
        while not listed(status_path, broken):
            assert time.monotonic() < failed_at + 5, read_status(status_path)
            time.sleep(0.01)
        listed_at = time.monotonic()
        said = kiosk_status(root)
    finally:
        status, _, _ = terminate(kiosk, within=10)
    assert status == 0
    print(f"listed {listed_at - failed_at:.3f} s after the failure was logged, "
          f"{listed_at - replaced_at:.3f} s after the file was replaced")  # fmt: skip
    assert listed_at - failed_at <= 2.0
    assert f"  {broken}: photo " in said


def listed(status_path: Path, photo: Path) -> bool:
    try:
        status = read_status(status_path)
    except DamagedStatus as damage:  # never: the file is replaced whole
        raise AssertionError(f"the status file was read half-written: {damage}") from None
    failures = status.photo_failures if status is not None else ()
    return any(failure.get("path") == str(photo) for failure in failures)
