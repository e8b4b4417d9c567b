"""Visits, found in the play log's lines: pure functions, the clock never read.

The play log says what the kiosk showed, not who stood in front of it; a visit is read from
the lines a visitor causes. It starts at the first slide or language line with the trigger
`touch` or `key` after the attract loop, and ends at the return to the loop (a slide line with
the trigger `idle`), at `closed`, at a restart (a slide line with the trigger `start` or
`resume`: the visit ended with the last line before it) or at the end of the log (with its
last line). A visitor whose actions write no line with a trigger (a tap in the middle of the
screen, pause, the volume, the speaker button) is seen only at the return to the loop: that
visit is counted from `idle_timeout` seconds before the return (the visitor's last action),
or from the slide on screen when that came later. Narration lines carry no trigger (the loop
writes the same ones when it narrates by itself), so they never start a visit.

A visit is a run of views: a view is one slide on screen during the visit, from the line
that put it there (or the visit's start) to the next slide line that changes the slide, or
the visit's end. A language switch keeps the view: the same slide stays on screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

SlideKey = tuple[str, str]
"""(deck, slide id), as the play log names a slide."""

VISITOR_TRIGGERS = frozenset({"touch", "key"})
RESTART_TRIGGERS = frozenset({"start", "resume"})
RETURN_SLACK = 0.5
"""Seconds a narration line may come before a visit seen only at its end and still be the
visitor's: the line of their one action is written a moment before the visit's computed
start (the return to the loop is noticed just after the timeout)."""


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of the play log, as far as the statistics need it."""

    t: float
    """Seconds since the epoch."""
    utc_offset: float
    """Seconds east of UTC in the line's own timestamp: the kiosk's local time then."""
    event: str
    deck: str | None = None
    slide: str | None = None
    lang: str | None = None
    trigger: str | None = None
    state: str | None = None
    """A narration line's state: start, end, stopped or unavailable."""
    seconds: float | None = None

    @property
    def local(self) -> datetime:
        """The kiosk's wall-clock time when the line was written (naive)."""
        return local_time(self.t, self.utc_offset)

    @property
    def slide_key(self) -> SlideKey | None:
        if self.deck is None or self.slide is None:
            return None
        return (self.deck, self.slide)


@dataclass(frozen=True)
class View:
    """A slide on screen during a visit, for `seconds` from `start`."""

    slide: SlideKey
    start: float
    seconds: float


@dataclass(frozen=True)
class Visit:
    start: float
    end: float
    utc_offset: float
    ended_by: str
    """idle, closed, restart or end of log."""
    views: tuple[View, ...]
    languages: tuple[str, ...]
    """The languages switched to during the visit, in order (one per language line)."""
    narration: tuple[tuple[SlideKey | None, str], ...]
    """The narration lines during the visit: (slide, state), in order."""

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def local_start(self) -> datetime:
        return local_time(self.start, self.utc_offset)

    @property
    def slides_seen(self) -> int:
        """How many different slides were on screen during the visit."""
        return len({view.slide for view in self.views})

    @property
    def last_slide(self) -> SlideKey | None:
        return self.views[-1].slide if self.views else None

    @property
    def narration_starts(self) -> int:
        return sum(1 for _, state in self.narration if state == "start")


def local_time(t: float, utc_offset: float) -> datetime:
    return datetime.fromtimestamp(t + utc_offset, UTC).replace(tzinfo=None)


@dataclass
class _OpenVisit:
    start: float
    utc_offset: float
    last_t: float
    views: list[View] = field(default_factory=list)
    on_screen: tuple[SlideKey, float] | None = None
    languages: list[str] = field(default_factory=list)
    narration: list[tuple[SlideKey | None, str]] = field(default_factory=list)

    def show(self, slide: SlideKey | None, t: float) -> None:
        """A slide line during the visit: a new view unless the slide stays the same."""
        if slide is None or (self.on_screen is not None and self.on_screen[0] == slide):
            return
        self._end_view(t)
        self.on_screen = (slide, t)

    def close(self, end: float, ended_by: str) -> Visit:
        self._end_view(end)
        return Visit(
            self.start,
            end,
            self.utc_offset,
            ended_by,
            tuple(self.views),
            tuple(self.languages),
            tuple(self.narration),
        )

    def _end_view(self, t: float) -> None:
        if self.on_screen is not None:
            slide, since = self.on_screen
            self.views.append(View(slide, since, max(0.0, t - since)))
            self.on_screen = None


class _VisitFinder:
    """Reads the lines in order, keeping the visit under way (if any) and the slide on screen."""

    def __init__(self, idle_timeout: float) -> None:
        self.idle_timeout = idle_timeout
        self.visits: list[Visit] = []
        self.visit: _OpenVisit | None = None
        self.on_screen: LogLine | None = None
        self.loop_narration: list[LogLine] = []
        """Narration lines since the slide on screen came, while no visit is under way."""

    def read(self, line: LogLine) -> None:
        match line.event:
            case "slide":
                self._slide(line)
            case "language":
                if line.trigger in VISITOR_TRIGGERS and self.visit is None:
                    self._begin(line.t, line.utc_offset, line.slide_key)
                if self.visit is not None and line.lang is not None:
                    self.visit.languages.append(line.lang)
            case "narration":
                if self.visit is not None:
                    self.visit.narration.append((line.slide_key, line.state or ""))
                else:
                    self.loop_narration.append(line)
            case "closed":
                self._end(line.t, "closed")
                self.on_screen = None
        if self.visit is not None:
            self.visit.last_t = line.t

    def finish(self) -> list[Visit]:
        if self.visit is not None:
            self._end(self.visit.last_t, "end of log")
        return self.visits

    def _slide(self, line: LogLine) -> None:
        if line.trigger == "idle":
            if self.visit is None:
                self._begin_unseen(line)
            self._end(line.t, "idle")
        elif line.trigger in RESTART_TRIGGERS:
            if self.visit is not None:
                self._end(self.visit.last_t, "restart")
        elif line.trigger in VISITOR_TRIGGERS and self.visit is None:
            self._begin(line.t, line.utc_offset, line.slide_key)
        elif self.visit is not None:
            self.visit.show(line.slide_key, line.t)
        self.on_screen = line
        self.loop_narration = []

    def _begin(self, t: float, utc_offset: float, slide: SlideKey | None) -> None:
        self.visit = _OpenVisit(t, utc_offset, t)
        self.visit.show(slide, t)

    def _begin_unseen(self, idle: LogLine) -> None:
        """A return to the loop with no visit under way: a visitor whose actions wrote no
        line with a trigger, counted from their last action."""
        start = idle.t - self.idle_timeout
        if self.on_screen is not None:
            start = max(start, self.on_screen.t)
        self._begin(start, idle.utc_offset, self.on_screen and self.on_screen.slide_key)
        assert self.visit is not None
        self.visit.narration.extend(
            (line.slide_key, line.state or "")
            for line in self.loop_narration
            if line.t >= start - RETURN_SLACK
        )

    def _end(self, end: float, ended_by: str) -> None:
        if self.visit is not None:
            self.visits.append(self.visit.close(end, ended_by))
            self.visit = None


def find_visits(lines: Iterable[LogLine], idle_timeout: float) -> list[Visit]:
    """The visits in `lines`, read in the order the kiosk wrote them; `idle_timeout` is the
    config's, for visits seen only at their return to the loop."""
    finder = _VisitFinder(idle_timeout)
    for line in lines:
        finder.read(line)
    return finder.finish()


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None for none."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value that at least `share` (0.9 for the
    90th) of the values are at or below; None for none."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = math.ceil(round(share * len(ordered), 9))  # rounded first: 0.9 * 10 is 9.000…02
    return ordered[min(len(ordered), max(1, rank)) - 1]
