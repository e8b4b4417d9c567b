"""`kiosk status | head -1`: when the reader of the output goes, kiosk stops quietly.

The pipe is closed before kiosk writes anything, so every write meets a reader that has gone:
what `head -1` does to a longer output, without the race of waiting for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import READER_GONE
from kiosk.hall.status import StatusFile
from tests.helpers import REPO

KIOSK = Path(sys.executable).with_name("kiosk")  # the venv's console script


def run_into_a_closed_pipe(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    reading, writing = os.pipe()
    with subprocess.Popen(
        command, cwd=cwd, stdout=writing, stderr=subprocess.PIPE, text=True
    ) as process:
        os.close(writing)
        os.close(reading)  # before the child has written a line
        _, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(command, process.returncode, "", err)


@pytest.fixture
def exhibition_with_a_status(tmp_path: Path) -> Path:
    """A folder whose config has no decks, and a status file with more lines than a pipe holds."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_text("decks: []\nplay_log: null\n", "utf-8")
    status = StatusFile(tmp_path / "logs" / "status.json")
    status.note_reload({"file": "slides/d.yaml", "result": "rejected"})
    status.update(problems=[f"slides/d.yaml:{n}:1: error: x" for n in range(1, 20000)])
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--json"],
        ["status", "--watch"],
        ["validate", "--config", "config/kiosk.yaml", str(REPO / "slides/livron.yaml")],
    ],
    ids=["status", "status-json", "status-watch", "validate"],
)
def test_a_closed_pipe_ends_quietly(exhibition_with_a_status: Path, args: list[str]) -> None:
    result = run_into_a_closed_pipe(
        [sys.executable, "-m", "kiosk", *args], exhibition_with_a_status
    )
    assert (result.returncode, result.stderr) == (READER_GONE, "")


def test_the_console_script_ends_quietly_too(exhibition_with_a_status: Path) -> None:
    result = run_into_a_closed_pipe([str(KIOSK), "status"], exhibition_with_a_status)
    assert (result.returncode, result.stderr) == (READER_GONE, "")


def test_piped_into_head_there_is_no_traceback(exhibition_with_a_status: Path) -> None:
    """The shell pipe of the report, end to end: the first line, and nothing on stderr."""
    result = subprocess.run(
        f"{KIOSK} status | head -1",
        shell=True,
        cwd=exhibition_with_a_status,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.startswith("kiosk: running (pid ")
    assert result.stderr == ""


@pytest.mark.parametrize("args", ["--watch", "--watch --json"])
def test_watching_into_head_ends_at_the_first_refresh_with_no_traceback(
    exhibition_with_a_status: Path, args: str
) -> None:
    """`head -1` goes after one line; the next write of the watch meets the closed pipe."""
    result = subprocess.run(
        f'{KIOSK} status {args} | head -1; echo "exit ${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        cwd=exhibition_with_a_status,
        capture_output=True,
        text=True,
        timeout=120,
    )
    first, said = result.stdout.splitlines()
    assert first.startswith("kiosk: running (pid ") or first.startswith('{"running": true')
    assert (said, result.stderr) == (f"exit {READER_GONE}", "")
