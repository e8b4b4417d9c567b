"""The caption of a timeline's or map's step: where and when, then the curator's text."""

from __future__ import annotations

from kiosk.show.deck import LocalizedText
from kiosk.show.events import Event


def step_caption(event: Event) -> LocalizedText:
    """What a step's caption panel says and its narration reads, in each language the event's
    caption is written in: where and when first, as a sentence of its own ("Nyons, 25 août
    1944."), then the curator's caption. One text for both, so the sentence lit while it is
    spoken is the sentence on screen."""
    texts = []
    for lang, caption in event.caption.texts:
        languages = event.date_text.languages if lang == "*" else (lang,)
        for each in languages:
            when = event.date_text.get(each) or event.date_text.texts[0][1]
            where = event.place.name.in_language(each, "*")[0] if event.place else None
            heading = f"{where}, {when}." if where else f"{when}."
            texts.append((each, f"{heading} {caption}".strip()))
    return LocalizedText(tuple(texts))
