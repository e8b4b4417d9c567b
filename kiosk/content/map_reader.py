"""A map's base image and where known places are on it, so any scanned or drawn map works.

The image is named in the deck (`map: drome-liberation/drome-map.png`, in media/) and its
reference points sit beside it in a small file of the same name ending in `.yaml`:

    # Where known places are on drome-map.png: x from the left edge, y from the top, in pixels.
    reference_points:
      - {x: 412, y: 118, latitude: 45.293, longitude: 4.816}   # Saint-Rambert-d'Albon
      - ...

Problems in that file are reported at their line in it. Two points fix a north-up map, three
or more any map (kiosk.show.map_projection); with four or more, a point the others disagree
with is flagged, as one misread coordinate would bend every marker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node

from kiosk.content.advice import PhotoSizer, warn_about_photo
from kiosk.content.config import Config
from kiosk.content.file_names import as_on_disk
from kiosk.content.image_size import image_size
from kiosk.content.media_paths import MediaPaths, media_label
from kiosk.content.places import read_degrees
from kiosk.content.problems import Problem, error
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.content.yaml.reading import compose, read_text
from kiosk.show.deck import Mark
from kiosk.show.events import BaseMap, MapProjection, Place
from kiosk.show.map_projection import ReferencePoint, UndeterminedMap, fit_projection

SIDECAR_KEYS = frozenset({"reference_points"})
POINT_KEYS = frozenset({"x", "y", "latitude", "longitude"})
GUIDE = "see 'Timelines and maps' in slides/README.md"
STRAY_FRACTION = 0.02
"""A reference point further than this fraction of the map's larger side from where the
others put it is flagged (40 px on a 2000 px scan)."""
MIN_STRAY_PIXELS = 5.0
EMPTY = "the reference points file is empty; list two or more points under reference_points:"


@dataclass(frozen=True)
class MapDraft:
    """A base map as read, with the names messages about it use."""

    base_map: BaseMap
    sidecar_label: str
    """The reference points file as a curator finds it: 'media/town/map.yaml'."""

    @property
    def name(self) -> str:
        return self.base_map.image.name

    def outside(self, place: Place) -> str | None:
        """Why `place` cannot be marked on this map, or None when it falls inside."""
        u, v = self.base_map.projection.place(place.latitude, place.longitude)
        if 0 <= u <= 1 and 0 <= v <= 1:
            return None
        return (
            f"the place '{place.id}' ({place.latitude:g}, {place.longitude:g}) falls outside "
            f"the map {self.name}: check its reference points in {self.sidecar_label}, or the "
            "place's latitude and longitude"
        )


def sidecar_of(image: Path) -> Path:
    """The reference points file beside a map image: drome-map.png -> drome-map.yaml."""
    return image.with_suffix(".yaml")


@dataclass
class MapReader:
    """Reads the base maps of one deck; problems go to the deck's list."""

    reader: NodeReader
    config: Config
    media: MediaPaths
    photo_size: PhotoSizer | None
    read_files: list[Path] = field(default_factory=list)
    """The reference points files looked for, there or not."""

    def base_map(self, entry: Entry) -> MapDraft | None:
        image = self.media.media_file(entry.value, "the map")
        if image is None:
            return None
        size = image_size(image)
        if size is None:
            self.reader.error(
                entry.value,
                f"the map {image.name} cannot be read as an image; save it as PNG or JPEG "
                "(WebP and GIF are read too)",
            )
            return None
        if self.photo_size is not None:  # as for a photo: decodable, and large enough
            warn_about_photo(
                self.reader, entry.value, self.photo_size(image), self.config.window_size
            )
        sidecar = sidecar_of(image)
        self.read_files.append(sidecar)
        label = (
            f"{media_label(self.config)}{sidecar.relative_to(self.config.media_root).as_posix()}"
        )
        if not _exists(sidecar):
            self.reader.error(
                entry.value,
                f"the map {image.name} has no reference points file: write {label} beside "
                f"it, giving the pixel position and latitude and longitude of two or more "
                f"known places ({GUIDE})",
            )
            return None
        projection = read_projection(sidecar, size, self.reader.problems)
        if projection is None:
            return None
        return MapDraft(BaseMap(image, projection), label)


def read_projection(
    sidecar: Path, size: tuple[int, int], problems: list[Problem]
) -> MapProjection | None:
    """The projection the reference points file `sidecar` fixes on a map of `size` pixels;
    None after reporting, at its line in that file, why it fixes none."""
    before = len(problems)
    text = read_text(sidecar, problems)
    root = compose(text, str(sidecar), problems) if text is not None else None
    if root is None:
        if text is not None and len(problems) == before:
            problems.append(error(Mark(str(sidecar)), EMPTY))
        return None
    reader = NodeReader(str(sidecar), problems)
    entries = reader.entries(root, "the reference points file", SIDECAR_KEYS)
    if entries is None:
        return None
    if "reference_points" not in entries:
        reader.error(root, "this file has no 'reference_points' list; add one")
        return None
    node = entries["reference_points"].value
    items = reader.items(node, "reference_points") or []
    points = tuple(_point(reader, item, size) for item in items)
    if any(problem.is_error for problem in problems[before:]):
        return None
    read = tuple(point for point in points if point is not None)
    try:
        projection = fit_projection(read, *size)
    except UndeterminedMap as exc:
        reader.error(node, f"{exc} ({GUIDE})")
        return None
    _flag_stray_point(reader, node, read, projection, size)
    return projection


def _point(reader: NodeReader, node: Node, size: tuple[int, int]) -> ReferencePoint | None:
    entries = reader.entries(node, "a reference point", POINT_KEYS)
    if entries is None:
        return None
    missing = sorted(POINT_KEYS - entries.keys())
    if missing:
        reader.error(
            node,
            f"this reference point has no '{missing[0]}'; each needs x, y, latitude and "
            "longitude, such as {x: 412, y: 118, latitude: 45.293, longitude: 4.816}",
        )
        return None
    width, height = size
    x = reader.number(entries["x"].value, "x", 0, width, "pixels (the map's width)")
    y = reader.number(entries["y"].value, "y", 0, height, "pixels (the map's height)")
    latitude = read_degrees(reader, entries["latitude"].value, "latitude")
    longitude = read_degrees(reader, entries["longitude"].value, "longitude")
    if x is None or y is None or latitude is None or longitude is None:
        return None
    return ReferencePoint(x, y, latitude, longitude)


def _flag_stray_point(
    reader: NodeReader,
    node: Node,
    points: tuple[ReferencePoint, ...],
    projection: MapProjection,
    size: tuple[int, int],
) -> None:
    """With four or more points, warn about the one furthest from where the others put it,
    when it is far: a misread pixel or coordinate (the fit itself still uses it)."""
    if len(points) < 4:
        return
    width, height = size
    errors = []
    for index, point in enumerate(points):
        u, v = projection.place(point.latitude, point.longitude)
        errors.append((math.hypot(u * width - point.x, v * height - point.y), index))
    distance, worst = max(errors)
    if distance > max(MIN_STRAY_PIXELS, STRAY_FRACTION * max(size)):
        reader.warning(
            node.value[worst],
            f"this reference point is {distance:.0f} pixels from where the other points place "
            "it; check its x, y, latitude and longitude",
        )


def _exists(path: Path) -> bool:
    try:
        return as_on_disk(path).is_file()
    except (OSError, ValueError):
        return False
