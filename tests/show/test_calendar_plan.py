"""The plan `kiosk schedule` prints: each day's hours and why, its quiet hours, its decks, and
when the panel wakes and sleeps, on the museum's clocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kiosk.show.calendar import DeckDates, MonthDay, format_hours
from kiosk.show.calendar_plan import DayPlan, plan_days
from tests.show.calendars import PARIS, hours

DECKS = [
    ("collection", None),
    ("winter", DeckDates(MonthDay(12, 20), MonthDay(1, 5))),
    ("weekends", DeckDates(weekdays=frozenset({5, 6}))),
]


def clock(day: DayPlan) -> str:
    """A day as staff read it: hours (and why), quiet hours, decks, wake and sleep."""
    shown = format_hours(day.hours) or "closed"
    quiet = format_hours(day.quiet) or "-"
    wake = f"{day.wake:%H:%M%z}" if day.wake else "-"
    sleep = f"{day.sleep:%H:%M%z}" if day.sleep else "-"
    return f"{day.day:%m-%d} {shown} ({day.why}) quiet {quiet} {','.join(day.decks)} {wake} {sleep}"


def test_two_weeks_over_new_year() -> None:
    schedule = replace(PARIS, open_on=((date(2026, 12, 31), hours("10:00-16:00")),))
    plan = plan_days(schedule, DECKS, date(2026, 12, 24), 14)
    assert [clock(day) for day in plan] == [
        "12-24 10:00-12:30, 13:30-18:00 (weekly) quiet - collection,winter 09:55+0100 18:00+0100",
        "12-25 closed (closed_on) quiet -  - -",
        "12-26 10:00-19:00 (weekly) quiet 12:30-13:30 collection,winter,weekends 09:55+0100 "
        "19:00+0100",
        "12-27 10:00-19:00 (weekly) quiet 12:30-13:30 collection,winter,weekends 09:55+0100 "
        "19:00+0100",
        "12-28 closed (weekly) quiet -  - -",
        "12-29 10:00-12:30, 13:30-18:00 (weekly) quiet - collection,winter 09:55+0100 18:00+0100",
        "12-30 10:00-12:30, 13:30-18:00 (weekly) quiet - collection,winter 09:55+0100 18:00+0100",
        "12-31 10:00-16:00 (open_on) quiet 12:30-13:30 collection,winter 09:55+0100 16:00+0100",
        "01-01 closed (closed_on) quiet -  - -",
        "01-02 10:00-19:00 (weekly) quiet 12:30-13:30 collection,winter,weekends 09:55+0100 "
        "19:00+0100",
        "01-03 10:00-19:00 (weekly) quiet 12:30-13:30 collection,winter,weekends 09:55+0100 "
        "19:00+0100",
        "01-04 closed (weekly) quiet -  - -",
        "01-05 10:00-12:30, 13:30-18:00 (weekly) quiet - collection,winter 09:55+0100 18:00+0100",
        "01-06 10:00-12:30, 13:30-18:00 (weekly) quiet - collection 09:55+0100 18:00+0100",
    ]


def test_a_lunch_break_switches_the_panel_off_and_on_again() -> None:
    tuesday = plan_days(PARIS, DECKS, date(2026, 3, 31), 1)[0]
    assert [(f"{at:%H:%M}", on) for at, on in tuesday.switches] == [
        ("09:55", True),
        ("12:30", False),
        ("13:25", True),
        ("18:00", False),
    ]
    assert (f"{tuesday.wake:%H:%M}", f"{tuesday.sleep:%H:%M}") == ("09:55", "18:00")


def test_wake_and_sleep_are_on_the_museums_clocks_across_the_change() -> None:
    plan = plan_days(PARIS, DECKS, date(2026, 3, 28), 2)
    assert [day.wake for day in plan] == [
        datetime.fromisoformat("2026-03-28 09:55+01:00"),
        datetime.fromisoformat("2026-03-29 09:55+02:00"),
    ]
    assert [f"{day.sleep:%H:%M%z}" for day in plan if day.sleep] == ["19:00+0100", "19:00+0200"]


def test_a_screen_that_stays_lit_never_wakes_nor_sleeps() -> None:
    for when_closed in ("black", "keep_playing"):
        plan = plan_days(replace(PARIS, when_closed=when_closed), DECKS, date(2026, 3, 28), 3)
        assert [(day.wake, day.sleep, day.switches) for day in plan] == [(None, None, ())] * 3


def test_an_opening_at_midnight_wakes_the_panel_on_the_day_before() -> None:
    saturday_from_midnight = replace(PARIS, weekly=((),) * 5 + (hours("00:00-12:00"), ()))
    friday, saturday = plan_days(saturday_from_midnight, DECKS, date(2026, 3, 27), 2)
    assert friday.hours == () and friday.decks == ()
    assert [(f"{at:%m-%d %H:%M}", on) for at, on in friday.switches] == [("03-27 23:55", True)]
    assert (saturday.wake, f"{saturday.sleep:%H:%M}") == (None, "12:00")


def test_a_museum_always_open_plays_every_deck_all_day() -> None:
    always = replace(PARIS, weekly=None, closed_on=())
    monday = plan_days(always, DECKS, date(2026, 3, 30), 1)[0]
    assert clock(monday) == "03-30 00:00-24:00 (None) quiet 12:30-13:30 collection - -"
