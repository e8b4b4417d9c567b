"""Event dates as a person writes them in each language, by Babel (CLDR), never by hand.

A day: the locale's long date ("21 août 1944", "21 August 1944"). A span: the locale's own
interval pattern, which leaves out what the two ends share ("16–17 août 1944", "16 August –
2 September 1944"). CLDR lists day spans only with abbreviated months (yMMMd); months are
written in full here by widening MMM to MMMM in that pattern, as ICU does when a skeleton asks
for the long month. The axis's short labels use the month-and-day forms ("21 août").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date as Day
from typing import TYPE_CHECKING

from kiosk.show.events import EventDate

if TYPE_CHECKING:  # Babel is imported when a date is first written, not with the decks'
    from babel import Locale  # modules: a show without events never waits for it

DATE_LOCALES: Mapping[str, str] = {"en": "en_GB"}
"""The Babel locale for a language where it is not the language itself: British English
writes the day first ("21 August 1944"), as the exhibition's sources do."""

_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def babel_locale(lang: str, locales: Mapping[str, str] = DATE_LOCALES) -> Locale:
    """The locale to write dates in for `lang` ("fr", "en"): English when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locales.get(lang, lang))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en_GB")


def date_text(date: EventDate, lang: str, locales: Mapping[str, str] = DATE_LOCALES) -> str:
    """The full date: "21 août 1944", "16–17 août 1944", "16 August – 2 September 1944"."""
    locale = babel_locale(lang, locales)
    if not date.is_span:
        return _format_date(date.start, "long", locale=locale)
    return _span(date, locale, "yMMMd", widen=True)


def date_label(date: EventDate, lang: str, locales: Mapping[str, str] = DATE_LOCALES) -> str:
    """The short date for the axis, without the year: "21 août", "16–17 Aug"."""
    locale = babel_locale(lang, locales)
    if not date.is_span:
        short = locale.datetime_skeletons.get("MMMd", "d MMM")
        return _format_date(date.start, short, locale=locale)
    if date.start.year != date.end.year:
        return _span(date, locale, "yMMMd", widen=False)
    return _span(date, locale, "MMMd", widen=False)


def _span(date: EventDate, locale: Locale, skeleton: str, widen: bool) -> str:
    first, second = date.start, date.end
    greatest = "y" if first.year != second.year else "M" if first.month != second.month else "d"
    formats = locale.interval_formats.get(skeleton) or {}
    parts = formats.get(greatest) if hasattr(formats, "get") else None
    if not parts or len(parts) != 2:
        fallback = locale.interval_formats.get(None, "{0} – {1}")
        whole = _pattern_for(locale, skeleton, widen)
        return fallback.replace("{0}", _format_date(first, whole, locale=locale)).replace(
            "{1}", _format_date(second, whole, locale=locale)
        )
    start_pattern, end_pattern = (_widened(p) if widen else p for p in parts)
    return _format_date(first, start_pattern, locale=locale) + _format_date(
        second, end_pattern, locale=locale
    )


def _pattern_for(locale: Locale, skeleton: str, widen: bool) -> str:
    pattern = str(locale.datetime_skeletons.get(skeleton, "d MMM y"))
    return _widened(pattern) if widen else pattern


def _format_date(day: Day, pattern: str, locale: Locale) -> str:
    """Babel's `format_date`, imported on first use."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, pattern, locale=locale)


def _widened(pattern: str) -> str:
    return _SHORT_MONTH.sub("MMMM", pattern)
