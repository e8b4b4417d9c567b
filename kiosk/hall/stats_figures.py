"""What `kiosk stats` reports for a period: pure functions over the play log's lines and the
visits found in them (kiosk.hall.visits), the clock never read.

A visit belongs to the day and the hour it started, in the kiosk's local time (the time in
the line itself); a line, to the day it was written. README.md, "Visitor statistics", defines
each figure for staff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.hall.visits import LogLine, SlideKey, Visit, median, percentile

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ENDINGS = ("idle", "closed", "restart", "end of log")


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both days included."""

    first: date
    last: date

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class SlideFigures:
    slide: SlideKey
    shown: int
    """Slide lines of this slide (the loop's and the visitors')."""
    views: int
    """Times it was on screen during a visit."""
    median_view: float | None
    attention: float
    """Seconds visitors spent on it, all views together."""
    narration_plays: int
    left_here: int
    """Visits that ended with the return to the loop while it was on screen."""


@dataclass(frozen=True)
class LanguageFigures:
    lang: str
    visits: int
    """Visits that switched to it at least once."""
    switches: int


@dataclass(frozen=True)
class NarrationFigures:
    visits_with: int
    """Visits during which a narration started."""
    plays_in_visits: int
    heard_to_end: int
    stopped_early: int
    unavailable_in_visits: int
    plays_by_loop: int
    """Narration that started outside visits (a loop that narrates by itself)."""


@dataclass(frozen=True)
class StatsReport:
    period: Period
    visits: tuple[Visit, ...]
    per_day: tuple[int, ...]
    """Visits on each of `period.days`."""
    per_hour: tuple[int, ...]
    """Visits that started in each hour of the day, 0 to 23, all days together."""
    per_weekday: tuple[int, ...]
    median_seconds: float | None
    p90_seconds: float | None
    median_slides: float | None
    mean_slides: float | None
    ended_by: tuple[int, ...]
    """Visits ended each of the ways in ENDINGS."""
    slides: tuple[SlideFigures, ...]
    """Most attention first."""
    languages: tuple[LanguageFigures, ...]
    kept_language: int
    """Visits with no language switch."""
    loop_language: str | None
    narration: NarrationFigures
    lines: int
    """Lines of the play log written in the period."""

    @property
    def leaving(self) -> list[SlideFigures]:
        """The slides visitors left from, most often first."""
        left = [figures for figures in self.slides if figures.left_here]
        return sorted(left, key=lambda figures: (-figures.left_here, figures.slide))


def visits_in(visits: Sequence[Visit], period: Period) -> list[Visit]:
    return [visit for visit in visits if period.holds(visit.local_start.date())]


def compute(lines: Sequence[LogLine], visits: Sequence[Visit], period: Period) -> StatsReport:
    """The figures for `period`, from the lines around it and every visit found in them."""
    chosen = visits_in(visits, period)
    in_period = [line for line in lines if period.holds(line.local.date())]
    starts = [visit.local_start for visit in chosen]
    seen = [float(visit.slides_seen) for visit in chosen]
    by_day = Counter(start.date() for start in starts)
    return StatsReport(
        period=period,
        visits=tuple(chosen),
        per_day=tuple(by_day[day] for day in period.days),
        per_hour=_tally((start.hour for start in starts), 24),
        per_weekday=_tally((start.weekday() for start in starts), 7),
        median_seconds=median([visit.seconds for visit in chosen]),
        p90_seconds=percentile([visit.seconds for visit in chosen], 0.9),
        median_slides=median(seen),
        mean_slides=sum(seen) / len(seen) if seen else None,
        ended_by=tuple(sum(1 for v in chosen if v.ended_by == way) for way in ENDINGS),
        slides=slide_figures(in_period, chosen),
        languages=language_figures(chosen),
        kept_language=sum(1 for visit in chosen if not visit.languages),
        loop_language=loop_language(in_period),
        narration=narration_figures(in_period, chosen),
        lines=len(in_period),
    )


def _tally(values: Iterable[int], size: int) -> tuple[int, ...]:
    counts = Counter(values)
    return tuple(counts[n] for n in range(size))


def slide_figures(lines: Sequence[LogLine], visits: Sequence[Visit]) -> tuple[SlideFigures, ...]:
    shown = Counter(line.slide_key for line in lines if line.event == "slide" and line.slide_key)
    plays = Counter(
        line.slide_key
        for line in lines
        if line.event == "narration" and line.state == "start" and line.slide_key
    )
    views: dict[SlideKey, list[float]] = {}
    for visit in visits:
        for view in visit.views:
            views.setdefault(view.slide, []).append(view.seconds)
    left = Counter(visit.last_slide for visit in visits if visit.ended_by == "idle")
    figures = [
        SlideFigures(
            slide,
            shown[slide],
            len(views.get(slide, [])),
            median(views.get(slide, [])),
            sum(views.get(slide, [])),
            plays[slide],
            left[slide],
        )
        for slide in set(shown) | set(views) | set(plays)
    ]
    return tuple(sorted(figures, key=lambda f: (-f.attention, -f.views, -f.shown, f.slide)))


def language_figures(visits: Sequence[Visit]) -> tuple[LanguageFigures, ...]:
    switches = Counter(lang for visit in visits for lang in visit.languages)
    chosen_by = Counter(lang for visit in visits for lang in set(visit.languages))
    figures = [LanguageFigures(lang, chosen_by[lang], switches[lang]) for lang in switches]
    return tuple(sorted(figures, key=lambda f: (-f.visits, -f.switches, f.lang)))


def loop_language(lines: Sequence[LogLine]) -> str | None:
    """The language the kiosk returns to when a visitor leaves: the most frequent in the
    slide lines of those returns."""
    returns = Counter(line.lang for line in lines if line.trigger == "idle" and line.lang)
    return returns.most_common(1)[0][0] if returns else None


def narration_figures(lines: Sequence[LogLine], visits: Sequence[Visit]) -> NarrationFigures:
    states = Counter(state for visit in visits for _, state in visit.narration)
    all_starts = sum(1 for line in lines if line.event == "narration" and line.state == "start")
    in_visits = sum(visit.narration_starts for visit in visits)
    return NarrationFigures(
        visits_with=sum(1 for visit in visits if visit.narration_starts),
        plays_in_visits=states["start"],
        heard_to_end=states["end"],
        stopped_early=states["stopped"],
        unavailable_in_visits=states["unavailable"],
        plays_by_loop=max(0, all_starts - in_visits),
    )
