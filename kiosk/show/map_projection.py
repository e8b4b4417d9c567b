"""From a curator's reference points to a map projection, so any scanned or drawn map works.

Each reference point pairs a pixel on the map image with its latitude and longitude. Over a
département the earth is flat enough that a north-up map is an affine image of (longitude,
latitude): two points fix a map drawn north-up (a scale and an offset on each axis), three or
more fix any affine map (rotated or sheared too), by least squares so that small errors in
the curator's readings average out. Points that cannot fix a map are refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.show.events import MapProjection


@dataclass(frozen=True)
class ReferencePoint:
    """A pixel (x, y) on the map image, its latitude and longitude."""

    x: float
    y: float
    latitude: float
    longitude: float


IN_A_ROW = 1e-6
"""Points whose longitudes and latitudes are this close to perfectly correlated (1 minus
the squared correlation) are taken to lie on one line."""


class UndeterminedMap(ValueError):
    """The reference points cannot fix the map; the message says why, for a curator."""


def fit_projection(points: tuple[ReferencePoint, ...], width: int, height: int) -> MapProjection:
    """The projection the points fix on a `width` x `height` image, as fractions of it."""
    if len(points) < 2:
        raise UndeterminedMap("a map needs at least two reference points")
    if len(points) == 2:
        return _north_up(points, width, height)
    return _affine(points, width, height)


def _north_up(points: tuple[ReferencePoint, ...], width: int, height: int) -> MapProjection:
    first, second = points
    d_lon = second.longitude - first.longitude
    d_lat = second.latitude - first.latitude
    if abs(d_lon) < 1e-6 or abs(d_lat) < 1e-6:
        raise UndeterminedMap(
            "two reference points must differ in both latitude and longitude "
            "(choose two places far apart, one north-west and one south-east)"
        )
    scale_x = (second.x - first.x) / d_lon / width
    scale_y = (second.y - first.y) / d_lat / height
    if scale_x == 0 or scale_y == 0:
        raise UndeterminedMap("two reference points are at the same pixel column or row")
    offset_x = first.x / width - scale_x * first.longitude
    offset_y = first.y / height - scale_y * first.latitude
    return MapProjection((scale_x, 0.0, offset_x, 0.0, scale_y, offset_y))


def _affine(points: tuple[ReferencePoint, ...], width: int, height: int) -> MapProjection:
    """Least squares over every point: the normal equations of [lon lat 1] -> u and -> v,
    about the points' mean, so that whether they are in a row does not depend on how far
    from the equator and the meridian they are (a département is a fraction of a degree
    across, 45 degrees from the equator)."""
    mean_lon = sum(p.longitude for p in points) / len(points)
    mean_lat = sum(p.latitude for p in points) / len(points)
    rows = [(p.longitude - mean_lon, p.latitude - mean_lat, 1.0) for p in points]
    normal = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    spread = normal[0][0] * normal[1][1]
    if spread <= 0 or spread - normal[0][1] ** 2 < IN_A_ROW * spread:
        raise UndeterminedMap(
            "the reference points lie on one line; add one off that line (three or more "
            "points must not be in a row)"
        )
    us = [p.x / width for p in points]
    vs = [p.y / height for p in points]
    u = _solve(
        normal, [sum(r[i] * target for r, target in zip(rows, us, strict=True)) for i in range(3)]
    )
    v = _solve(
        normal, [sum(r[i] * target for r, target in zip(rows, vs, strict=True)) for i in range(3)]
    )
    return MapProjection(
        (u[0], u[1], u[2] - u[0] * mean_lon - u[1] * mean_lat,
         v[0], v[1], v[2] - v[0] * mean_lon - v[1] * mean_lat)
    )  # fmt: skip


def _determinant(m: list[list[float]]) -> float:
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )


def _solve(m: list[list[float]], rhs: list[float]) -> tuple[float, float, float]:
    """Cramer's rule on a 3x3 system, well conditioned enough for a few map points."""
    det = _determinant(m)
    solution = []
    for column in range(3):
        replaced = [[rhs[r] if c == column else m[r][c] for c in range(3)] for r in range(3)]
        solution.append(_determinant(replaced) / det)
    return (solution[0], solution[1], solution[2])
