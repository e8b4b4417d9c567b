"""Every figure of `kiosk stats`, for a simulated week read from its files, checked against
the visits the simulation knows it made (tests/hall/play_week.py)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kiosk.hall.playlog_files import play_log_files
from kiosk.hall.stats_figures import ENDINGS, Period, StatsReport, compute
from kiosk.hall.stats_store import open_store
from kiosk.hall.visits import find_visits
from tests.hall.play_week import IDLE, MONDAY, PlayWeek, TrueVisit, local, play_week
from tests.hall.play_week_files import LogFolder

WEEK = Period(MONDAY, date(2026, 10, 25))
MIDWEEK = Period(date(2026, 10, 21), date(2026, 10, 22))


def report_for(folder: Path, period: Period) -> StatsReport:
    log = LogFolder(play_week(), folder)
    log.finish()
    store, _ = open_store(folder / "stats.sqlite")
    store.read_files(play_log_files(log.path))
    lines = store.lines(0, 1e12)
    store.close()
    return compute(lines, find_visits(lines, IDLE), period)


@pytest.fixture(scope="module", params=[WEEK, MIDWEEK], ids=["week", "midweek"])
def case(request, tmp_path_factory) -> tuple[StatsReport, list[TrueVisit], PlayWeek]:
    period = request.param
    report = report_for(tmp_path_factory.mktemp("logs"), period)
    truth = [v for v in play_week().visits if period.holds(v.local_start.date())]
    return report, truth, play_week()


def in_period(by_day: Counter, period: Period) -> Counter:
    """A count by (day, slide), summed by slide over the days of `period`."""
    counts: Counter = Counter()
    for (day, slide), count in by_day.items():
        if period.holds(day):
            counts[slide] += count
    return counts


def view_seconds(truth: list[TrueVisit]) -> dict[tuple[str, str], list[float]]:
    seconds: dict[tuple[str, str], list[float]] = {}
    for visit in truth:
        for slide, since, until in visit.views:
            seconds.setdefault(slide, []).append(until - since)
    return seconds


def test_visits_by_day_hour_and_weekday(case) -> None:
    report, truth, _ = case
    assert len(report.visits) == len(truth) > 0
    starts = [visit.local_start for visit in truth]
    assert report.per_day == tuple(sum(s.date() == d for s in starts) for d in report.period.days)
    assert report.per_hour == tuple(sum(s.hour == h for s in starts) for h in range(24))
    assert report.per_weekday == tuple(sum(s.weekday() == n for s in starts) for n in range(7))
    if report.period == WEEK:
        assert report.per_day[0] == 0  # closed on Monday
        assert report.per_hour[9] == report.per_hour[18] == 0


def test_visit_lengths_and_slides_seen(case) -> None:
    report, truth, _ = case
    lengths = sorted(visit.seconds for visit in truth)
    assert report.median_seconds == pytest.approx(statistics.median(lengths), abs=1e-3)
    rank = math.ceil(round(0.9 * len(lengths), 9))
    assert report.p90_seconds == pytest.approx(lengths[rank - 1], abs=1e-3)
    seen = [len({slide for slide, _, _ in visit.views}) for visit in truth]
    assert report.median_slides == statistics.median(seen)
    assert report.mean_slides == pytest.approx(statistics.mean(seen))
    assert report.ended_by == tuple(sum(v.ended_by == way for v in truth) for way in ENDINGS)


def test_every_slide_shown_stayed_on_narrated_and_left(case) -> None:
    report, truth, week = case
    seconds = view_seconds(truth)
    shown = in_period(week.shown, report.period)
    narrated = in_period(week.narration_starts, report.period)
    left = Counter(visit.views[-1][0] for visit in truth if visit.ended_by == "idle")
    assert {f.slide for f in report.slides} == set(shown) | set(seconds)
    for figures in report.slides:
        stays = seconds.get(figures.slide, [])
        assert figures.shown == shown[figures.slide]
        assert figures.views == len(stays)
        assert figures.median_view == (
            pytest.approx(statistics.median(stays), abs=1e-3) if stays else None
        )
        assert figures.attention == pytest.approx(sum(stays), abs=1e-2)
        assert figures.narration_plays == narrated[figures.slide]
        assert figures.left_here == left[figures.slide]
    attention = [figures.attention for figures in report.slides]
    assert attention == sorted(attention, reverse=True)
    assert [(f.slide, f.left_here) for f in report.leaving] == sorted(
        left.items(), key=lambda item: (-item[1], item[0])
    )


def test_languages_chosen(case) -> None:
    report, truth, _ = case
    switches = Counter(lang for visit in truth for lang in visit.languages)
    visits = Counter(lang for visit in truth for lang in set(visit.languages))
    assert {(f.lang, f.visits, f.switches) for f in report.languages} == {
        (lang, visits[lang], switches[lang]) for lang in switches
    }
    assert {"en", "de"} <= set(switches)
    assert report.kept_language == sum(1 for visit in truth if not visit.languages)
    assert report.loop_language == "fr"


def test_narration_use(case) -> None:
    report, truth, week = case
    states = Counter(state for visit in truth for _, state in visit.narration)
    narration = report.narration
    assert narration.visits_with == sum(
        1 for visit in truth if any(state == "start" for _, state in visit.narration)
    )
    assert (narration.plays_in_visits, narration.heard_to_end) == (states["start"], states["end"])
    assert narration.stopped_early == states["stopped"]
    assert narration.unavailable_in_visits == states["unavailable"] > 0
    starts = sum(n for (day, _), n in week.narration_starts.items() if report.period.holds(day))
    assert narration.plays_by_loop == starts - states["start"]
    if report.period == WEEK:
        assert narration.plays_by_loop > 0  # after Friday's restart the loop narrates


def test_lines_in_the_period(case) -> None:
    report, _, week = case
    assert report.lines == sum(
        1 for line in week.lines if report.period.holds(local(line.t).date())
    )


def test_a_period_without_a_visit_has_figures_of_nothing(tmp_path: Path) -> None:
    report = report_for(tmp_path, Period(date(2026, 11, 2), date(2026, 11, 8)))
    assert (len(report.visits), report.lines, report.median_seconds, report.p90_seconds) == (
        0,
        0,
        None,
        None,
    )
    assert report.per_day == (0,) * 7 and report.slides == () and report.languages == ()
