"""`kiosk status` in words, at a time the test chooses: times, durations, the calendar, the
disks and the versions, said plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kiosk.cli.status_text import (
    calendar_text,
    disk_text,
    duration_text,
    fleet_text,
    kiosk_line,
    moment_text,
    size_text,
    until_text,
)

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 2, 14, 30, 5, tzinfo=PARIS)  # a Wednesday


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "0 s"), (59, "59 s"), (60, "1 min"), (3599, "59 min"), (3600, "1 h 0 min"),
     (11_520, "3 h 12 min"), (86_400, "1 d 0 h"), (190_800, "2 d 5 h")],
)  # fmt: skip
def test_durations(seconds: int, said: str) -> None:
    assert duration_text(seconds) == said


@pytest.mark.parametrize(
    ("size", "said"),
    [(0, "0 bytes"), (999, "999 bytes"), (12_345, "12.3 kB"), (12_300_000_000, "12.3 GB"),
     (2 * 10**12, "2.0 TB"), (None, "?")],
)  # fmt: skip
def test_sizes(size: object, said: str) -> None:
    assert size_text(size) == said


def test_moments_today_and_another_day_in_the_terminal_s_time() -> None:
    assert moment_text("2026-12-02T13:03:12+00:00", NOW) == "14:03:12"
    assert moment_text("2026-12-01T23:30:00+00:00", NOW) == "00:30:00"  # today in Paris
    assert moment_text("2026-12-01T22:30:00+00:00", NOW) == "2026-12-01 23:30:00"
    assert moment_text("2026-11-30T09:00:00+01:00", NOW) == "2026-11-30 09:00:00"
    assert moment_text("yesterday", NOW) == "yesterday"
    assert moment_text(None, NOW) == "unknown"


def test_until_is_said_in_the_museum_s_time() -> None:
    assert until_text("2026-12-02T18:00+01:00", NOW) == "18:00"
    assert until_text("2026-12-03T10:00+01:00", NOW) == "tomorrow 10:00"
    assert until_text("2026-12-07T10:00+01:00", NOW) == "Mon 7 Dec 10:00"
    # New York's museum, read from Paris: its own day and hour
    assert until_text("2026-12-02T09:00-05:00", NOW) == "09:00"


@pytest.mark.parametrize(
    ("calendar", "said"),
    [
        ({"open": True}, "open (no opening hours in the config)"),
        (
            {"open": True, "quiet": False, "display": "on", "until": "2026-12-02T18:00+01:00"},
            "open until 18:00 (display on)",
        ),
        (
            {"open": True, "quiet": True, "display": "on", "until": "2026-12-02T15:00+01:00"},
            "open, quiet hours until 15:00 (display on)",
        ),
        (
            {
                "open": False,
                "quiet": False,
                "display": "off",
                "display_switched_by": "dpms",
                "until": "2026-12-03T10:00+01:00",
            },
            "closed until tomorrow 10:00 (display off, switched by dpms)",
        ),
    ],
    ids=["always-open", "open", "quiet", "closed"],
)
def test_the_calendar(calendar: dict, said: str) -> None:
    assert calendar_text(calendar, NOW) == said


def test_disks_are_said_once_each_and_low_or_unmeasured_ones_stand_out() -> None:
    same = {"free_bytes": 12_300_000_000, "total_bytes": 30_000_000_000, "low": False}
    disk = {
        "logs": {**same, "error": None},
        "cache": {"free_bytes": 200_000_000, "total_bytes": 8_000_000_000, "low": True},
        "narration_cache": {**same, "error": None},
    }
    assert disk_text(disk) == (
        "12.3 GB of 30.0 GB for logs, narration_cache; 200.0 MB of 8.0 GB (LOW) for cache"
    )
    assert disk_text({"logs": {"error": "Permission denied"}}) == (
        "cannot be measured (Permission denied) for logs"
    )


def test_a_kiosk_older_than_the_installed_one_says_restart() -> None:
    report = {
        "running": True,
        "pid": 42,
        "started": "2026-12-02T11:18:05+01:00",
        "uptime_seconds": 11_520,
        "version": "0.1.0",
        "installed_version": "0.2.0",
    }
    assert kiosk_line(report, NOW) == (
        "kiosk: running (pid 42), up 3 h 12 min since 11:18:05, version 0.1.0 "
        "(installed now: 0.2.0; restart the kiosk to run it)"
    )
    report.update(installed_version="0.1.0", started=None, uptime_seconds=None)
    assert kiosk_line(report, NOW) == "kiosk: running (pid 42) since unknown, version 0.1.0"


def test_times_without_their_offset_are_not_guessed() -> None:
    """A time written without its UTC offset (by hand) is printed as it is."""
    assert moment_text("2026-12-02T10:00:00", NOW.astimezone(UTC)) == "2026-12-02T10:00:00"


@pytest.mark.parametrize(
    ("fleet", "said"),
    [
        ({"broker": "b:8883", "id": "k", "connected": True, "problem": None},
         "connected to b:8883 as k"),
        ({"broker": "b:8883", "id": "k", "connected": False, "problem": None},
         "not connected to b:8883 as k (connecting)"),
        ({"broker": "b:1883", "id": "k", "connected": False,
          "problem": "the broker refused the kiosk (Not authorized)"},
         "not connected to b:1883 as k: the broker refused the kiosk (Not authorized)"),
        ({"broker": "b\x1b[2J", "id": "k"}, "not connected to b\\x1b[2J as k (connecting)"),
    ],
)  # fmt: skip
def test_the_fleet_link(fleet: dict, said: str) -> None:
    assert fleet_text(fleet) == said
