"""Where an interrupted run was: read from the status it left, only when that run did not stop
cleanly and is not running now."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.hall.resume import Interrupted, interrupted_show, is_kiosk


@pytest.fixture(scope="module")
def gone_pid() -> int:
    """The process id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_status(path, **fields) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fields), encoding="utf-8")


SHOWING = {"deck": "Town", "slide": "bridge", "lang": "en", "trigger": "timer"}


def test_a_run_that_ended_without_stopping_is_resumed(tmp_path, gone_pid):
    status = tmp_path / "logs" / "status.json"
    write_status(status, pid=gone_pid, running=True, showing=SHOWING)
    assert interrupted_show(status) == Interrupted("Town", "bridge", gone_pid)


def test_a_run_that_was_on_a_timeline_resumes_at_its_step(tmp_path, gone_pid):
    status = tmp_path / "status.json"
    write_status(status, pid=gone_pid, running=True, showing={**SHOWING, "step": 4})
    assert interrupted_show(status) == Interrupted("Town", "bridge", gone_pid, step=4)


@pytest.mark.parametrize(
    "fields",
    [
        {"running": False, "showing": SHOWING},  # stopped cleanly
        {"running": True},  # never showed a slide
        {"running": True, "showing": {"deck": 3, "slide": None}},
    ],
)
def test_nothing_to_resume(tmp_path, gone_pid, fields):
    status = tmp_path / "status.json"
    write_status(status, pid=gone_pid, **fields)
    assert interrupted_show(status) is None


def test_a_kiosk_still_running_or_this_one_is_not_resumed(tmp_path):
    status = tmp_path / "status.json"
    write_status(status, pid=os.getpid(), running=True, showing=SHOWING)
    assert interrupted_show(status) is None


def test_no_status_or_a_damaged_one_is_nothing_to_resume(tmp_path):
    assert interrupted_show(tmp_path / "none.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert interrupted_show(tmp_path / "bad.json") is None


def test_a_process_id_taken_by_another_program_is_not_a_kiosk(gone_pid):
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        assert not is_kiosk(sleeper.pid)
        assert not is_kiosk(gone_pid)
    finally:
        sleeper.kill()
        sleeper.wait()
