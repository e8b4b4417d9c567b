"""The calendar by the day: which hours a day has and why, which days a deck plays, the first
day a deck can play, and hours written back the way the config writes them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kiosk.show.calendar import (
    ALWAYS,
    CALENDAR_CYCLE_DAYS,
    DeckDates,
    MonthDay,
    Schedule,
    day_rule,
    deck_plays_on,
    first_play_day,
    format_hours,
    hours_on,
)
from tests.show.calendars import PARIS, WEEKDAYS_HOURS, WEEKEND_HOURS, hours


def test_the_weekly_hours_set_an_ordinary_day_and_monday_is_closed() -> None:
    assert day_rule(PARIS, date(2026, 3, 31)) == (WEEKDAYS_HOURS, "weekly")  # a Tuesday
    assert day_rule(PARIS, date(2026, 3, 28)) == (WEEKEND_HOURS, "weekly")  # a Saturday
    assert day_rule(PARIS, date(2026, 3, 30)) == ((), "weekly")  # a Monday


def test_a_schedule_without_weekly_hours_is_open_all_day_every_day() -> None:
    assert day_rule(Schedule(), date(2026, 3, 30)) == (ALWAYS, None)
    assert hours_on(Schedule(closed_on=(MonthDay(1, 1),)), date(2027, 1, 1)) == ()


def test_closed_on_beats_the_weekly_hours() -> None:
    christmas = date(2026, 12, 25)  # a Friday, open on an ordinary week
    assert hours_on(replace(PARIS, closed_on=()), christmas) == WEEKDAYS_HOURS
    assert day_rule(PARIS, christmas) == ((), "closed_on")
    assert day_rule(replace(PARIS, closed_on=(christmas,)), christmas) == ((), "closed_on")


def test_an_open_on_exception_opens_a_closed_monday() -> None:
    easter_monday = date(2026, 4, 6)
    schedule = replace(PARIS, open_on=((easter_monday, hours("14:00-18:00")),))
    assert day_rule(schedule, easter_monday) == (hours("14:00-18:00"), "open_on")
    assert hours_on(schedule, date(2026, 4, 13)) == ()  # the Monday after stays closed


def test_an_open_on_exception_replaces_the_weekly_hours_of_an_open_day() -> None:
    bastille_day = date(2026, 7, 14)  # a Tuesday
    schedule = replace(PARIS, open_on=((bastille_day, hours("10:00-22:00")),))
    assert hours_on(schedule, bastille_day) == hours("10:00-22:00")
    assert hours_on(schedule, date(2026, 7, 21)) == WEEKDAYS_HOURS


def test_between_rules_written_alike_open_on_beats_closed_on() -> None:
    day = date(2026, 7, 14)
    both_dated = replace(PARIS, closed_on=(day,), open_on=((day, hours("10:00-22:00")),))
    both_yearly = replace(
        PARIS, closed_on=(MonthDay(7, 14),), open_on=((MonthDay(7, 14), hours("10:00-22:00")),)
    )
    assert day_rule(both_dated, day) == (hours("10:00-22:00"), "open_on")
    assert day_rule(both_yearly, day) == (hours("10:00-22:00"), "open_on")


def test_a_full_date_beats_a_day_of_every_year() -> None:
    """Closed every New Year's Day, but open on 2027-01-01 for an event; open every 07-14 till
    22:00, but only till 20:00 in 2027; open every 05-01 but closed on 2028-05-01."""
    schedule = replace(
        PARIS,
        closed_on=(MonthDay(1, 1), date(2028, 5, 1)),
        open_on=(
            (date(2027, 1, 1), hours("14:00-17:00")),
            (MonthDay(7, 14), hours("10:00-22:00")),
            (date(2027, 7, 14), hours("10:00-20:00")),
            (MonthDay(5, 1), hours("10:00-18:00")),
        ),
    )
    assert day_rule(schedule, date(2027, 1, 1)) == (hours("14:00-17:00"), "open_on")
    assert hours_on(schedule, date(2028, 1, 1)) == ()
    assert hours_on(schedule, date(2027, 7, 14)) == hours("10:00-20:00")
    assert hours_on(schedule, date(2028, 7, 14)) == hours("10:00-22:00")
    assert day_rule(schedule, date(2028, 5, 1)) == ((), "closed_on")
    assert hours_on(schedule, date(2029, 5, 1)) == hours("10:00-18:00")


def test_new_years_day_is_closed_every_year() -> None:
    for year in (2026, 2027, 2028, 2100):
        assert day_rule(PARIS, date(year, 1, 1)) == ((), "closed_on")
        assert day_rule(PARIS, date(year, 1, 2))[1] == "weekly"


def test_hours_come_back_in_order_whatever_order_they_were_written_in() -> None:
    schedule = replace(PARIS, weekly=(hours("13:30-18:00, 10:00-12:30"),) * 7)
    assert hours_on(schedule, date(2026, 3, 30)) == WEEKDAYS_HOURS


def test_a_deck_without_dates_always_plays() -> None:
    assert deck_plays_on(None, date(2026, 3, 30))
    assert deck_plays_on(DeckDates(), date(2028, 2, 29))


def test_a_deck_for_the_end_of_summer_plays_every_year_between_its_days() -> None:
    dates = DeckDates(MonthDay(8, 15), MonthDay(9, 2))
    assert [deck_plays_on(dates, date(year, 8, 14)) for year in (2026, 2027)] == [False, False]
    assert [deck_plays_on(dates, date(year, 8, 15)) for year in (2026, 2027)] == [True, True]
    assert deck_plays_on(dates, date(2026, 9, 2))
    assert not deck_plays_on(dates, date(2026, 9, 3))


def test_a_range_of_days_of_every_year_wraps_over_new_year() -> None:
    dates = DeckDates(MonthDay(12, 20), MonthDay(1, 5))
    playing = {
        day: deck_plays_on(dates, day)
        for day in (
            date(2026, 12, 19),
            date(2026, 12, 20),
            date(2026, 12, 31),
            date(2027, 1, 1),
            date(2027, 1, 5),
            date(2027, 1, 6),
            date(2027, 7, 1),
        )
    }
    assert [day for day, plays in playing.items() if plays] == [
        date(2026, 12, 20),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 5),
    ]


def test_full_dates_play_once_both_days_included() -> None:
    dates = DeckDates(date(2026, 12, 28), date(2027, 1, 3))
    assert not deck_plays_on(dates, date(2026, 12, 27))
    assert deck_plays_on(dates, date(2026, 12, 28))
    assert deck_plays_on(dates, date(2027, 1, 3))
    assert not deck_plays_on(dates, date(2027, 1, 4))
    assert not deck_plays_on(dates, date(2027, 12, 30))


def test_a_lone_bound_runs_to_the_end_of_the_year_or_forever() -> None:
    yearly = DeckDates(start=MonthDay(8, 15))
    assert deck_plays_on(yearly, date(2026, 12, 31))
    assert not deck_plays_on(yearly, date(2027, 1, 1))
    assert deck_plays_on(DeckDates(until=MonthDay(3, 1)), date(2027, 1, 1))
    assert not deck_plays_on(DeckDates(until=MonthDay(3, 1)), date(2027, 3, 2))
    assert deck_plays_on(DeckDates(start=date(2026, 8, 15)), date(2030, 1, 1))
    assert not deck_plays_on(DeckDates(until=date(2026, 8, 15)), date(2026, 8, 16))


def test_the_weekdays_filter_the_days_of_the_range() -> None:
    weekends = DeckDates(weekdays=frozenset({5, 6}))
    assert [deck_plays_on(weekends, date(2026, 3, d)) for d in range(27, 31)] == [
        False,  # Friday
        True,
        True,
        False,  # Monday
    ]
    summer_weekends = replace(weekends, start=MonthDay(8, 15), until=MonthDay(9, 2))
    assert deck_plays_on(summer_weekends, date(2026, 8, 15))  # a Saturday
    assert not deck_plays_on(summer_weekends, date(2026, 8, 17))  # a Monday
    assert not deck_plays_on(summer_weekends, date(2026, 9, 5))  # a Saturday, too late


def test_the_leap_day() -> None:
    """From 02-29 starts on 03-01 in a common year, until 02-29 ends on 02-28; a deck for
    02-29 alone plays on leap days only."""
    leap_day_only = DeckDates(MonthDay(2, 29), MonthDay(2, 29))
    assert deck_plays_on(leap_day_only, date(2028, 2, 29))
    assert not deck_plays_on(leap_day_only, date(2027, 2, 28))
    assert not deck_plays_on(leap_day_only, date(2027, 3, 1))
    assert not deck_plays_on(leap_day_only, date(2028, 2, 28))
    assert not deck_plays_on(leap_day_only, date(2028, 3, 1))
    from_leap_day = DeckDates(MonthDay(2, 29), MonthDay(3, 10))
    assert not deck_plays_on(from_leap_day, date(2027, 2, 28))
    assert deck_plays_on(from_leap_day, date(2027, 3, 1))
    until_leap_day = DeckDates(MonthDay(2, 1), MonthDay(2, 29))
    assert deck_plays_on(until_leap_day, date(2027, 2, 28))
    assert not deck_plays_on(until_leap_day, date(2027, 3, 1))
    assert deck_plays_on(until_leap_day, date(2028, 2, 29))


def test_the_first_play_day_is_a_day_the_deck_plays_and_the_museum_opens() -> None:
    summer = DeckDates(MonthDay(8, 15), MonthDay(9, 2))
    assert first_play_day(summer, PARIS, date(2026, 6, 1)) == date(2026, 8, 15)
    assert first_play_day(summer, PARIS, date(2026, 8, 20)) == date(2026, 8, 20)  # today
    assert first_play_day(summer, PARIS, date(2026, 9, 3)) == date(2027, 8, 15)
    assert first_play_day(None, PARIS, date(2026, 3, 30)) == date(2026, 3, 31)  # Monday


@pytest.mark.parametrize(
    "dates",
    [
        DeckDates(weekdays=frozenset({0})),  # Mondays, when the museum is closed
        DeckDates(MonthDay(12, 25), MonthDay(12, 25)),  # closed on Christmas
        DeckDates(date(2025, 6, 1), date(2025, 6, 30)),  # last year
    ],
)
def test_a_deck_that_can_never_play_has_no_first_play_day(dates: DeckDates) -> None:
    assert first_play_day(dates, PARIS, date(2026, 3, 30)) is None
    assert first_play_day(dates, PARIS, date(2026, 3, 30), CALENDAR_CYCLE_DAYS) is None


def test_a_rare_deck_is_found_within_the_calendar_cycle_and_not_within_a_year() -> None:
    leap_day = DeckDates(MonthDay(2, 29), MonthDay(2, 29))
    assert first_play_day(leap_day, PARIS, date(2026, 3, 1)) is None
    assert first_play_day(leap_day, PARIS, date(2026, 3, 1), CALENDAR_CYCLE_DAYS) == date(
        2028, 2, 29
    )
    christmas_on_a_tuesday = DeckDates(MonthDay(12, 24), MonthDay(12, 24), frozenset({1}))
    assert first_play_day(christmas_on_a_tuesday, PARIS, date(2026, 1, 1)) is None
    found = first_play_day(christmas_on_a_tuesday, PARIS, date(2026, 1, 1), CALENDAR_CYCLE_DAYS)
    assert found == date(2030, 12, 24)


def test_hours_are_written_the_way_the_config_writes_them() -> None:
    assert format_hours(WEEKDAYS_HOURS) == "10:00-12:30, 13:30-18:00"
    assert format_hours(hours("00:00-24:00")) == "00:00-24:00"
    assert format_hours(hours("09:05-09:10")) == "09:05-09:10"
    assert format_hours(()) == ""
