"""Lines broken where Unicode allows, on French captions as the screen sets them, with a
stand-in measure: every character 10 px wide at size 20."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.show.layout import wrap_text
from kiosk.show.line_breaking import breakable_units, wrap
from kiosk.show.typography import NARROW_NBSP, NBSP, set_text

N, W = NARROW_NBSP, NBSP
SIZE = 20


def measure(text: str, size: int) -> int:
    return int(len(text) * size * 0.5)


def chars(count: int) -> int:
    """The width of `count` characters."""
    return measure("x" * count, SIZE)


def at_every_space(text: str, width: int) -> list[str]:
    """How the kiosk broke lines before it followed Unicode: at any space, so these tests
    show their widths would break inside what must stay together."""
    lines, line = [], ""
    for word in text.split():
        if line and measure(f"{line} {word}", SIZE) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def plain(lines: tuple[str, ...]) -> list[str]:
    return [line.replace(N, " ").replace(W, " ") for line in lines]


@pytest.mark.parametrize(
    ("typed", "width", "lines"),
    [
        # "30" fits at the end of the first line; "30 000" does not.
        ("Ils étaient 30 000 soldats", 14, ["Ils étaient", "30 000 soldats"]),
        # "2" fits after "Le"; "2 septembre" does not.
        ("Le 2 septembre 1944", 11, ["Le", "2 septembre", "1944"]),
        ("Le 15 août 1944", 7, ["Le", "15 août", "1944"]),
        # ";" would start the second line.
        ("Un harcèlement constant ; elle fuit", 23, ["Un harcèlement", "constant ; elle fuit"]),
        # "«" would end a line and "»" start one.
        ("appelé « Team des maîtres » ici", 9, ["appelé", "« Team", "des", "maîtres »", "ici"]),
        ("sur 14 km le long", 6, ["sur", "14 km", "le", "long"]),
        ("Oui vraiment ? Non", 12, ["Oui", "vraiment ?", "Non"]),
        ("la Provence : la Drôme", 11, ["la", "Provence :", "la Drôme"]),
    ],
)
def test_french_captions_break_where_french_allows(
    typed: str, width: int, lines: list[str]
) -> None:
    assert at_every_space(typed, chars(width)) != lines  # the rules change something here
    wrapped = wrap_text(set_text(typed, "fr"), chars(width), SIZE, measure)
    assert plain(wrapped) == lines
    assert all(measure(line, SIZE) <= chars(width) for line in wrapped)


def test_the_same_width_breaks_an_english_caption_at_its_spaces() -> None:
    english = "There were 30 000 soldiers ; on 2 September"
    assert set_text(english, "en") == english
    assert wrap_text(set_text(english, "en"), chars(14), SIZE, measure) == (
        "There were 30",
        "000 soldiers ;",
        "on 2 September",
    )


def test_unicode_alone_keeps_punctuation_off_the_start_of_a_line() -> None:
    """Even in text no typography touched: UAX #14 does not break before ; ! ? , . )"""
    text = "one ; two ! three ? four, five. (six) seven"
    for width in range(8, 45):
        for line in wrap(text, chars(width), SIZE, measure):
            assert line[:1] not in set(";:!?,.)»"), (width, line)


WORDS = st.sampled_from(["Drôme", "30", "000", "2", "septembre", "août", "pont", "1944", "km"])
MARKS = st.sampled_from([" ", " ", " ", " ; ", " : ", " ! ", " ? ", ", ", ". ", " « ", " » "])


@given(
    first=WORDS,
    parts=st.lists(st.tuples(MARKS, WORDS), max_size=30),
    width=st.integers(12, 40),
)
def test_no_french_line_starts_with_punctuation(
    first: str, parts: list[tuple[str, str]], width: int
) -> None:
    text = set_text(first + "".join(mark + word for mark, word in parts), "fr")
    units = breakable_units(text)
    assume(all(measure(unit.rstrip(), SIZE) <= chars(width) for unit in units))
    for line in wrap(text, chars(width), SIZE, measure):
        assert line[:1] not in set(";:!?,.»"), line
        assert not line.endswith("«"), line
        assert line == line.strip(), line


def test_a_url_breaks_after_its_slashes() -> None:
    url = "https://archives.ladrome.fr/liberation/1944/montelimar"
    lines = wrap_text(f"Voir {url}", chars(20), SIZE, measure)
    assert lines == ("Voir https://", "archives.ladrome.fr/", "liberation/1944/", "montelimar")


def test_a_word_too_long_for_any_line_is_still_split() -> None:
    site = "www.archivesdeladromeliberation.fr"  # no break opportunity in it
    assert breakable_units(site) == (site,)
    lines = wrap_text(f"Voir {site} ici", chars(15), SIZE, measure)
    assert lines == ("Voir", "www.archivesdel", "adromeliberatio", "n.fr ici")


def test_a_split_keeps_an_accent_on_its_letter() -> None:
    decomposed = unicodedata.normalize("NFD", "Montélimar")  # e + combining acute
    lines = wrap(decomposed, measure("x" * 5, SIZE), SIZE, measure)
    assert all(not unicodedata.combining(line[0]) for line in lines)
    assert "".join(lines) == decomposed


def test_typed_spaces_count_as_one_and_line_breaks_stay() -> None:
    assert wrap("un   deux\t trois\n\nquatre", chars(40), SIZE, measure) == (
        "un deux trois",
        "",
        "quatre",
    )
    assert wrap("", chars(10), SIZE, measure) == ("",)
    assert wrap("   ", chars(10), SIZE, measure) == ("",)
