"""The calendar day by day, for `kiosk schedule`: what the museum's staff reads to check that
the kiosk will do what they meant, before the days come."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.show.calendar import DeckDates, Period, Schedule, day_rule, deck_plays_on
from kiosk.show.calendar_clock import display_spans
from kiosk.show.calendar_zone import local, wall_instant, zone

Switch = tuple[datetime, bool]
"""The panel switched on (True) or off (False) at a time on the museum's clocks."""


@dataclass(frozen=True)
class DayPlan:
    """One day of the plan, as the museum's clocks tell it."""

    day: date
    hours: tuple[Period, ...]
    """The opening hours; none when closed."""
    quiet: tuple[Period, ...]
    """The quiet hours that fall within the opening hours."""
    decks: tuple[str, ...]
    """The decks that play, in the order given; none when the museum is closed."""
    why: str | None
    """The rule that sets the hours: "closed_on", "open_on", "weekly"; None for a schedule
    without weekly hours (open all day)."""
    wake: datetime | None
    """The first time the panel is switched on that day, None when it is not."""
    sleep: datetime | None
    """The last time the panel is switched off that day, None when it is not."""
    switches: tuple[Switch, ...] = ()
    """Every switch that day, in order: a lunch break longer than the wake time gives two."""


def plan_days(
    schedule: Schedule,
    decks: Sequence[tuple[str, DeckDates | None]],
    first: date,
    days: int,
) -> list[DayPlan]:
    """The plan for `days` days from `first`, one DayPlan per day."""
    switches = _switches_by_day(schedule, first, days)
    plans = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        hours, why = day_rule(schedule, day)
        on_day = switches.get(day, ())
        plans.append(
            DayPlan(
                day=day,
                hours=hours,
                quiet=_quiet_within(schedule.quiet_hours, hours),
                decks=tuple(name for name, dates in decks if hours and deck_plays_on(dates, day)),
                why=why,
                wake=next((at for at, on in on_day if on), None),
                sleep=next((at for at, on in reversed(on_day) if not on), None),
                switches=on_day,
            )
        )
    return plans


def _quiet_within(quiet: tuple[Period, ...], hours: tuple[Period, ...]) -> tuple[Period, ...]:
    within = (q.overlap(h) for q in quiet for h in hours)
    return tuple(sorted(period for period in within if period is not None))


def _switches_by_day(schedule: Schedule, first: date, days: int) -> dict[date, tuple[Switch, ...]]:
    """The panel's switches on each day, looking a day before and after the plan (and as far
    ahead as a wake reaches) so that a span crossing the plan's edges is seen whole."""
    before = first - timedelta(days=1)
    looked_at = days + 3 + max(0, schedule.wake_before_opening) // 1440
    spans = display_spans(schedule, before, looked_at)
    if spans is None:
        return {}
    tz = zone(schedule)
    start_of_view = wall_instant(tz, before, 0)
    end_of_view = wall_instant(tz, before + timedelta(days=looked_at), 0)
    found: dict[date, list[Switch]] = {}
    for start, end in spans:
        # A span that starts or ends at the edge of the days looked at may go on beyond them.
        for instant, on in ((start, True), (end, False)):
            if start_of_view < instant < end_of_view:
                shown = local(schedule, instant)
                found.setdefault(shown.date(), []).append((shown, on))
    return {day: tuple(day_switches) for day, day_switches in found.items()}
