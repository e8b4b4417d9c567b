"""Ken Burns: the slow pan and zoom over a still photo, as a pure path over time.

A view is the part of the photo on screen: its centre as fractions of the photo (0..1 across,
0..1 down) and its zoom (1 shows the whole photo, 2 half of it each way). A motion runs from
one view to another over the slide's time. Every view is clamped so that the part shown lies
inside the photo: the letterbox around it is never shown, whatever the curator wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_ZOOM = 1.0
MAX_ZOOM = 3.0
AUTO_ZOOM = 1.25
"""How far `auto` zooms in: gentle enough not to lose the photo, enough to be seen moving."""


@dataclass(frozen=True)
class View:
    x: float
    y: float
    zoom: float


@dataclass(frozen=True)
class Motion:
    start: View
    end: View

    @property
    def max_zoom(self) -> float:
        return max(self.start.zoom, self.end.zoom)


def clamp_view(view: View) -> View:
    """`view` moved and zoomed the least needed for the part it shows to lie inside the photo."""
    zoom = min(MAX_ZOOM, max(MIN_ZOOM, view.zoom))
    half = 0.5 / zoom
    return View(_between(view.x, half, 1 - half), _between(view.y, half, 1 - half), zoom)


def auto_motion(focus: tuple[float, float] | None) -> Motion:
    """From the whole photo to a gentle zoom on its centre of interest (`focus`, else its
    centre), which stays in view throughout."""
    x, y = focus if focus is not None else (0.5, 0.5)
    return Motion(View(0.5, 0.5, MIN_ZOOM), clamp_view(View(x, y, AUTO_ZOOM)))


def view_at(motion: Motion, progress: float) -> View:
    """The view `progress` of the way (0..1) along `motion`, easing in and out so that it
    neither starts nor stops with a jolt."""
    t = min(1.0, max(0.0, progress))
    t = t * t * (3 - 2 * t)
    start, end = clamp_view(motion.start), clamp_view(motion.end)
    # The zoom changes evenly to the eye: by the same ratio each frame, not the same amount.
    zoom = start.zoom * (end.zoom / start.zoom) ** t
    x = start.x + (end.x - start.x) * t
    y = start.y + (end.y - start.y) * t
    return clamp_view(View(x, y, zoom))


def visible_part(view: View, width: float, height: float) -> tuple[float, float, float, float]:
    """The part of a `width` x `height` photo that `view` shows: (x, y, w, h) in its pixels."""
    view = clamp_view(view)
    w, h = width / view.zoom, height / view.zoom
    left = _between(view.x * width - w / 2, 0.0, width - w)
    top = _between(view.y * height - h / 2, 0.0, height - h)
    return left, top, w, h


def _between(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))
