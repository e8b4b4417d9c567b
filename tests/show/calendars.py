"""Calendars the calendar tests share, written the way a curator writes them in the config."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from kiosk.show.calendar import DayRule, MonthDay, Period, Schedule
from kiosk.show.calendar_clock import doors_at, local, next_change


def hours(text: str) -> tuple[Period, ...]:
    """ "10:00-12:30, 13:30-18:00" as periods; "closed" as none."""
    if text == "closed":
        return ()
    periods = []
    for part in text.split(","):
        start, end = (int(h) * 60 + int(m) for h, m in (t.split(":") for t in part.split("-")))
        periods.append(Period(start, end))
    return tuple(periods)


def utc(text: str) -> datetime:
    """ "2026-03-29 08:00" as that instant in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


WEEKDAYS_HOURS = hours("10:00-12:30, 13:30-18:00")
WEEKEND_HOURS = hours("10:00-19:00")

PARIS = Schedule(
    timezone="Europe/Paris",
    weekly=((), *[WEEKDAYS_HOURS] * 4, *[WEEKEND_HOURS] * 2),
    closed_on=(MonthDay(12, 25), MonthDay(1, 1), MonthDay(5, 1)),
    quiet_hours=hours("12:30-13:30"),
    when_closed="display_off",
    wake_before_opening=5,
)
"""The issue's example: closed on Mondays, a lunch break on weekdays, quiet at lunch."""


def only_on(*days: tuple[DayRule, str], **changes: Any) -> Schedule:
    """A Paris museum closed every day but the open_on days given."""
    return replace(
        PARIS, weekly=((),) * 7, open_on=tuple((day, hours(text)) for day, text in days), **changes
    )


def changes(schedule: Schedule, start: datetime, end: datetime) -> list[str]:
    """Each change from `start` to `end`, as "local time: what the doors are then"."""
    found = []
    at = next_change(schedule, start)
    while at < end:
        doors = doors_at(schedule, at)
        state = [name for name in ("open", "quiet", "display_on") if getattr(doors, name)]
        found.append(f"{local(schedule, at):%m-%d %H:%M%z} {' '.join(state) or '-'}")
        at = next_change(schedule, at)
    return found
