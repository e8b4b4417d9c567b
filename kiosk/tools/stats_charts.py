"""The charts of `kiosk stats --html`, drawn by matplotlib into PNG images.

matplotlib because it is the long-kept standard for this (a NumFOCUS project, released
several times a year, packaged by Debian as python3-matplotlib), draws PNG with no display
through its Agg renderer, and brings its own font, so a slide named `libération` is drawn the
same on any machine. Only this command needs it: it is imported inside these functions, never
when the kiosk or any other command starts, and a machine without it still has every other
output of `kiosk stats`.
"""

from __future__ import annotations

import importlib
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.hall.stats_figures import WEEKDAYS, StatsReport
from kiosk.tools.stats_tables import slide_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes

INSTALL = ".venv/bin/pip install 'matplotlib>=3.8'"
RANKED_SLIDES = 20
ACCENT = "#2f6f8f"
SECOND = "#c8783a"
MUTED = "#9aa7ad"


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes
    text: str
    """What the chart shows, in words, for a reader without the image."""


def charts_unavailable() -> str | None:
    """Why --html cannot draw its charts here, or None when it can."""
    try:
        importlib.import_module("matplotlib")
    except ImportError:
        pass
    else:
        return None
    return (
        "--html draws its charts with matplotlib, which is not installed here: install it "
        f"with {INSTALL} (or ./install.sh --stats), then try again"
    )


def draw_charts(report: StatsReport) -> list[Chart]:
    """Every chart of the page; none when the period has no visit."""
    if not report.visits:
        return []
    charts = [_hours(report), _weekdays(report)]
    if len(report.period.days) > len(WEEKDAYS):  # else the same bars as the days of the week
        charts.append(_days(report))
    return [*charts, _lengths(report), _attention(report), _languages(report)]


def _draw(height: float, paint: Callable[[Axes], None], grid: str = "y") -> bytes:
    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # not its font cache's news
    from matplotlib.figure import Figure  # only here: the kiosk never loads matplotlib

    figure = Figure(figsize=(9.6, height), dpi=100, layout="constrained")
    axes = figure.subplots()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis=grid, alpha=0.3)
    axes.set_axisbelow(True)
    paint(axes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _columns(axes: Axes, labels: Sequence[str], values: Sequence[float], ylabel: str) -> None:
    bars = axes.bar(range(len(values)), values, color=ACCENT, width=0.75)
    axes.set_xticks(range(len(values)), labels)
    axes.set_ylabel(ylabel)
    axes.bar_label(bars, labels=[f"{v:g}" if v else "" for v in values], fontsize=8)
    axes.margins(x=0.01)


def _hours(report: StatsReport) -> Chart:
    busy = [hour for hour in range(24) if report.per_hour[hour]]
    hours = range(max(0, busy[0] - 2), min(24, busy[-1] + 3))  # the day's busy part
    labels = [f"{hour}h" for hour in hours]
    values = [report.per_hour[hour] for hour in hours]
    png = _draw(3.4, lambda axes: _columns(axes, labels, values, "visits"))
    busiest = max(range(24), key=lambda hour: report.per_hour[hour])
    text = f"Visits by the hour they started; the busiest hour is {busiest}:00–{busiest + 1}:00."
    return Chart("Visits by hour of the day", png, text)


def _weekdays(report: StatsReport) -> Chart:
    png = _draw(3.2, lambda axes: _columns(axes, WEEKDAYS, report.per_weekday, "visits"))
    counts = ", ".join(f"{d} {n}" for d, n in zip(WEEKDAYS, report.per_weekday, strict=True))
    return Chart("Visits by day of the week", png, f"Visits in the period: {counts}.")


def _days(report: StatsReport) -> Chart:
    labels = [f"{WEEKDAYS[d.weekday()]}\n{d:%d %b}" for d in report.period.days]
    many = len(labels) > 31

    def paint(axes: Axes) -> None:
        _columns(axes, labels, report.per_day, "visits")
        if many:  # a long period: a label a week
            axes.set_xticks(range(0, len(labels), 7), labels[::7])

    return Chart("Visits by day", _draw(3.4, paint), "Visits on each day of the period.")


def _lengths(report: StatsReport) -> Chart:
    minutes = [visit.seconds / 60 for visit in report.visits]

    def paint(axes: Axes) -> None:
        axes.hist(minutes, bins=min(30, max(5, len(minutes) // 4)), color=ACCENT)
        for value, name, colour in (
            (report.median_seconds, "median", SECOND),
            (report.p90_seconds, "90th percentile", MUTED),
        ):
            if value is not None:
                axes.axvline(value / 60, color=colour, linewidth=2, label=f"{name}")
        axes.set_xlabel("visit length (minutes)")
        axes.set_ylabel("visits")
        axes.legend(frameon=False)

    text = "How long visits lasted, with the median and the 90th percentile marked."
    return Chart("Visit lengths", _draw(3.4, paint), text)


def _attention(report: StatsReport) -> Chart:
    ranked = [f for f in report.slides if f.views][:RANKED_SLIDES]
    names = [slide_name(f.slide) for f in ranked]
    minutes = [f.attention / 60 for f in ranked]

    def paint(axes: Axes) -> None:
        bars = axes.barh(range(len(ranked)), minutes, color=ACCENT)
        axes.set_yticks(range(len(ranked)), names, fontsize=9)
        axes.invert_yaxis()
        axes.bar_label(bars, labels=[f"{f.views} stays" for f in ranked], fontsize=8, padding=3)
        axes.set_xlabel("minutes visitors spent on the slide, all visits together")
        axes.margins(x=0.12)

    height = 1.2 + 0.32 * max(1, len(ranked))
    top = ", ".join(names[:3])
    text = f"The {len(ranked)} slides visitors spent most time on; first {top}."
    return Chart("Slides ranked by attention", _draw(height, paint, grid="x"), text)


def _languages(report: StatsReport) -> Chart:
    labels = [f.lang for f in report.languages] + [
        f"no switch ({report.loop_language})" if report.loop_language else "no switch"
    ]
    values = [f.visits for f in report.languages] + [report.kept_language]

    def paint(axes: Axes) -> None:
        bars = axes.barh(range(len(values)), values, color=[ACCENT] * (len(values) - 1) + [MUTED])
        axes.set_yticks(range(len(values)), labels)
        axes.invert_yaxis()
        axes.bar_label(bars, fontsize=8, padding=3)
        axes.set_xlabel("visits that switched to the language")
        axes.margins(x=0.1)

    text = ", ".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
    png = _draw(1.2 + 0.45 * len(values), paint, grid="x")
    return Chart("Languages chosen", png, text + ".")
