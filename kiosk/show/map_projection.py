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
    """Least squares over every point, on coordinates centred on the points' mean so that
    the sums stay well conditioned: u = a*lon + b*lat + c, and the same for v."""
    n = len(points)
    mean_lon = sum(p.longitude for p in points) / n
    mean_lat = sum(p.latitude for p in points) / n
    xs = [p.longitude - mean_lon for p in points]
    ys = [p.latitude - mean_lat for p in points]
    sxx = sum(x * x for x in xs)
    syy = sum(y * y for y in ys)
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    determinant = sxx * syy - sxy * sxy
    if determinant <= 1e-9 * sxx * syy or sxx == 0 or syy == 0:
        raise UndeterminedMap(
            "the reference points lie on one line; add one off that line (three or more "
            "points must not be in a row)"
        )

    def fit(targets: list[float]) -> tuple[float, float, float]:
        mean = sum(targets) / n
        sx = sum(x * (t - mean) for x, t in zip(xs, targets, strict=True))
        sy = sum(y * (t - mean) for y, t in zip(ys, targets, strict=True))
        a = (sx * syy - sy * sxy) / determinant
        b = (sy * sxx - sx * sxy) / determinant
        return a, b, mean - a * mean_lon - b * mean_lat

    u = fit([p.x / width for p in points])
    v = fit([p.y / height for p in points])
    return MapProjection((*u, *v))
