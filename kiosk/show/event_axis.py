"""A timeline's time axis: days to pixels, and ticks as dense as the axis can hold.

A day is a stretch of the axis, from its midnight to the next: a one-day event is marked in
the middle of its day, a span from the start of its first day to the end of its last. The
ticks mark days when a day is wide enough, else weeks (Mondays), months, quarters, years,
decades or centuries; the coarser unit above them (months above days) is marked by longer
ticks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kiosk.show.events import Event

DAYS_PER_MONTH = 30.44
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Tick:
    x: int
    major: bool


@dataclass(frozen=True)
class AxisScale:
    """Days (proleptic ordinals, fractional) from `first` to `last` onto `left`..`right`."""

    first: float
    last: float
    left: int
    right: int

    @classmethod
    def for_events(cls, events: Sequence[Event], left: int, right: int) -> AxisScale:
        """From the first event's first day to the end of the last one's last day."""
        first = min(event.date.start.toordinal() for event in events)
        last = max(event.date.end.toordinal() for event in events) + 1
        return cls(first, last, left, right)

    @property
    def per_day(self) -> float:
        return (self.right - self.left) / (self.last - self.first)

    def x(self, day: float) -> float:
        return self.left + (day - self.first) * self.per_day


UNITS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1.0),
    ("week", 1, 7.0),
    ("month", 1, DAYS_PER_MONTH),
    ("month", 3, 3 * DAYS_PER_MONTH),
    ("year", 1, DAYS_PER_YEAR),
    ("year", 10, 10 * DAYS_PER_YEAR),
    ("year", 100, 100 * DAYS_PER_YEAR),
    ("year", 1000, 1000 * DAYS_PER_YEAR),
)
"""Tick units from the finest: (unit, how many of it, its length in days)."""


def axis_ticks(scale: AxisScale, min_gap: int) -> tuple[Tick, ...]:
    """Ticks at least `min_gap` pixels apart, and longer ones on the next coarser unit."""
    choice = next(
        (n for n, (_, _, days) in enumerate(UNITS) if days * scale.per_day >= min_gap),
        len(UNITS) - 1,
    )
    minor = set(_positions(scale, *UNITS[choice][:2]))
    major = set(_positions(scale, *_major_unit(choice))) if choice + 1 < len(UNITS) else set()
    xs = {round(scale.x(day)): day in major for day in minor | major}
    return tuple(Tick(x, major) for x, major in sorted(xs.items()))


def _major_unit(choice: int) -> tuple[str, int]:
    unit, count, _ = UNITS[choice]
    if unit in ("day", "week"):
        return ("month", 1)
    if unit == "month":
        return ("year", 1)
    return ("year", count * 10)


def _positions(scale: AxisScale, unit: str, count: int) -> Iterator[float]:
    """Where the ticks of `count` `unit`s fall within the axis: a day's in its middle, a
    week's on its Monday's middle, the others on their first day's midnight."""
    first, last = int(scale.first), int(scale.last)
    if unit == "day":
        yield from (day + 0.5 for day in range(first, last))
    elif unit == "week":
        monday = first + (-dt.date.fromordinal(first).weekday()) % 7
        yield from (day + 0.5 for day in range(monday, last, 7))
    elif unit == "month":
        yield from _month_starts(first, last, count)
    else:
        yield from _year_starts(first, last, count)


def _month_starts(first: int, last: int, every: int) -> Iterator[float]:
    start = dt.date.fromordinal(first)
    year, month = start.year, start.month
    while True:
        month_index = year * 12 + month - 1
        if month_index % every == 0:
            day = _ordinal(year, month)
            if day is None or day > last:
                return
            if day >= first:
                yield float(day)
        month = month % 12 + 1
        year += month == 1
        if year > dt.MAXYEAR:
            return


def _year_starts(first: int, last: int, every: int) -> Iterator[float]:
    year = dt.date.fromordinal(first).year
    year += (-year) % every
    while year <= dt.MAXYEAR:
        day = _ordinal(year, 1)
        if day is None or day > last:
            return
        if day >= first:
            yield float(day)
        year += every


def _ordinal(year: int, month: int) -> int | None:
    try:
        return dt.date(year, month, 1).toordinal()
    except ValueError:
        return None
