"""The stand-in base map of the Drôme, and the reference points that say where it is.

A `kind: map` slide needs a base map and, beside it, the reference points that tie its pixels
to latitudes and longitudes (`drome-map.yaml` beside `drome-map.png`). Until the museum
supplies a real map, `kiosk standins` draws this one from the places' coordinates
(slides/places.yaml) and the rivers' approximate courses (standin_map_data.py), marked as a
stand-in on its face and in the file like the stand-in photos, and writes its reference
points, computed from the very projection it was drawn with.

The projection is equirectangular, longitudes scaled by the cosine of the map's middle
latitude: over a département that keeps distances true to well under one per cent in every
direction, and it is an affine image of (longitude, latitude), which is what the kiosk
fits from reference points (kiosk.show.map_projection), so the points fit it exactly.

Only Pillow, PyYAML and the standard library are used (see kiosk/tools/standins.py for why).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from kiosk.tools.standin_map_data import CENTRE_LONGITUDE, NORTH, SIZE, SOUTH

KM_PER_DEGREE = 6371.0 * math.pi / 180
"""Kilometres along a meridian per degree of latitude (the earth's mean radius)."""

SIDECAR_HEADER = "# Reference points of the STAND-IN map"

REFERENCE_CROSSINGS = ((45.25, 4.75), (45.25, 5.5), (44.25, 4.75), (44.25, 5.5))
"""Graticule crossings given as reference points: drawn on the map, far apart, not in a line."""


@dataclass(frozen=True)
class MapFrame:
    """What a map shows and at what size: the latitudes of its bottom and top edges, its
    middle meridian and its size in pixels. `pixel` is the projection it is drawn with."""

    south: float
    north: float
    centre_longitude: float
    width: int
    height: int

    @property
    def px_per_degree_latitude(self) -> float:
        return self.height / (self.north - self.south)

    @property
    def px_per_degree_longitude(self) -> float:
        middle = math.radians((self.south + self.north) / 2)
        return self.px_per_degree_latitude * math.cos(middle)

    @property
    def west(self) -> float:
        return self.centre_longitude - self.width / 2 / self.px_per_degree_longitude

    @property
    def east(self) -> float:
        return self.centre_longitude + self.width / 2 / self.px_per_degree_longitude

    @property
    def px_per_km(self) -> float:
        return self.px_per_degree_latitude / KM_PER_DEGREE

    def pixel(self, latitude: float, longitude: float) -> tuple[float, float]:
        """(x, y) from the image's top-left corner, in pixels: the edges of the image are
        0 and width (or height), as in the reference points file."""
        x = (longitude - self.west) * self.px_per_degree_longitude
        y = (self.north - latitude) * self.px_per_degree_latitude
        return x, y

    def scaled(self, factor: int) -> MapFrame:
        """The same map drawn `factor` times larger (the drawing is supersampled)."""
        return MapFrame(
            self.south, self.north, self.centre_longitude, self.width * factor, self.height * factor
        )

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


DROME = MapFrame(SOUTH, NORTH, CENTRE_LONGITUDE, *SIZE)
"""The stand-in map: the Drôme and its neighbours, the Rhône from Condrieu to Roquemaure."""


@dataclass(frozen=True)
class MapNeed:
    """A base map a deck's `kind: map` slide names (`map:`), inside media/."""

    image: PurePosixPath
    panel_id: str


@dataclass(frozen=True)
class MapPlace:
    """A place from places.yaml, as far as the stand-in map needs it: a grey dot."""

    id: str
    latitude: float
    longitude: float


def read_places(path: Path) -> list[MapPlace]:
    """The places of a places file that have an id and a sound latitude and longitude; the
    rest are left out (kiosk validate says what is wrong with them). ValueError when the
    file cannot be read or holds no `places` list."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    entries = data.get("places") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: no `places` list")
    places = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        latitude, longitude = entry.get("latitude"), entry.get("longitude")
        if _is_degrees(latitude, 90) and _is_degrees(longitude, 180):
            places.append(MapPlace(entry["id"], float(latitude), float(longitude)))  # type: ignore[arg-type]
    return places


def _is_degrees(value: object, limit: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and -limit <= value <= limit
    )


def degrees_text(value: float, positive: str, negative: str) -> str:
    """45.25 -> "45°15′ N": how a graticule line and a reference point are named."""
    hemisphere = positive if value >= 0 else negative
    minutes = round(abs(value) * 60)
    whole, rest = divmod(minutes, 60)
    return f"{whole}°{rest:02d}′ {hemisphere}" if rest else f"{whole}° {hemisphere}"


def sidecar_text(frame: MapFrame, image_name: str) -> str:
    """The reference points file of a stand-in map named `image_name`: graticule crossings,
    their pixels computed from the projection the map was drawn with (to 0.01 px)."""
    lines = [
        f"{SIDECAR_HEADER} {image_name}, written by `kiosk standins` with it.",
        f"# Where known places are on {image_name}: x from the left edge, y from the top, in",
        "# pixels (of the image at its full size), with their latitude and longitude.",
        "# The kiosk fits its map projection from them (two points fix a north-up map,",
        "# three or more any map), then puts every event's place where its coordinates say.",
        "#",
        "# These points are crossings of the graticule drawn on the stand-in, exact for the",
        "# projection it was drawn with. For a REAL map dropped in under the same name, write",
        "# this file anew: pick 3 or 4 places you can point at on the map, far apart and not",
        "# in a line (towns from slides/places.yaml, or graticule crossings if the map has a",
        "# grid); open the map in an image editor at 100 % and read each one's x and y where",
        "# the pointer is; take latitude and longitude from slides/places.yaml. Then",
        "# `kiosk validate`, and `kiosk preview` to see the markers land. Until then a real",
        "# map with these points shows every marker in the wrong place. Once you have changed",
        "# this file, `kiosk standins` never writes over it.",
        "reference_points:",
    ]
    for latitude, longitude in REFERENCE_CROSSINGS:
        x, y = frame.pixel(latitude, longitude)
        where = f"{degrees_text(latitude, 'N', 'S')}, {degrees_text(longitude, 'E', 'W')}"
        lines.append(
            f"  - {{x: {x:.2f}, y: {y:.2f}, latitude: {latitude}, longitude: {longitude}}}"
            f"   # graticule crossing {where}"
        )
    return "\n".join(lines) + "\n"


def is_stand_in_sidecar(path: Path, frame: MapFrame, image_name: str) -> bool:
    """Whether the reference points file at `path` is, word for word, the one `kiosk
    standins` writes with the stand-in map: then it may be rewritten with the map, while a
    file a curator has changed in any way is never written over."""
    try:
        return path.read_text(encoding="utf-8") == sidecar_text(frame, image_name)
    except (OSError, UnicodeDecodeError):
        return False
