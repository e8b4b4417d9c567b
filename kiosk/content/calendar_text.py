"""The calendar's words as a curator writes them: hours, days of the week, dates.

Pure functions over text, so the config's `schedule:` and a deck's `plays:` read them alike.
Each returns its value, or a `Misread`: what is wrong in plain words and how far into the text
it is, so the message can point at the very period or day in a line that lists several.

Liberal where the meaning is plain ("9h30", "10-18", "6pm", "Monday", "lundi", an en dash),
strict where it is not (a day/month order that could be either, hours that run past midnight).
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

from kiosk.content.hints import close_match
from kiosk.show.calendar import WEEKDAYS, DayRule, MonthDay, Period

DAY_MINUTES = 1440
HOURS_EXAMPLE = "10:00-18:00"
DATE_EXAMPLE = 'a date such as "2026-12-25", or a day of every year such as "12-25"'
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
DAY_SPELLINGS = (
    WEEKDAYS,
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
)
DAY_NAMES = {name: day for names in DAY_SPELLINGS for day, name in enumerate(names)}
"""Every name a day may be given, English or French, short or whole, lowercase."""

SEVERAL_DAYS = {
    "weekend": "sat-sun",
    "weekends": "sat-sun",
    "weekdays": "mon-fri",
    "daily": "mon-sun",
    "everyday": "mon-sun",
}
"""Words for several days, which would otherwise look closest to one ('weekend': 'wed')."""
ALL_DAYS = "mon, tue, wed, thu, fri, sat or sun"


@dataclass(frozen=True)
class Misread:
    """Why a piece of text cannot be read, and where in the text the trouble starts."""

    message: str
    offset: int = 0


# Hours

TIME = r"(\d{1,2})(?:[:.](\d{2})|[hH](\d{2})?)?\s*(?:([aApP])\.?[mM]\.?)?"
PERIOD = re.compile(rf"\s*{TIME}\s*(?:-|–|—|\bto\b|\bà\b)\s*{TIME}\s*", re.IGNORECASE)
ONE_TIME = re.compile(rf"\s*{TIME}\s*")
SEPARATOR = re.compile(r"[,;]|\band\b|\bet\b|&", re.IGNORECASE)


def split_list(text: str, separator: re.Pattern[str] = SEPARATOR) -> list[tuple[int, str]]:
    """The pieces of a list written on one line, each with its offset in `text`, blanks left
    out: "10:00-12:30, 13:30-18:00" -> [(0, "10:00-12:30"), (13, "13:30-18:00")]."""
    pieces, start = [], 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if piece.strip():
            pieces.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = match.end() if match else end
    return pieces


def parse_period(text: str) -> Period | Misread:
    """One period of a day, such as "10:00-12:30"; "24:00" may end it."""
    match = PERIOD.fullmatch(text)
    if match is None and ONE_TIME.fullmatch(text):
        return Misread(f"'{text}' is one time; give the start and the end, such as {HOURS_EXAMPLE}")
    if match is None:
        return Misread(f"'{text}' is not a span of hours; write them as {HOURS_EXAMPLE}")
    groups = match.groups()
    start, end = _minutes(*groups[:4]), _minutes(*groups[4:])
    for minutes, half in ((start, "start"), (end, "end")):
        if minutes is None:
            spot = match.start(1) if half == "start" else match.start(5)
            return Misread(f"'{text}' has a time that no clock shows; use 00:00 to 24:00", spot)
    assert start is not None and end is not None
    if start == DAY_MINUTES:
        return Misread(f"'{text}' starts at 24:00, the end of the day; start at 00:00")
    if end == start:
        return Misread(f"'{text}' opens and closes at the same time")
    if end < start:
        return Misread(
            f"'{text}' ends at {clock(end)}, before it starts at {clock(start)}; hours cannot "
            f"run past midnight: write {clock(start)}-24:00, and 00:00-{clock(end)} on the "
            "next day"
        )
    return Period(start, end)


def _minutes(hour: str, minute: str | None, h_minute: str | None, half: str | None) -> int | None:
    """Minutes after midnight, or None for a time no clock shows ("25:00", "13pm")."""
    hours, minutes = int(hour), int(minute or h_minute or 0)
    if half is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "p" else 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


def clock(minutes: int) -> str:
    """Minutes after midnight as a curator writes them: 750 -> '12:30'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def overlapping(periods: list[Period]) -> tuple[Period, Period] | None:
    """The first two periods that overlap (touching ends do not), in time order."""
    pairs = itertools.pairwise(sorted(periods))
    return next(((a, b) for a, b in pairs if b.start < a.end), None)


def joined(periods: list[Period]) -> tuple[Period, ...]:
    """The periods in time order, overlapping ones made one."""
    merged: list[Period] = []
    for period in sorted(periods):
        if merged and period.start < merged[-1].end:
            merged[-1] = Period(merged[-1].start, max(merged[-1].end, period.end))
        else:
            merged.append(period)
    return tuple(merged)


def looks_like_hours(text: str) -> bool:
    return PERIOD.fullmatch(text) is not None or ONE_TIME.fullmatch(text) is not None


# Days of the week


def parse_days(text: str) -> list[int] | Misread:
    """Days such as "mon", "tue-fri", "sat-mon" (a range may wrap past Sunday) or "sat, sun",
    as weekday numbers (0 for Monday) in the order written."""
    days: list[int] = []
    pieces = split_list(text, DAY_SEPARATOR)
    if not pieces:
        return Misread(f"name the days, such as mon or tue-fri (the days are {ALL_DAYS})")
    for offset, piece in pieces:
        ends = RANGE.split(piece)
        if len(ends) > 2:
            return Misread(f"'{piece}' is not a day or a range of days, such as tue-fri", offset)
        words = ends if len(ends) == 2 else piece.split()  # "sat sun" is two days
        numbers = []
        for word in words:
            number = DAY_NAMES.get(word.lower())
            if number is None:
                return Misread(unknown_day(word), offset + max(piece.find(word), 0))
            numbers.append(number)
        if len(ends) == 2:
            first, last = numbers
            numbers = [(first + step) % 7 for step in range((last - first) % 7 + 1)]
        days.extend(numbers)
    return days


DAY_SEPARATOR = re.compile(r"[,;/&+]|\band\b|\bet\b", re.IGNORECASE)
RANGE = re.compile(r"\s*(?:-|–|—|\bto\b|\bà\b)\s*", re.IGNORECASE)


def unknown_day(word: str) -> str:
    """ "'thurs' is not a day of the week; did you mean 'thu'? …"""
    if not word:
        return f"a range of days needs a day at each end, such as tue-fri (the days are {ALL_DAYS})"
    if looks_like_hours(word):
        return f"'{word}' looks like hours, not days; days are {ALL_DAYS}"
    meant = SEVERAL_DAYS.get(word.lower())
    match = close_match(word, DAY_NAMES) if meant is None else None
    meant = meant or (WEEKDAYS[DAY_NAMES[match]] if match else None)
    hint = f"; did you mean '{meant}'?" if meant else ""
    return f"'{word}' is not a day of the week{hint} (the days are {ALL_DAYS})"


def day_names(days: frozenset[int] | list[int]) -> str:
    """Weekday numbers as a curator writes them: 'sat, sun'."""
    return ", ".join(WEEKDAYS[day] for day in sorted(set(days)))


# Dates

FULL_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?")


def parse_day_rule(text: str) -> DayRule | Misread:
    """ "2026-12-25", a date, or "12-25", that day every year (02-29 comes in leap years)."""
    text = text.strip()
    match = FULL_DATE.fullmatch(text)
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
        problem = impossible_day(month, day, year)
        return Misread(problem) if problem else date(year, month, day)
    match = MONTH_DAY.fullmatch(text)
    if match is not None:
        month, day = (int(part) for part in match.groups())
        problem = impossible_day(month, day)
        if problem and not impossible_day(day, month):
            problem += f"; dates are written month first: did you mean '{day:02d}-{month:02d}'?"
        return Misread(problem) if problem else MonthDay(month, day)
    return Misread(f"'{text}' is not a date; write {DATE_EXAMPLE}{slashed_hint(text)}")


def impossible_day(month: int, day: int, year: int | None = None) -> str:
    """What makes a day impossible ('February 2027 has 28 days'), or '' for a real one."""
    written = f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"{month:02d}-{day:02d}"
    if year is not None and not MINYEAR <= year <= MAXYEAR:
        return f"'{written}' is not a date: years go from 0001 to 9999"
    if not 1 <= month <= 12:
        return f"'{written}' has no month {month}: months go from 01 to 12"
    if year is None:
        length = _month_length(2024, month)  # a leap year: 02-29 comes every four years
        where = f"{MONTHS[month - 1]} has at most" if month == 2 else f"{MONTHS[month - 1]} has"
    else:
        length = _month_length(year, month)
        where = f"{MONTHS[month - 1]} {year} has"
    if not 1 <= day <= length:
        return f"'{written}' is not a day: {where} {length} days"
    return ""


def _month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def slashed_hint(text: str) -> str:
    """ "25/12" is day first, as in France: say how to write it, when that is certain."""
    match = SLASHED.fullmatch(text)
    if match is None:
        return ""
    first, second, year = int(match[1]), int(match[2]), match[3]
    if first > 12 >= second:
        month, day = second, first
    elif second > 12 >= first:
        month, day = first, second
    else:
        return ""
    suggestion = f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    return f"; did you mean '{suggestion}'?" if not impossible_day(month, day) else ""


def rule_text(rule: DayRule) -> str:
    """A day rule as written: '2026-12-25' or '12-25'."""
    if isinstance(rule, MonthDay):
        return f"{rule.month:02d}-{rule.day:02d}"
    return rule.isoformat()
