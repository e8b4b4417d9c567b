"""What a timeline and a map share: the screen they are set for, labels, markers, the date
written large, and the fingertip targets of the markers.

Pure, like kiosk.show.panel_layout and kiosk.show.map_layout, which place them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.show.deck import LocalizedText
from kiosk.show.events import Event
from kiosk.show.layout import MIN_BUTTON_PX, Rect, ScreenSpec, TextMeasure, TypeSizes, line_height
from kiosk.show.layout_geometry import padding
from kiosk.show.line_breaking import wrap

BIG_DATE = 2.5
"""The largest size of the date written in place of a missing photo, in caption sizes."""
ONE_LINE = 1.5
"""Down to this size (in caption sizes) the date is kept on one line; below, two lines are
allowed at a larger size."""

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


def big_date(event: Event, room: Rect, screen: PanelScreen) -> tuple[Label, ...]:
    """The event's date written large in the middle of `room`, its photo's place: at the
    largest size from BIG_DATE captions down to ONE_LINE at which it fits on one line, else
    at the largest down to the smallest readable at which its two lines fit; in a room too
    small for that, not at all (the axis has the date in bold, the caption begins with it)."""
    sizes = screen.sizes
    date = screen.text(event.date_text)
    width = max(1, room.w - 2 * screen.pad)
    one_line_down_to = round(sizes.caption * ONE_LINE)
    for most, smallest in ((1, one_line_down_to), (2, sizes.caption_min)):
        for size in range(round(sizes.caption * BIG_DATE), smallest - 1, -2):
            lines = wrap(date, width, size, screen.measure_bold)
            if len(lines) <= most and len(lines) * line_height(size) <= room.h:
                return _centred([(line, size, True) for line in lines], room, screen)
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
