"""Event dates read from the text a curator wrote: days, spans, and what is wrong, placed."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.content.calendar_text import Misread
from kiosk.content.event_date_text import parse_event_date
from kiosk.show.events import EventDate

D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1944-08-21", EventDate(D(1944, 8, 21), D(1944, 8, 21))),
        ("1944-8-1", EventDate(D(1944, 8, 1), D(1944, 8, 1))),
        ("1944-08-16/1944-08-17", EventDate(D(1944, 8, 16), D(1944, 8, 17))),
        ("1944-08-16/17", EventDate(D(1944, 8, 16), D(1944, 8, 17))),
        ("1944-08-31/09-02", EventDate(D(1944, 8, 31), D(1944, 9, 2))),
        ("1944-12-31/1945-01-02", EventDate(D(1944, 12, 31), D(1945, 1, 2))),
        (" 1944-08-16 / 1944-08-17 ", EventDate(D(1944, 8, 16), D(1944, 8, 17))),
        ("1944-02-29", EventDate(D(1944, 2, 29), D(1944, 2, 29))),  # a leap year
        ("1944-08-21/1944-08-21", EventDate(D(1944, 8, 21), D(1944, 8, 21))),
    ],
)
def test_days_and_spans_are_read(text: str, expected: EventDate) -> None:
    assert parse_event_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("1944-02-30", "'1944-02-30' is not a day: February 1944 has 29 days", 0),
        ("1943-02-29", "'1943-02-29' is not a day: February 1943 has 28 days", 0),
        ("1944-13-01", "'1944-13-01' has no month 13: months go from 01 to 12", 0),
        ("1944-08-16/1944-08-32", "'1944-08-32' is not a day: August 1944 has 31 days", 11),
        (
            "1944-08-17/1944-08-15",
            "the span ends on 1944-08-15, before it starts on 1944-08-17; write the earlier "
            "day first: '1944-08-15/1944-08-17'",
            11,
        ),
        (
            "1944-08-16 - 1944-08-17",
            "write a span with a slash between its first and last day: '1944-08-16/1944-08-17'",
            0,
        ),
        (
            "1944-08-16/soon",
            "'soon' is not the last day of a span; write it as 1944-08-16/1944-08-17",
            11,
        ),
    ],
)
def test_impossible_dates_and_reversed_spans_say_what_and_where(
    text: str, message: str, offset: int
) -> None:
    assert parse_event_date(text) == Misread(message, offset)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("21/08/1944", "; did you mean '1944-08-21'?"),
        ("1944-08", "; for the whole month write the span 1944-08-01/31"),
        ("1944", "; for the whole year write the span 1944-01-01/1944-12-31"),
        ("le 21 août", ""),
    ],
)
def test_a_date_written_otherwise_is_refused_with_what_to_write(text: str, hint: str) -> None:
    problem = parse_event_date(text)
    assert isinstance(problem, Misread)
    assert problem.message == (
        f"'{text}' is not a day; write year-month-day, such as 1944-08-21, or a span such as "
        f"1944-08-16/1944-08-17{hint}"
    )


def test_the_whole_month_span_suggested_is_itself_read() -> None:
    assert parse_event_date("1944-08-01/31") == EventDate(D(1944, 8, 1), D(1944, 8, 31))
