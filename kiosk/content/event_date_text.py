"""An event's date as a curator writes it: a day, `1944-08-21`, or a span, `1944-08-16/1944-08-17`.

Pure functions over the text as written (YAML would make a timestamp of a day, and refuse
1944-02-30 with a traceback-like message). A span is an ISO 8601 interval: two days joined by
a slash, the second possibly shortened to what differs (`1944-08-16/17`, `1944-08-31/09-02`).
Each problem is a `Misread` placed at the part of the text it is about.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from kiosk.content.calendar_text import FULL_DATE, Misread, impossible_day, slashed_hint
from kiosk.show.events import EventDate

DAY_EXAMPLE = "1944-08-21"
SPAN_EXAMPLE = "1944-08-16/1944-08-17"
WRITE = f"write year-month-day, such as {DAY_EXAMPLE}, or a span such as {SPAN_EXAMPLE}"
DAY = r"\d{4}-\d{1,2}-\d{1,2}"
DASHED_SPAN = re.compile(rf"({DAY})\s*(?:–|—|-|\bto\b|\bau\b)\s*({DAY})", re.IGNORECASE)
SHORT_END = re.compile(r"(?:(\d{1,2})-)?(\d{1,2})")
"""The end of a span written with only what differs from its start: '17', '09-02'."""
YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


def parse_event_date(text: str) -> EventDate | Misread:
    """The day or span written in `text`, or what is wrong with it and where."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    dashed = DASHED_SPAN.fullmatch(stripped)
    if dashed is not None:
        return Misread(
            f"write a span with a slash between its first and last day: '{dashed[1]}/{dashed[2]}'",
            lead,
        )
    first, slash, second = stripped.partition("/")
    if not slash or not FULL_DATE.fullmatch(first.strip()):
        day = _day(stripped)
        return _moved(day, lead) if isinstance(day, Misread) else EventDate.day(day)
    start = _day(first.strip())
    if isinstance(start, Misread):
        return _moved(start, lead)
    end_at = lead + len(first) + 1 + len(second) - len(second.lstrip())
    end = _end(second.strip(), start)
    if isinstance(end, Misread):
        return _moved(end, end_at)
    if end < start:
        return Misread(
            f"the span ends on {end.isoformat()}, before it starts on {start.isoformat()}; "
            f"write the earlier day first: '{end.isoformat()}/{start.isoformat()}'",
            end_at,
        )
    return EventDate(start, end)


def _moved(problem: Misread, offset: int) -> Misread:
    return Misread(problem.message, problem.offset + offset)


def _day(text: str) -> date | Misread:
    match = FULL_DATE.fullmatch(text)
    if match is None:
        return Misread(f"'{text}' is not a day; {WRITE}{_hint(text)}")
    year, month, day = (int(part) for part in match.groups())
    problem = impossible_day(month, day, year)
    return Misread(problem) if problem else date(year, month, day)


def _end(text: str, start: date) -> date | Misread:
    """A span's last day, whole or shortened to the parts that differ from its first."""
    if FULL_DATE.fullmatch(text):
        return _day(text)
    match = SHORT_END.fullmatch(text)
    if match is None:
        return Misread(f"'{text}' is not the last day of a span; write it as {SPAN_EXAMPLE}")
    month = int(match[1]) if match[1] else start.month
    day = int(match[2])
    problem = impossible_day(month, day, start.year)
    return Misread(problem) if problem else date(start.year, month, day)


def _hint(text: str) -> str:
    """The day meant by '21/08/1944', or the span meant by a year or a month alone."""
    slashed = slashed_hint(text)
    if slashed:
        return slashed
    match = YEAR_MONTH.fullmatch(text)
    if match is None:
        return ""
    year = int(match[1])
    if match[2] is None:
        return f"; for the whole year write the span {year:04d}-01-01/{year:04d}-12-31"
    month = int(match[2])
    if not 1 <= month <= 12 or year < 1:
        return ""
    last = calendar.monthrange(year, month)[1]
    return f"; for the whole month write the span {year:04d}-{month:02d}-01/{last:02d}"
