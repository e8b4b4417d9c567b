"""The museum's calendar: when the kiosk is open, quiet or asleep, and which decks play today.

Pure values and functions: no clock is read here. Every question takes the moment it is asked
about (`at`, a timezone-aware datetime) or the day (a date in the museum's timezone), so tests
can walk across daylight-saving changes, New Year and leap days in microseconds.

Hours are local wall-clock times in the museum's timezone, kept as minutes after midnight
(0 to 1440, so "24:00" can close a day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as a curator writes them, Monday first (date.weekday() indexes this)."""

WHEN_CLOSED = ("display_off", "black", "keep_playing")


@dataclass(frozen=True, order=True)
class Period:
    """Opening (or quiet) hours within one day: from `start` to `end`, in minutes after local
    midnight, 0 <= start < end <= 1440."""

    start: int
    end: int


@dataclass(frozen=True, order=True)
class MonthDay:
    """A day that comes back every year, written "12-25"."""

    month: int
    day: int

    def matches(self, day: date) -> bool:
        return (day.month, day.day) == (self.month, self.day)


DayRule = date | MonthDay
"""A full date ("2026-12-25") or a day of every year ("12-25")."""

ALWAYS = (Period(0, 1440),)


@dataclass(frozen=True)
class Schedule:
    """`schedule:` in the config. The default is a kiosk that is always open."""

    timezone: str | None = None
    """An IANA name such as Europe/Paris; None for the machine's own."""
    weekly: tuple[tuple[Period, ...], ...] | None = None
    """Seven days of opening hours, Monday first; a closed day has none. None: always open."""
    closed_on: tuple[DayRule, ...] = ()
    open_on: tuple[tuple[DayRule, tuple[Period, ...]], ...] = ()
    """Days with other hours than the weekly ones (a late opening, a Monday holiday)."""
    quiet_hours: tuple[Period, ...] = ()
    """Every day, narration stays silent in these hours."""
    when_closed: str = "display_off"
    wake_before_opening: int = 5
    """Minutes before opening at which a sleeping display is woken."""
    wake_on_touch: bool = False
    """Whether a touch wakes a display that is off while closed (to show the hours)."""

    @property
    def always_open(self) -> bool:
        return self.weekly is None and not self.closed_on and not self.open_on


@dataclass(frozen=True)
class DeckDates:
    """`plays:` in a deck: the days it is part of the loop. Each part left None allows all."""

    start: DayRule | None = None
    """The first day ("from:" in the deck), a date or a day of every year."""
    until: DayRule | None = None
    """The last day, included."""
    weekdays: frozenset[int] | None = None
    """0 for Monday to 6 for Sunday."""
