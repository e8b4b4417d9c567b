"""Map projections from a curator's reference points, on maps of a real département."""

from __future__ import annotations

import pytest

from kiosk.show.map_projection import ReferencePoint, UndeterminedMap, fit_projection
from tests.show.panels import BUIS, DIE, MONTELIMAR, SAINT_RAMBERT, VALENCE, pixel_of

SIZE = (800, 1000)


def point(town) -> ReferencePoint:
    return ReferencePoint(*pixel_of(town, SIZE), town.latitude, town.longitude)


def test_three_towns_of_the_drome_fix_the_map() -> None:
    """Less than a degree apart, 45 degrees north: the points are not in a row."""
    projection = fit_projection((point(SAINT_RAMBERT), point(BUIS), point(DIE)), *SIZE)
    u, v = projection.place(VALENCE.latitude, VALENCE.longitude)
    x, y = pixel_of(VALENCE, SIZE)
    assert (u * SIZE[0], v * SIZE[1]) == pytest.approx((x, y), abs=1e-6)


def test_towns_in_a_row_are_refused_with_the_reason() -> None:
    north = ReferencePoint(100, 100, 45.2, 4.8)
    middle = ReferencePoint(200, 300, 45.0, 4.9)
    south = ReferencePoint(300, 500, 44.8, 5.0)
    with pytest.raises(UndeterminedMap, match="one line"):
        fit_projection((north, middle, south), *SIZE)


def test_two_towns_fix_a_north_up_map() -> None:
    projection = fit_projection((point(SAINT_RAMBERT), point(MONTELIMAR)), *SIZE)
    u, v = projection.place(BUIS.latitude, BUIS.longitude)
    assert (u * SIZE[0], v * SIZE[1]) == pytest.approx(pixel_of(BUIS, SIZE), abs=1e-6)
