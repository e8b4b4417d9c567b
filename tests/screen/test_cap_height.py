"""The cap height the layout assumes is the one the font really draws, so the smallest caption
really is 0.7 degree high at the viewing distance."""

from __future__ import annotations

import pytest

from kiosk.screen.fonts import Fonts
from kiosk.show.layout import ScreenSpec, TypeSizes, line_height
from kiosk.show.layout_physical import CAP_HEIGHT_RATIO


def ink_height(fonts: Fonts, text: str, size: int, bold: bool = False) -> int:
    """Height in pixels of the ink of `text` rendered at `size`."""
    return fonts.render(text, size, (255, 255, 255), bold).get_bounding_rect().h


@pytest.mark.parametrize("bold", [False, True])
def test_the_cap_height_ratio_is_the_height_of_a_rendered_capital(bold: bool) -> None:
    fonts = Fonts()
    assert ink_height(fonts, "H", 1000, bold) / 1000 == pytest.approx(CAP_HEIGHT_RATIO, abs=0.002)


@pytest.mark.parametrize(
    ("size", "spec"),
    [((1920, 1080), ScreenSpec()), ((1080, 1920), ScreenSpec()), ((1920, 1080), ScreenSpec(55, 3))],
)
def test_the_smallest_caption_has_capitals_of_0_7_degree(
    size: tuple[int, int], spec: ScreenSpec
) -> None:
    fonts = Fonts()
    smallest = TypeSizes.for_screen(size[1], size[0], spec).caption_min
    cap_mm = ink_height(fonts, "H", smallest) * spec.pixel_pitch_mm(*size)
    assert cap_mm >= spec.min_cap_height_mm() - spec.pixel_pitch_mm(*size) / 2  # whole pixels
    assert ink_height(fonts, "H", smallest - 2) * spec.pixel_pitch_mm(*size) < (
        spec.min_cap_height_mm()
    )


def test_a_capital_fits_its_line_with_its_accent_and_descenders_below() -> None:
    """Line height 1.25 times the size holds the font's whole height: no line is cut."""
    fonts = Fonts()
    for size in (24, 43, 45, 122):
        assert fonts.font(size).get_height() <= line_height(size)
