"""The calendar asked about instants: open, quiet, the panel on or off, and the next change,
across daylight-saving changes in Europe/Paris, midnight, New Year and a leap day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.show.calendar import MonthDay, Schedule
from kiosk.show.calendar_clock import (
    Doors,
    doors_at,
    is_open,
    is_quiet,
    next_change,
    next_closing,
    next_opening,
)
from tests.show.calendars import PARIS, changes, hours, utc


def test_ten_in_the_morning_is_ten_on_the_museums_clocks_on_both_sides_of_each_change() -> None:
    # Saturday 03-28 in winter time (UTC+1), Sunday 03-29 in summer time (UTC+2).
    assert [is_open(PARIS, utc(t)) for t in ("2026-03-28 08:59", "2026-03-28 09:00")] == [
        False,
        True,
    ]
    assert [is_open(PARIS, utc(t)) for t in ("2026-03-29 07:59", "2026-03-29 08:00")] == [
        False,
        True,
    ]
    # Saturday 10-24 in summer time, Sunday 10-25 in winter time again.
    assert [is_open(PARIS, utc(t)) for t in ("2026-10-24 07:59", "2026-10-24 08:00")] == [
        False,
        True,
    ]
    assert [is_open(PARIS, utc(t)) for t in ("2026-10-25 08:59", "2026-10-25 09:00")] == [
        False,
        True,
    ]
    assert not is_open(PARIS, utc("2026-10-25 18:00"))  # 19:00 in winter time


def test_the_night_the_clocks_go_forward() -> None:
    assert changes(PARIS, utc("2026-03-28 17:30"), utc("2026-03-30 00:00")) == [
        "03-28 19:00+0100 -",
        "03-29 00:00+0100 -",
        "03-29 09:55+0200 display_on",
        "03-29 10:00+0200 open display_on",
        "03-29 12:30+0200 open quiet display_on",
        "03-29 13:30+0200 open display_on",
        "03-29 19:00+0200 -",
        "03-30 00:00+0200 -",
    ]
    assert next_change(PARIS, utc("2026-03-29 01:30")) == utc("2026-03-29 07:55")


def test_the_night_the_clocks_go_back() -> None:
    assert changes(PARIS, utc("2026-10-24 16:30"), utc("2026-10-25 23:30")) == [
        "10-24 19:00+0200 -",
        "10-25 00:00+0200 -",
        "10-25 09:55+0100 display_on",
        "10-25 10:00+0100 open display_on",
        "10-25 12:30+0100 open quiet display_on",
        "10-25 13:30+0100 open display_on",
        "10-25 19:00+0100 -",
        "10-26 00:00+0100 -",
    ]


def test_a_kiosk_started_while_closed_sleeps_until_five_minutes_before_opening() -> None:
    seven = utc("2026-03-31 05:00")  # Tuesday 07:00 in Paris
    assert doors_at(PARIS, seven) == Doors(
        open=False, quiet=False, display_on=False, day=date(2026, 3, 31)
    )
    assert next_change(PARIS, seven) == utc("2026-03-31 07:55")
    assert doors_at(PARIS, utc("2026-03-31 07:55")).display_on
    assert not doors_at(PARIS, utc("2026-03-31 07:55")).open


def test_a_kiosk_started_in_opening_hours_plays() -> None:
    after_a_power_cut = utc("2026-03-31 09:17")
    assert doors_at(PARIS, after_a_power_cut) == Doors(True, False, True, date(2026, 3, 31))
    assert next_change(PARIS, after_a_power_cut) == utc("2026-03-31 10:30")  # 12:30, quiet


@pytest.mark.parametrize(
    ("when_closed", "on_at_seven", "on_at_lunch"),
    [("display_off", False, False), ("black", True, True), ("keep_playing", True, True)],
)
def test_the_panel_stays_lit_while_closed_unless_it_is_switched_off(
    when_closed: str, on_at_seven: bool, on_at_lunch: bool
) -> None:
    schedule = replace(PARIS, when_closed=when_closed)
    assert doors_at(schedule, utc("2026-03-31 05:00")).display_on is on_at_seven
    assert doors_at(schedule, utc("2026-03-31 11:00")).display_on is on_at_lunch  # 13:00
    assert doors_at(schedule, utc("2026-03-31 11:26")).display_on  # 13:26, waking
    assert doors_at(schedule, utc("2026-03-31 12:00")).display_on  # open


def test_a_lunch_break_shorter_than_the_wake_time_keeps_the_panel_on() -> None:
    schedule = replace(PARIS, wake_before_opening=90)
    noon_to_two = [utc("2026-03-31 10:30") + timedelta(minutes=m) for m in range(0, 60, 5)]
    assert all(doors_at(schedule, at).display_on for at in noon_to_two)
    assert not any(doors_at(schedule, at).open for at in noon_to_two)
    assert doors_at(schedule, utc("2026-03-31 06:30")).display_on  # 08:30, 90 minutes early
    assert not doors_at(schedule, utc("2026-03-31 06:29")).display_on


def test_no_wake_time_switches_the_panel_on_at_opening() -> None:
    schedule = replace(PARIS, wake_before_opening=0)
    assert next_change(schedule, utc("2026-03-31 05:00")) == utc("2026-03-31 08:00")


def test_quiet_hours_apply_every_day_open_or_closed() -> None:
    saturday_lunch, monday_lunch = utc("2026-03-28 11:45"), utc("2026-03-30 10:45")
    assert doors_at(PARIS, saturday_lunch) == Doors(True, True, True, date(2026, 3, 28))
    assert doors_at(PARIS, monday_lunch) == Doors(False, True, False, date(2026, 3, 30))
    assert not is_quiet(PARIS, utc("2026-03-28 12:30"))  # 13:30, the quiet hour is over
    assert is_quiet(PARIS, utc("2026-03-28 12:29"))


def test_an_opening_at_midnight_wakes_the_panel_the_evening_before() -> None:
    saturday_from_midnight = replace(PARIS, weekly=((),) * 5 + (hours("00:00-12:00"), ()))
    friday = utc("2026-03-27 20:00")
    assert next_change(saturday_from_midnight, friday) == utc("2026-03-27 22:55")
    assert doors_at(saturday_from_midnight, utc("2026-03-27 22:56")) == Doors(
        False, False, True, date(2026, 3, 27)
    )
    assert doors_at(saturday_from_midnight, utc("2026-03-27 23:00")) == Doors(
        True, False, True, date(2026, 3, 28)
    )


def test_a_new_years_eve_opening_runs_on_past_midnight() -> None:
    """Open from 20:00 till 24:00 on 12-31 and from 00:00 on 01-01: one evening, so midnight
    is no opening, only a new day (and the closed_on 01-01 gives way to the dated opening)."""
    party = replace(
        PARIS,
        open_on=(
            (date(2026, 12, 31), hours("20:00-24:00")),
            (date(2027, 1, 1), hours("00:00-02:00")),
        ),
    )
    assert next_opening(party, utc("2026-12-31 22:30")) == utc("2027-01-02 09:00")
    assert next_closing(party, utc("2026-12-31 19:00")) == utc("2027-01-01 01:00")
    assert next_change(party, utc("2026-12-31 22:30")) == utc("2026-12-31 23:00")
    assert doors_at(party, utc("2026-12-31 23:00")) == Doors(True, False, True, date(2027, 1, 1))
    assert not is_open(PARIS, utc("2027-01-01 11:00"))  # New Year's Day, closed


def test_the_leap_day_is_a_day_like_another() -> None:
    assert doors_at(PARIS, utc("2028-02-29 09:00")) == Doors(True, False, True, date(2028, 2, 29))
    assert next_change(PARIS, utc("2028-02-28 22:00")) == utc("2028-02-28 23:00")
    assert doors_at(PARIS, utc("2028-02-28 23:00")).day == date(2028, 2, 29)
    assert next_change(PARIS, utc("2028-02-29 20:00")) == utc("2028-02-29 23:00")
    assert doors_at(PARIS, utc("2028-02-29 23:00")).day == date(2028, 3, 1)


def test_next_opening_and_closing_at_the_very_instant_are_that_instant() -> None:
    opening, closing = utc("2026-03-31 08:00"), utc("2026-03-31 10:30")
    assert next_opening(PARIS, opening) == opening
    assert next_opening(PARIS, opening + timedelta(microseconds=1)) == utc("2026-03-31 11:30")
    assert next_closing(PARIS, closing) == closing
    assert next_closing(PARIS, utc("2026-03-30 05:00")) == closing  # closed Monday: the next
    assert next_opening(PARIS, utc("2026-03-29 17:30")) == opening  # Sunday night to Tuesday


def test_a_museum_that_never_closes_or_never_opens_has_no_next_opening_or_closing() -> None:
    always = Schedule(timezone="Europe/Paris")
    assert next_opening(always, utc("2026-03-31 05:00")) is None
    assert next_closing(always, utc("2026-03-31 05:00")) is None
    assert next_change(always, utc("2026-03-31 05:00")) == utc("2026-03-31 22:00")  # midnight
    never = replace(PARIS, weekly=((),) * 7)
    assert next_opening(never, utc("2026-03-31 05:00")) is None
    assert next_closing(never, utc("2026-03-31 05:00")) is None


def test_every_change_is_found_by_a_walk_across_both_nights() -> None:
    """A walk in steps of five minutes through each night and the day after, and the next
    change, one after the other, find the same instants (every change in these schedules
    falls on a multiple of five minutes)."""
    night_owl = replace(
        PARIS, weekly=(hours("00:00-01:30, 02:30-03:30, 10:00-24:00"),) * 7, wake_before_opening=45
    )
    for schedule in (PARIS, night_owl):
        for day in ("2026-03-28 22:00", "2026-10-24 21:00"):
            start = utc(day)
            minutes = [start + timedelta(minutes=m) for m in range(0, 27 * 60, 5)]
            doors = [doors_at(schedule, at) for at in minutes]
            walked = [
                at
                for at, was, now in zip(minutes[1:], doors, doors[1:], strict=False)
                if was != now
            ]
            assert len(walked) >= 7
            assert changes_between(schedule, start, minutes[-1]) == walked


def changes_between(schedule: Schedule, start: datetime, end: datetime) -> list[datetime]:
    found, at = [], next_change(schedule, start)
    while at <= end:
        found.append(at)
        at = next_change(schedule, at)
    return found


SCHEDULES = [
    PARIS,
    replace(PARIS, when_closed="black", wake_before_opening=0),
    replace(PARIS, wake_before_opening=90, quiet_hours=hours("02:15-02:45, 11:00-11:30")),
    replace(
        PARIS,
        weekly=(hours("00:00-02:30, 23:00-24:00"),) * 7,
        open_on=((MonthDay(2, 29), hours("02:00-03:00")),),
    ),
    Schedule(timezone="America/New_York", quiet_hours=hours("12:00-13:00")),
]


@settings(max_examples=60, deadline=None)
@given(
    schedule=st.sampled_from(SCHEDULES),
    at=st.datetimes(datetime(2026, 1, 1), datetime(2029, 1, 1), timezones=st.just(UTC)),
    fractions=st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=3),
)
def test_the_doors_stay_as_they_are_until_the_next_change_and_differ_then(
    schedule: Schedule, at: datetime, fractions: list[float]
) -> None:
    now = doors_at(schedule, at)
    change = next_change(schedule, at)
    assert at < change <= at + timedelta(days=1, hours=1)
    for fraction in fractions:
        within = min(at + (change - at) * fraction, change - timedelta(microseconds=1))
        assert doors_at(schedule, within) == now
    assert doors_at(schedule, change - timedelta(microseconds=1)) == now
    assert doors_at(schedule, change) != now
