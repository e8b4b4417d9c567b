"""Where a map's places and their names go: pure geometry.

The base map is fitted into the photo area (the caption says the current event's place and
date: kiosk.show.step_caption). Each place of the panel's events gets one marker, where the
panel's projection (kiosk.show.events) puts its latitude and longitude on the fitted image,
and its name beside it: to its right, else its left, above or below, whichever stays inside
the map and covers no other name or marker (the current place's name is placed first, so it
is the one that never gives way). A tap on a place shows its event; on the lit place with
several events, the next of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.show.events import Panel, Place
from kiosk.show.layout import Rect, fit_image_to_screen, line_height
from kiosk.show.panel_parts import Label, Marker, PanelScreen

__all__ = ["MapPicture", "map_picture"]

DOT = 0.36
"""A place's dot, as a share of the fingertip; the current place's is CURRENT_DOT, in a ring
as wide as the fingertip."""
CURRENT_DOT = 0.5


@dataclass(frozen=True)
class MapPicture:
    map_rect: Rect
    """Where the base map image is drawn: fitted into the photo area."""
    markers: tuple[Marker, ...]
    labels: tuple[Label, ...]
    """The places' names; a label's `box` includes its plate's margin (`plate`)."""
    finger: int
    plate: int
    """The margin, left and right, of the plate under a name, so it reads on any map."""

    @property
    def ring(self) -> int:
        """The radius of the ring round the current place."""
        return self.finger // 2


def map_picture(
    area: Rect, image_size: tuple[int, int], panel: Panel, step: int, screen: PanelScreen
) -> MapPicture:
    """The map of `panel` in `area` (the slide's photo area), its image of `image_size`
    pixels, with event `step`'s place lit."""
    map_rect = fit_image_to_screen(*image_size, area)
    markers = tuple(
        _marker(place, steps, step, panel, map_rect, screen.finger)
        for place, steps in _places(panel)
    )
    plate = max(2, screen.pad // 4)
    labels = _names(markers, _places(panel), map_rect, screen, plate)
    return MapPicture(map_rect, markers, labels, screen.finger, plate)


def _places(panel: Panel) -> list[tuple[Place, list[int]]]:
    """Each place of the panel's events once, in the order of its first event, with the
    steps that happen there."""
    places: dict[str, tuple[Place, list[int]]] = {}
    for index, event in enumerate(panel.events):
        if event.place is not None:
            places.setdefault(event.place.id, (event.place, []))[1].append(index)
    return list(places.values())


def _marker(
    place: Place, steps: list[int], step: int, panel: Panel, map_rect: Rect, finger: int
) -> Marker:
    """The place's dot on the fitted map; a tap on it shows its first event, or, when it is
    lit, its next one."""
    assert panel.base_map is not None
    u, v = panel.base_map.projection.place(place.latitude, place.longitude)
    x, y = round(map_rect.x + u * map_rect.w), round(map_rect.y + v * map_rect.h)
    current = step in steps
    size = round(finger * (CURRENT_DOT if current else DOT))
    shows = steps[(steps.index(step) + 1) % len(steps)] if current else steps[0]
    return Marker(shows, Rect(x - size // 2, y - size // 2, size, size), (x, y), current)


def _names(
    markers: Sequence[Marker],
    places: Sequence[tuple[Place, list[int]]],
    map_rect: Rect,
    screen: PanelScreen,
    plate: int,
) -> tuple[Label, ...]:
    """Each place's name beside its marker, the current one first, wherever it covers least;
    another name that would cover a name or a marker is left out (its dot stays, and a tap
    on it still shows its event): on a map too small for every name, the lit one is read."""
    reaches = [_reach(marker, screen.finger) for marker in markers]
    order = sorted(range(len(markers)), key=lambda index: not markers[index].current)
    placed: list[Label] = []
    for index in order:
        marker = markers[index]
        text = screen.text(places[index][0].name)
        size = screen.sizes.title
        width = screen.measure_at(text, size, marker.current) + 2 * plate
        room = screen.pad // 8  # names that only touch read as one
        others = [_grown(label.box, room) for label in placed]
        others += [reach for other, reach in enumerate(reaches) if other != index]
        box, covered = _best_place(
            reaches[index], (width, line_height(size)), map_rect, screen.pad // 4, others
        )
        if marker.current or not covered:
            placed.append(Label(text, box, size, marker.current))
    return tuple(placed)


def _reach(marker: Marker, finger: int) -> Rect:
    """What a marker covers on screen: the current one's ring, another's dot."""
    if not marker.current:
        return marker.rect
    x, y = marker.centre
    return Rect(x - finger // 2, y - finger // 2, finger, finger)


def _best_place(
    reach: Rect, size: tuple[int, int], map_rect: Rect, gap: int, others: Sequence[Rect]
) -> tuple[Rect, int]:
    """Around the marker covering `reach`: right, left, above, below, then the corners, each
    slid along its side to stay on the map; the first inside the map that covers least of
    `others`, and how much it covers. On a map too small for any, the least covering, the
    marker itself counted, kept on the map."""
    width, height = size
    x, y = reach.x + reach.w // 2, reach.y + reach.h // 2
    beside = _clamped(Rect(0, y - height // 2, width, height), map_rect).y
    over = _clamped(Rect(x - width // 2, 0, width, height), map_rect).x
    right, left = reach.right + gap, reach.x - gap - width
    top, bottom = reach.y - gap - height, reach.bottom + gap
    candidates = [
        Rect(right, beside, width, height),
        Rect(left, beside, width, height),
        Rect(over, top, width, height),
        Rect(over, bottom, width, height),
        *(Rect(cx, cy, width, height) for cy in (top, bottom) for cx in (right, left)),
    ]
    inside = [box for box in candidates if _within(box, map_rect)]
    if not inside:
        inside, others = [_clamped(box, map_rect) for box in candidates], [*others, reach]
    scored = [(sum(_overlap(box, other) for other in others), n) for n, box in enumerate(inside)]
    covered, best = min(scored)
    return inside[best], covered


def _grown(box: Rect, by: int) -> Rect:
    return Rect(box.x - by, box.y - by, box.w + 2 * by, box.h + 2 * by)


def _within(box: Rect, outer: Rect) -> bool:
    return (
        box.x >= outer.x and box.y >= outer.y and box.right <= outer.right
        and box.bottom <= outer.bottom
    )  # fmt: skip


def _clamped(box: Rect, outer: Rect) -> Rect:
    x = max(outer.x, min(box.x, outer.right - box.w))
    y = max(outer.y, min(box.y, outer.bottom - box.h))
    return Rect(x, y, box.w, box.h)


def _overlap(a: Rect, b: Rect) -> int:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return max(0, w) * max(0, h)
