"""The tables of `kiosk stats`, once, for every output: the terminal, CSV files and the page.

A cell is a plain value; `Seconds` and `Share` mark the floats that read as a time or a
percentage, so each output writes them its own way (1:05 on screen, 65.0 in a spreadsheet).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.hall.stats_figures import ENDINGS, WEEKDAYS, StatsReport
from kiosk.hall.visits import SlideKey

BAR_WIDTH = 40
ENDING_WORDS = {
    "idle": "ended by the return to the loop",
    "closed": "ended by the museum closing",
    "restart": "ended by a restart of the kiosk",
    "end of log": "still under way at the end of the log",
}


class Seconds(float):
    """A duration in seconds."""


class Share(float):
    """A fraction of a whole, 0 to 1."""


Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    name: str
    """The CSV file's name, without .csv."""
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    on_screen: bool = True
    """False for a table only a spreadsheet wants (one row per visit)."""


def slide_name(slide: SlideKey | None) -> str:
    return "(unknown)" if slide is None else f"{slide[0]} / {slide[1]}"


def _share(part: int, whole: int) -> Share | None:
    return Share(part / whole) if whole else None


def _seconds(value: float | None) -> Seconds | None:
    return None if value is None else Seconds(value)


def build_tables(report: StatsReport) -> list[Table]:
    return [
        summary_table(report),
        day_table(report),
        weekday_table(report),
        hour_table(report),
        slide_table(report),
        language_table(report),
        narration_table(report),
        leaving_table(report),
        visit_table(report),
    ]


def summary_table(report: StatsReport) -> Table:
    count = len(report.visits)
    rows: list[tuple[Cell, ...]] = [
        ("visits", count),
        ("visit length, median", _seconds(report.median_seconds)),
        ("visit length, 90th percentile", _seconds(report.p90_seconds)),
        ("slides seen per visit, median", report.median_slides),
        ("slides seen per visit, mean", report.mean_slides),
    ]
    rows += [
        (f"visits {ENDING_WORDS[way]}", n) for way, n in zip(ENDINGS, report.ended_by, strict=True)
    ]
    rows.append(("lines of the play log in the period", report.lines))
    return Table("summary", "Visits", ("figure", "value"), tuple(rows))


def day_table(report: StatsReport) -> Table:
    rows = tuple(
        (day.isoformat(), WEEKDAYS[day.weekday()], count)
        for day, count in zip(report.period.days, report.per_day, strict=True)
    )
    return Table("visits_by_day", "Visits by day", ("date", "day", "visits"), rows)


def weekday_table(report: StatsReport) -> Table:
    days = [sum(1 for d in report.period.days if d.weekday() == n) for n in range(7)]
    rows = tuple(
        (WEEKDAYS[n], report.per_weekday[n], days[n], report.per_weekday[n] / days[n])
        for n in range(7)
        if days[n]
    )
    headers = ("day", "visits", "such days", "visits a day")
    return Table("visits_by_weekday", "Visits by day of the week", headers, rows)


def hour_table(report: StatsReport) -> Table:
    busy = [hour for hour, count in enumerate(report.per_hour) if count]
    most = max(report.per_hour, default=0) or 1
    rows = tuple(
        (f"{hour:02d}:00", count, "█" * round(BAR_WIDTH * count / most))
        for hour, count in enumerate(report.per_hour)
        if busy and busy[0] <= hour <= busy[-1]
    )
    return Table("visits_by_hour", "Visits by hour of the day", ("hour", "visits", ""), rows)


def slide_table(report: StatsReport) -> Table:
    rows = tuple(
        (
            slide_name(f.slide),
            f.shown,
            f.views,
            _seconds(f.median_view),
            Seconds(f.attention),
            f.narration_plays,
            f.left_here,
        )
        for f in report.slides
    )
    headers = ("slide", "shown", "stayed", "median stay", "total stay", "narrated", "left")
    return Table("slides", "Slides, by the time visitors spent on them", headers, rows)


def language_table(report: StatsReport) -> Table:
    count = len(report.visits)
    rows: list[tuple[Cell, ...]] = [
        (f.lang, f.visits, _share(f.visits, count), f.switches) for f in report.languages
    ]
    kept = f"no switch (stayed in {report.loop_language or 'the loop language'})"
    rows.append((kept, report.kept_language, _share(report.kept_language, count), 0))
    headers = ("language", "visits", "of visits", "switches")
    return Table("languages", "Languages chosen", headers, tuple(rows))


def narration_table(report: StatsReport) -> Table:
    n = report.narration
    rows: tuple[tuple[Cell, ...], ...] = (
        ("visits that heard narration", n.visits_with),
        ("share of visits", _share(n.visits_with, len(report.visits))),
        ("narrations started in visits", n.plays_in_visits),
        ("  heard to the end", n.heard_to_end),
        ("  stopped early", n.stopped_early),
        ("narration unavailable in visits", n.unavailable_in_visits),
        ("narrations started by the loop", n.plays_by_loop),
    )
    return Table("narration", "Narration", ("figure", "value"), rows)


def leaving_table(report: StatsReport) -> Table:
    left = report.ended_by[ENDINGS.index("idle")]
    rows = tuple(
        (slide_name(f.slide), f.left_here, _share(f.left_here, left)) for f in report.leaving
    )
    headers = ("slide", "visits ended", "of returns")
    return Table("leaving", "Where visitors leave (the slide on screen)", headers, rows)


def visit_table(report: StatsReport) -> Table:
    rows = tuple(
        (
            visit.local_start.isoformat(sep=" ", timespec="seconds"),
            Seconds(visit.seconds),
            visit.slides_seen,
            " ".join(visit.languages),
            visit.narration_starts,
            slide_name(visit.last_slide),
            visit.ended_by,
        )
        for visit in report.visits
    )
    headers = ("start", "length", "slides seen", "languages", "narrations", "last slide", "end")
    return Table("visits", "Every visit", headers, rows, on_screen=False)
