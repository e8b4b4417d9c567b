"""The museum's calendar asked about an instant: open or closed, quiet or not, the panel on or
off, and when any of that next changes, so the kiosk's loop can sleep until then.

Each day's hours become spans of instants, [start, end) in UTC (calendar_zone says how skipped
and repeated clock times are read); spans that touch are merged, so hours open until 24:00
followed by hours from 00:00 are one span and midnight is no opening. Every question looks at
the spans of a few days around `at`, or of HORIZON_DAYS days for the next opening or closing.
Every instant returned is in UTC: subtract it from a clock reading of any timezone and the
answer is right across daylight-saving changes (show it with `local`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from kiosk.show.calendar import Period, Schedule, hours_on
from kiosk.show.calendar_zone import local, wall_instant, zone

__all__ = [
    "HORIZON_DAYS",
    "Doors",
    "display_spans",
    "doors_at",
    "is_open",
    "is_quiet",
    "local",
    "next_change",
    "next_closing",
    "next_opening",
    "open_spans",
    "zone",
]

HORIZON_DAYS = 400
"""How far ahead next_opening and next_closing look before answering None."""

Span = tuple[datetime, datetime]
"""From one instant (included) to another (excluded), both in UTC."""


@dataclass(frozen=True)
class Doors:
    """The museum at one instant, as the kiosk acts on it."""

    open: bool
    quiet: bool
    """Within the quiet hours, which apply every day, open or closed."""
    display_on: bool
    """Whether the panel should be powered: always while open; while closed, only when the
    schedule keeps the screen lit (when_closed "black" or "keep_playing"), or in the
    wake_before_opening minutes before an opening."""
    day: date
    """The date on the museum's clocks: the decks that play change when it does."""


def is_open(schedule: Schedule, at: datetime) -> bool:
    return _within(open_spans(schedule, _day_before(schedule, at), 3), at)


def is_quiet(schedule: Schedule, at: datetime) -> bool:
    return _within(_quiet_spans(schedule, _day_before(schedule, at), 3), at)


def doors_at(schedule: Schedule, at: datetime) -> Doors:
    line = _timeline(schedule, at)
    return Doors(
        open=_within(line.opening, at),
        quiet=_within(line.quiet, at),
        display_on=line.display is None or _within(line.display, at),
        day=line.day,
    )


def next_change(schedule: Schedule, at: datetime) -> datetime:
    """The first instant after `at` at which doors_at differs from doors_at(at). Never later
    than the next midnight on the museum's clocks, when the day changes, so never None."""
    line = _timeline(schedule, at)
    edges = [line.tomorrow]
    for spans in (line.opening, line.quiet, line.display or ()):
        edges.extend(edge for span in spans for edge in span if edge > at)
    return min(edges)


def next_opening(schedule: Schedule, at: datetime) -> datetime | None:
    """The first instant, at `at` or after it, at which the museum opens: `at` itself when it
    opens exactly then; the start of the next opening hours when it is open at `at`. None when
    it does not open in the next HORIZON_DAYS days (never closed means never opening)."""
    for start, _ in open_spans(schedule, _day_before(schedule, at), HORIZON_DAYS):
        # The first span may have started before the days looked at; its start is before `at`.
        if start >= at:
            return start
    return None


def next_closing(schedule: Schedule, at: datetime) -> datetime | None:
    """The first instant, at `at` or after it, at which the museum closes: `at` itself when it
    closes exactly then; the end of the next opening hours when it is closed at `at`. None when
    it does not close in the next HORIZON_DAYS days."""
    first = _day_before(schedule, at)
    last = wall_instant(zone(schedule), first + timedelta(days=HORIZON_DAYS), 0)
    for _, end in open_spans(schedule, first, HORIZON_DAYS):
        if end >= at:
            return end if end < last else None  # open until the last day looked at, and on
    return None


def open_spans(schedule: Schedule, first: date, days: int) -> Iterator[Span]:
    """The museum's opening hours from `first` for `days` days, as merged spans, in order."""
    return _spans(zone(schedule), lambda day: hours_on(schedule, day), first, days)


def display_spans(schedule: Schedule, first: date, days: int) -> Iterator[Span] | None:
    """When the panel is on, from `first` for `days` days: the opening hours, each from
    wake_before_opening minutes before it opens. None when the panel is never switched off."""
    if schedule.when_closed != "display_off":
        return None
    wake = timedelta(minutes=max(0, schedule.wake_before_opening))
    return _merged((start - wake, end) for start, end in open_spans(schedule, first, days))


@dataclass(frozen=True)
class _Timeline:
    """The spans around one instant: enough days to answer doors_at and next_change."""

    day: date
    tomorrow: datetime
    opening: tuple[Span, ...]
    quiet: tuple[Span, ...]
    display: tuple[Span, ...] | None


def _timeline(schedule: Schedule, at: datetime) -> _Timeline:
    day = local(schedule, at).date()
    first = day - timedelta(days=1)
    # From the day before to the day after tomorrow, and as far as a wake reaches back from.
    days = 4 + max(0, schedule.wake_before_opening) // 1440
    display = display_spans(schedule, first, days)
    return _Timeline(
        day=day,
        tomorrow=wall_instant(zone(schedule), day + timedelta(days=1), 0),
        opening=tuple(open_spans(schedule, first, days)),
        quiet=tuple(_quiet_spans(schedule, first, days)),
        display=None if display is None else tuple(display),
    )


def _quiet_spans(schedule: Schedule, first: date, days: int) -> Iterator[Span]:
    quiet = tuple(sorted(schedule.quiet_hours))
    return _spans(zone(schedule), lambda _: quiet, first, days)


def _day_before(schedule: Schedule, at: datetime) -> date:
    """The first day to look at: the day before `at`'s, whose hours may run up to `at`."""
    return local(schedule, at).date() - timedelta(days=1)


def _spans(
    tz: tzinfo, periods_on: Callable[[date], tuple[Period, ...]], first: date, days: int
) -> Iterator[Span]:
    """Each day's periods (sorted) as spans of instants, merged where they touch, in order.
    Hours wholly within a skipped hour give no span."""

    def each() -> Iterator[Span]:
        for offset in range(days):
            day = first + timedelta(days=offset)
            for period in periods_on(day):
                start, end = wall_instant(tz, day, period.start), wall_instant(tz, day, period.end)
                if start < end:
                    yield start, end

    return _merged(each())


def _merged(spans: Iterable[Span]) -> Iterator[Span]:
    """Spans sorted by start, with those that overlap or touch made one."""
    current: Span | None = None
    for start, end in spans:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def _within(spans: Iterable[Span], at: datetime) -> bool:
    return any(start <= at < end for start, end in spans)
