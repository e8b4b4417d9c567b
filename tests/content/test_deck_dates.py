"""`plays:` in a deck: the days it is in the loop, and each mistake at its line and column."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.content.deck_loader import load_deck
from kiosk.show.calendar import DeckDates, MonthDay
from kiosk.show.deck import Deck, Mark

SLIDES = """\
title: "Août 1944"
slides:
  - image: a.png
    caption: "Texte"
"""


def load(exhibition, plays: str) -> tuple[Deck | None, list[str], str]:
    """A one-slide deck whose third line on is `plays`."""
    path = exhibition.deck(SLIDES.replace("slides:", f"{plays}\nslides:"))
    result = load_deck(path, exhibition.config())
    return result.deck, [str(problem) for problem in result.problems], str(path)


@pytest.mark.parametrize(
    ("plays", "dates"),
    [
        ('plays: {from: "08-15", until: "09-02"}', DeckDates(MonthDay(8, 15), MonthDay(9, 2))),
        ("plays: {from: 12-20, until: 01-05}", DeckDates(MonthDay(12, 20), MonthDay(1, 5))),
        (
            "plays: {from: 2026-08-15, until: 2026-09-02}",
            DeckDates(date(2026, 8, 15), date(2026, 9, 2)),
        ),
        ('plays: {from: "2026-08-15"}', DeckDates(start=date(2026, 8, 15))),
        ('plays: {until: "2026-09-02"}', DeckDates(until=date(2026, 9, 2))),
        ("plays: {weekdays: [sat, sun]}", DeckDates(weekdays=frozenset({5, 6}))),
        ('plays: {weekdays: "fri-mon"}', DeckDates(weekdays=frozenset({4, 5, 6, 0}))),
        (
            'plays:\n  from: "02-29"\n  until: "02-29"\n  weekdays: "Saturday, Sunday"',
            DeckDates(MonthDay(2, 29), MonthDay(2, 29), frozenset({5, 6})),
        ),
    ],
    ids=[
        "every-year",
        "across-new-year",
        "full-dates",
        "from-a-date-on",
        "until-a-date",
        "weekdays",
        "weekdays-range",
        "all-together",
    ],
)
def test_plays_is_read_as_written(exhibition, plays: str, dates: DeckDates) -> None:
    deck, problems, path = load(exhibition, plays)
    assert problems == []
    assert deck is not None
    assert deck.plays == dates
    assert deck.plays_where == Mark(path, 2, 1)


def test_a_deck_without_plays_plays_every_day(exhibition) -> None:
    deck, problems, _ = load(exhibition, "")
    assert problems == []
    assert deck is not None
    assert deck.plays is None
    assert deck.plays_where is None


@pytest.mark.parametrize(
    ("plays", "message"),
    [
        (
            'plays: {from: "08-15", until: "2026-09-02"}',
            "2:31: error: plays from '08-15' and until '2026-09-02' must be written alike: both "
            'days of every year ("08-15", "09-02") or both dates with their year ("2026-08-15", '
            '"2026-09-02")',
        ),
        (
            'plays: {from: "2026-09-02", until: "2026-08-15"}',
            "2:36: error: plays until 2026-08-15 is before from 2026-09-02; the deck would never "
            "play: swap them, or correct the year",
        ),
        (
            'plays: {from: "02-30", until: "03-10"}',
            "2:15: error: plays from: '02-30' is not a day: February has at most 29 days",
        ),
        (
            "plays: {from: 2027-02-29, until: 2027-03-10}",
            "2:15: error: plays from: '2027-02-29' is not a day: February 2027 has 28 days",
        ),
        (
            'plays: {from: "08-15"}',
            "2:15: error: plays from '08-15' has no year, so it comes back every year and needs "
            'an until too, such as plays: {from: "08-15", until: "09-02"}; or put the year in '
            "front to mean that one day",
        ),
        (
            "plays: {weekdays: [sat, sunday, dimanche, sundey]}",
            "2:43: error: plays weekdays: 'sundey' is not a day of the week; did you mean "
            "'sun'? (the days are mon, tue, wed, thu, fri, sat or sun)",
        ),
        (
            'plays: {weekdays: "sat-sonday"}',
            "2:24: error: plays weekdays: 'sonday' is not a day of the week; did you mean "
            "'sun'? (the days are mon, tue, wed, thu, fri, sat or sun)",
        ),
        (
            "plays: {weekdays: []}",
            "2:19: error: plays weekdays names no day; name some, such as [sat, sun]",
        ),
        (
            'plays: {from: "08-15", to: "09-02"}',
            "2:24: error: unknown key 'to' in plays; did you mean 'until'?",
        ),
        (
            'plays: {form: "08-15", until: "09-02"}',
            "2:9: error: unknown key 'form' in plays; did you mean 'from'?",
        ),
        ('plays: "08-15"', "2:8: error: plays must be a set of 'key: value' lines"),
        (
            "plays: {}",
            "2:8: warning: plays names no day, so the deck plays every day; such as plays: "
            '{from: "08-15", until: "09-02"}',
        ),
    ],
    ids=[
        "mixed",
        "until-before-from",
        "impossible-month-day",
        "not-a-leap-year",
        "every-year-without-an-end",
        "unknown-weekday-in-a-list",
        "unknown-weekday-in-a-range",
        "no-weekday",
        "to-for-until",
        "misspelt-key",
        "not-a-mapping",
        "empty",
    ],
)
def test_each_mistake_in_plays_is_placed(exhibition, plays: str, message: str) -> None:
    """The deck still plays: a bad part of plays: is left out, never the slides."""
    deck, problems, path = load(exhibition, plays)
    assert problems == [f"{path}:{message}"]
    assert deck is not None
    assert len(deck.slides) == 1


def test_a_bad_part_is_left_out_and_the_rest_applies(exhibition) -> None:
    deck, problems, _ = load(
        exhibition, 'plays: {from: "08-15", until: "2026-09-02", weekdays: [sat, sun]}'
    )
    assert len(problems) == 1
    assert deck is not None
    assert deck.plays == DeckDates(weekdays=frozenset({5, 6}))


def test_a_bad_plays_alone_leaves_the_deck_playing_every_day(exhibition) -> None:
    deck, problems, _ = load(exhibition, 'plays: {from: "2026-09-02", until: "2026-08-15"}')
    assert len(problems) == 1
    assert deck is not None
    assert deck.plays is None
