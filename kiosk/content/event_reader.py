"""The `events:` of a timeline or a map: dated steps, each read with every problem placed.

    events:
      - date: 1944-08-21                  # a day, or a span 1944-08-16/1944-08-17
        place: buis-les-baronnies         # optional: an id from slides/places.yaml
        caption: {fr: "…", en: "…"}
        image: drome-liberation/buis.jpg  # optional, in media/
        credit: {fr: "…", en: "…"}        # optional
        duration: 12                      # optional, seconds

An event with a problem is left out and reported; whether its panel can do without it is
kiosk.content.panel_reader's to judge. Dates are formatted here, once, in every language of
the exhibition (kiosk.show.event_dates), so the screen never formats one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from kiosk.content.advice import PhotoSizer, warn_about_photo
from kiosk.content.config import Config
from kiosk.content.event_date_text import DAY_EXAMPLE, parse_event_date
from kiosk.content.languages import LanguageReader, Localized
from kiosk.content.media_paths import MediaPaths
from kiosk.content.places import Places
from kiosk.content.problems import error
from kiosk.content.slide_timing import read_duration
from kiosk.content.written import report_misread, written_text
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.deck import LocalizedText, Mark
from kiosk.show.event_dates import date_label, date_text
from kiosk.show.events import Event, EventDate, Place

EVENT_KEYS = frozenset({"date", "place", "caption", "image", "credit", "duration"})
MAX_EVENTS = 200
"""More than a touch screen's axis or map could ever show apart."""


@dataclass(frozen=True)
class EventDraft:
    """An event as read, with what its step slide needs beyond the Event itself."""

    event: Event
    duration: float | None
    """Its own `duration:`, else None: the panel's applies."""
    caption_where: Mark
    place_where: Mark | None


@dataclass
class EventReader:
    """Reads the events of one deck; problems go to the deck's reader."""

    reader: NodeReader
    config: Config
    texts: LanguageReader
    media: MediaPaths
    places: Places
    photo_size: PhotoSizer | None
    names_places: bool = False
    """Whether any event has read a `place:`, so the deck depends on the places file."""

    def events(self, node: Node) -> tuple[list[EventDraft], int]:
        """The events that can be shown, in date order, and how many were written."""
        items = self.reader.items(node, "events")
        if items is None:
            return [], 0
        if len(items) > MAX_EVENTS:
            self.reader.error(
                items[MAX_EVENTS], f"a timeline or map holds at most {MAX_EVENTS} events"
            )
            items = items[:MAX_EVENTS]
        drafts = []
        for item in items:
            before = len(self.reader.problems)
            draft = self.event(item)
            if draft is not None and not any(
                problem.is_error for problem in self.reader.problems[before:]
            ):
                drafts.append(draft)
        drafts.sort(key=lambda draft: draft.event.date)  # stable: same dates keep their order
        return drafts, len(items)

    def event(self, node: Node) -> EventDraft | None:
        reader = self.reader
        entries = reader.entries(node, "an event", EVENT_KEYS)
        if entries is None:
            return None
        date = self.date(node, entries.get("date"))
        caption = self.caption(node, entries)
        place = self.place(entries.get("place"))
        image = self.image(entries.get("image"))
        credit = None
        if "credit" in entries:
            read = self.texts.localized(entries["credit"], "the credit", EVENT_KEYS)
            credit = read[0] if read else None
        duration = read_duration(reader, entries["duration"]) if "duration" in entries else None
        if date is None or caption is None:
            return None
        text, marks = caption
        default = self.config.default_language
        event = Event(
            date=date,
            date_text=self.in_every_language(date, date_text),
            date_label=self.in_every_language(date, date_label),
            caption=text,
            place=place,
            image=image,
            credit=credit,
            where=reader.mark(node),
        )
        caption_where = marks.get(default) or marks.get("*") or next(iter(marks.values()))
        place_where = reader.mark(entries["place"].value) if "place" in entries else None
        return EventDraft(event, duration, caption_where, place_where)

    def date(self, node: Node, entry: Entry | None) -> EventDate | None:
        if entry is None:
            self.missing(node, "date", f"such as date: {DAY_EXAMPLE}")
            return None
        text = written_text(self.reader, entry.value, "the date")
        if text is None:
            return None
        date = parse_event_date(text)
        if isinstance(date, EventDate):
            return date
        report_misread(self.reader, entry.value, 0, date, "the date: ")
        return None

    def in_every_language(
        self, date: EventDate, form: Callable[[EventDate, str], str]
    ) -> LocalizedText:
        """The date as Babel writes it (`form`: date_text or date_label) in each language."""
        return LocalizedText(tuple((lang, form(date, lang)) for lang in self.config.languages))

    def caption(self, node: Node, entries: dict[str, Entry]) -> Localized | None:
        if "caption" in entries:
            return self.texts.localized(entries["caption"], "the caption", EVENT_KEYS)
        self.missing(node, "caption", 'such as caption: {fr: "…", en: "…"}')
        return None

    def place(self, entry: Entry | None) -> Place | None:
        if entry is None:
            return None
        self.names_places = True
        place_id = self.reader.text(entry.value, "the place", "; write a place's id, or remove it")
        if place_id is None:
            return None
        found = self.places.find(place_id)
        if isinstance(found, str):
            self.reader.error(entry.value, found)
            return None
        return found

    def image(self, entry: Entry | None) -> Path | None:
        if entry is None:
            return None
        image = self.media.media_file(entry.value, "image")
        if image is not None and self.photo_size is not None:
            size = self.photo_size(image)
            warn_about_photo(self.reader, entry.value, size, self.config.window_size)
        return image

    def missing(self, node: Node, key: str, example: str) -> None:
        where = self.reader.first_key_mark(node)
        self.reader.problems.append(error(where, f"this event has no '{key}'; add one, {example}"))
