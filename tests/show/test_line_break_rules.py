"""The line breaks of Latin captions, written out in kiosk.show.line_break_rules, are exactly
uniseg's: on generated texts of every character the module knows, and on typical captions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from uniseg.linebreak import line_break_units

from kiosk.show.line_break_rules import LATIN_END, PUNCTUATION, latin_classes, latin_units
from kiosk.show.line_breaking import breakable_units
from kiosk.show.typography import set_text

LETTERS = "aeiouzAEZéèêàçôûïÉÀŒœßñøåÆ"
KNOWN = "".join(PUNCTUATION) + "0123456789" + LETTERS
CAPTIONS = (
    "Le 2 septembre 1944, la colonne traverse Livron : « Ils étaient 30 000 ! »",
    "L'armée (la 1re) passe le pont – détruit le 15 août – à 14 km/h ; 20 % de pertes.",
    "On 2 September 1944 the 79th crossed the bridge… “Thirty-thousand men”, she said.",
    "Prix : 12,50 € (+3 $), 1939-1945, #42, x=3, a@b, l’été [sic] d'« Arnaud ».",
    "aujourd’hui, -5 °C, 3.5/4, ($12), 10,000, A-1, 'quoted', \"quoted\"",
)


def uniseg_units(text: str) -> tuple[str, ...]:
    return tuple(line_break_units(text))


words = st.text(alphabet=KNOWN, min_size=1, max_size=8)
texts = st.lists(st.tuples(words, st.sampled_from([" ", "", "", "\u00a0", "\u202f"])), max_size=12)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_generated_texts_break_where_uniseg_breaks_them(pieces) -> None:
    text = "".join(word + gap for word, gap in pieces).strip(" ")
    assert latin_units(text) == uniseg_units(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=KNOWN, max_size=30))
def test_any_string_of_known_characters_breaks_as_uniseg_breaks_it(text) -> None:
    assert latin_units(text) == uniseg_units(text)


def test_captions_break_where_uniseg_breaks_them() -> None:
    for caption in CAPTIONS:
        for lang in ("fr", "en"):
            shown = set_text(caption, lang)
            assert latin_units(shown) == uniseg_units(shown), shown


def test_every_latin_letter_is_known_and_breaks_as_uniseg_says() -> None:
    letters = [chr(c) for c in range(LATIN_END) if latin_classes(chr(c)) == ["AL"]]
    assert len(letters) > 300
    for letter in letters:
        text = f"{letter}{letter} 1{letter}-{letter}"
        assert latin_units(text) == uniseg_units(text), letter


def test_other_scripts_and_combining_accents_go_to_uniseg() -> None:
    for text in ("مرحبا بالعالم", "日本語の文章", "e\u0301te\u0301", "emoji 🙂 here", "a—b"):
        assert latin_units(text) is None
        assert breakable_units(text) == uniseg_units(text)
