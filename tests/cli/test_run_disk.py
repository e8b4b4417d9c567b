"""`kiosk run` with its logs on a disk that is full or read-only: it plays, and it stops
cleanly, its logs whole."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

from kiosk.hall.status_reading import read_status
from tests.disks import PAGE, fill, remount, small_tmpfs
from tests.helpers import KIOSK, headless_env


def lines_of(size: int) -> str:
    """Whole play-log lines making SIZE bytes."""
    text = ""
    while len(text) < size - 160:
        text += json.dumps({"event": "earlier", "padding": "x" * 60}) + "\n"
    padding = size - len(text) - len(json.dumps({"event": "earlier", "padding": ""})) - 1
    return text + json.dumps({"event": "earlier", "padding": "x" * padding}) + "\n"


def start_kiosk(
    folder: Path, tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen:
    return subprocess.Popen(
        [str(KIOSK), "run", "--windowed", "--size", "640x360", "--no-narration", *args],
        cwd=folder,
        env=env or headless_env(tmp_path),
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


def kiosk_status(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KIOSK), "status"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )


def test_a_read_only_logs_folder_is_tried_again_and_status_is_found(tmp_path, shipped_copy):
    root = tmp_path / "exhibition"
    for folder in ("config", "slides", "media"):
        shutil.copytree(shipped_copy / folder, root / folder)
    (tmp_path / "tmp").mkdir()
    env = headless_env(tmp_path, TMPDIR=str(tmp_path / "tmp"))
    with small_tmpfs(root / "logs") as logs:
        remount(logs, "ro")
        process = start_kiosk(root, tmp_path, "--speed", "40", env=env)
        try:
            deadline = time.monotonic() + 30
            while (status := kiosk_status(root, env)).returncode != 0:
                assert process.poll() is None and time.monotonic() < deadline, status.stdout
                time.sleep(0.2)
            assert status.stdout.startswith(f"kiosk: running (pid {process.pid})")
            assert "could not be written" in status.stdout
            remount(logs, "rw")
            deadline = time.monotonic() + 30  # tried again within RETRY_SECONDS
            while not (logs / "status.json").exists() or not (logs / "play.jsonl").exists():
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
            status = kiosk_status(root, env)
        finally:
            code, err = stop(process)
        lines = [json.loads(line) for line in (logs / "play.jsonl").read_text().splitlines()]
    assert code == 0, err
    assert status.stdout.startswith(f"kiosk: running (pid {process.pid})")
    assert "could not be written" not in status.stdout
    assert lines[0]["trigger"] == "start"  # the lines that waited came first
    assert err.count("cannot write the play log (Read-only file system)") == 1
    assert err.count("cannot write the status (Read-only file system)") == 1
    assert err.count("the play log is written again") == 1
    assert err.count("the status is written here again") == 1
