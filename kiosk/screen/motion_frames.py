"""The Ken Burns pan and zoom on screen: only the photo's place is painted each frame.

Each slide's photo is prepared once, when its frame is composed, at the size its deepest
zoom needs (`MovingPhoto`); a frame then cuts the view out of it and scales it into the
photo's place with nearest-pixel scaling, which the bench measured at about 2 ms for a
1920x800 place where smoothscale took 7 to 12 ms (bench/RESULTS.md, "Ken Burns"). A motion
that keeps one zoom is a plain blit. The caption panel is never redrawn: it stays on screen
from the composed frame. The clock runs only while the slide moves, so a paused slide, or
one shown with reduced motion, is a still frame that costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

import pygame

from kiosk.screen.slide_frame import FrameKey
from kiosk.show.layout import Rect
from kiosk.show.motion import Motion, clamp_view, view_at, visible_part


class MovingPhoto:
    """One photo in its place, ready to be shown at any point of its motion."""

    def __init__(self, photo: pygame.Surface, place: Rect, motion: Motion) -> None:
        self.motion = motion
        self.place = pygame.Rect(place.x, place.y, place.w, place.h)
        zoom = max(clamp_view(motion.start).zoom, clamp_view(motion.end).zoom)
        size = (max(1, round(place.w * zoom)), max(1, round(place.h * zoom)))
        self.photo = (
            photo if photo.get_size() == size else pygame.transform.smoothscale(photo, size)
        )
        self.one_zoom = clamp_view(motion.start).zoom == clamp_view(motion.end).zoom

    def paint(self, target: pygame.Surface, progress: float) -> pygame.Rect:
        """The view `progress` of the way along, in the photo's place on `target`."""
        width, height = self.photo.get_size()
        x, y, w, h = visible_part(view_at(self.motion, progress), width, height)
        left, top = min(round(x), width - 1), min(round(y), height - 1)
        if self.one_zoom:
            target.blit(self.photo, self.place.topleft, (left, top, *self.place.size))
            return self.place
        part = (left, top, min(round(w), width - left), min(round(h), height - top))
        cut = self.photo.subsurface(part)
        if cut.get_size() == self.place.size:
            target.blit(cut, self.place.topleft)
        else:
            pygame.transform.scale(cut, self.place.size, target.subsurface(self.place))
        return self.place


class PhotoMotion:
    """The moving photos of the frames the renderer keeps, and the clock of the one on screen.

    The clock counts only the time the slide moved, so a pause stops the photo where it is
    and play goes on from there; the motion lasts the slide's duration, then rests on its
    last view."""

    def __init__(self) -> None:
        self._photos: OrderedDict[FrameKey, MovingPhoto] = OrderedDict()
        self.shown: MovingPhoto | None = None
        self._duration = 1.0
        self._elapsed = 0.0
        self._ticked_at: float | None = None

    def prepare(
        self, key: FrameKey, frame: pygame.Surface, photo: pygame.Surface, place: Rect
    ) -> None:
        """Keep `key`'s moving photo, and paint its first view into its composed `frame`.
        A timeline's or a map's step never moves: its markers are drawn on a still picture."""
        if key.slide.motion is None or key.slide.panel is not None or place.w <= 0 or place.h <= 0:
            return
        moving = MovingPhoto(photo, place, key.slide.motion)
        moving.paint(frame, 0.0)
        self._photos[key] = moving

    def forget(self, key: FrameKey) -> None:
        self._photos.pop(key, None)

    def show(self, key: FrameKey) -> None:
        """`key` is now on screen: its motion starts from the beginning."""
        self.shown = self._photos.get(replace(key, spoken=None))  # one photo, lit or not
        self._duration = max(0.1, key.slide.duration)
        self._elapsed, self._ticked_at = 0.0, None

    @property
    def progress(self) -> float:
        return min(1.0, self._elapsed / self._duration)

    @property
    def moved(self) -> bool:
        return self.shown is not None and self._elapsed > 0

    def moving(self, may_move: bool) -> bool:
        """Whether the photo on screen still needs frames; `may_move` is False while the slide
        is paused, fading in, or shown with reduced motion."""
        if not may_move or self.shown is None or self.progress >= 1:
            self._ticked_at = None
            return False
        return True

    def tick(self, now: float) -> None:
        """Advance the clock to `now`; call once a frame while `moving`."""
        if self._ticked_at is not None:
            self._elapsed += max(0.0, now - self._ticked_at)
        self._ticked_at = now

    def paint(self, target: pygame.Surface) -> pygame.Rect | None:
        """The photo on screen at its clock's view, if it has a motion."""
        return self.shown.paint(target, self.progress) if self.shown is not None else None
