"""`schedule:` and `title:` in config/kiosk.yaml: what a curator writes, what the kiosk makes of
it, and every mistake issue 10 lists caught at its line and column, all at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content.config import Config, load_config
from kiosk.show.calendar import ALWAYS, MonthDay, Period, Schedule
from kiosk.show.deck import LocalizedText
from tests.helpers import write_config


def load(root: Path, text: str) -> tuple[Config, list[str], Path]:
    path = write_config(root, text)
    config, problems = load_config(path)
    return config, [str(problem) for problem in problems], path


def hours(text: str) -> Period:
    start, end = (int(h) * 60 + int(m) for h, m in (t.split(":") for t in text.split("-")))
    return Period(start, end)


MORNING_AND_AFTERNOON = (hours("10:00-12:30"), hours("13:30-18:00"))


# What a curator writes


def test_the_issues_calendar_reads_as_written(tmp_path: Path) -> None:
    config, problems, _ = load(
        tmp_path,
        """\
        schedule:
          timezone: Europe/Paris
          opening_hours:
            mon: closed
            tue-fri: "10:00-12:30, 13:30-18:00"
            sat-sun: "10:00-19:00"
          closed_on: ["2026-12-25", "01-01", "05-01"]
          open_on: {"2026-07-14": "10:00-22:00"}
          quiet_hours: ["12:30-13:30"]
          when_closed: black
          wake_before_opening: 15
          wake_on_touch: true
        """,
    )
    assert problems == []
    late = (hours("10:00-19:00"),)
    assert config.schedule == Schedule(
        timezone="Europe/Paris",
        weekly=((), *[MORNING_AND_AFTERNOON] * 4, late, late),
        closed_on=(date(2026, 12, 25), MonthDay(1, 1), MonthDay(5, 1)),
        open_on=((date(2026, 7, 14), (hours("10:00-22:00"),)),),
        quiet_hours=(hours("12:30-13:30"),),
        when_closed="black",
        wake_before_opening=15,
        wake_on_touch=True,
    )


def test_without_a_schedule_the_kiosk_is_always_open(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, "slide_duration: 10\n")
    assert problems == []
    assert config.schedule == Schedule()
    assert config.schedule.always_open
    assert config.title is None


def test_the_yaml_traps_are_read_as_the_curator_meant(tmp_path: Path) -> None:
    """Unquoted, 10:00-19:00 is text, 2026-12-25 a timestamp and 12:30 a number to YAML 1.1:
    each is read from what is written, with no quotes needed."""
    config, problems, _ = load(
        tmp_path,
        """\
        schedule:
          opening_hours:
            sat: 10:00-19:00
            sun: 10:00-12:30, 13:30-18:00
          closed_on: [2026-12-25, 01-01]
          open_on:
            2026-07-14: 10:00-22:00
            12-31: 10:00-16:00
          quiet_hours: 12:30-13:30
        """,
    )
    assert problems == []
    schedule = config.schedule
    assert schedule.weekly == ((), (), (), (), (), (hours("10:00-19:00"),), MORNING_AND_AFTERNOON)
    assert schedule.closed_on == (date(2026, 12, 25), MonthDay(1, 1))
    assert schedule.open_on == (
        (date(2026, 7, 14), (hours("10:00-22:00"),)),
        (MonthDay(12, 31), (hours("10:00-16:00"),)),
    )
    assert schedule.quiet_hours == (hours("12:30-13:30"),)


def test_hours_and_days_may_be_written_as_on_a_museum_door(tmp_path: Path) -> None:
    config, problems, _ = load(
        tmp_path,
        """\
        schedule:
          timezone: europe/paris
          opening_hours:
            Tuesday to Thursday: "9h30 – 12h, 14h-18h"
            "fri, sat": ["10-13", "2pm-7pm"]
            sun-mon: "0:00-24:00"
          closed_on: "01-01, 02-29"
          quiet_hours: ["12:30-13:30", "17:00-17:30"]
        """,
    )
    assert problems == []
    schedule = config.schedule
    assert schedule.timezone == "Europe/Paris"
    early = (hours("09:30-12:00"), hours("14:00-18:00"))
    late = (hours("10:00-13:00"), hours("14:00-19:00"))
    assert schedule.weekly == (ALWAYS, early, early, early, late, late, ALWAYS)
    assert schedule.closed_on == (MonthDay(1, 1), MonthDay(2, 29))
    assert schedule.quiet_hours == (hours("12:30-13:30"), hours("17:00-17:30"))


def test_a_week_closed_every_day_is_warned(tmp_path: Path) -> None:
    _, problems, path = load(tmp_path, "schedule:\n  opening_hours:\n    mon-sun: closed\n")
    assert problems == [
        f"{path}:3:5: warning: opening_hours opens on no day, so the kiosk never plays; give "
        "the open days their hours"
    ]
    _, problems, _ = load(
        tmp_path / "late", 'schedule:\n  opening_hours: {}\n  open_on: {"12-31": "20:00-24:00"}\n'
    )
    assert problems == []


def test_a_day_not_named_is_closed(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, 'schedule:\n  opening_hours: {wed: "14:00-17:00"}\n')
    assert problems == []
    assert config.schedule.weekly == ((), (), (hours("14:00-17:00"),), (), (), (), ())


# Every mistake, with its place


def test_every_mistake_in_the_hours_is_placed_at_its_period(tmp_path: Path) -> None:
    _, problems, path = load(
        tmp_path,
        """\
        schedule:
          opening_hours:
            tue-fri: "10:00-12:30, 18:00-13:30"
            sat: "10:00-13:00, 12:00-18:00"
            sun: 10:00
            mon: "9:00-25:00"
        """,
    )
    assert problems == [
        f"{path}:3:28: error: '18:00-13:30' ends at 13:30, before it starts at 18:00; hours "
        "cannot run past midnight: write 18:00-24:00, and 00:00-13:30 on the next day",
        f"{path}:4:24: error: 12:00-18:00 overlaps 10:00-13:00; give each hour once (until "
        "then the kiosk takes 10:00-18:00)",
        f"{path}:5:10: error: '10:00' is one time; give the start and the end, such as 10:00-18:00",
        f"{path}:6:16: error: '9:00-25:00' has a time that no clock shows; use 00:00 to 24:00",
    ]


def test_a_day_that_cannot_be_read_stays_open_and_the_others_apply(tmp_path: Path) -> None:
    """The default of opening_hours is 'always open': a typo never blacks the screen out."""
    config, problems, _ = load(
        tmp_path,
        """\
        schedule:
          opening_hours:
            mon: closed
            tue: "10:00-12:30, 18:00-13:30"
            wed: "noon"
            thu-sun: "10:00-18:00"
        """,
    )
    assert len(problems) == 2
    weekly = config.schedule.weekly
    assert weekly is not None
    assert weekly[:3] == ((), (hours("10:00-12:30"),), ALWAYS)
    assert weekly[3:] == ((hours("10:00-18:00"),),) * 4


def test_unknown_weekday_names_say_which_day_was_meant(tmp_path: Path) -> None:
    _, problems, path = load(
        tmp_path,
        """\
        schedule:
          opening_hours:
            tues: closed
            wed-thurs: "10:00-18:00"
            weekend: "10:00-18:00"
            someday: "10:00-18:00"
        """,
    )
    days = "(the days are mon, tue, wed, thu, fri, sat or sun)"
    assert problems == [
        f"{path}:3:5: error: 'tues' is not a day of the week; did you mean 'tue'? {days}",
        f"{path}:4:9: error: 'thurs' is not a day of the week; did you mean 'thu'? {days}",
        f"{path}:5:5: error: 'weekend' is not a day of the week; did you mean 'sat-sun'? {days}",
        f"{path}:6:5: error: 'someday' is not a day of the week; did you mean 'sun'? {days}",
    ]


def test_a_day_named_twice_names_both_lines(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        schedule:
          opening_hours:
            tue-sat: "10:00-18:00"
            sun: closed
            sat: "10:00-20:00"
        """,
    )
    assert problems == [
        f"{path}:5:5: error: sat is given hours twice: by 'tue-sat' at line 3 and by 'sat' "
        "here; name each day once (the hours at line 3 apply)"
    ]
    assert config.schedule.weekly is not None
    assert config.schedule.weekly[5] == (hours("10:00-18:00"),)


def test_hours_split_by_a_comma_in_braces_are_explained(tmp_path: Path) -> None:
    """In a { } mapping an unquoted comma ends the entry: the afternoon becomes a key."""
    _, problems, path = load(
        tmp_path, "schedule:\n  opening_hours: {tue-fri: 10:00-12:30, 13:30-18:00}\n"
    )
    assert problems == [
        f"{path}:2:41: error: '13:30-18:00' looks like hours, not days: inside {{ }} a comma "
        "ends an entry, so put the hours of a day between double quotes, such as tue-fri: "
        '"10:00-12:30, 13:30-18:00"'
    ]


def test_impossible_dates_are_caught_and_leap_days_are_not(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        schedule:
          closed_on: ["2026-02-30", "02-30", "02-29", 2027-02-29, "25-12", "25/12", "xmas"]
          open_on:
            2026-13-01: "10:00-18:00"
        """,
    )
    assert problems == [
        f"{path}:2:15: error: closed_on: '2026-02-30' is not a day: February 2026 has 28 days",
        f"{path}:2:29: error: closed_on: '02-30' is not a day: February has at most 29 days",
        f"{path}:2:47: error: closed_on: '2027-02-29' is not a day: February 2027 has 28 days",
        f"{path}:2:59: error: closed_on: '25-12' has no month 25: months go from 01 to 12; "
        "dates are written month first: did you mean '12-25'?",
        f"{path}:2:68: error: closed_on: '25/12' is not a date; write a date such as "
        '"2026-12-25", or a day of every year such as "12-25"; did you mean \'12-25\'?',
        f"{path}:2:77: error: closed_on: 'xmas' is not a date; write a date such as "
        '"2026-12-25", or a day of every year such as "12-25"',
        f"{path}:4:5: error: open_on: '2026-13-01' has no month 13: months go from 01 to 12",
    ]
    assert config.schedule.closed_on == (MonthDay(2, 29),)
    assert config.schedule.open_on == ()


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Europe/Pari", "; did you mean 'Europe/Paris'?"),
        ("Paris", "; did you mean 'Europe/Paris'?"),
        (
            "Mars/Olympus",
            "; write a name such as Europe/Paris (timedatectl list-timezones lists them all)",
        ),
    ],
)
def test_a_timezone_that_does_not_exist(tmp_path: Path, written: str, hint: str) -> None:
    config, problems, path = load(tmp_path, f"schedule:\n  timezone: {written}\n")
    assert problems == [f"{path}:2:13: error: timezone '{written}' does not exist{hint}"]
    assert config.schedule.timezone is None


def test_the_other_settings_are_checked(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        schedule:
          when_closed: display_of
          wake_before_opening: 500
          wake_on_tuch: true
          opening_hours: {mon: closed, sun: "14:00-18:00"}
        """,
    )
    assert problems == [
        f"{path}:4:3: error: unknown key 'wake_on_tuch' in schedule; did you mean 'wake_on_touch'?",
        f"{path}:2:16: error: when_closed must be display_off or black or keep_playing, got "
        "'display_of'; did you mean 'display_off'?",
        f"{path}:3:24: error: wake_before_opening must be between 0 and 120 minutes, got 500",
    ]
    # Each bad part keeps its default; the good one applies.
    assert config.schedule == Schedule(weekly=(*((),) * 6, (hours("14:00-18:00"),)))


def test_wake_before_opening_is_whole_minutes(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "schedule:\n  wake_before_opening: 2.5\n")
    assert problems == [
        f"{path}:2:24: error: wake_before_opening must be a whole number of minutes, got 2.5"
    ]
    assert config.schedule.wake_before_opening == 5


def test_a_day_both_open_and_closed_says_which_wins(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        schedule:
          closed_on: ["12-24", "2026-12-31"]
          open_on:
            "12-24": "10:00-14:00"
            "2026-12-31": closed
            "2026-05-01": "10:00-13:00"
        """,
    )
    assert problems == [
        f"{path}:4:5: warning: '12-24' is also in closed_on (line 2); open_on wins, so that "
        "day's hours are 10:00-14:00: remove it from one of them",
        f"{path}:5:5: warning: '2026-12-31' is also in closed_on (line 2); open_on wins, so "
        "that day's hours are closed: remove it from one of them",
    ]
    assert config.schedule.open_on[0] == (MonthDay(12, 24), (hours("10:00-14:00"),))


def test_overlapping_quiet_hours_are_joined_with_a_warning(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path, 'schedule:\n  quiet_hours: ["12:30-13:30", "13:00-14:00", 16:00]\n'
    )
    assert problems == [
        f"{path}:2:47: error: '16:00' is one time; give the start and the end, such as 10:00-18:00",
        f"{path}:2:32: warning: 13:00-14:00 overlaps 12:30-13:30; give each hour once (until "
        "then the kiosk takes 12:30-14:00)",
    ]
    assert config.schedule.quiet_hours == (hours("12:30-14:00"),)


def test_every_problem_is_reported_at_once_and_the_rest_still_applies(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        slide_duration: 8
        schedule:
          timezone: Europe/Pari
          opening_hours:
            mon: closed
            thurs: "10:00-18:00"
            tue-sun: "10:00-12:30, 13:30-18:00"
          closed_on: ["02-30", "12-25"]
          when_closed: off
          quiet_hours: ["15:00-16:00"]
        """,
    )
    assert [problem.split(" error: ")[0] for problem in problems] == [
        f"{path}:3:13:",  # Europe/Pari
        f"{path}:6:5:",  # thurs
        f"{path}:8:15:",  # 02-30
        f"{path}:9:16:",  # when_closed: off (a yes/no to YAML)
    ]
    assert config.slide_duration == 8
    assert config.schedule == Schedule(
        weekly=((), *[MORNING_AND_AFTERNOON] * 6),
        closed_on=(MonthDay(12, 25),),
        quiet_hours=(hours("15:00-16:00"),),
    )


@pytest.mark.parametrize(
    ("text", "message", "weekly"),
    [
        (
            "schedule: [mon, tue]\n",
            "1:11: error: schedule must be a set of 'key: value' lines",
            None,
        ),
        (
            "schedule:\n",
            "1:10: warning: schedule is empty, so the kiosk is always open; write its settings "
            "under it (see slides/README.md, When the kiosk plays), or remove the line",
            None,
        ),
        (
            "schedule:\n  opening_hours: [mon, tue]\n",
            "2:18: error: opening_hours must be a set of lines such as tue-fri: 10:00-18:00",
            None,
        ),
        (
            "schedule:\n  opening_hours:\n    mon:\n",
            "3:9: error: the hours of 'mon' has no hours; write hours such as "
            '"10:00-18:00" or "10:00-12:30, 13:30-18:00", or closed',
            (ALWAYS, (), (), (), (), (), ()),
        ),
    ],
    ids=["a-list", "empty", "hours-as-a-list", "a-day-without-hours"],
)
def test_a_schedule_of_the_wrong_shape(
    tmp_path: Path, text: str, message: str, weekly: tuple[tuple[Period, ...], ...] | None
) -> None:
    config, problems, path = load(tmp_path, text)
    assert problems == [f"{path}:{message}"]
    assert config.schedule.weekly == weekly


# The exhibition's title


@pytest.mark.parametrize(
    ("written", "title"),
    [
        (
            'title: {fr: "Drôme, août 1944", en: "Drôme, August 1944"}',
            LocalizedText((("fr", "Drôme, août 1944"), ("en", "Drôme, August 1944"))),
        ),
        ('title: "Drôme 1944"', LocalizedText.same_everywhere("Drôme 1944")),
        ("title: null", None),
    ],
    ids=["per-language", "one-text", "none"],
)
def test_the_title_is_read_like_a_decks(
    tmp_path: Path, written: str, title: LocalizedText | None
) -> None:
    config, problems, _ = load(tmp_path, f"{written}\n")
    assert problems == []
    assert config.title == title


def test_a_title_in_a_language_the_kiosk_lacks(tmp_path: Path) -> None:
    """The title is read after `languages`, whatever the order of the lines."""
    config, problems, path = load(
        tmp_path,
        """\
        title: {fr: "Drôme, août 1944", eng: "Drôme, August 1944", de: "Drôme"}
        languages: [fr, en, de]
        """,
    )
    assert problems == [
        f"{path}:1:33: error: 'eng' is not one of the kiosk's languages (fr, en, de); did you "
        "mean 'en'?",
        f"{path}:1:8: warning: the exhibition title has no 'en' text; 'fr' shows",
    ]
    assert config.title == LocalizedText((("fr", "Drôme, août 1944"), ("de", "Drôme")))
