"""The `schedule:` section of the config: the museum's calendar, read with every problem placed.

A curator writes days, hours and dates the way a notice on the museum door does; each is read
from the text as written (kiosk.content.written), whatever YAML made of it, and a list of hours
on one line ("10:00-12:30, 13:30-18:00") has each of its periods placed at its own column.

Nothing here raises: a bad part is reported and takes its default, and the rest still applies.
A day whose hours cannot be read at all stays open all day (the default of opening_hours), so
a typo never blacks the screen out while visitors are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.content.calendar_text import (
    HOURS_EXAMPLE,
    Misread,
    clock,
    day_names,
    joined,
    looks_like_hours,
    overlapping,
    parse_day_rule,
    parse_days,
    parse_period,
    rule_text,
    split_list,
)
from kiosk.content.problems import error, warning
from kiosk.content.timezones import read_timezone
from kiosk.content.written import is_null, mark_in, report_misread, written_text
from kiosk.content.yaml.nodes import MAP_TAG, NodeReader
from kiosk.show.calendar import ALWAYS, WHEN_CLOSED, DayRule, Period, Schedule
from kiosk.show.deck import Mark

SCHEDULE_KEYS = frozenset(
    {
        "timezone",
        "opening_hours",
        "closed_on",
        "open_on",
        "quiet_hours",
        "when_closed",
        "wake_before_opening",
        "wake_on_touch",
    }
)
"""The keys of `schedule:`; `opening_hours` fills `Schedule.weekly`, the others their namesake."""

CLOSED_WORDS = frozenset({"closed", "fermé", "ferme"})
DAY_HOURS = f'hours such as "{HOURS_EXAMPLE}" or "10:00-12:30, 13:30-18:00", or closed'
MAX_WAKE_MINUTES = 120
SEPARATORS = re.compile(r"[,;]")
"""Between dates on one line (a date holds no "and", unlike a list of hours)."""


def read_schedule(reader: NodeReader, node: Node) -> Schedule | None:
    """The calendar written under `schedule:`, or None (the always-open default) when the
    section cannot be read at all."""
    if is_null(node):
        reader.warning(
            node,
            "schedule is empty, so the kiosk is always open; write its settings under it "
            "(see slides/README.md, When the kiosk plays), or remove the line",
        )
        return None
    entries = reader.entries(node, "schedule", SCHEDULE_KEYS)
    if entries is None:
        return None
    walker = ScheduleReader(reader)
    changes = {key: walker.part(key, entry.value) for key, entry in entries.items()}
    if "opening_hours" in changes:
        changes["weekly"] = changes.pop("opening_hours")
    schedule = replace(Schedule(), **{k: v for k, v in changes.items() if v is not None})
    walker.check_open_and_closed(schedule)
    never_open = schedule.weekly is not None and not any(schedule.weekly)
    if never_open and not schedule.open_on and not walker.week_misread:
        reader.warning(
            entries["opening_hours"].value,
            "opening_hours opens on no day, so the kiosk never plays; give the open days "
            "their hours",
        )
    return schedule


@dataclass
class ScheduleReader:
    """Walks the nodes of `schedule:`; problems go to `reader`, marks kept for later checks."""

    reader: NodeReader
    closed_marks: list[tuple[DayRule, Mark]] = field(default_factory=list)
    open_marks: list[tuple[DayRule, Mark]] = field(default_factory=list)
    week_misread: bool = False
    """Whether opening_hours had a problem (then a week that opens on no day is no news)."""

    def part(self, key: str, node: Node) -> object:
        match key:
            case "timezone":
                return read_timezone(self.reader, node)
            case "opening_hours":
                return self.weekly(node)
            case "closed_on":
                return self.closed_on(node)
            case "open_on":
                return self.open_on(node)
            case "quiet_hours":
                return self.quiet_hours(node)
            case "when_closed":
                return self.reader.choice(node, "when_closed", WHEN_CLOSED)
            case "wake_before_opening":
                return self.minutes(node, "wake_before_opening")
            case "wake_on_touch":
                return self.reader.boolean(node, "wake_on_touch")
        return None

    def pairs(self, node: Node, what: str, example: str) -> list[tuple[Node, Node]] | None:
        """The key and value nodes of a mapping whose keys are days or dates, not names."""
        if isinstance(node, MappingNode) and node.tag == MAP_TAG:
            return list(node.value)
        if isinstance(node, MappingNode):
            self.reader.entries(node, what, frozenset())  # words the tag problem
        else:
            self.reader.error(node, f"{what} must be a set of lines such as {example}")
        return None

    # Hours

    def periods(self, node: Node, what: str, overlap_is_error: bool) -> list[Period] | None:
        """The periods of one day (or every day, for quiet hours), written on one line or as
        a list; None when none can be read. Overlapping periods are joined, and reported."""
        items = self.reader.items(node, what) if isinstance(node, SequenceNode) else [node]
        if items is None:
            return None
        found: list[tuple[Period, Mark]] = []
        for item in items:
            text = written_text(self.reader, item, what)
            for offset, piece in split_list(text or ""):
                period = parse_period(piece)
                if isinstance(period, Misread):
                    report_misread(self.reader, item, offset, period)
                else:
                    found.append((period, mark_in(self.reader, item, offset)))
        self.report_overlap(found, overlap_is_error)
        return [period for period, _ in found] or None

    def report_overlap(self, found: list[tuple[Period, Mark]], overlap_is_error: bool) -> None:
        pair = overlapping([period for period, _ in found])
        if pair is None:
            return
        first, second = pair
        where = next(mark for period, mark in found if period == second)
        merged = joined([first, second])[0]
        message = (
            f"{span(second)} overlaps {span(first)}; give each hour once (until then the "
            f"kiosk takes {span(merged)})"
        )
        report = error if overlap_is_error else warning
        self.reader.problems.append(report(where, message))

    def day_hours(self, node: Node, what: str) -> tuple[Period, ...] | None:
        """`closed`, or the opening hours of one day; None when unreadable."""
        if isinstance(node, ScalarNode) and node.value.strip().lower() in CLOSED_WORDS:
            return ()
        if is_null(node):
            self.reader.error(node, f"{what} has no hours; write {DAY_HOURS}")
            return None
        periods = self.periods(node, what, overlap_is_error=True)
        return joined(periods) if periods else None

    def weekly(self, node: Node) -> tuple[tuple[Period, ...], ...] | None:
        """Seven days of hours; a day not named is closed."""
        pairs = self.pairs(node, "opening_hours", "tue-fri: 10:00-18:00")
        if pairs is None:
            return None
        before = len(self.reader.problems)
        week: list[tuple[Period, ...]] = [() for _ in range(7)]
        named: dict[int, tuple[str, Mark]] = {}
        for key_node, value_node in pairs:
            days = self.days_key(key_node)
            if days is None:
                continue
            key, where = key_node.value, self.reader.mark(key_node)
            hours = self.day_hours(value_node, f"the hours of '{key}'")
            for day in dict.fromkeys(days):
                if day in named:
                    self.reader.error(key_node, twice(day, named[day], key))
                    continue
                named[day] = (key, where)
                week[day] = ALWAYS if hours is None else hours
        self.week_misread = len(self.reader.problems) > before
        return tuple(week)

    def days_key(self, node: Node) -> list[int] | None:
        if not isinstance(node, ScalarNode):
            self.reader.error(node, "a key of opening_hours must name days, such as tue-fri")
            return None
        if looks_like_hours(node.value):
            self.reader.error(
                node,
                f"'{node.value}' looks like hours, not days: inside {{ }} a comma ends an "
                "entry, so put the hours of a day between double quotes, such as tue-fri: "
                '"10:00-12:30, 13:30-18:00"',
            )
            return None
        days = parse_days(node.value)
        if isinstance(days, Misread):
            report_misread(self.reader, node, 0, days)
            return None
        return days

    def quiet_hours(self, node: Node) -> tuple[Period, ...] | None:
        periods = self.periods(node, "quiet_hours", overlap_is_error=False)
        return joined(periods) if periods else None

    def minutes(self, node: Node, what: str) -> int | None:
        value = self.reader.number(node, what, 0, MAX_WAKE_MINUTES, "minutes")
        if value is not None and value != int(value):
            self.reader.error(node, f"{what} must be a whole number of minutes, got {value:g}")
            return None
        return None if value is None else int(value)

    # Days of the year

    def rules(self, node: Node, what: str) -> list[tuple[DayRule, Mark]]:
        """Dates or days of every year, in a list or on one line, each with where it is."""
        items = self.reader.items(node, what) if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items or []:
            text = written_text(self.reader, item, f"a day in {what}")
            for offset, piece in split_list(text or "", SEPARATORS):
                rule = parse_day_rule(piece)
                if isinstance(rule, Misread):
                    report_misread(self.reader, item, offset, rule, f"{what}: ")
                else:
                    found.append((rule, mark_in(self.reader, item, offset)))
        return found

    def closed_on(self, node: Node) -> tuple[DayRule, ...] | None:
        self.closed_marks = self.rules(node, "closed_on")
        return tuple(dict.fromkeys(rule for rule, _ in self.closed_marks)) or None

    def open_on(self, node: Node) -> tuple[tuple[DayRule, tuple[Period, ...]], ...] | None:
        pairs = self.pairs(node, "open_on", '"2026-07-14": "10:00-22:00"')
        if pairs is None:
            return None
        days: dict[DayRule, tuple[Period, ...]] = {}
        for key_node, value_node in pairs:
            rules = self.rules(key_node, "open_on")
            if not rules:
                continue
            hours = self.day_hours(value_node, f"the hours of open_on '{key_node.value}'")
            for rule, where in rules:
                if rule in days:
                    self.reader.problems.append(
                        error(where, f"open_on names '{rule_text(rule)}' twice; keep one")
                    )
                elif hours is not None:
                    days[rule] = hours
                    self.open_marks.append((rule, where))
        return tuple(days.items()) or None

    def check_open_and_closed(self, schedule: Schedule) -> None:
        """A day both closed and open: open_on wins (it says the hours); say so."""
        closed = dict(self.closed_marks)
        hours = dict(schedule.open_on)
        for rule, where in self.open_marks:
            if rule in closed:
                opening = ", ".join(span(period) for period in hours[rule]) or "closed"
                self.reader.problems.append(
                    warning(
                        where,
                        f"'{rule_text(rule)}' is also in closed_on (line {closed[rule].line}); "
                        f"open_on wins, so that day's hours are {opening}: remove it from one "
                        "of them",
                    )
                )


def span(period: Period) -> str:
    return f"{clock(period.start)}-{clock(period.end)}"


def twice(day: int, first: tuple[str, Mark], key: str) -> str:
    """The message for a day given hours by two keys."""
    first_key, where = first
    return (
        f"{day_names([day])} is given hours twice: by '{first_key}' at line {where.line} and by "
        f"'{key}' here; name each day once (the hours at line {where.line} apply)"
    )
