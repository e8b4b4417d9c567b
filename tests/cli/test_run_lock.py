"""Two `kiosk run` on the same exhibition folder: the second refuses, in one sentence, and the
first plays on. `kiosk status` and `kiosk validate` still work while a kiosk plays."""

from __future__ import annotations

import subprocess
import time

from kiosk.hall.status_reading import read_status
from tests.helpers import KIOSK, headless_env, read_jsonl


def test_a_second_kiosk_on_the_same_folder_refuses(tmp_path, shipped_copy):
    log = tmp_path / "play.jsonl"
    command = [str(KIOSK), "run", "--windowed", "--size", "640x360", "--no-narration"]
    first = subprocess.Popen(
        [*command, "--exit-after", "120", "--speed", "20", "--play-log", str(log)],
        cwd=shipped_copy,
        env=headless_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not read_jsonl(log):
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.05)
        second = subprocess.run(
            [*command, "--play-log", str(tmp_path / "second.jsonl")],
            cwd=shipped_copy,
            env=headless_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        shown_then = len(read_jsonl(log))
        status = subprocess.run(
            [str(KIOSK), "status"], cwd=shipped_copy, capture_output=True, text=True, timeout=60
        )
        validate = subprocess.run(
            [str(KIOSK), "validate"], cwd=shipped_copy, capture_output=True, text=True, timeout=120
        )
        assert first.poll() is None  # it plays on
        first.terminate()
        _, first_err = first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert second.returncode == 2
    assert second.stdout == ""
    assert second.stderr == (
        f"kiosk: another kiosk (pid {first.pid}) is already playing {shipped_copy}; stop it "
        "first (kiosk status shows what it plays), or give this one another exhibition folder\n"
    )
    assert not (tmp_path / "second.jsonl").exists()
    assert status.returncode == 0 and status.stdout.startswith(f"kiosk: running (pid {first.pid})")
    assert "already playing" not in validate.stderr + validate.stdout
    assert first.returncode == 0, first_err
    assert "stopped: SIGTERM" in first_err
    assert len(read_jsonl(log)) > shown_then
    status_after = read_status(shipped_copy / "logs" / "status.json")
    assert status_after is not None and status_after.pid == first.pid  # not the second's
