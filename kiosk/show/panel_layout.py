"""Where a timeline's or a map's parts go in the photo area, in pixels: pure geometry.

A step slide of a panel (kiosk.show.events) shows the whole panel with its current event
lit. The screen draws what these functions place, and takes its tap targets from the very
same markers, so a finger lands where the eye sees a marker. Every marker's target is at
least a fingertip square (`PanelScreen.finger`: MIN_BUTTON_PX, or MIN_TOUCH_MM on the glass
when that is more); timeline events too close in time to have one each are stacked above
the axis, and labels that would overlap are moved to a second row or left out, never drawn
over each other. The map's geometry is kiosk.show.map_layout's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.show.deck import LocalizedText
from kiosk.show.event_axis import AxisScale, Tick, axis_ticks
from kiosk.show.events import Event, Panel
from kiosk.show.layout import MIN_BUTTON_PX, Rect, ScreenSpec, TextMeasure, TypeSizes, line_height
from kiosk.show.layout_geometry import ellipsized, padding
from kiosk.show.line_breaking import wrap

__all__ = [
    "Label",
    "Marker",
    "PanelScreen",
    "TapTargets",
    "Tick",
    "TimelinePicture",
    "event_heading",
    "heading_label",
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
BIG_DATE = 2.5
"""The largest size of the date written in place of a missing photo, in caption sizes."""

TapTargets = tuple[tuple[Rect, int], ...]
"""Where a tap shows which step of the panel on screen."""


@dataclass(frozen=True)
class PanelScreen:
    """What a panel's picture needs of the screen: type sizes (larger when a visitor asked),
    the padding, the fingertip, text measures, and the language it is read in."""

    sizes: TypeSizes
    pad: int
    finger: int
    measure: TextMeasure
    measure_bold: TextMeasure
    lang: str
    fallback: str

    @classmethod
    def for_screen(
        cls,
        width: int,
        height: int,
        sizes: TypeSizes,
        measures: tuple[TextMeasure, TextMeasure],
        lang: str,
        fallback: str,
        spec: ScreenSpec | None = None,
    ) -> PanelScreen:
        """The fingertip is as large as the smallest button (kiosk.show.layout_controls)."""
        finger = max(MIN_BUTTON_PX, (spec or ScreenSpec()).min_touch_px(width, height))
        pad = padding(width, height)
        return cls(sizes, pad, finger, measures[0], measures[1], lang, fallback)

    def text(self, text: LocalizedText) -> str:
        return text.in_language(self.lang, self.fallback)[0]

    def measure_at(self, text: str, size: int, bold: bool) -> int:
        return (self.measure_bold if bold else self.measure)(text, size)


@dataclass(frozen=True)
class Label:
    """A line of text: `box` is as wide as the text measures and a line tall; `current`
    is the lit event's (drawn bold, in the accent colour)."""

    text: str
    box: Rect
    size: int
    current: bool = False


@dataclass(frozen=True)
class Marker:
    """An event (on a map, a place) drawn at `rect`, a dot or a span's bar, around `centre`;
    a tap on it shows `step`."""

    step: int
    rect: Rect
    centre: tuple[int, int]
    current: bool = False
    bar: bool = False


@dataclass(frozen=True)
class TimelinePicture:
    axis: tuple[int, int, int]
    """The axis line: its left and right ends and its height on the screen."""
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]
    labels: tuple[Label, ...]
    above: Rect
    """Above the axis: the room for the event's photo (or the date written large)."""
    heading: Label | None
    """The current event's date and place over its photo; None when the date is written
    large instead (`big_date`)."""
    big_date: tuple[Label, ...]
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
    heading = heading_label(panel.events[step], above, screen) if has_photo else None
    if heading is not None:
        lower = heading.box.bottom + screen.pad // 4
        above = Rect(above.x, lower, above.w, max(0, above.bottom - lower))
    big = () if has_photo else _big_date(panel.events[step], above, screen)
    ticks = axis_ticks(scale, max(6, screen.pad // 2))
    return TimelinePicture(
        (left, right, axis_y), ticks, markers, labels, above, heading, big, finger
    )


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


def event_heading(event: Event, screen: PanelScreen) -> str:
    """The current event's date and place as a line: "21 août 1944 · Buis-les-Baronnies"."""
    date = screen.text(event.date_text)
    if event.place is None:
        return date
    return f"{date} · {screen.text(event.place.name)}"


def heading_label(event: Event, room: Rect, screen: PanelScreen) -> Label:
    """The event's date and place on a line of its own at the top of `room`, cut with '…'
    when the room is too narrow."""
    size = screen.sizes.title
    text = ellipsized(event_heading(event, screen), room.w, size, screen.measure_bold)
    width = screen.measure_bold(text, size)
    box = Rect(room.x + (room.w - width) // 2, room.y, width, line_height(size))
    return Label(text, box, size, current=True)


def _big_date(event: Event, room: Rect, screen: PanelScreen) -> tuple[Label, ...]:
    """The event's date written large in the middle of `room` (its photo's place), the place
    under it at the caption's size: the largest size from BIG_DATE captions down to the
    smallest readable at which the date takes at most two lines and both fit the room; in
    a room too small for both, the date alone; in one too small for that, nothing (the axis
    has the date in bold)."""
    sizes = screen.sizes
    date = screen.text(event.date_text)
    place = screen.text(event.place.name) if event.place is not None else ""
    width = max(1, room.w - 2 * screen.pad)
    for under in ([place] if place else []) + [""]:
        under_h = line_height(sizes.caption) if under else 0
        for size in range(round(sizes.caption * BIG_DATE), sizes.caption_min - 1, -2):
            lines = wrap(date, width, size, screen.measure_bold)
            if len(lines) <= 2 and len(lines) * line_height(size) + under_h <= room.h:
                rows = [(line, size, True) for line in lines]
                return _centred(
                    rows + ([(under, sizes.caption, False)] if under else []), room, screen
                )
    return ()


def _centred(
    rows: list[tuple[str, int, bool]], room: Rect, screen: PanelScreen
) -> tuple[Label, ...]:
    """Lines of (text, size, bold) one under the other, centred in `room` both ways."""
    total = sum(line_height(size) for _, size, _ in rows)
    y = room.y + max(0, (room.h - total) // 2)
    labels = []
    for text, size, bold in rows:
        width = min(room.w, screen.measure_at(text, size, bold))
        box = Rect(room.x + (room.w - width) // 2, y, width, line_height(size))
        labels.append(Label(text, box, size, bold))
        y += line_height(size)
    return tuple(labels)


def tap_targets(markers: Sequence[Marker], finger: int) -> TapTargets:
    """Each marker's target: its shape grown to at least a fingertip square about its
    centre. Where two overlap, `step_at` gives the tap to the nearer marker."""
    targets = []
    for marker in markers:
        width, height = max(finger, marker.rect.w), max(finger, marker.rect.h)
        x, y = marker.centre
        left = min(marker.rect.x, x - width // 2)
        top = min(marker.rect.y, y - height // 2)
        targets.append((Rect(left, top, width, height), marker.step))
    return tuple(targets)


def step_at(targets: TapTargets, x: float, y: float) -> int | None:
    """The step a tap at (x, y) shows: that of the target it is in, the one whose centre is
    nearest if it is in several; None outside them all."""
    hits = [(rect, step) for rect, step in targets if rect.contains(x, y)]
    if not hits:
        return None
    return min(hits, key=lambda hit: _distance(hit[0], x, y))[1]


def _distance(rect: Rect, x: float, y: float) -> float:
    return (rect.x + rect.w / 2 - x) ** 2 + (rect.y + rect.h / 2 - y) ** 2
