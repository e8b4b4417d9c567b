"""A crossfade that shows the change from its first frame and blends only what changes.

Two slides' frames share most of the screen: the background, the caption panel's fill, the
controls. Blending and sending the whole 1920x1080 screen 30 times a second cost most of the
kiosk's CPU in a show of 5 s slides (two full-screen blits and a full flip a frame). So once per
transition the rectangles where the two frames differ are found (`changed_rects`, a pixel
comparison in C: about 10 ms at 1080p here), and every later frame of the fade blends and
sends only those: typically the photo and the caption's lines, a third to a half of the screen.

The first frame of a fade is drawn one frame period into it (at 1/30 of the way, not at 0), so
the frame that answers a tap already shows the new slide; before, it looked like the old one
and the change was seen a frame later.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.screen.waiting import FRAME_SECONDS

BAND = 16
"""Rows or columns examined together when the changed pixels are boxed: rectangles are
rounded out to this many pixels, which costs a little blending and saves many comparisons."""
SAME = (1, 1, 1, 255)
"""A pixel is unchanged when each colour channel differs by less than 1 (alpha is ignored)."""


@dataclass
class Fade:
    old: pygame.Surface
    started_at: float
    regions: list[pygame.Rect] | None = None
    """Where the old and the new frame differ, once known; None until then."""

    @classmethod
    def begin(cls, old: pygame.Surface, now: float) -> Fade:
        """A fade from `old` whose first frame is one frame period in (see the module)."""
        return cls(old, now - FRAME_SECONDS)

    def progress(self, now: float, seconds: float) -> float:
        return (now - self.started_at) / seconds

    def blend(
        self, screen: pygame.Surface, frame: pygame.Surface, progress: float, where: pygame.Rect
    ) -> None:
        """The two frames mixed at `progress` (0 old, 1 new) in `where` of `screen`."""
        screen.blit(self.old, where, where)
        frame.set_alpha(round(255 * min(1.0, max(0.0, progress))))
        screen.blit(frame, where, where)
        frame.set_alpha(None)


def changed_rects(old: pygame.Surface, new: pygame.Surface) -> list[pygame.Rect]:
    """Rectangles that together cover every pixel where `new` differs from `old` (which must
    have the same size): one per stretch of rows that has changes, as wide as its changes."""
    width, height = new.get_size()
    changed = pygame.mask.from_threshold(new, (0, 0, 0, 255), SAME, old)
    changed.invert()
    rows = [_count(changed, 0, y, width, BAND) for y in range(0, height, BAND)]
    rects = []
    for top, bottom in _stretches(rows):
        y, h = top * BAND, min(height, bottom * BAND) - top * BAND
        columns = [_count(changed, x, y, BAND, h) for x in range(0, width, BAND)]
        left = next(i for i, count in enumerate(columns) if count)
        right = len(columns) - next(i for i, count in enumerate(reversed(columns)) if count)
        x = left * BAND
        rects.append(pygame.Rect(x, y, min(width, right * BAND) - x, h))
    return rects


def _count(mask: pygame.mask.Mask, x: int, y: int, w: int, h: int) -> int:
    """How many pixels of `mask` are set in the rectangle (x, y, w, h)."""
    return mask.overlap_area(_full(w, h), (x, y))


_FULL: dict[tuple[int, int], pygame.mask.Mask] = {}


def _full(w: int, h: int) -> pygame.mask.Mask:
    if (w, h) not in _FULL:
        _FULL[(w, h)] = pygame.mask.Mask((w, h), fill=True)
    return _FULL[(w, h)]


def _stretches(counts: list[int]) -> list[tuple[int, int]]:
    """(first, past the last) index of each run of non-zero counts."""
    runs, start = [], None
    for index, count in enumerate([*counts, 0]):
        if count and start is None:
            start = index
        elif not count and start is not None:
            runs.append((start, index))
            start = None
    return runs
