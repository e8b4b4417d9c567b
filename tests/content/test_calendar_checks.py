"""A deck that can never play: its dates have passed, or the museum is closed on all of them.
Warned at the deck's `plays:` line, with today's date passed in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content.calendar_checks import check_decks_can_play, never_plays
from kiosk.content.exhibition import load_exhibition
from kiosk.show.calendar import DeckDates, MonthDay, Period, Schedule, deck_plays_on, hours_on
from kiosk.show.deck import Deck, LocalizedText
from tests.helpers import write_config

TODAY = date(2026, 8, 10)  # a Monday
OPEN = (Period(600, 1080),)
CLOSED_ON_MONDAYS = Schedule(weekly=((), *[OPEN] * 6))
WEEKEND = frozenset({5, 6})


# The deck's days


@pytest.mark.parametrize(
    ("dates", "day", "plays"),
    [
        (DeckDates(MonthDay(8, 15), MonthDay(9, 2)), date(2027, 8, 15), True),
        (DeckDates(MonthDay(8, 15), MonthDay(9, 2)), date(2027, 9, 3), False),
        (DeckDates(MonthDay(12, 20), MonthDay(1, 5)), date(2026, 12, 31), True),
        (DeckDates(MonthDay(12, 20), MonthDay(1, 5)), date(2027, 1, 5), True),
        (DeckDates(MonthDay(12, 20), MonthDay(1, 5)), date(2027, 1, 6), False),
        (DeckDates(MonthDay(12, 20), MonthDay(1, 5)), date(2026, 12, 19), False),
        (DeckDates(date(2026, 8, 15), date(2026, 9, 2)), date(2027, 8, 20), False),
        (DeckDates(date(2026, 8, 15), None), date(2030, 1, 1), True),
        (DeckDates(weekdays=WEEKEND), date(2026, 8, 15), True),  # a Saturday
        (DeckDates(weekdays=WEEKEND), date(2026, 8, 14), False),
        (DeckDates(MonthDay(2, 29), MonthDay(2, 29)), date(2028, 2, 29), True),
    ],
)
def test_the_days_a_deck_plays(dates: DeckDates, day: date, plays: bool) -> None:
    assert deck_plays_on(dates, day) is plays


# The days the museum opens


def museum_opens_on(schedule: Schedule, day: date) -> bool:
    return bool(hours_on(schedule, day))


def test_the_most_precise_rule_decides_whether_the_museum_opens() -> None:
    schedule = Schedule(
        weekly=CLOSED_ON_MONDAYS.weekly,
        closed_on=(MonthDay(5, 1), date(2026, 7, 14)),
        open_on=((date(2027, 5, 1), OPEN), (MonthDay(7, 14), OPEN), (MonthDay(5, 1), OPEN)),
    )
    assert museum_opens_on(schedule, date(2027, 5, 1))  # this year's date beats every year's
    assert museum_opens_on(schedule, date(2028, 5, 1))  # open_on beats closed_on, alike
    assert not museum_opens_on(schedule, date(2026, 7, 14))  # the date beats every year's
    assert museum_opens_on(schedule, date(2027, 7, 14))
    assert not museum_opens_on(schedule, TODAY)  # a Monday
    assert museum_opens_on(Schedule(), TODAY)  # always open


# Never


@pytest.mark.parametrize(
    ("dates", "schedule", "reason"),
    [
        (
            DeckDates(date(2025, 8, 15), date(2025, 9, 2)),
            Schedule(),
            "its last day, 2025-09-02, has passed; change the dates, or remove plays to play it "
            "every day",
        ),
        (
            DeckDates(weekdays=frozenset({0})),
            CLOSED_ON_MONDAYS,
            "it plays only on mon, and the museum is closed on those days (see opening_hours "
            "and closed_on in the config)",
        ),
        (
            DeckDates(MonthDay(12, 25), MonthDay(12, 25)),
            Schedule(closed_on=(MonthDay(12, 25),)),
            "the museum is closed on every day it plays (from 12-25 until 12-25); see "
            "opening_hours and closed_on in the config",
        ),
        (
            DeckDates(date(2026, 8, 17), date(2026, 8, 21), WEEKEND),
            Schedule(),
            "no day from 2026-08-17 until 2026-08-21 falls on sat, sun; change the dates or "
            "the weekdays",
        ),
    ],
    ids=["passed", "only-on-closed-weekdays", "only-on-a-closed-day", "no-such-weekday"],
)
def test_a_deck_that_can_never_play_says_why(
    dates: DeckDates, schedule: Schedule, reason: str
) -> None:
    assert never_plays(dates, schedule, TODAY) == reason


@pytest.mark.parametrize(
    "dates",
    [
        DeckDates(MonthDay(8, 15), MonthDay(9, 2)),
        DeckDates(MonthDay(1, 1), MonthDay(1, 1)),  # closed on 01-01 in 2027 only
        DeckDates(date(2026, 8, 10), date(2026, 8, 11)),  # today is closed, tomorrow open
        DeckDates(date(2031, 1, 1), None),  # far ahead, still to come
        DeckDates(MonthDay(2, 29), MonthDay(2, 29), frozenset({5})),  # Saturday 2048-02-29
    ],
    ids=["every-summer", "a-closed-day-once", "tomorrow", "in-years", "leap-saturday"],
)
def test_a_deck_that_will_play_some_day_is_not_warned(dates: DeckDates) -> None:
    schedule = Schedule(weekly=CLOSED_ON_MONDAYS.weekly, closed_on=(date(2027, 1, 1),))
    assert never_plays(dates, schedule, TODAY) is None


# Through the exhibition, as kiosk validate loads it


DECK = """\
title: "Libération"
plays: {PLAYS}
slides:
  - image: a.png
    caption: "Texte"
"""


def test_the_warning_is_at_the_decks_plays_line(exhibition) -> None:
    past = exhibition.deck(DECK.replace("{PLAYS}", '{from: "2025-08-15", until: "2025-09-02"}'))
    mondays = exhibition.deck(DECK.replace("{PLAYS}", "{weekdays: [mon]}"), "mondays.yaml")
    summer = exhibition.deck(DECK.replace("{PLAYS}", '{from: "08-15", until: "09-02"}'), "s.yaml")
    config = write_config(
        exhibition.root,
        """\
        decks: [slides/deck.yaml, slides/mondays.yaml, slides/s.yaml]
        schedule:
          opening_hours: {tue-sun: "10:00-18:00"}
        """,
    )
    loaded = load_exhibition(config, today=TODAY)
    assert [str(problem) for problem in loaded.problems] == [
        f"{past}:2:1: warning: this deck can never play: its last day, 2025-09-02, has passed; "
        "change the dates, or remove plays to play it every day",
        f"{mondays}:2:1: warning: this deck can never play: it plays only on mon, and the "
        "museum is closed on those days (see opening_hours and closed_on in the config)",
    ]
    assert [deck.path for deck in loaded.decks] == [past, mondays, summer]


def test_without_today_the_check_is_not_made(exhibition) -> None:
    """The kiosk loads its decks without it: only kiosk validate reads the clock for it."""
    exhibition.deck(DECK.replace("{PLAYS}", '{until: "2025-09-02"}'))
    config = write_config(exhibition.root, "decks: [slides/deck.yaml]\n")
    assert load_exhibition(config).problems == ()
    assert len(load_exhibition(config, today=TODAY).problems) == 1


def test_a_deck_without_a_plays_line_is_never_warned(tmp_path: Path) -> None:
    deck = Deck(tmp_path / "d.yaml", LocalizedText.same_everywhere("D"), ())
    assert check_decks_can_play([deck], Schedule(weekly=((),) * 7), TODAY) == []
