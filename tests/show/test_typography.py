"""French non-breaking spaces added as a caption is set, and only then."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.config import Config
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.narration import Synthesis, plan_narration
from kiosk.show.typography import (
    NARROW_NBSP,
    NBSP,
    is_french,
    set_text,
    shown_text,
    written_language,
)

N, W = NARROW_NBSP, NBSP


@pytest.mark.parametrize(
    ("typed", "set_as"),
    [
        ("un harcèlement constant ; elle fuit", f"un harcèlement constant{N}; elle fuit"),
        ("Vive la France !", f"Vive la France{N}!"),
        ("Qui ? Pourquoi ?!", f"Qui{N}? Pourquoi{N}?!"),
        ("en Provence : l'opération", f"en Provence{W}: l'opération"),
        ("appelé « Team des maîtres d'hôtel ».", f"appelé «{N}Team des maîtres d'hôtel{N}»."),
        ("une colonne de 2 000 véhicules", f"une colonne de 2{N}000 véhicules"),
        ("250 000 hommes", f"250{N}000 hommes"),
        ("1 234 567 tirs", f"1{N}234{N}567 tirs"),
        ("Le 2 septembre 1944", f"Le 2{W}septembre 1944"),
        ("le 15 août 1944", f"le 15{W}août 1944"),
        ("le 1er Août", f"le 1er{W}Août"),
        ("sur 14 km le long", f"sur 14{W}km le long"),
        ("sur 14 kilomètres", f"sur 14{W}kilomètres"),
        ("à 15 h 30", f"à 15{W}h 30"),
        ("30 % des pertes", f"30{W}% des pertes"),
        ("3,5 m.", f"3,5{W}m."),
        ("75 000 km !", f"75{N}000{W}km{N}!"),
    ],
)
def test_french_gets_its_non_breaking_spaces(typed: str, set_as: str) -> None:
    assert set_text(typed, "fr") == set_as


@pytest.mark.parametrize(
    "typed",
    [
        "https://example.org/page?x=1",  # no space typed before ':' or '?': none added
        "à 10:30",
        "«ainsi»",
        "en 1944 300 soldats",  # four digits then three are not one number
        "du 14 au 15",
        "2 hommes",  # a word, not a unit
        "3 mois",  # starts like 'm' but is not a unit
        "les 3 l'ont vu",  # an elided article, not litres
        "le 12 maire",  # starts like 'mai'
        "; au début",  # a space at the start is nobody's
    ],
)
def test_french_text_that_needs_nothing_comes_out_as_typed(typed: str) -> None:
    assert set_text(typed, "fr") == typed


def test_spaces_the_curator_typed_already_non_breaking_are_set_the_same() -> None:
    assert set_text(f"mot  {W};  30{W}000 «{W}x{N}»", "fr") == f"mot{N};  30{N}000 «{N}x{N}»"


def test_a_line_break_before_a_mark_is_left_to_the_curator() -> None:
    assert set_text("premier\n; second", "fr") == "premier\n; second"


@pytest.mark.parametrize("lang", ["fr", "FR", "fr-CA", "fr_BE"])
def test_every_french_is_french(lang: str) -> None:
    assert is_french(lang)
    assert set_text("30 000 ; oui", lang) == f"30{N}000{N}; oui"


@pytest.mark.parametrize("lang", ["en", "de", "fy", "fra", "*"])
def test_other_languages_keep_their_text(lang: str) -> None:
    english = "On 15 August 1944, 250,000 men landed: « really » ; 14 km !"
    assert not is_french(lang)
    assert set_text(english, lang) == english
    assert set_text("30 000 ; oui", lang) == "30 000 ; oui"


PIECES = [*"ab1234 0;:!?«»,.%\t\n", W, N, "\u2009", " août", " km", "1er", " 000", "h"]
TYPED = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(TYPED)
def test_setting_twice_is_setting_once(text: str) -> None:
    once = set_text(text, "fr")
    assert set_text(once, "fr") == once


def spaces_as_one(text: str) -> str:
    return re.sub(f"[ \t{W}{N}\u2009]+", " ", text)


@given(TYPED)
def test_only_spaces_change_never_a_letter_or_a_mark(text: str) -> None:
    assert spaces_as_one(set_text(text, "fr")) == spaces_as_one(text)


# Which text, in which language


def caption(*texts: tuple[str, str]) -> LocalizedText:
    return LocalizedText(texts)


def test_each_text_is_set_by_the_language_it_is_written_in() -> None:
    both = caption(("fr", "Oui ; 30 000"), ("en", "Yes ; 30 000"))
    assert shown_text(both, "fr", "fr") == (f"Oui{N}; 30{N}000", True)
    assert shown_text(both, "en", "fr") == ("Yes ; 30 000", True)


def test_an_untranslated_caption_keeps_the_rules_of_the_language_shown_instead() -> None:
    french_only = caption(("fr", "Oui ; 30 000"))
    assert written_language(french_only, "en", "fr") == "fr"
    assert shown_text(french_only, "en", "fr") == (f"Oui{N}; 30{N}000", False)
    english_only = caption(("en", "Yes ; 30 000"))
    assert written_language(english_only, "fr", "de") == "en"
    assert shown_text(english_only, "fr", "de") == ("Yes ; 30 000", False)


def test_a_text_written_once_for_every_language_reads_as_the_screens_language() -> None:
    everywhere = LocalizedText.same_everywhere("Montélimar : 30 000")
    assert shown_text(everywhere, "fr", "en") == (f"Montélimar{W}: 30{N}000", True)
    assert shown_text(everywhere, "en", "fr") == ("Montélimar : 30 000", True)


def test_narration_speaks_the_curators_text_so_cached_sounds_keep_their_names() -> None:
    typed = "Le 2 septembre ; 30 000 hommes « libres »"
    slide = Slide(
        id="s",
        image=Path("media/s.png"),
        caption=caption(("fr", typed)),
        credit=None,
        duration=10.0,
        transition="crossfade",
        where=Mark("deck.yaml", 3, 5),
    )
    deck = Deck(Path("slides/deck.yaml"), LocalizedText.same_everywhere("D"), (slide,))
    config = Config(exhibition_dir=Path("/exhibition"))
    spoken = plan_narration(deck, slide, "fr", config)
    assert isinstance(spoken, Synthesis)
    # The typed text, numbers said in words (kiosk.show.spoken_numbers); no typographic spaces.
    assert spoken.text == "Le deux septembre ; trente mille hommes « libres »"
    assert shown_text(slide.caption, "fr", "fr")[0] != typed
