"""Reference points fix a map: two for a north-up map, three or more for any affine one."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.show.map_projection import ReferencePoint, UndeterminedMap, fit_projection

WIDTH, HEIGHT = 2000, 1600


def pixel(lat: float, lon: float, angle: float = 0.0) -> tuple[float, float]:
    """A map of the Drôme: 1400 px per degree of longitude, north up (or turned by `angle`)."""
    x, y = (lon - 4.5) * 1400 * math.cos(math.radians(45)), (45.4 - lat) * 1400
    c, s = math.cos(angle), math.sin(angle)
    return 100 + c * x - s * y, 80 + s * x + c * y


def point(lat: float, lon: float, angle: float = 0.0) -> ReferencePoint:
    return ReferencePoint(*pixel(lat, lon, angle), lat, lon)


def on_image(projection, lat: float, lon: float) -> tuple[float, float]:
    u, v = projection.place(lat, lon)
    return u * WIDTH, v * HEIGHT


def test_two_points_fix_a_north_up_map():
    projection = fit_projection((point(45.29, 4.82), point(44.28, 5.27)), WIDTH, HEIGHT)
    montelimar = on_image(projection, 44.558, 4.751)
    assert montelimar == pytest.approx(pixel(44.558, 4.751), abs=1e-6)


def test_three_points_fix_a_turned_map_and_more_average_out_reading_errors():
    angle = math.radians(7)
    towns = [(45.29, 4.82), (44.28, 5.27), (44.77, 4.84), (44.36, 5.14)]
    points = [point(lat, lon, angle) for lat, lon in towns]
    exact = fit_projection(tuple(points[:3]), WIDTH, HEIGHT)
    assert on_image(exact, 44.558, 4.751) == pytest.approx(pixel(44.558, 4.751, angle), abs=1e-6)
    shaky = tuple(
        ReferencePoint(p.x + dx, p.y + dy, p.latitude, p.longitude)
        for p, (dx, dy) in zip(points, [(2, -1), (-1, 2), (-2, 1), (1, -2)], strict=True)
    )
    averaged = fit_projection(shaky, WIDTH, HEIGHT)
    x, y = on_image(averaged, 44.73, 5.02)  # Crest, among the points
    ex, ey = pixel(44.73, 5.02, angle)
    assert math.hypot(x - ex, y - ey) < 3


@pytest.mark.parametrize(
    "points, words",
    [
        ((point(44.5, 4.8),), "at least two"),
        ((point(44.5, 4.8), point(44.5, 5.2)), "differ in both latitude and longitude"),
        ((point(44.5, 4.8), point(44.9, 4.8)), "differ in both latitude and longitude"),
        ((point(44.5, 4.8), point(44.7, 5.0), point(44.9, 5.2)), "on one line"),
    ],
)
def test_points_that_cannot_fix_a_map_say_why(points, words):
    with pytest.raises(UndeterminedMap, match=words):
        fit_projection(points, WIDTH, HEIGHT)


@given(
    st.floats(44.2, 45.3),
    st.floats(4.6, 5.5),
    st.floats(-0.3, 0.3),
)
def test_any_place_lands_where_the_map_drew_it(lat, lon, angle):
    points = (point(45.29, 4.82, angle), point(44.28, 5.27, angle), point(44.36, 4.70, angle))
    projection = fit_projection(points, WIDTH, HEIGHT)
    assert on_image(projection, lat, lon) == pytest.approx(pixel(lat, lon, angle), abs=1e-3)
