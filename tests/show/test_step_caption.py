"""A step's caption says where and when before the curator's text, in each language."""

from __future__ import annotations

from dataclasses import replace

from kiosk.show.deck import LocalizedText
from kiosk.show.step_caption import step_caption
from tests.show.panels import event


def test_the_caption_begins_with_the_place_and_the_date_in_each_language():
    caption = step_caption(event(25, "nyons"))
    assert caption.get("fr") == "Nyons, 25 août 1944. nyons 25 fr"
    assert caption.get("en") == "Nyons, 25 August 1944. nyons 25 en"


def test_a_span_and_an_event_without_a_place():
    caption = step_caption(event(16, None, end=17))
    assert caption.get("fr") == "16–17 août 1944. event 16 fr"


def test_a_caption_written_once_for_every_language_gets_each_language_s_date():
    once = replace(event(21, "buis"), caption=LocalizedText.same_everywhere("Libérée."))
    caption = step_caption(once)
    assert caption.languages == ("fr", "en")
    assert caption.get("en") == "Buis, 21 August 1944. Libérée."


def test_a_missing_translation_stays_missing():
    french_only = replace(event(21, "buis"), caption=LocalizedText((("fr", "Libérée."),)))
    assert step_caption(french_only).in_language("en", "fr") == (
        "Buis, 21 août 1944. Libérée.",
        False,
    )
