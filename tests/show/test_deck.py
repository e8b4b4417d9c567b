"""Deck values: which text a slide shows in a language it lacks."""

from __future__ import annotations

from kiosk.show.deck import LocalizedText


def test_a_missing_language_falls_back_to_the_default_even_when_it_is_not_listed_first() -> None:
    """Languages [en, fr, de], default fr: a caption written in en then fr, read in de, is the
    French one, not the first one written."""
    caption = LocalizedText((("en", "The bridge"), ("fr", "Le pont")))
    assert caption.in_language("de", "fr") == ("Le pont", False)
    assert caption.in_language("en", "fr") == ("The bridge", True)


def test_a_text_without_the_default_language_falls_back_to_its_first_language() -> None:
    caption = LocalizedText((("en", "The bridge"), ("de", "Die Brücke")))
    assert caption.in_language("it", "fr") == ("The bridge", False)
