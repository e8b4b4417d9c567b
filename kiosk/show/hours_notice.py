"""What a closed kiosk tells a visitor who touches it: closed, when it opens, and that day's
hours, in the visitor's language.

Day and month names come from Babel's CLDR data, so a kiosk configured for German or Italian
visitors names the day correctly without a word list of ours; times are written 24-hour
(10:00), as museum hours are posted in Europe. The kiosk's own sentences are in
kiosk.show.theme.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kiosk.show import theme
from kiosk.show.calendar import Schedule, format_hours, hours_on
from kiosk.show.calendar_clock import local, next_opening


def hours_notice(schedule: Schedule, at: datetime, lang: str) -> tuple[str, ...]:
    """The lines of the hours card at `at`: "Closed", when it opens, and that day's hours."""
    lines = [theme.ui_text(lang, "closed")]
    opening = next_opening(schedule, at)
    if opening is None:
        return tuple(lines)
    when = local(schedule, opening)
    today = local(schedule, at).date()
    time = f"{when.hour:02d}:{when.minute:02d}"
    if when.date() == today:
        lines.append(theme.ui_text(lang, "opens_today").format(time=time))
    elif when.date() == today + timedelta(days=1):
        lines.append(theme.ui_text(lang, "opens_tomorrow").format(time=time))
    else:
        day = day_name(when.date(), lang)
        lines.append(theme.ui_text(lang, "opens_on").format(day=day, time=time))
    hours = format_hours(hours_on(schedule, when.date()))
    lines.append(theme.ui_text(lang, "hours_on").format(hours=hours))
    return tuple(lines)


def day_name(day: date, lang: str) -> str:
    """ "mardi 8 décembre", "Tuesday 8 December": English for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError  # imported when a closed kiosk is touched
    from babel.dates import format_date

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return format_date(day, "EEEE d MMMM", locale=locale)
