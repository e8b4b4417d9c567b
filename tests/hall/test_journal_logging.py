"""Logs for journald: when stderr is the journal, one line per event, each led by its syslog
priority as sd-daemon(3) describes (`<3>` an error, `<4>` a warning, `<6>` information, `<7>`
detail), with no timestamp or name (journald adds its own); elsewhere, as before."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import pytest

from kiosk.hall.journal_logging import JournalFormatter, stderr_is_journal
from tests.helpers import KIOSK, headless_env
from tests.small_show import small_show


def record(level: int, message: str, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("kiosk.test", level, __file__, 1, message, (), exc_info)


@pytest.mark.parametrize(
    ("level", "prefix"),
    [
        (logging.CRITICAL, "<2>"),
        (logging.ERROR, "<3>"),
        (logging.WARNING, "<4>"),
        (logging.INFO, "<6>"),
        (logging.DEBUG, "<7>"),
    ],
)
def test_each_line_begins_with_its_syslog_priority(level, prefix):
    assert JournalFormatter().format(record(level, "the photo is broken")) == (
        f"{prefix}the photo is broken"
    )


def test_an_event_with_a_traceback_is_one_line():
    try:
        raise ValueError("first\nsecond")
    except ValueError as error:
        text = JournalFormatter().format(
            record(logging.ERROR, "loop failed", (ValueError, error, None))
        )
    assert "\n" not in text
    assert text.startswith("<3>loop failed") and "ValueError: first" in text


def test_stderr_is_the_journal_only_when_journal_stream_names_it(tmp_path):
    path = tmp_path / "stream"
    with path.open("w") as stream:
        info = os.fstat(stream.fileno())
        named = f"{info.st_dev}:{info.st_ino}"
        assert stderr_is_journal({"JOURNAL_STREAM": named}, stream)
        assert not stderr_is_journal({}, stream)
        assert not stderr_is_journal({"JOURNAL_STREAM": f"{info.st_dev}:1"}, stream)
        assert not stderr_is_journal({"JOURNAL_STREAM": "garbage"}, stream)


def run_with_stderr_in(path: Path, tmp_path: Path, journal_stream: str | None) -> list[str]:
    root = small_show(tmp_path / "show")
    with path.open("w") as stderr:
        info = os.fstat(stderr.fileno())
        named = f"{info.st_dev}:{info.st_ino}"
        env = headless_env(tmp_path, JOURNAL_STREAM=named if journal_stream is None else "")
        if journal_stream == "":
            env.pop("JOURNAL_STREAM")
        command = [str(KIOSK), "run", "--windowed", "--size", "320x180", "--exit-after", "1"]
        subprocess.run([*command, "--no-narration"], cwd=root, env=env, stderr=stderr, timeout=60)
    return path.read_text().splitlines()


def test_a_kiosk_whose_stderr_is_the_journal_writes_priorities(tmp_path):
    lines = run_with_stderr_in(tmp_path / "journal", tmp_path, None)
    ours = [line for line in lines if not line.startswith("CRITICAL: ")]  # SDL's own
    assert "<6>stopped: --exit-after" in ours
    assert all(line[:3] in ("<3>", "<4>", "<6>", "<7>") for line in ours), ours


def test_a_kiosk_on_a_terminal_logs_as_before(tmp_path):
    lines = run_with_stderr_in(tmp_path / "terminal", tmp_path, "")
    assert "kiosk: INFO: stopped: --exit-after" in lines
