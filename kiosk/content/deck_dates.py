"""`plays:` in a deck: the days it is part of the loop, read with every problem placed.

    plays: {from: "08-15", until: "09-02"}            # every year (may wrap New Year)
    plays: {from: "2026-08-15", until: "2026-09-02"}  # once
    plays: {weekdays: [sat, sun]}                     # or "sat-sun"; combines with the dates

A bad part is reported and left out, so the deck plays on more days rather than on none.
"""

from __future__ import annotations

from datetime import date

from yaml.nodes import Node, SequenceNode

from kiosk.content.calendar_text import Misread, parse_day_rule, parse_days, rule_text
from kiosk.content.hints import did_you_mean
from kiosk.content.written import report_misread, written_text
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.calendar import DayRule, DeckDates, MonthDay
from kiosk.show.deck import Mark

PLAYS_KEYS = frozenset({"from", "until", "weekdays"})
OTHER_WORDS = {
    "to": "until",
    "till": "until",
    "end": "until",
    "au": "until",
    "jusqu'au": "until",
    "start": "from",
    "since": "from",
    "du": "from",
    "days": "weekdays",
    "jours": "weekdays",
}
"""Words a curator may write for a key of `plays:`."""
EXAMPLE = 'plays: {from: "08-15", until: "09-02"}'


def read_plays(
    reader: NodeReader, root: Node, entry: Entry | None
) -> tuple[DeckDates | None, Mark | None]:
    """The deck's days (None: every day), and where its `plays:` key is written."""
    if entry is None:
        return None, None
    keys = getattr(root, "value", [])
    key = next((k for k, value in keys if value is entry.value), entry.value)
    return read_deck_dates(reader, entry.value), reader.mark(key)


def read_deck_dates(reader: NodeReader, node: Node) -> DeckDates | None:
    before = len(reader.problems)
    entries = reader.entries(node, "plays", PLAYS_KEYS, _unknown_key)
    if entries is None:
        return None
    if not entries and not getattr(node, "value", None):
        reader.warning(node, f"plays names no day, so the deck plays every day; such as {EXAMPLE}")
        return None
    start = _day(reader, entries.get("from"), "from")
    until = _day(reader, entries.get("until"), "until")
    start, until = _range(reader, entries, start, until, len(reader.problems) > before)
    weekdays = _weekdays(reader, entries["weekdays"].value) if "weekdays" in entries else None
    if start is None and until is None and weekdays is None:
        return None
    return DeckDates(start, until, weekdays)


def _unknown_key(key: str) -> str:
    meant = OTHER_WORDS.get(key.lower())
    hint = f"; did you mean '{meant}'?" if meant else did_you_mean(key, PLAYS_KEYS)
    return f"unknown key '{key}' in plays{hint or '; plays knows from, until and weekdays'}"


def _day(reader: NodeReader, entry: Entry | None, key: str) -> DayRule | None:
    if entry is None:
        return None
    text = written_text(reader, entry.value, f"plays {key}")
    rule = parse_day_rule(text) if text is not None else None
    if isinstance(rule, Misread):
        report_misread(reader, entry.value, 0, rule, f"plays {key}: ")
        return None
    return rule


def _range(
    reader: NodeReader,
    entries: dict[str, Entry],
    start: DayRule | None,
    until: DayRule | None,
    misread: bool,
) -> tuple[DayRule | None, DayRule | None]:
    """Both ends, when they make a range; a wrong one is reported and the range left out.
    After a `misread` (an end, or a key, already reported), a missing end goes unsaid."""
    if start is not None and until is not None:
        if isinstance(start, MonthDay) != isinstance(until, MonthDay):
            reader.error(
                entries["until"].value,
                f"plays from '{rule_text(start)}' and until '{rule_text(until)}' must be written "
                'alike: both days of every year ("08-15", "09-02") or both dates with their year '
                '("2026-08-15", "2026-09-02")',
            )
            return None, None
        if isinstance(start, date) and isinstance(until, date) and until < start:
            reader.error(
                entries["until"].value,
                f"plays until {until} is before from {start}; the deck would never play: "
                "swap them, or correct the year",
            )
            return None, None
        return start, until
    one = start if start is not None else until
    if isinstance(one, MonthDay):
        key, other = ("from", "an until") if start is not None else ("until", "a from")
        if not misread:
            reader.error(
                entries[key].value,
                f"plays {key} '{rule_text(one)}' has no year, so it comes back every year and "
                f"needs {other} too, such as {EXAMPLE}; or put the year in front to mean that "
                "one day",
            )
        return None, None
    return start, until


def _weekdays(reader: NodeReader, node: Node) -> frozenset[int] | None:
    """Days of the week as a list ([sat, sun]) or on one line ("sat-sun", "sat, sun")."""
    items = reader.items(node, "plays weekdays") if isinstance(node, SequenceNode) else [node]
    if items is None:
        return None
    days: set[int] = set()
    for item in items:
        text = written_text(reader, item, "a day in plays weekdays")
        found = parse_days(text) if text is not None else None
        if isinstance(found, Misread):
            report_misread(reader, item, 0, found, "plays weekdays: ")
        elif found:
            days.update(found)
    if not items:
        reader.error(node, "plays weekdays names no day; name some, such as [sat, sun]")
    return frozenset(days) or None
