"""Timelines and maps: dated events at places, shown one step at a time.

A `kind: timeline` or `kind: map` entry in a deck becomes one `Panel`, and the loader turns
it into one slide per event (`Slide.panel`, `Slide.step`), consecutive in the deck. So the
player, the play log, the narration, the renderer's frame cache, the preview and the contact
sheet all handle a step exactly as a slide: it has its own duration (the panel's time is the
sum of its steps), its own caption and its own photo, and swiping moves along the events.
The panel's drawing (the axis, the map and its markers) is kiosk.show.panel_layout's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # deck imports this module for Slide.panel
    from kiosk.show.deck import LocalizedText, Mark

PanelKind = Literal["timeline", "map"]


@dataclass(frozen=True, order=True)
class EventDate:
    """A day, or a span of days (`1944-08-16/1944-08-17`): `end` is `start` for one day."""

    start: dt.date
    end: dt.date

    @classmethod
    def day(cls, day: dt.date) -> EventDate:
        return cls(day, day)

    @property
    def is_span(self) -> bool:
        return self.end != self.start

    @property
    def middle(self) -> float:
        """The span's middle as a proleptic ordinal (days): where the axis marks it."""
        return (self.start.toordinal() + self.end.toordinal()) / 2


@dataclass(frozen=True)
class Place:
    """A town named once per exhibition (`slides/places.yaml`), in every language."""

    id: str
    name: LocalizedText
    latitude: float
    longitude: float
    where: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Event:
    """One dated step of a timeline or map. `date_text` is the date as a person writes it in
    each language ("21 août 1944", "16–17 August 1944"), `date_label` its short form for the
    axis ("21 août"): both formatted by Babel when the deck is read (kiosk.show.event_dates)."""

    date: EventDate
    date_text: LocalizedText
    date_label: LocalizedText
    caption: LocalizedText
    place: Place | None = None
    image: Path | None = None
    credit: LocalizedText | None = None
    where: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MapProjection:
    """Latitude and longitude to a position on the map image, as fractions of its width and
    height (0..1 inside it): u = a*lon + b*lat + c, v = d*lon + e*lat + f. Fitted from the
    curator's reference points by kiosk.show.map_projection."""

    coefficients: tuple[float, float, float, float, float, float]

    def place(self, latitude: float, longitude: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.coefficients
        return (a * longitude + b * latitude + c, d * longitude + e * latitude + f)


@dataclass(frozen=True)
class BaseMap:
    """The map image and how to find a place on it."""

    image: Path
    projection: MapProjection


@dataclass(frozen=True)
class Panel:
    """A timeline or a map: its title and its events in date order (a map also its base map).
    Every step slide of the panel holds the same Panel value."""

    kind: PanelKind
    id: str
    title: LocalizedText
    events: tuple[Event, ...]
    base_map: BaseMap | None = None
    where: Mark | None = field(default=None, compare=False)
