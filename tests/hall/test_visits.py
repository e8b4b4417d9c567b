"""Visits read from the play log's lines: each rule on a few lines, then a simulated week whose
true visits are known."""

from __future__ import annotations

import math
import statistics

import pytest

from kiosk.hall.stats_store import parse_line
from kiosk.hall.visits import LogLine, View, find_visits, median, percentile
from tests.hall.play_week import IDLE, play_week

OFFSET = 7200.0
BASE = 1_792_000_000.0


def slide(t: float, name: str, trigger: str, lang: str = "fr") -> LogLine:
    return LogLine(BASE + t, OFFSET, "slide", "deck", name, lang, trigger)


def language(t: float, name: str, lang: str) -> LogLine:
    return LogLine(BASE + t, OFFSET, "language", "deck", name, lang, "touch")


def narration(t: float, name: str, state: str, lang: str = "fr") -> LogLine:
    return LogLine(BASE + t, OFFSET, "narration", "deck", name, lang, None, state, 20.0)


def event(t: float, name: str) -> LogLine:
    return LogLine(BASE + t, OFFSET, name)


def test_a_visit_runs_from_the_first_touch_to_the_return_to_the_loop() -> None:
    lines = [
        slide(0, "a", "timer"),
        slide(12, "b", "timer"),
        slide(15, "c", "touch"),
        narration(16, "c", "start"),
        narration(30, "c", "stopped"),
        slide(30, "d", "key"),
        slide(90, "e", "idle"),
        slide(102, "f", "timer"),
    ]
    [visit] = find_visits(lines, IDLE)
    assert (visit.start, visit.end, visit.ended_by) == (BASE + 15, BASE + 90, "idle")
    assert visit.views == (
        View(("deck", "c"), BASE + 15, 15.0),
        View(("deck", "d"), BASE + 30, 60.0),
    )
    assert visit.narration == ((("deck", "c"), "start"), (("deck", "c"), "stopped"))
    assert (visit.slides_seen, visit.last_slide, visit.narration_starts) == (2, ("deck", "d"), 1)


def test_a_language_switch_starts_a_visit_and_keeps_the_slide_on_screen() -> None:
    lines = [
        slide(0, "a", "timer"),
        language(5, "a", "en"),
        language(9, "a", "de"),
        slide(20, "b", "touch", "de"),
        slide(25, "a", "touch", "de"),
        slide(85, "b", "idle"),
    ]
    [visit] = find_visits(lines, IDLE)
    assert visit.start == BASE + 5
    assert visit.languages == ("en", "de")
    assert [(v.slide[1], v.seconds) for v in visit.views] == [("a", 15), ("b", 5), ("a", 60)]
    assert visit.slides_seen == 2


def test_the_loop_running_on_during_a_visit_stays_in_the_visit() -> None:
    """After pause and play the loop moves on while the visitor watches: the same visit."""
    lines = [
        slide(0, "a", "touch"),
        slide(12, "b", "timer"),
        slide(13, "b", "reload"),  # the same slide again, in its new version: the same view
        slide(24, "c", "timer"),
        slide(84, "d", "idle"),
    ]
    [visit] = find_visits(lines, IDLE)
    assert [(v.slide[1], v.seconds) for v in visit.views] == [("a", 12), ("b", 12), ("c", 60)]


@pytest.mark.parametrize(
    ("ending", "end", "ended_by"),
    [
        (event(40, "closed"), 40, "closed"),
        (slide(200, "a", "resume"), 30, "restart"),
        (slide(200, "a", "start"), 30, "restart"),
        (None, 30, "end of log"),
    ],
    ids=["closed", "resume", "start", "end of log"],
)
def test_a_visit_ends_at_closing_a_restart_or_the_end_of_the_log(
    ending: LogLine | None, end: float, ended_by: str
) -> None:
    lines = [slide(0, "a", "timer"), slide(10, "b", "touch"), narration(30, "b", "start")]
    [visit] = find_visits([*lines, *([ending] if ending else [])], IDLE)
    assert (visit.start, visit.end, visit.ended_by) == (BASE + 10, BASE + end, ended_by)
    assert visit.views == (View(("deck", "b"), BASE + 10, end - 10),)


def test_a_visitor_who_writes_no_trigger_is_seen_at_the_return_to_the_loop() -> None:
    """A tap in the middle of the screen holds the slide; nothing is written until the kiosk
    returns to the loop, idle_timeout seconds after it."""
    lines = [
        slide(0, "a", "timer"),
        narration(1, "a", "start"),  # the loop's own narration, before the visitor came
        slide(12, "b", "timer"),
        narration(29.7, "b", "start"),  # the speaker button, a moment before its time + IDLE
        narration(50, "b", "end"),
        slide(29.8 + IDLE, "c", "idle"),
    ]
    [visit] = find_visits(lines, IDLE)
    assert visit.start == pytest.approx(BASE + 29.8)
    assert visit.end == BASE + 29.8 + IDLE
    assert visit.views == (View(("deck", "b"), visit.start, pytest.approx(IDLE)),)
    assert visit.narration == ((("deck", "b"), "start"), (("deck", "b"), "end"))


def test_a_visit_seen_only_at_its_end_starts_no_earlier_than_its_slide() -> None:
    lines = [slide(0, "a", "timer"), slide(12, "b", "timer"), slide(50, "c", "idle")]
    [visit] = find_visits(lines, IDLE)
    assert (visit.start, visit.seconds) == (BASE + 12, 38)


def test_narration_alone_never_starts_a_visit() -> None:
    """The loop that narrates by itself writes the same lines a visitor's speaker button does."""
    lines = [
        slide(0, "a", "timer"),
        narration(1, "a", "start"),
        narration(9, "a", "end"),
        slide(12, "b", "timer"),
        narration(13, "b", "start"),
        narration(14, "b", "stopped"),
        event(20, "closed"),
    ]
    assert find_visits(lines, IDLE) == []


def test_after_closing_the_next_touch_is_a_new_visit() -> None:
    lines = [
        slide(0, "a", "touch"),
        event(10, "closed"),
        event(100, "open"),
        slide(100, "a", "open"),
        slide(110, "b", "key"),
        slide(180, "c", "idle"),
    ]
    first, second = find_visits(lines, IDLE)
    assert (first.ended_by, second.start, second.ended_by) == ("closed", BASE + 110, "idle")


def test_median_and_nearest_rank_percentile() -> None:
    assert median([]) is None and percentile([], 0.9) is None
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5
    values = list(range(1, 11))  # 0.9 * 10 is 9.000000000000002: the 9th value all the same
    assert percentile(values, 0.9) == 9
    assert percentile(list(range(1, 8)), 0.9) == 7
    assert percentile([5.0], 0.9) == 5.0
    assert percentile(list(range(1, 101)), 0.5) == 50


@pytest.mark.parametrize("seed", [1944, 7, 19])
def test_every_visit_of_a_simulated_week_is_found_as_it_happened(seed: int) -> None:
    week = play_week(seed)
    lines = [parse_line((line.text + "\n").encode()) for line in week.lines]
    found = find_visits([line for line in lines if line is not None], IDLE)
    assert len(found) == len(week.visits) > 100
    for visit, truth in zip(found, week.visits, strict=True):
        assert visit.start == pytest.approx(truth.start, abs=1e-3)
        assert visit.end == pytest.approx(truth.end, abs=1e-3)
        assert visit.ended_by == truth.ended_by
        assert [view.slide for view in visit.views] == [slide for slide, _, _ in truth.views]
        assert [view.seconds for view in visit.views] == pytest.approx(
            [until - since for _, since, until in truth.views], abs=1e-3
        )
        assert list(visit.languages) == truth.languages
        assert list(visit.narration) == truth.narration
    kinds = {(truth.quiet, truth.ended_by) for truth in week.visits}
    assert kinds >= {(True, "idle"), (False, "idle"), (False, "closed"), (False, "restart")}
    assert (False, "end of log") in kinds
    lengths = [visit.seconds for visit in found]
    assert median(lengths) == pytest.approx(statistics.median(t.seconds for t in week.visits))
    assert percentile(lengths, 0.9) == pytest.approx(
        sorted(t.seconds for t in week.visits)[math.ceil(0.9 * len(lengths)) - 1]
    )
