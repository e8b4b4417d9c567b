"""The real `kiosk run` under a museum calendar, headless: closed shows no slide and says so in
the play log, open plays, an opening during the run starts the loop, and a deck whose dates
exclude the day never plays. `--start-time` pins the calendar's day and hour, so the tests
do not depend on when they run."""

from __future__ import annotations

import subprocess
from pathlib import Path
from textwrap import dedent

from tests.helpers import KIOSK, headless_env, read_jsonl
from tests.small_show import add_new_year_deck, small_show

CALENDAR = """\
schedule:
  timezone: Europe/Paris
  opening_hours:
    mon-sun: "10:00-18:00"
  closed_on: ["12-25"]
"""


def run_at(root: Path, tmp_path: Path, start: str, seconds: float = 3.0) -> list[dict]:
    """`kiosk run` on ROOT as if it were START in Paris, for SECONDS; its play log."""
    log = root / "play.jsonl"
    command = [str(KIOSK), "run", "--config", str(root / "config" / "kiosk.yaml")]
    command += ["--exit-after", str(seconds), "--play-log", str(log), "--no-narration"]
    command += ["--start-time", start]
    done = subprocess.run(
        command, env=headless_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return read_jsonl(log)


def calendar_show(root: Path, extra: str = "") -> Path:
    small_show(root, duration=1)
    config = root / "config" / "kiosk.yaml"
    config.write_text(config.read_text() + CALENDAR + dedent(extra), encoding="utf-8")
    return root


def events(lines: list[dict]) -> list[str]:
    return [line["event"] for line in lines]


def test_a_kiosk_started_on_a_closed_day_shows_no_slide_and_logs_closed(tmp_path):
    root = calendar_show(tmp_path / "show")
    lines = run_at(root, tmp_path, "2026-12-25 11:00")
    assert events(lines) == ["closed"]


def test_a_kiosk_started_in_opening_hours_plays(tmp_path):
    root = calendar_show(tmp_path / "show")
    lines = run_at(root, tmp_path, "2026-12-24 11:00")
    slides = [line for line in lines if line["event"] == "slide"]
    assert [line["trigger"] for line in slides][:2] == ["start", "timer"]
    assert "closed" not in events(lines)


def test_the_loop_starts_at_opening_time_with_an_open_line(tmp_path):
    root = calendar_show(tmp_path / "show")
    lines = run_at(root, tmp_path, "2026-12-24 09:59:58", seconds=4.0)
    assert events(lines)[:3] == ["closed", "open", "slide"]
    opened = next(line for line in lines if line["event"] == "slide")
    assert (opened["slide"], opened["trigger"]) == ("harbour", "open")


def test_a_deck_whose_dates_exclude_the_day_never_plays(tmp_path):
    root = calendar_show(tmp_path / "show")
    add_new_year_deck(root)
    lines = run_at(root, tmp_path, "2026-12-24 11:00", seconds=5.0)
    decks = {line["deck"] for line in lines if line["event"] == "slide"}
    assert decks == {"town"}
    lines = run_at(root, tmp_path, "2026-12-31 11:00", seconds=5.0)
    decks = {line["deck"] for line in lines if line["event"] == "slide"}
    assert decks == {"town", "new-year"}
