"""`kiosk status --watch`: the status again every second, following the kiosk, until Ctrl+C,
which ends it with exit status 0 and no traceback. Run as staff run it: the console script in
a process of its own, on a terminal (a pseudo-terminal here) or into a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.cli.status import CLEAR_SCREEN
from kiosk.hall.status import StatusFile
from tests.helpers import write_config

KIOSK = Path(sys.executable).with_name("kiosk")
SHOWING = {"deck": "livron", "slide": "bridge", "lang": "fr", "trigger": "timer"}


class Watcher:
    """`kiosk status --watch ARGS` in ROOT, its output gathered as it comes."""

    def __init__(self, root: Path, *args: str, terminal: bool = False) -> None:
        self.output = bytearray()
        reading, writing = pty.openpty() if terminal else os.pipe()
        self.process = subprocess.Popen(
            [str(KIOSK), "status", "--watch", *args],
            cwd=root,
            stdout=writing,
            stderr=subprocess.PIPE,
        )
        os.close(writing)
        self._reader = threading.Thread(target=self._gather, args=(reading,), daemon=True)
        self._reader.start()

    def _gather(self, reading: int) -> None:
        while True:
            try:
                chunk = os.read(reading, 65536)
            except OSError:  # a pseudo-terminal ends with EIO
                chunk = b""
            if not chunk:
                os.close(reading)
                return
            self.output += chunk

    def text(self) -> str:
        return self.output.decode("utf-8", errors="replace")

    def wait_for(self, wanted: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while wanted not in self.text():
            assert self.process.poll() is None, self.process.communicate()
            assert time.monotonic() < deadline, self.text()
            time.sleep(0.02)

    def interrupt(self) -> tuple[int, str]:
        """Ctrl+C: the exit status and what it wrote on stderr."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        self._reader.join(timeout=10)
        return self.process.returncode, err.decode()


def running_kiosk(root: Path) -> StatusFile:
    write_config(root, "decks: []\n")
    status = StatusFile(root / "logs" / "status.json")
    status.note_showing(SHOWING)
    return status


def test_piped_it_prints_each_refresh_after_a_separator_and_follows_the_kiosk(
    tmp_path: Path,
) -> None:
    status = running_kiosk(tmp_path)
    watcher = Watcher(tmp_path)
    watcher.wait_for("showing: livron / bridge in fr")
    status.note_showing({**SHOWING, "slide": "market", "lang": "en", "trigger": "touch"})
    watcher.wait_for("showing: livron / market in en (touch)")
    time.sleep(1.2)  # one more refresh at least
    code, err = watcher.interrupt()
    assert (code, err) == (0, "")
    text = watcher.text()
    assert "\x1b" not in text
    refreshes = re.split(r"^-- \d\d:\d\d:\d\d --$", text, flags=re.MULTILINE)
    assert len(refreshes) >= 3
    assert all(part.lstrip("\n").startswith("kiosk: running (pid ") for part in refreshes)
    assert "showing: livron / market in en (touch)" in refreshes[-1]


def test_on_a_terminal_each_refresh_replaces_the_last(tmp_path: Path) -> None:
    running_kiosk(tmp_path)
    watcher = Watcher(tmp_path, terminal=True)
    watcher.wait_for("Ctrl+C to stop")
    started = time.monotonic()
    while watcher.text().count(CLEAR_SCREEN) < 3:
        assert time.monotonic() < started + 10, watcher.text()
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    code, err = watcher.interrupt()
    assert (code, err) == (0, "")
    assert 1.5 < elapsed < 4  # every second
    screens = watcher.text().split(CLEAR_SCREEN)[1:]
    assert all(screen.startswith("kiosk: running (pid ") for screen in screens)
    assert "--" not in watcher.text()


def test_with_json_it_prints_one_object_a_line(tmp_path: Path) -> None:
    running_kiosk(tmp_path)
    watcher = Watcher(tmp_path, "--json")
    deadline = time.monotonic() + 30
    while watcher.text().count("\n") < 2:
        assert time.monotonic() < deadline, watcher.text()
        time.sleep(0.05)
    code, err = watcher.interrupt()
    assert (code, err) == (0, "")
    reports = [json.loads(line) for line in watcher.text().splitlines()]
    assert len(reports) >= 2
    assert all(report["showing"] == SHOWING and report["running"] for report in reports)


def test_it_keeps_watching_a_kiosk_that_is_not_running_or_whose_file_is_damaged(
    tmp_path: Path,
) -> None:
    write_config(tmp_path, "decks: []\n")
    watcher = Watcher(tmp_path)
    watcher.wait_for("no kiosk has run here yet")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "status.json").write_text('{"pid": 1, "runn', "utf-8")
    watcher.wait_for("status.json is not JSON")
    StatusFile(tmp_path / "logs" / "status.json").note_showing(SHOWING)
    watcher.wait_for("showing: livron / bridge in fr")
    code, err = watcher.interrupt()
    assert (code, err) == (0, "")
