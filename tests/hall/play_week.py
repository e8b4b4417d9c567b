"""A week of play log from seeded random visits, with the true visits, for `kiosk stats`.

The real player (kiosk.show.player and kiosk.show.opening) runs a museum week on a simulated
clock, and its effects become lines as the kiosk writes them: a slide or language line for
each SlideShown and LanguageChanged, narration lines as the narration desk writes them
(start, end, stopped, unavailable: German has no voice), `closed` and `open` at the museum's
hours, reload lines, a crash and a clean restart (after which the loop narrates by itself).
Visitors arrive at random in opening hours, busier in the afternoon and at the weekend:

- browsers, whose first action writes a line (the next or previous slide, a language) and
  who then do anything a visitor can (pause, narration, volume, a tap in the middle...);
- readers and listeners, with one action that writes no line with a trigger (a tap in the
  middle, pause, the volume, the speaker button): the log shows them at the return to the loop.

Each visit is recorded as it happens, from what the simulation knows: when the visitor acted,
which slides were on screen while they were there, the languages they chose, the narration
lines written for them, and how the visit ended. Three are placed on purpose: one the
museum's closing ends (Tuesday), one a crash ends (Wednesday), one still under way when the
log ends (Sunday). A visit the play log cannot show is never made: no one-action visitor comes
just before a closing, a restart or the end, nor acts within half a second of a narration
line (whose the narration is would then be a guess).

The simulation is tests/hall/play_week_run.py, its visitors tests/hall/play_week_visitors.py.
`PlayWeek.lines` are the lines in order; tests/hall/play_week_files.py writes them into files,
rotated as the kiosk rotates them, with a few broken lines and half a line at the end.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.hall.visits import SlideKey
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.player_state import PlayerSettings

ZONE = ZoneInfo("Europe/Paris")
MONDAY = date(2026, 10, 19)
"""The week's first day; daylight saving time ends on its Sunday, at 03:00."""
OPENS, CLOSES = time(10), time(18)
IDLE = 60.0
LANGUAGES = ("fr", "en", "de")
SILENT = "de"
"""No voice speaks it: its narration is `unavailable`."""
DECKS = {
    "livron": (("bridge", 12, 31), ("maquis", 10, 22), ("rails", 12, 40), ("retreat", 14, 18)),
    "montelimar": (
        ("convoy", 12, 35),
        ("n7-road", 10, 27),
        ("aircraft", 12, 19),
        ("prisoners", 15, 44),
        ("liberation-day", 12, 30),
    ),
}
"""Slides: (id, seconds on screen, seconds of narration)."""
HOURLY = {10: 2, 11: 4, 12: 3, 13: 2, 14: 5, 15: 7, 16: 6, 17: 3}
"""Visitors expected in each opening hour on a weekday; the weekend has more."""
CRASH = datetime(2026, 10, 21, 15, 0, tzinfo=ZONE)
RESTART = datetime(2026, 10, 23, 12, 0, tzinfo=ZONE)
END = datetime(2026, 10, 25, 16, 0, tzinfo=ZONE)
PLACED = {
    "closed": datetime(2026, 10, 20, 17, 57, tzinfo=ZONE),
    "restart": datetime(2026, 10, 21, 14, 57, tzinfo=ZONE),
    "end of log": datetime(2026, 10, 25, 15, 57, tzinfo=ZONE),
}
QUIET_WINDOW = 300.0
"""No visitor but the placed ones arrives this long before a closing, a restart or the end."""


@dataclass
class TrueVisit:
    start: float
    quiet: bool
    """One action that writes no line: the log shows the visit at its return to the loop."""
    end: float = 0.0
    ended_by: str = ""
    views: list[tuple[SlideKey, float, float]] = field(default_factory=list)
    """(slide, from, until)."""
    languages: list[str] = field(default_factory=list)
    narration: list[tuple[SlideKey, str]] = field(default_factory=list)
    last_line: float = 0.0
    recording: bool = False
    """Lines are the visit's from its first visitor line on (from its action, if quiet)."""

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def local_start(self) -> datetime:
        return datetime.fromtimestamp(self.start, ZONE).replace(tzinfo=None)


@dataclass(frozen=True)
class Line:
    t: float
    text: str


@dataclass
class PlayWeek:
    lines: list[Line]
    visits: list[TrueVisit]
    shown: Counter[tuple[date, SlideKey]]
    narration_starts: Counter[tuple[date, SlideKey]]


def make_decks() -> tuple[Deck, ...]:
    return tuple(
        Deck(
            Path(f"/exhibition/slides/{name}.yaml"),
            LocalizedText.same_everywhere(name),
            tuple(
                Slide(
                    slide_id,
                    Path(f"media/{slide_id}.jpg"),
                    LocalizedText.same_everywhere(slide_id),
                    None,
                    float(seconds),
                    "cut",
                    Mark(f"{name}.yaml", n + 1),
                )
                for n, (slide_id, seconds, _) in enumerate(slides)
            ),
        )
        for name, slides in DECKS.items()
    )


NARRATION = {slide: float(length) for slides in DECKS.values() for slide, _, length in slides}


@lru_cache(maxsize=4)
def play_week(seed: int = 1944) -> PlayWeek:
    """The week for `seed`, the same every time."""
    from tests.hall.play_week_run import WeekRun

    return WeekRun(random.Random(seed)).run()


def local(t: float) -> datetime:
    return datetime.fromtimestamp(t, ZONE)


def stamp(t: float) -> str:
    return local(t).isoformat()


def line_text(t: float, fields: dict[str, object]) -> str:
    return json.dumps({"t": stamp(t), **fields}, ensure_ascii=False)


def settings(autoplay: bool) -> PlayerSettings:
    return PlayerSettings(LANGUAGES, "fr", IDLE, narration_autoplay=autoplay, settle_seconds=1.0)


def opening_times() -> list[tuple[float, bool]]:
    """(when, open) for the week: closed on Monday, 10:00 to 18:00 the other days."""
    changes = []
    for n in range(1, 7):
        day = MONDAY + timedelta(days=n)
        for moment, opened in ((OPENS, True), (CLOSES, False)):
            changes.append((datetime.combine(day, moment, ZONE).timestamp(), opened))
    return changes
