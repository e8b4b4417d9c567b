"""After an unclean end (a crash, kill -9, systemd's watchdog) the next start resumes at the
slide that was showing, with trigger "resume" in the play log; after a clean stop (SIGTERM,
staff exit, --exit-after) it begins at the first slide, as always."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from kiosk.hall.status_reading import read_status
from tests.helpers import read_jsonl
from tests.small_show import SLIDES, small_show, start_kiosk, terminate, wait_for_lines


def show_until_the_second_slide(root: Path, tmp_path: Path):
    """A kiosk on ROOT, once its second slide shows and the status says so."""
    kiosk = start_kiosk(root, tmp_path, "--no-narration")
    wait_for_lines(kiosk, root / "play.jsonl", count=2)
    deadline = time.monotonic() + 10
    while True:
        status = read_status(root / "logs" / "status.json")
        if status and status.showing and status.showing["slide"] == SLIDES[1]:
            return kiosk
        assert time.monotonic() < deadline, status
        time.sleep(0.02)


def run_briefly(root: Path, tmp_path: Path) -> list[dict]:
    """A second kiosk for a second; the play log lines it wrote."""
    before = len(read_jsonl(root / "play.jsonl"))
    kiosk = start_kiosk(root, tmp_path, "--no-narration", "--exit-after", "1")
    _, err = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 0, err
    return read_jsonl(root / "play.jsonl")[before:]


def test_after_kill_9_the_next_start_resumes_at_the_slide_that_was_showing(tmp_path):
    root = small_show(tmp_path / "show", duration=3)
    kiosk = show_until_the_second_slide(root, tmp_path)
    os.kill(kiosk.pid, signal.SIGKILL)
    kiosk.communicate()
    first = run_briefly(root, tmp_path)[0]
    assert (first["slide"], first["trigger"], first["lang"]) == (SLIDES[1], "resume", "fr")


def test_after_sigterm_the_next_start_begins_at_the_first_slide(tmp_path):
    root = small_show(tmp_path / "show", duration=3)
    kiosk = show_until_the_second_slide(root, tmp_path)
    status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    first = run_briefly(root, tmp_path)[0]
    assert (first["slide"], first["trigger"]) == (SLIDES[0], "start")


def test_a_slide_gone_since_the_crash_resumes_at_the_first_slide(tmp_path):
    root = small_show(tmp_path / "show", duration=3)
    kiosk = show_until_the_second_slide(root, tmp_path)
    os.kill(kiosk.pid, signal.SIGKILL)
    kiosk.communicate()
    deck = root / "slides" / "town.yaml"
    deck.write_text(deck.read_text().replace(f"id: {SLIDES[1]}", "id: renamed"))
    first = run_briefly(root, tmp_path)[0]
    assert (first["slide"], first["trigger"]) == (SLIDES[0], "resume")
