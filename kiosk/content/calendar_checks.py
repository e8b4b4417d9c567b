"""Checks across the calendar and the decks: a deck that can never play.

Each file on its own can be right while together they say nothing plays: a deck whose dates
have passed, or that plays only on Mondays in a museum closed on Mondays. `today` is passed
in (the command reads the clock, in the museum's timezone), so the check is a pure function.

The days are the calendar's own (kiosk.show.calendar: `deck_plays_on`, `hours_on`), so the
check and the running kiosk can never disagree about a day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from kiosk.content.calendar_text import day_names, rule_text
from kiosk.content.problems import Problem, warning
from kiosk.show.calendar import DeckDates, Schedule, deck_plays_on, hours_on
from kiosk.show.deck import Deck, Mark

HORIZON = timedelta(days=28 * 366)
"""How far ahead to look: 28 years bring every day of the year on every weekday, leap days
included, so a deck of "02-29" on Saturdays is found to play in 2048."""


def check_decks_can_play(decks: Iterable[Deck], schedule: Schedule, today: date) -> list[Problem]:
    """A warning, at the deck's `plays:`, for each deck that will never be in the loop again."""
    problems = []
    for deck in decks:
        if deck.plays is None:
            continue
        reason = never_plays(deck.plays, schedule, today)
        if reason is not None:
            where = deck.plays_where or Mark(str(deck.path))
            problems.append(warning(where, f"this deck can never play: {reason}"))
    return problems


def never_plays(dates: DeckDates, schedule: Schedule, today: date) -> str | None:
    """Why no day from `today` on is both one of the deck's and one the museum opens, or None
    when there is such a day."""
    if isinstance(dates.until, date) and dates.until < today:
        return (
            f"its last day, {dates.until}, has passed; change the dates, or remove plays to "
            "play it every day"
        )
    first = max(today, dates.start) if isinstance(dates.start, date) else today
    last = first + HORIZON if first <= date.max - HORIZON else date.max
    if isinstance(dates.until, date):
        last = min(last, dates.until)
    plays_some_day = False
    for day in _days(first, last):
        if deck_plays_on(dates, day):
            if hours_on(schedule, day):
                return None
            plays_some_day = True
    if not plays_some_day:
        on = f" falls on {day_names(dates.weekdays)}" if dates.weekdays else " is one of its days"
        return f"no day from {first} until {last}{on}; change the dates or the weekdays"
    if dates.weekdays is not None and dates.start is None and dates.until is None:
        return (
            f"it plays only on {day_names(dates.weekdays)}, and the museum is closed on those "
            "days (see opening_hours and closed_on in the config)"
        )
    return (
        f"the museum is closed on every day it plays ({_described(dates)}); see opening_hours "
        "and closed_on in the config"
    )


def _days(first: date, last: date) -> Iterator[date]:
    """Every day from `first` to `last`, both included (up to the calendar's last day)."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _described(dates: DeckDates) -> str:
    parts = []
    if dates.start is not None:
        parts.append(f"from {rule_text(dates.start)}")
    if dates.until is not None:
        parts.append(f"until {rule_text(dates.until)}")
    if dates.weekdays is not None:
        parts.append(f"on {day_names(dates.weekdays)}")
    return " ".join(parts)
