"""The liberation of the Drôme as a timeline and a map for the screen tests, built as the
loader builds them (one slide per event, consecutive), with towns at their real coordinates
and test maps of a known frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.event_dates import date_label, date_text
from kiosk.show.events import BaseMap, Event, EventDate, Panel, Place
from kiosk.show.map_projection import ReferencePoint, fit_projection
from kiosk.show.step_caption import step_caption

LANGS = ("fr", "en")


def place(place_id: str, name: str, latitude: float, longitude: float) -> Place:
    return Place(place_id, LocalizedText.same_everywhere(name), latitude, longitude)


# The towns' coordinates are public facts (their town halls, to three decimals).
VALENCE = place("valence", "Valence", 44.933, 4.892)
ROMANS = place("romans", "Romans-sur-Isère", 45.043, 5.051)
MONTELIMAR = place("montelimar", "Montélimar", 44.558, 4.751)
NYONS = place("nyons", "Nyons", 44.361, 5.141)
BUIS = place("buis", "Buis-les-Baronnies", 44.276, 5.271)
LIVRON = place("livron", "Livron-sur-Drôme", 44.773, 4.843)
SAINT_RAMBERT = place("saint-rambert", "Saint-Rambert-d'Albon", 45.293, 4.815)
VALREAS = place("valreas", "Valréas", 44.384, 4.991)
DIE = place("die", "Die", 44.754, 5.370)

LIBERATION: tuple[tuple[str, Place | None], ...] = (
    ("1944-08-16/1944-08-17", LIVRON),
    ("1944-08-21", BUIS),
    ("1944-08-25", NYONS),
    ("1944-08-27", VALREAS),
    ("1944-08-28", MONTELIMAR),
    ("1944-08-30", ROMANS),
    ("1944-08-31", SAINT_RAMBERT),
    ("1944-08-31", VALENCE),
    ("1944-09-02", None),
)
"""The nine events of issue 14, in date order: a span, two on the same day, one nowhere."""


def event_date(text: str) -> EventDate:
    start, _, end = text.partition("/")
    first = dt.date.fromisoformat(start)
    return EventDate(first, dt.date.fromisoformat(end) if end else first)


def event(
    when: str, where: Place | None = None, caption: str = "", image: Path | None = None
) -> Event:
    date = event_date(when)
    return Event(
        date=date,
        date_text=LocalizedText(tuple((lang, date_text(date, lang)) for lang in LANGS)),
        date_label=LocalizedText(tuple((lang, date_label(date, lang)) for lang in LANGS)),
        caption=LocalizedText(
            (
                ("fr", caption or "Les FFI entrent dans la ville."),
                ("en", caption or "The FFI enter the town."),
            )
        ),
        place=where,
        image=image,
    )


def liberation_events(count: int = 9, images: dict[int, Path] | None = None) -> tuple[Event, ...]:
    """The first `count` events of LIBERATION (repeated a week later each round past nine)."""
    images = images or {}
    events = []
    for index in range(count):
        when, where = LIBERATION[index % len(LIBERATION)]
        shift = dt.timedelta(weeks=index // len(LIBERATION))
        moved = "/".join(str(event_date(part).start + shift) for part in when.split("/"))
        events.append(event(moved, where, image=images.get(index)))
    return tuple(events)


def timeline(events: Sequence[Event], panel_id: str = "liberation-days") -> Panel:
    title = LocalizedText((("fr", "La Drôme libérée"), ("en", "The Drôme liberated")))
    return Panel("timeline", panel_id, title, tuple(events))


def drome_map(image: Path, events: Sequence[Event], size: tuple[int, int]) -> Panel:
    """A map panel on `image`, `size` pixels, drawn as DROME_FRAME says."""
    projection = fit_projection(reference_points(size), *size)
    title = LocalizedText((("fr", "Carte de la libération"), ("en", "Liberation map")))
    return Panel("map", "liberation-map", title, tuple(events), BaseMap(image, projection))


DROME_FRAME = (4.55, 5.55, 45.40, 44.15)
"""The test maps' frame: west and east longitudes, north and south latitudes, at the image's
edges, a plain equirectangular map."""


def pixel_of(where: Place, size: tuple[int, int]) -> tuple[float, float]:
    """Where a place is on a test map of `size`, worked out from DROME_FRAME, not from the
    projection under test."""
    west, east, north, south = DROME_FRAME
    width, height = size
    return (
        (where.longitude - west) / (east - west) * width,
        (north - where.latitude) / (north - south) * height,
    )


def reference_points(size: tuple[int, int]) -> tuple[ReferencePoint, ...]:
    """Three towns as a curator would read them off the test map."""
    points = []
    for town in (SAINT_RAMBERT, BUIS, DIE):
        x, y = pixel_of(town, size)
        points.append(ReferencePoint(x, y, town.latitude, town.longitude))
    return tuple(points)


def steps(panel: Panel, duration: float = 10.0) -> tuple[Slide, ...]:
    """The panel's step slides, as the loader makes them: each caption begins with the
    event's place and date."""
    return tuple(
        Slide(
            id=panel.id,
            image=panel.base_map.image if panel.base_map is not None else event.image,
            caption=step_caption(event),
            credit=event.credit,
            duration=duration,
            transition="cut",
            where=Mark("liberation.yaml", 10 + index, 9),
            panel=panel,
            step=index,
        )
        for index, event in enumerate(panel.events)
    )


def deck(*slides: Slide) -> Deck:
    title = LocalizedText((("fr", "La libération"), ("en", "The liberation")))
    return Deck(Path("liberation.yaml"), title, tuple(slides))
