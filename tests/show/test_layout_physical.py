"""Pixels from millimetres and degrees: the physical screen the layout sizes things for."""

from __future__ import annotations

import math

import pytest

from kiosk.show.layout_physical import CAP_HEIGHT_RATIO, MIN_TOUCH_MM, ScreenSpec


def test_pixel_pitch_of_a_24_inch_1080p_screen_in_either_orientation() -> None:
    spec = ScreenSpec()
    # 609.6 mm over 2203 pixels of diagonal.
    assert spec.pixel_pitch_mm(1920, 1080) == pytest.approx(0.2767, abs=1e-4)
    assert spec.pixel_pitch_mm(1080, 1920) == spec.pixel_pitch_mm(1920, 1080)


def test_the_cap_height_for_0_7_degree() -> None:
    assert ScreenSpec(24, 0.7).min_cap_height_mm() == pytest.approx(8.55, abs=0.01)
    assert ScreenSpec(24, 2.1).min_cap_height_mm() == pytest.approx(3 * 8.552, abs=0.01)


@pytest.mark.parametrize(
    ("spec", "size", "text_px", "touch_px"),
    [
        (ScreenSpec(), (1920, 1080), 43, 55),  # 8.55 mm caps: 30.9 px, a 42.4 px font
        (ScreenSpec(), (1080, 1920), 43, 55),
        (ScreenSpec(), (3840, 2160), 85, 109),
        (ScreenSpec(), (768, 1366), 31, 39),
        (ScreenSpec(55, 3.0), (1920, 1080), 80, 24),
        (ScreenSpec(10.1, 0.5), (1280, 800), 50, 89),  # a tablet held closer
    ],
)
def test_smallest_text_and_touch_target_in_pixels(
    spec: ScreenSpec, size: tuple[int, int], text_px: int, touch_px: int
) -> None:
    assert spec.min_text_px(*size) == text_px
    assert spec.min_touch_px(*size) == touch_px
    pitch = spec.pixel_pitch_mm(*size)
    # The font size is the smallest whose cap height meets the angle...
    cap_mm = text_px * CAP_HEIGHT_RATIO * pitch
    assert cap_mm >= spec.min_cap_height_mm()
    assert (text_px - 1) * CAP_HEIGHT_RATIO * pitch < spec.min_cap_height_mm()
    degrees = math.degrees(2 * math.atan(cap_mm / 2 / (spec.viewing_distance_m * 1000)))
    assert degrees >= 0.7
    # ... and the touch target the smallest that is 15 mm on the glass.
    assert touch_px * pitch >= MIN_TOUCH_MM > (touch_px - 1) * pitch


def test_describe() -> None:
    assert ScreenSpec().describe() == "a 24-inch screen read from 0.7 m"
    assert ScreenSpec(55, 3).describe() == "a 55-inch screen read from 3 m"
