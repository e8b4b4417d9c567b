"""The museum's calendar: when the kiosk is open, quiet or asleep, and which decks play today.

Pure values and functions: no clock is read here. Every question takes the moment it is asked
about (`at`, a timezone-aware datetime) or the day (a date in the museum's timezone), so tests
can walk across daylight-saving changes, New Year and leap days in microseconds.

Hours are local wall-clock times in the museum's timezone, kept as minutes after midnight
(0 to 1440, so "24:00" can close a day).

Here: the values and the questions asked of a day (its hours, the decks that play). Questions
asked of an instant (open? quiet? the panel on? the next change?) are in calendar_clock, wall
times and timezones in calendar_zone, the day-by-day plan in calendar_plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as a curator writes them, Monday first (date.weekday() indexes this)."""

WHEN_CLOSED = ("display_off", "black", "keep_playing")


@dataclass(frozen=True, order=True)
class Period:
    """Opening (or quiet) hours within one day: from `start` to `end`, in minutes after local
    midnight, 0 <= start < end <= 1440."""

    start: int
    end: int

    def overlap(self, other: Period) -> Period | None:
        """The part of this period that is also in `other`, if any."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start < end else None


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


CALENDAR_CYCLE_DAYS = 28 * 365 + 7
"""28 years: every day of the year falls on every weekday in them, 02-29 included (the
calendar repeats every 28 years from 1901 to 2099). A deck that does not play within this
many days of today, on a schedule whose dated rules are all sooner, can never play."""


def hours_on(schedule: Schedule, day: date) -> tuple[Period, ...]:
    """The opening hours on `day` (a date on the museum's clocks); none when closed."""
    return day_rule(schedule, day)[0]


def day_rule(schedule: Schedule, day: date) -> tuple[tuple[Period, ...], str | None]:
    """The opening hours on `day` and the rule that sets them: "closed_on", "open_on",
    "weekly", or None when the schedule has no weekly hours (always open).

    A full date beats a day of every year, so "open_on: 2027-01-01" opens a museum that is
    closed every "01-01"; between rules written the same way, open_on (the exception that
    gives hours) beats closed_on, and `kiosk validate` warns of the pair. Then the weekly
    hours.
    """
    for dated in (True, False):
        for rule, periods in schedule.open_on:
            if _names(rule, day, dated):
                return tuple(sorted(periods)), "open_on"
        if any(_names(rule, day, dated) for rule in schedule.closed_on):
            return (), "closed_on"
    if schedule.weekly is None:
        return ALWAYS, None
    return tuple(sorted(schedule.weekly[day.weekday()])), "weekly"


def _names(rule: DayRule, day: date, dated: bool) -> bool:
    """Whether `rule` names `day`, looking only at full dates or only at days of every year."""
    if isinstance(rule, MonthDay):
        return not dated and rule.matches(day)
    return dated and rule == day


def deck_plays_on(dates: DeckDates | None, day: date) -> bool:
    """Whether a deck with these `plays:` dates is part of the loop on `day`.

    Days of every year compare by month and day, and a range whose start comes after its end
    wraps the year ("12-20" until "01-05" plays over New Year). "02-29" needs no special case
    that way: in a common year a range from 02-29 starts on 03-01, one until 02-29 ends on
    02-28, and a deck from 02-29 until 02-29 plays on leap days only. A bound alone ("from"
    without "until") runs to the end of the year, or from its start, for a day of every
    year, and forever for a full date.
    """
    if dates is None:
        return True
    if dates.weekdays is not None and day.weekday() not in dates.weekdays:
        return False
    start, until = dates.start, dates.until
    if isinstance(start, MonthDay) and isinstance(until, MonthDay) and start > until:
        return _on_or_after(day, start) or _on_or_before(day, until)
    return (start is None or _on_or_after(day, start)) and (
        until is None or _on_or_before(day, until)
    )


def _on_or_after(day: date, rule: DayRule) -> bool:
    if isinstance(rule, MonthDay):
        return MonthDay(day.month, day.day) >= rule
    return day >= rule


def _on_or_before(day: date, rule: DayRule) -> bool:
    if isinstance(rule, MonthDay):
        return MonthDay(day.month, day.day) <= rule
    return day <= rule


def first_play_day(
    dates: DeckDates | None, schedule: Schedule, today: date, horizon_days: int = 366
) -> date | None:
    """The first day from `today` (included) on which the deck plays and the museum opens;
    None when there is none in the next `horizon_days` days. The default year answers "when
    does it next play"; to tell a deck that can never play, pass CALENDAR_CYCLE_DAYS (a deck
    for 12-25 on Mondays only plays every five or six years)."""
    for offset in range(horizon_days):
        day = today + timedelta(days=offset)
        if deck_plays_on(dates, day) and hours_on(schedule, day):
            return day
    return None


def format_minute(minute: int) -> str:
    """Minutes after midnight as a clock shows them: 570 is "09:30", 1440 is "24:00"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def format_hours(periods: tuple[Period, ...]) -> str:
    """Hours the way the config writes them, in every language: "10:00-12:30, 13:30-18:00".
    Empty for no hours; the caller says "closed" in the visitor's language."""
    return ", ".join(f"{format_minute(p.start)}-{format_minute(p.end)}" for p in periods)
