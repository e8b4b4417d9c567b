"""Timelines and maps built in Python, as the loader would expand them: one slide per event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.event_dates import date_label, date_text
from kiosk.show.events import Event, EventDate, Panel, PanelKind, Place

LANGUAGES = ("fr", "en")


def localized(make) -> LocalizedText:
    return LocalizedText(tuple((lang, make(lang)) for lang in LANGUAGES))


def event(day: int, place: str | None = None, image: str | None = None, end: int | None = None):
    """An event in August 1944 (day `day`, to `end` for a span), at `place` if given."""
    when = EventDate(dt.date(1944, 8, day), dt.date(1944, 8, end or day))
    where = Place(place, LocalizedText.same_everywhere(place.title()), 44.5, 4.8) if place else None
    return Event(
        date=when,
        date_text=localized(lambda lang: date_text(when, lang)),
        date_label=localized(lambda lang: date_label(when, lang)),
        caption=localized(lambda lang: f"{place or 'event'} {day} {lang}"),
        place=where,
        image=Path(image) if image else None,
        where=Mark("slides/drome.yaml", 10 + day, 9),
    )


def panel_slides(
    panel_id: str, events: tuple[Event, ...], kind: PanelKind = "timeline", duration: float = 10
) -> tuple[Slide, ...]:
    panel = Panel(kind, panel_id, LocalizedText.same_everywhere(panel_id), events)
    return tuple(
        Slide(
            id=panel_id,
            image=item.image,
            caption=item.caption,
            credit=None,
            duration=duration,
            transition="crossfade",
            where=item.where or Mark("slides/drome.yaml", 1, 1),
            panel=panel,
            step=index,
        )
        for index, item in enumerate(events)
    )


def photo_slide(slide_id: str, line: int = 1) -> Slide:
    return Slide(
        id=slide_id,
        image=Path(f"media/{slide_id}.jpg"),
        caption=localized(lambda lang: f"{slide_id} {lang}"),
        credit=None,
        duration=12.0,
        transition="crossfade",
        where=Mark("slides/drome.yaml", line, 5),
    )


def drome_deck(*slides: Slide, name: str = "drome") -> Deck:
    return Deck(Path(f"slides/{name}.yaml"), LocalizedText.same_everywhere(name), slides)
