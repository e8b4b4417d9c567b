"""What a closed kiosk says to a visitor who touches it, in their language, at any hour."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kiosk.show.calendar import MonthDay, Period, Schedule
from kiosk.show.hours_notice import day_name, hours_notice

PARIS = ZoneInfo("Europe/Paris")
TUE_TO_SUN = (
    (),
    *((Period(600, 750), Period(810, 1080)) for _ in range(5)),
    (Period(600, 1140),),
)
MUSEUM = Schedule(timezone="Europe/Paris", weekly=TUE_TO_SUN, closed_on=(MonthDay(12, 25),))


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def test_before_opening_it_says_today_and_the_days_hours():
    lines = hours_notice(MUSEUM, at(2026, 12, 2, 8), "fr")
    assert lines == ("Fermé", "Ouvre aujourd'hui à 10:00", "Horaires : 10:00-12:30, 13:30-18:00")


def test_over_lunch_it_says_when_the_afternoon_opens():
    lines = hours_notice(MUSEUM, at(2026, 12, 2, 13), "en")
    assert lines[:2] == ("Closed", "Opens today at 13:30")


def test_in_the_evening_it_says_tomorrow():
    lines = hours_notice(MUSEUM, at(2026, 12, 2, 19), "en")
    assert lines[1] == "Opens tomorrow at 10:00"


def test_on_sunday_evening_it_names_tuesday_as_monday_is_closed():
    lines = hours_notice(MUSEUM, at(2026, 12, 6, 20), "fr")
    assert lines[1] == "Ouvre le mardi 8 décembre à 10:00"
    english = hours_notice(MUSEUM, at(2026, 12, 6, 20), "en")
    assert english[1] == "Opens on Tuesday 8 December at 10:00"


def test_christmas_eve_skips_christmas_day():
    lines = hours_notice(MUSEUM, at(2026, 12, 24, 19), "en")
    assert lines[1] == "Opens on Saturday 26 December at 10:00"
    assert lines[2] == "Hours: 10:00-12:30, 13:30-18:00"


def test_a_calendar_that_never_opens_says_closed_only():
    never = Schedule(timezone="Europe/Paris", weekly=tuple(() for _ in range(7)))
    assert hours_notice(never, at(2026, 12, 2, 12), "fr") == ("Fermé",)


def test_day_names_come_from_cldr_for_any_language_and_english_for_an_unknown_one():
    assert day_name(date(2026, 12, 8), "de") == "Dienstag 8 Dezember"
    assert day_name(date(2026, 12, 8), "zz") == "Tuesday 8 December"
