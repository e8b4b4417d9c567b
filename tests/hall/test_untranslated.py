"""Notes for staff when a slide shows in a language its caption lacks."""

from __future__ import annotations

import logging
from dataclasses import replace

from kiosk.hall.untranslated import UntranslatedNotes
from kiosk.show.deck import Deck, LocalizedText
from kiosk.show.player import LanguageChanged, SlideShown
from tests.helpers import make_deck


def messages_from(logger: str, caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == logger]


def untranslated_deck() -> Deck:
    deck = make_deck(slide_ids=("only-fr",))
    slide = replace(deck.slides[0], caption=LocalizedText((("fr", "Seulement en français"),)))
    return replace(deck, slides=(slide,))


def test_a_language_switch_onto_an_untranslated_slide_is_noted_for_staff(caplog):
    """The visitor's tap on 'en' is the moment the French text shows in its place: noted then,
    naming the language shown (the default), not the one asked for."""
    deck = untranslated_deck()
    notes = UntranslatedNotes("fr")
    note = "livron.yaml:1:5: slide 'only-fr' has no 'en' caption; showing 'fr'"
    with caplog.at_level(logging.WARNING, logger="kiosk.hall.untranslated"):
        notes.note(LanguageChanged(deck, deck.slides[0], "en", "touch"))
        assert messages_from("kiosk.hall.untranslated", caplog) == [note]
        notes.note(SlideShown(deck, deck.slides[0], "en", "timer"))
        assert messages_from("kiosk.hall.untranslated", caplog) == [note]
