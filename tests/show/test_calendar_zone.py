"""The museum's clocks: hours the clocks skip or show twice, instants without a timezone, and
the machine's own zone when the schedule names none."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.show.calendar import Schedule
from kiosk.show.calendar_clock import (
    is_open,
    local,
    next_change,
    next_closing,
    next_opening,
    zone,
)
from tests.show.calendars import PARIS, changes, only_on, utc


def test_hours_in_the_skipped_hour_start_when_the_clocks_jump_past_them() -> None:
    """On 03-29 the clocks jump from 02:00 to 03:00 (01:00 UTC): hours from 02:30 open at
    03:00; hours wholly within the skipped hour never open."""
    night = only_on((date(2026, 3, 29), "02:30-04:00"), (date(2026, 3, 30), "10:00-11:00"))
    assert next_opening(night, utc("2026-03-28 22:00")) == utc("2026-03-29 01:00")
    assert not is_open(night, utc("2026-03-29 00:59"))
    assert is_open(night, utc("2026-03-29 01:00"))
    assert next_closing(night, utc("2026-03-29 01:00")) == utc("2026-03-29 02:00")
    skipped = only_on((date(2026, 3, 29), "02:00-02:30"), (date(2026, 3, 30), "10:00-11:00"))
    assert next_opening(skipped, utc("2026-03-28 22:00")) == utc("2026-03-30 08:00")
    assert not any(
        is_open(skipped, utc("2026-03-29 00:00") + timedelta(minutes=m)) for m in range(120)
    )


def test_hours_in_the_repeated_hour_mean_its_first_showing() -> None:
    """On 10-25 the clocks show 02:00-03:00 twice (before and after 01:00 UTC): hours that end
    at 02:30 end at the first 02:30 and do not open again at the second 02:00."""
    late = only_on((date(2026, 10, 25), "01:00-02:30"), quiet_hours=())
    assert next_opening(late, utc("2026-10-24 12:00")) == utc("2026-10-24 23:00")
    assert next_closing(late, utc("2026-10-24 23:00")) == utc("2026-10-25 00:30")
    assert not is_open(late, utc("2026-10-25 01:15"))  # 02:15 again, in winter time
    assert next_change(late, utc("2026-10-25 00:30")) == utc("2026-10-25 23:00")  # midnight
    early = only_on((date(2026, 10, 25), "02:30-04:00"))
    assert next_opening(early, utc("2026-10-24 12:00")) == utc("2026-10-25 00:30")
    assert next_closing(early, utc("2026-10-25 00:30")) == utc("2026-10-25 03:00")


def test_an_instant_without_a_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="no timezone"):
        is_open(PARIS, datetime(2026, 3, 31, 10))


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """The machine's zone as the test sets it, and back as it was afterwards."""
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


def set_machine_zone(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    monkeypatch.setenv("TZ", tz)
    time.tzset()


@pytest.mark.parametrize("tz", ["Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"])
def test_without_a_timezone_the_machines_zone_is_followed_across_the_change(
    machine_zone: pytest.MonkeyPatch, tz: str
) -> None:
    """Paris by name, or as a POSIX rule that ZoneInfo would refuse: the offset changes with
    the night of 03-29 (a fixed offset taken when the kiosk started would not), and the two
    02:30 of the night of 10-25 are told apart."""
    set_machine_zone(machine_zone, tz)
    schedule = replace(PARIS, timezone=None)
    assert local(schedule, utc("2026-03-28 12:00")).utcoffset() == timedelta(hours=1)
    assert local(schedule, utc("2026-03-29 12:00")).utcoffset() == timedelta(hours=2)
    first, second = (local(schedule, utc(t)) for t in ("2026-10-25 00:30", "2026-10-25 01:30"))
    assert (f"{first:%H:%M%z}", f"{second:%H:%M%z}") == ("02:30+0200", "02:30+0100")
    # Compared in UTC: Python never finds a time in a repeated hour equal to one in another zone.
    assert (first.astimezone(UTC), second.astimezone(UTC)) == (
        utc("2026-10-25 00:30"),
        utc("2026-10-25 01:30"),
    )
    assert changes(schedule, utc("2026-03-28 17:30"), utc("2026-03-30 00:00")) == changes(
        PARIS, utc("2026-03-28 17:30"), utc("2026-03-30 00:00")
    )


def test_the_machines_zone_is_asked_when_the_question_is_asked(
    machine_zone: pytest.MonkeyPatch,
) -> None:
    schedule = replace(PARIS, timezone=None)
    set_machine_zone(machine_zone, "America/New_York")
    assert not is_open(schedule, utc("2026-03-31 08:00"))  # 04:00 in New York
    assert is_open(schedule, utc("2026-03-31 14:00"))
    set_machine_zone(machine_zone, "Europe/Paris")
    assert is_open(schedule, utc("2026-03-31 08:00"))
    assert zone(schedule) is zone(Schedule())
