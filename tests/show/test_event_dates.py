"""Event dates written by Babel as a person writes them, days and spans, in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.show.event_dates import date_label, date_text
from kiosk.show.events import EventDate

DAY = EventDate.day(dt.date(1944, 8, 21))
NIGHT = EventDate(dt.date(1944, 8, 16), dt.date(1944, 8, 17))
ACROSS_MONTHS = EventDate(dt.date(1944, 8, 31), dt.date(1944, 9, 2))
DASH = "\u2009–\u2009"
"""CLDR sets thin spaces around the dash of a span."""
ACROSS_YEARS = EventDate(dt.date(1944, 12, 31), dt.date(1945, 1, 2))


@pytest.mark.parametrize(
    "date, lang, text, label",
    [
        (DAY, "fr", "21 août 1944", "21 août"),
        (DAY, "en", "21 August 1944", "21 Aug"),
        (DAY, "de", "21. August 1944", "21. Aug."),
        (NIGHT, "fr", "16–17 août 1944", "16–17 août"),
        (NIGHT, "en", f"16{DASH}17 August 1944", f"16{DASH}17 Aug"),
        (ACROSS_MONTHS, "fr", f"31 août{DASH}2 septembre 1944", f"31 août{DASH}2 sept."),
        (ACROSS_MONTHS, "en", f"31 August{DASH}2 September 1944", f"31 Aug{DASH}2 Sept"),
        (
            ACROSS_YEARS,
            "fr",
            f"31 décembre 1944{DASH}2 janvier 1945",
            f"31 déc. 1944{DASH}2 janv. 1945",
        ),
    ],
)
def test_dates_and_spans_as_written_in_each_language(date, lang, text, label):
    assert date_text(date, lang) == text
    assert date_label(date, lang) == label


def test_a_language_babel_does_not_know_is_written_in_english():
    assert date_text(DAY, "zz") == "21 August 1944"


def test_the_locale_of_a_language_can_be_chosen():
    assert date_text(DAY, "en", {"en": "en_US"}) == "August 21, 1944"


def test_the_axis_places_a_span_at_its_middle():
    assert NIGHT.middle == dt.date(1944, 8, 16).toordinal() + 0.5
    assert NIGHT.is_span and not DAY.is_span
