"""`slides/places.yaml`: the towns timelines and maps name, each written once per exhibition.

    places:
      - id: montelimar
        name: Montélimar            # or {fr: …, en: …}
        latitude: 44.5581           # decimal degrees, north positive
        longitude: 4.7509           # decimal degrees, east positive

An event names a place by its id (`place: montelimar`), so a town's spelling and coordinates
are fixed in one file for every deck. A place with a problem is left out and reported here;
an event naming it is told where that problem is. The file is only needed once a deck names a
place: a missing file is reported at the first `place:` that needs it, not before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from yaml.nodes import Node, ScalarNode

from kiosk.content.config import Config
from kiosk.content.file_names import as_on_disk
from kiosk.content.hints import did_you_mean, slug
from kiosk.content.languages import LanguageReader
from kiosk.content.problems import Problem, error
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.content.yaml.reading import compose, read_text
from kiosk.show.deck import Mark
from kiosk.show.events import Place

PLACES_FILE_KEYS = frozenset({"places"})
PLACE_KEYS = frozenset({"id", "name", "latitude", "longitude"})
PLACE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GUIDE = "see 'Timelines and maps' in slides/README.md"
NUMBER = r"(\d+(?:[.,]\d+)?)"
DEGREES_MINUTES_SECONDS = re.compile(
    rf"^\s*{NUMBER}\s*°\s*(?:{NUMBER}\s*['′’]\s*)?(?:{NUMBER}\s*(?:[\"″”]|'')\s*)?([NSEWO])?\s*$",
    re.IGNORECASE,
)
"""44°33′29″N, as atlases write a position; O is the French W (ouest)."""
LIMITS = {"latitude": 90.0, "longitude": 180.0}


@dataclass(frozen=True)
class Places:
    """The exhibition's places by id, and what kept any other entry out."""

    label: str
    """The file as a curator knows it: 'slides/places.yaml'."""
    found: bool = False
    """Whether the file is there at all."""
    by_id: Mapping[str, Place] = field(default_factory=dict)
    left_out: Mapping[str, Mark] = field(default_factory=dict)
    """Ids of places with a problem, and where each is written."""
    problems: tuple[Problem, ...] = ()

    def find(self, place_id: str) -> Place | str:
        """The place with this id, or why there is none, in words that end a message about
        the `place:` naming it."""
        place = self.by_id.get(place_id)
        if place is not None:
            return place
        if place_id in self.left_out:
            line = self.left_out[place_id].line
            return (
                f"the place '{place_id}' is left out of {self.label} for a problem at line "
                f"{line}; fix it there"
            )
        if not self.found:
            return (
                f"the place '{place_id}' cannot be found: there is no places file "
                f"{self.label}; create it, giving each place an id, a name, a latitude and a "
                f"longitude ({GUIDE})"
            )
        return f"the place '{place_id}' is not in {self.label}{self._hint(place_id)}"

    def _hint(self, written: str) -> str:
        """The place meant: one whose name was written instead of its id, or the closest id."""
        wanted = slug(written)
        for place in self.by_id.values():
            if any(slug(name) == wanted for _, name in place.name.texts) and wanted:
                return f"; did you mean '{place.id}'? place: takes the id, not the name"
        return did_you_mean(written, self.by_id) or (
            "; add it there with its name, latitude and longitude"
        )


def places_label(config: Config) -> str:
    return config.places.as_posix()


def load_places(config: Config) -> Places:
    """The places file the config names; a missing file is not a problem (yet)."""
    path, label = config.places_path, places_label(config)
    try:
        found = as_on_disk(path).exists()
    except (OSError, ValueError):
        found = False
    if not found:
        return Places(label)
    problems: list[Problem] = []
    text = read_text(path, problems)
    root = compose(text, str(path), problems) if text is not None else None
    if root is None:
        return Places(label, True, problems=tuple(problems))
    reader = NodeReader(str(path), problems)
    walker = _PlacesReader(reader, LanguageReader(reader, config, advise=False))
    walker.read(root)
    return Places(label, True, walker.by_id, walker.left_out, tuple(problems))


@dataclass
class _PlacesReader:
    reader: NodeReader
    texts: LanguageReader
    by_id: dict[str, Place] = field(default_factory=dict)
    left_out: dict[str, Mark] = field(default_factory=dict)

    def read(self, root: Node) -> None:
        entries = self.reader.entries(root, "the places file", PLACES_FILE_KEYS)
        if entries is None:
            return
        if "places" not in entries:
            self.reader.error(root, "the places file has no 'places' list; add 'places:'")
            return
        for item in self.reader.items(entries["places"].value, "places") or []:
            before = len(self.reader.problems)
            place_id, place = self.place(item)
            errors = any(p.is_error for p in self.reader.problems[before:])
            if place is not None and not errors:
                self.by_id[place.id] = place
            elif place_id is not None and place_id not in self.by_id:
                self.left_out.setdefault(place_id, self.reader.mark(item))

    def place(self, node: Node) -> tuple[str | None, Place | None]:
        """The place's id if it has a readable one, and the place if nothing is missing
        (errors may still have been reported about it)."""
        reader = self.reader
        entries = reader.entries(node, "a place", PLACE_KEYS)
        if entries is None:
            return None, None
        for key, example in (("id", "montelimar"), ("name", "Montélimar")):
            if key not in entries:
                self.missing(node, key, f"such as {key}: {example}")
        latitude = self.coordinate(node, entries, "latitude", "44.5581")
        longitude = self.coordinate(node, entries, "longitude", "4.7509")
        name = None
        if "name" in entries:
            read = self.texts.localized(entries["name"], "the place name", PLACE_KEYS)
            name = read[0] if read else None
        place_id = self.place_id(entries.get("id"))
        if place_id is None:
            return None, None
        if place_id in self.by_id or place_id in self.left_out:
            first = self.left_out.get(place_id) or self.by_id[place_id].where or Mark(reader.file)
            reader.error(
                entries["id"].value,
                f"place id '{place_id}' is already used by the place at line {first.line}; "
                "give each place its own id, or remove this one",
            )
        if name is None or latitude is None or longitude is None:
            return place_id, None
        where = reader.first_key_mark(node)
        return place_id, Place(place_id, name, latitude, longitude, where)

    def missing(self, node: Node, key: str, example: str) -> None:
        where = self.reader.first_key_mark(node)
        self.reader.problems.append(error(where, f"this place has no '{key}'; add one, {example}"))

    def place_id(self, entry: Entry | None) -> str | None:
        if entry is None:
            return None
        text = self.reader.text(entry.value, "the place id")
        if text is not None and not PLACE_ID.match(text):
            suggestion = slug(text)
            such_as = f", such as '{suggestion}'" if suggestion else ""
            self.reader.error(
                entry.value,
                f"place id '{text}' may use only lowercase letters, digits and hyphens{such_as}",
            )
        return text

    def coordinate(
        self, node: Node, entries: dict[str, Entry], key: str, example: str
    ) -> float | None:
        if key not in entries:
            self.missing(node, key, f"in decimal degrees, such as {key}: {example}")
            return None
        return read_degrees(self.reader, entries[key].value, key)


def read_degrees(reader: NodeReader, node: Node, key: str) -> float | None:
    """A latitude or longitude (`key`) in decimal degrees; degrees, minutes and seconds are
    refused with their decimal value, so a curator can copy it."""
    decimal = degrees_from_text(node.value) if isinstance(node, ScalarNode) else None
    if decimal is not None:
        reader.error(
            node, f"{key} must be in decimal degrees: write {key}: {decimal} for '{node.value}'"
        )
        return None
    limit = LIMITS[key]
    return reader.number(node, key, -limit, limit, "degrees")


def degrees_from_text(text: object) -> str | None:
    """'44°33′29″N' as decimal degrees ('44.55806'), or None when it is not written so."""
    match = DEGREES_MINUTES_SECONDS.match(str(text)) if isinstance(text, str) else None
    if match is None:
        return None
    degrees, minutes, seconds = (
        float((part or "0").replace(",", ".")) for part in match.groups()[:3]
    )
    value = degrees + minutes / 60 + seconds / 3600
    if (match[4] or "").upper() in ("S", "W", "O"):
        value = -value
    return f"{value:.5f}".rstrip("0").rstrip(".")
