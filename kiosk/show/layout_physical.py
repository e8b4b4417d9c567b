"""The screen as a visitor meets it: how big a pixel is, how small text and buttons may be.

EN 301 549 (and the museum guidelines that follow it) sets text size as an angle at the eye:
a cap height of at least 0.7 degree at the viewing distance. A size in pixels only means
something on a known screen, so the config states the screen's diagonal and how far visitors
stand (`screen:` in config/kiosk.yaml); the pixel pitch follows from the diagonal and the
resolution the kiosk draws at, assuming square pixels, as every flat panel has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CAP_HEIGHT_RATIO = 0.729
"""Cap height of DejaVu Sans as a share of its size: 1493 of 2048 font units, which is also
what an "H" rendered by pygame measures (tests/screen/test_fonts.py checks it)."""
MIN_CAP_DEGREES = 0.7
"""The smallest cap height, as seen from the viewing distance (EN 301 549)."""
MIN_TOUCH_MM = 15.0
"""The smallest side of a touch target on the glass, in millimetres."""
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class ScreenSpec:
    """The physical screen: its diagonal, and how far from it visitors read."""

    diagonal_inches: float = 24.0
    viewing_distance_m: float = 0.7
    """Arm's length at a touch screen; a wall screen read from across a room says its own."""

    def pixel_pitch_mm(self, width: int, height: int) -> float:
        """Millimetres per pixel at this resolution: the diagonal over the diagonal in pixels."""
        return self.diagonal_inches * MM_PER_INCH / math.hypot(width, height)

    def min_cap_height_mm(self) -> float:
        """The cap height that subtends MIN_CAP_DEGREES at the viewing distance."""
        half_angle = math.radians(MIN_CAP_DEGREES / 2)
        return 2 * self.viewing_distance_m * 1000 * math.tan(half_angle)

    def min_text_px(self, width: int, height: int) -> int:
        """The smallest font size, in pixels, whose cap height still meets MIN_CAP_DEGREES."""
        cap_px = self.min_cap_height_mm() / self.pixel_pitch_mm(width, height)
        return _whole_pixels_at_least(cap_px / CAP_HEIGHT_RATIO)

    def min_touch_px(self, width: int, height: int) -> int:
        """The side in pixels of the smallest touch target, MIN_TOUCH_MM on the glass."""
        return _whole_pixels_at_least(MIN_TOUCH_MM / self.pixel_pitch_mm(width, height))

    def describe(self) -> str:
        """How curators wrote it, for messages: 'a 24-inch screen read from 0.7 m'."""
        return f"a {self.diagonal_inches:g}-inch screen read from {self.viewing_distance_m:g} m"


def _whole_pixels_at_least(value: float) -> int:
    """The smallest whole number of pixels not below `value` (a hair of float error aside)."""
    return max(1, math.ceil(value - 1e-9))
