"""`kiosk schedule`: two weeks of a calendar with every feature, as staff read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from tests.small_show import add_new_year_deck, small_show

CALENDAR = """\
schedule:
  timezone: Europe/Paris
  opening_hours:
    mon: closed
    tue-sat: "10:00-12:30, 13:30-18:00"
    sun: "10:00-19:00"
  closed_on: ["12-25", "01-01"]
  open_on: {"2026-12-31": "10:00-22:00"}
  quiet_hours: ["14:00-15:00"]
  when_closed: display_off
  wake_before_opening: 10
  wake_on_touch: true
"""


@pytest.fixture
def exhibition(tmp_path: Path) -> Path:
    root = small_show(tmp_path / "show")
    config = root / "config" / "kiosk.yaml"
    config.write_text(config.read_text() + CALENDAR, encoding="utf-8")
    add_new_year_deck(root)
    return config


def schedule_lines(config: Path, capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["schedule", "--config", str(config), *args])
    return status, capsys.readouterr().out.splitlines()


def day(lines: list[str], date: str) -> list[str]:
    """The line of `date` and the indented lines under it."""
    start = next(i for i, line in enumerate(lines) if date in line)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return [line.strip() for line in lines[start:end]]


def test_two_weeks_over_christmas_and_new_year(exhibition, capsys):
    status, lines = schedule_lines(exhibition, capsys, "--from", "2026-12-20", "--days", "14")
    assert status == 0
    assert lines[0] == f"Calendar from {exhibition}, in Europe/Paris."
    assert "a touch while it is off wakes it to show the hours" in lines[2]
    assert "Quiet hours, every day: 14:00-15:00." in lines
    assert (
        sum(1 for line in lines if line[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
        == 14
    )
    assert day(lines, "2026-12-20") == [
        "Sun 2026-12-20  open 10:00-19:00",
        "quiet 14:00-15:00",
        "display on 09:50, off 19:00",
        "decks: town",
    ]
    assert day(lines, "2026-12-21") == ["Mon 2026-12-21  closed (weekly hours)"]
    assert day(lines, "2026-12-22")[2] == "display on 09:50, off 12:30, on 13:20, off 18:00"
    assert day(lines, "2026-12-25") == ["Fri 2026-12-25  closed (closed_on)"]
    new_years_eve = day(lines, "2026-12-31")
    assert new_years_eve[0] == "Thu 2026-12-31  open 10:00-22:00 (open_on, not the weekly hours)"
    assert new_years_eve[-1] == "decks: town, new-year"
    assert day(lines, "2027-01-01") == ["Fri 2027-01-01  closed (closed_on)"]
    assert day(lines, "2027-01-02")[-1] == "decks: town"


def test_across_the_change_to_summer_time_the_hours_stay_the_museums(exhibition, capsys):
    _, lines = schedule_lines(exhibition, capsys, "--from", "2027-03-27", "--days", "2")
    assert day(lines, "2027-03-28")[:3] == [
        "Sun 2027-03-28  open 10:00-19:00",
        "quiet 14:00-15:00",
        "display on 09:50, off 19:00",
    ]


def test_a_config_with_errors_still_prints_and_says_so(exhibition, capsys):
    text = exhibition.read_text().replace('sun: "10:00-19:00"', 'sunday-ish: "10:00-19:00"')
    exhibition.write_text(text, encoding="utf-8")
    status, lines = schedule_lines(exhibition, capsys, "--days", "3")
    assert status == 1
    assert lines[-1] == "1 error(s) in the files: run kiosk validate to see them."


@pytest.mark.parametrize("args", [["--from", "2026-02-30"], ["--days", "0"], ["--days", "x"]])
def test_a_mistyped_day_or_count_is_a_usage_error(exhibition, capsys, args):
    with pytest.raises(SystemExit) as stopped:
        main(["schedule", "--config", str(exhibition), *args])
    assert stopped.value.code == 2
    assert "kiosk schedule: error:" in capsys.readouterr().err
