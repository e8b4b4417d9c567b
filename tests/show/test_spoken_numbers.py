"""Numbers as a person says them, in the text sent to the speech engine; pronunciations win."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.config import Config
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.narration import Synthesis, plan_narration
from kiosk.show.spoken_numbers import speak_numbers

CONFIG = Config(exhibition_dir=Path("/exhibition"))


def test_the_french_liberation_sentence_says_the_date_year_and_ordinal() -> None:
    assert speak_numbers("Le 12 septembre 1944, la 2e DB entre dans la ville.", "fr") == (
        "Le douze septembre mille neuf cent quarante-quatre, la deuxième DB entre dans la ville."
    )


def test_the_english_sentence_says_the_date_year_and_ordinal() -> None:
    assert speak_numbers("On 12 September 1944, the 79th Division crossed.", "en") == (
        "On the twelfth of September nineteen forty-four, the seventy-ninth Division crossed."
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("la 79e division", "la soixante-dix-neuvième division"),
        ("la 1re armée", "la première armée"),
        ("la 1ère armée", "la première armée"),
        ("le 1er régiment", "le premier régiment"),
        ("les 1ers jours", "les premiers jours"),
        ("la 2nde guerre", "la seconde guerre"),
        ("la 2ᵉ DB", "la deuxième DB"),
        ("le 1er août", "le premier août"),
        ("le 15 août", "le quinze août"),
        ("250 000 soldats", "deux cent cinquante mille soldats"),
        ("250\u202f000 soldats", "deux cent cinquante mille soldats"),
        ("3,5 km", "trois virgule cinq km"),
        ("de 1939-1945", "de mille neuf cent trente-neuf à mille neuf cent quarante-cinq"),
        ("en 1944 l'armée", "en mille neuf cent quarante-quatre l'armée"),
        ("le XIXe siècle", "le XIXe siècle"),
        ("14h30, B17", "14h30, B17"),
    ],
)
def test_french(written: str, said: str) -> None:
    assert speak_numbers(written, "fr") == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("the 15th bridge", "the fifteenth bridge"),
        ("2nd and 3rd and 21st", "second and third and twenty-first"),
        ("the 1 September", "the first of September"),
        ("the night of 14 to 15 August", "the night of the fourteenth to the fifteenth of August"),
        ("between 25 and 30 August", "between the twenty-fifth and the thirtieth of August"),
        ("16–17 August", "the sixteenth to the seventeenth of August"),
        ("September 12, 1944", "September twelfth, nineteen forty-four"),
        ("in 1066", "in ten sixty-six"),
        ("in 2005", "in two thousand and five"),
        ("the 1940s", "the nineteen forties"),
        ("1939–1945", "nineteen thirty-nine to nineteen forty-five"),
        ("250,000 men", "two hundred and fifty thousand men"),
        ("1,944 soldiers", "one thousand nine hundred and forty-four soldiers"),
        ("1500 m high", "one thousand five hundred m high"),
        ("3.5 km", "three point five km"),
        ("12 trains", "twelve trains"),
        ("at 10:30, M4A1", "at 10:30, M4A1"),
    ],
)
def test_english(written: str, said: str) -> None:
    assert speak_numbers(written, "en") == said


def test_a_language_without_rules_is_left_to_the_engine() -> None:
    assert speak_numbers("Am 12. September 1944", "de") == "Am 12. September 1944"


def deck_saying(caption: str, pronunciations: tuple[tuple[str, str], ...]) -> tuple[Deck, Slide]:
    slide = Slide(
        id="s",
        image=Path("media/s.png"),
        caption=LocalizedText((("fr", caption),)),
        credit=None,
        duration=10.0,
        transition="crossfade",
        where=Mark("deck.yaml", 3, 5),
    )
    deck = Deck(
        Path("slides/deck.yaml"),
        LocalizedText.same_everywhere("D"),
        (slide,),
        (("fr", pronunciations),),
    )
    return deck, slide


def test_a_curator_s_pronunciation_wins_over_the_number_rules() -> None:
    deck, slide = deck_saying(
        "La 2e DB en 1944, la 2e compagnie.",
        (("2e DB", "deuxième dé bé"), ("1944", "quarante-quatre")),
    )
    plan = plan_narration(deck, slide, "fr", CONFIG)
    assert isinstance(plan, Synthesis)
    assert plan.text == "La deuxième dé bé en quarante-quatre, la deuxième compagnie."


def test_the_cache_name_follows_the_words_said_so_new_rules_remake_the_file() -> None:
    deck, slide = deck_saying("En 1944.", ())
    plan = plan_narration(deck, slide, "fr", CONFIG)
    assert isinstance(plan, Synthesis)
    written = Synthesis("En 1944.", "fr", plan.voice)
    assert plan.text == "En mille neuf cent quarante-quatre."
    assert plan.cache_key("engine") != written.cache_key("engine")


THIN_DASH = "\u2009–\u2009"


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("fr", "16–17 août 1944", "du seize au dix-sept août mille neuf cent quarante-quatre"),
        ("fr", f"31 août{THIN_DASH}2 septembre", "du trente et un août au deux septembre"),
        ("fr", "1er–3 septembre", "du premier au trois septembre"),
        ("fr", "les 14-15 août", "les quatorze-quinze août"),
        ("en", f"16{THIN_DASH}17 August", "the sixteenth to the seventeenth of August"),
        (
            "en",
            f"31 August{THIN_DASH}2 September 1944",
            "the thirty-first of August to the second of September nineteen forty-four",
        ),
    ],
)
def test_day_spans_as_babel_writes_them_are_said_as_spans(lang, written, said) -> None:
    assert speak_numbers(written, lang) == said
