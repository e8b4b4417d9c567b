"""Where a timeline's or a map's parts go in the photo area, in pixels: pure geometry.

A step slide of a panel (kiosk.show.events) shows the whole panel with its current event
lit. The screen draws what these functions place, and takes its tap targets from the very
same markers, so a finger lands where the eye sees a marker. Every marker's target is at
least a fingertip square (`PanelScreen.finger`: MIN_BUTTON_PX, or MIN_TOUCH_MM on the glass
when that is more); timeline events too close in time to have one each are stacked above
the axis, and labels that would overlap are moved to a second row or left out, never drawn
over each other. The map's geometry is in kiosk.show.map_layout; what both share (the
screen, labels, markers, tap targets) in kiosk.show.panel_parts, re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.show.event_axis import AxisScale, Tick, axis_ticks
from kiosk.show.events import Event, Panel
from kiosk.show.layout import Rect, line_height
from kiosk.show.panel_parts import (
    Label,
    Marker,
    PanelScreen,
    TapTargets,
    big_date,
    step_at,
    tap_targets,
)

__all__ = [
    "Label",
    "Marker",
    "PanelScreen",
    "TapTargets",
    "Tick",
    "TimelinePicture",
    "step_at",
    "tap_targets",
    "timeline_picture",
]

DOT = 0.4
"""An event's dot, as a share of the fingertip; the current event's is CURRENT_DOT."""
CURRENT_DOT = 0.6
BAND_AT_MOST = 0.5
"""Events are stacked above the axis up to this share of the photo area, labels included:
the rest is the photo's."""
LABEL_ROWS = 2
"""Rows of date labels under the axis; a label with room in neither is left out."""


@dataclass(frozen=True)
class TimelinePicture:
    axis: tuple[int, int, int]
    """The axis line: its left and right ends and its height on the screen."""
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]
    labels: tuple[Label, ...]
    above: Rect
    """Above the axis: the room for the event's photo (or the date written large)."""
    big_date: tuple[Label, ...]
    """The current event's date written large in the photo's place; none over a photo."""
    finger: int


def timeline_picture(
    area: Rect, panel: Panel, step: int, screen: PanelScreen, has_photo: bool
) -> TimelinePicture:
    """The timeline in `area` (the slide's photo area) with event `step` lit."""
    finger = screen.finger
    left, right = area.x + finger, max(area.x + finger + 1, area.right - finger)
    scale = AxisScale.for_events(panel.events, left, right)
    spans = [
        _extent(event, scale, finger, index == step) for index, event in enumerate(panel.events)
    ]
    label_h = line_height(screen.sizes.title)
    band = area.h * BAND_AT_MOST - LABEL_ROWS * label_h - screen.pad // 2
    levels = _stack(spans, max(1, int(band // finger)))
    placed = _axis_labels(panel.events, step, spans, area, screen)
    rows = 1 + max((row for _, row in placed), default=0)
    axis_y = area.bottom - rows * label_h - screen.pad // 2 - finger // 2
    markers = tuple(
        _marker(index, span, axis_y - level * finger, index == step)
        for index, (span, level) in enumerate(zip(spans, levels, strict=True))
    )
    label_top = axis_y + finger // 2 + screen.pad // 4
    labels = tuple(
        Label(label.text, Rect(label.box.x, label_top + row * label_h, label.box.w, label_h),
              label.size, label.current)
        for label, row in placed
    )  # fmt: skip
    band_top = axis_y - max(levels, default=0) * finger - finger // 2
    above = Rect(area.x, area.y, area.w, max(0, band_top - screen.pad // 2 - area.y))
    big = () if has_photo else big_date(panel.events[step], above, screen)
    ticks = axis_ticks(scale, max(6, screen.pad // 2))
    return TimelinePicture((left, right, axis_y), ticks, markers, labels, above, big, finger)


@dataclass(frozen=True)
class _Extent:
    """An event's marker along the axis before it is stacked: its shape's ends, its
    target's ends, and the thickness of its shape."""

    centre: int
    shape: tuple[int, int]
    target: tuple[int, int]
    thickness: int
    bar: bool


def _extent(event: Event, scale: AxisScale, finger: int, current: bool) -> _Extent:
    size = round(finger * (CURRENT_DOT if current else DOT))
    centre = round(scale.x(event.date.middle + 0.5))
    if event.date.is_span:
        start = round(scale.x(event.date.start.toordinal()))
        end = round(scale.x(event.date.end.toordinal() + 1))
        shape = (min(start, centre - size // 2), max(end, centre + size // 2))
        thickness, bar = max(4, size * 2 // 3), True
    else:
        shape, thickness, bar = (centre - size // 2, centre - size // 2 + size), size, False
    target = (min(shape[0], centre - finger // 2), max(shape[1], centre - finger // 2 + finger))
    return _Extent(centre, shape, target, thickness, bar)


def _stack(spans: Sequence[_Extent], most: int) -> list[int]:
    """The level of each marker above the axis (0: on it): the lowest where its target
    overlaps no target already there, so every event keeps a fingertip of its own. With
    `most` levels taken, the one it overlaps least: there a tap goes to the nearer."""
    taken: list[list[tuple[int, int]]] = [[] for _ in range(most)]
    levels = []
    for span in spans:
        crowding = [sum(_shared(span.target, other) for other in level) for level in taken]
        free = [index for index, crowded in enumerate(crowding) if not crowded]
        level = free[0] if free else min(range(most), key=crowding.__getitem__)
        taken[level].append(span.target)
        levels.append(level)
    return levels


def _shared(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _marker(step: int, span: _Extent, y: int, current: bool) -> Marker:
    rect = Rect(
        span.shape[0], y - span.thickness // 2, span.shape[1] - span.shape[0], span.thickness
    )
    return Marker(step, rect, (span.centre, y), current, span.bar)


def _axis_labels(
    events: Sequence[Event],
    step: int,
    spans: Sequence[_Extent],
    area: Rect,
    screen: PanelScreen,
) -> list[tuple[Label, int]]:
    """The short dates under the axis, each with its row: the current event's first, in row
    0, then the others in date order, each in the first row where it overlaps no other label
    (the same date is written once); a label with room in no row is left out."""
    size = screen.sizes.title
    gap = screen.pad // 2
    order = [step, *(index for index in range(len(events)) if index != step)]
    placed: list[tuple[Label, int]] = []
    written: set[object] = set()
    for index in order:
        event = events[index]
        if event.date in written:
            continue
        text = screen.text(event.date_label)
        current = index == step
        width = min(area.w, screen.measure_at(text, size, current))
        x = min(max(area.x, spans[index].centre - width // 2), area.right - width)
        box = Rect(x, 0, width, 1)
        for row in range(LABEL_ROWS):
            crowded = (_meet((box.x - gap, box.right + gap), (other.box.x, other.box.right))
                       for other, other_row in placed if other_row == row)  # fmt: skip
            if not any(crowded):
                placed.append((Label(text, box, size, current), row))
                written.add(event.date)
                break
    return placed
