"""`kiosk run` with its logs on a disk that is full or read-only: it plays, and it stops
cleanly, its logs whole."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from kiosk.hall.status import read_status
from tests.disks import PAGE, fill, small_tmpfs
from tests.helpers import KIOSK, headless_env


def lines_of(size: int) -> str:
    """Whole play-log lines making SIZE bytes."""
    text = ""
    while len(text) < size - 160:
        text += json.dumps({"event": "earlier", "padding": "x" * 60}) + "\n"
    padding = size - len(text) - len(json.dumps({"event": "earlier", "padding": ""})) - 1
    return text + json.dumps({"event": "earlier", "padding": "x" * padding}) + "\n"


def start_kiosk(folder: Path, tmp_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(KIOSK), "run", "--windowed", "--size", "640x360", "--no-narration", *args],
        cwd=folder,
        env=headless_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_it_shows(status_path: Path, process: subprocess.Popen, slides: int = 3) -> None:
    """Until the status names the process and it has shown a few slides."""
    deadline = time.monotonic() + 30
    seen: set[object] = set()
    while len(seen) < slides and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            status = read_status(status_path)
        except Exception:  # being replaced as we read: the next look sees it whole
            status = None
        if status is not None and status.pid == process.pid and status.showing:
            seen.add(status.showing.get("slide"))
        time.sleep(0.05)
    assert len(seen) >= slides, "the kiosk did not move on through its slides"


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return process.returncode, err


def test_sigterm_on_a_full_disk_ends_cleanly_with_whole_lines(tmp_path, shipped_copy):
    with small_tmpfs(tmp_path / "disk") as disk:
        log = disk / "play.jsonl"
        log.write_text(lines_of(PAGE - 60))
        fill(disk)  # the log's last page has room for part of one line only
        process = start_kiosk(shipped_copy, tmp_path, "--speed", "40", "--play-log", str(log))
        try:
            wait_until_it_shows(shipped_copy / "logs" / "status.json", process)
        finally:
            status, err = stop(process)
        lines = log.read_text().splitlines()
    assert status == 0, err
    assert "Traceback" not in err
    assert err.count("cannot write the play log (No space left on device)") == 1
    assert [json.loads(line)["event"] for line in lines] == ["earlier"] * len(lines)
