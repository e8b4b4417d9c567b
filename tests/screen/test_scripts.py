"""Captions in other scripts on real pixels: Hebrew and Arabic right to left, Arabic joined,
Devanagari reordered, CJK, Thai and emoji drawn rather than boxes.

Each letter is found in a rendered word by matching the pixels of that letter drawn alone
(pygame masks), so the order checked is the order a visitor sees.
"""

from __future__ import annotations

import pygame
import pytest

from kiosk.screen.font_chain import noto_file
from kiosk.screen.fonts import Fonts

WHITE = (255, 255, 255)
SIZE = 60


def needs(file: str, package: str):
    return pytest.mark.skipif(
        noto_file(file) is None,
        reason=f"{file} is not installed (Debian's {package}, which install.sh installs)",
    )


needs_hebrew = needs("NotoSansHebrew-Regular.ttf", "fonts-noto-core")
needs_arabic = needs("NotoSansArabic-Regular.ttf", "fonts-noto-core")
needs_thai = needs("NotoSansThai-Regular.ttf", "fonts-noto-core")
needs_devanagari = needs("NotoSansDevanagari-Regular.ttf", "fonts-noto-core")
needs_cjk = needs("NotoSansCJK-Regular.ttc", "fonts-noto-cjk")
needs_emoji = needs("NotoColorEmoji.ttf", "fonts-noto-color-emoji")


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return Fonts()


@pytest.fixture(scope="module")
def shaping(fonts: Fonts) -> Fonts:
    if not fonts.shapes_direction:
        pytest.skip("this pygame cannot set a text direction for SDL_ttf (pygame-ce can)")
    return fonts


def mask(fonts: Fonts, text: str, rtl: bool | None = None) -> pygame.mask.Mask:
    return pygame.mask.from_surface(fonts.render(text, SIZE, WHITE, rtl=rtl))


def place_of(fonts: Fonts, part: str, word: str, rtl: bool | None = None) -> int:
    """Where `part`, drawn alone, lies in `word` drawn whole (in a paragraph of direction
    `rtl`, by default its own): the x where their pixels match. Fails unless (nearly) every
    pixel of `part` is found there."""
    whole, alone = mask(fonts, word, rtl), mask(fonts, part)
    width = whole.get_size()[0]
    overlap, x = max(
        (whole.overlap_area(alone, (x, y)), x) for x in range(-4, width) for y in range(-4, 5)
    )
    assert overlap >= 0.97 * alone.count(), f"{part!r} is not drawn in {word!r}"
    return x


def is_box(fonts: Fonts, text: str) -> bool:
    """Whether `text` came out as the empty box a font draws for a character it lacks (the
    one a private-use character, which no font has, gets)."""
    drawn, box = mask(fonts, text), mask(fonts, "\ue000")
    if drawn.get_size() != box.get_size():
        return False
    return drawn.overlap_area(box, (0, 0)) >= 0.9 * max(drawn.count(), box.count())


def test_pygame_ce_shapes_text_with_harfbuzz(fonts: Fonts) -> None:
    """What the kiosk depends on: pygame-ce's SDL_ttf is built with HarfBuzz, so a font can be
    told its script and direction (without HarfBuzz, SDL_ttf refuses both)."""
    if not getattr(pygame, "IS_CE", False):
        pytest.skip("pygame (not pygame-ce) is installed here; the kiosk depends on pygame-ce")
    assert (fonts.shapes_script, fonts.shapes_direction) == (True, True)


@needs_hebrew
def test_hebrew_reads_from_the_right(fonts: Fonts) -> None:
    word = "שלום"  # shin, lamed, vav, final mem: drawn right to left
    places = [place_of(fonts, letter, word) for letter in word]
    assert places == sorted(places, reverse=True), places
    assert places[0] > places[-1] + SIZE


@needs_hebrew
def test_a_number_in_hebrew_stays_left_to_right_on_the_left(fonts: Fonts) -> None:
    line = "שלום 1944"
    hebrew, number = place_of(fonts, "שלום", line), place_of(fonts, "1944", line)
    assert number < hebrew
    digits = [place_of(fonts, digit, line) for digit in "19"]
    assert digits == sorted(digits)


@needs_hebrew
def test_every_line_of_a_hebrew_caption_is_laid_right_to_left(fonts: Fonts) -> None:
    """A line of a Hebrew caption that starts with a Latin name is still right to left: its
    paragraph's direction is given, not guessed from the line."""
    line = "Louvre מוזיאון"
    as_own, in_hebrew = fonts.render(line, SIZE, WHITE), fonts.render(line, SIZE, WHITE, rtl=True)
    assert as_own.get_width() == in_hebrew.get_width()
    latin_first = place_of(fonts, "Louvre", line, rtl=False)
    latin_in_hebrew = place_of(fonts, "Louvre", line, rtl=True)
    assert latin_first < 5  # a line read on its own starts with the name...
    # ... which, in a Hebrew caption, ends the line on the right.
    assert latin_in_hebrew + fonts.measure("Louvre", SIZE) >= in_hebrew.get_width() - 3


@needs_arabic
def test_arabic_reads_from_the_right(shaping: Fonts) -> None:
    word = "دار"  # dal, alef, reh: letters that join no letter after them, drawn alone as is
    places = [place_of(shaping, letter, word) for letter in word]
    assert places == sorted(places, reverse=True), places


@needs_arabic
def test_arabic_letters_are_joined(shaping: Fonts) -> None:
    word = "سلم"  # seen, lam, meem: no dots, so a joined word is one stroke of ink
    letters = [shaping.measure(letter, SIZE) for letter in word]
    assert shaping.measure(word, SIZE) < 0.85 * sum(letters)
    assert len(mask(shaping, word).connected_components()) == 1
    assert all(len(mask(shaping, letter).connected_components()) == 1 for letter in word)


@needs_devanagari
def test_devanagari_vowel_sign_i_is_drawn_before_its_consonant(shaping: Fonts) -> None:
    """कि is ka then the vowel sign i, which shows on the left of ka: unshaped, ka would be
    drawn first, at the left edge."""
    assert place_of(shaping, "क", "कि") > SIZE // 5


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("中", marks=needs_cjk, id="chinese"),
        pytest.param("美術館", marks=needs_cjk, id="japanese"),
        pytest.param("박물관", marks=needs_cjk, id="korean"),
        pytest.param("ก", marks=needs_thai, id="thai"),
        pytest.param("พิพิธภัณฑ์", marks=needs_thai, id="thai-word"),
        pytest.param("संग्रहालय", marks=needs_devanagari, id="devanagari"),
        pytest.param("🦕", marks=needs_emoji, id="emoji"),
    ],
)
def test_other_scripts_are_drawn_not_boxes(fonts: Fonts, text: str) -> None:
    assert fonts.missing(text) == ""
    assert not any(is_box(fonts, char) for char in text)
    assert mask(fonts, text).count() > 0
    assert fonts.measure(text, SIZE) == fonts.render(text, SIZE, WHITE).get_width()


def test_a_character_no_font_has_is_a_box_and_is_named_missing(fonts: Fonts) -> None:
    assert is_box(fonts, "\ue000")  # the check above can fail
    assert not is_box(fonts, "e")
    assert fonts.missing("Le pont \ue000 de Livron \U000e0fff") == "\ue000\U000e0fff"
    assert fonts.missing("Le pont de Livron, « 1944 »") == ""


@needs_emoji
def test_emoji_are_in_colour_at_the_size_of_the_text(fonts: Fonts) -> None:
    drawn = fonts.render("🦕", SIZE, WHITE)
    colours = {
        tuple(drawn.get_at((x, y)))[:3]
        for x in range(drawn.get_width())
        for y in range(drawn.get_height())
        if drawn.get_at((x, y)).a > 200
    }
    assert any(max(colour) - min(colour) > 60 for colour in colours)  # not the white asked for
    letter = fonts.render("M", SIZE, WHITE)
    assert drawn.get_height() <= 1.3 * letter.get_height()
    assert SIZE * 0.8 <= drawn.get_width() <= SIZE * 1.5


@needs_arabic
@needs_thai
@pytest.mark.parametrize(
    ("text", "file", "script"),
    [("في", "NotoSansArabic-Regular.ttf", "Arab"), ("น้ำ", "NotoSansThai-Regular.ttf", "Thai")],
)
def test_marks_above_and_below_the_line_are_not_cut_off(
    shaping: Fonts, text: str, file: str, script: str
) -> None:
    """Arabic dots below and Thai tone marks above reach past DejaVu's line: the surface grows
    to hold all the ink the script's own font draws."""
    own = pygame.font.Font(noto_file(file), SIZE)
    own.set_script(script)
    own.set_direction(pygame.DIRECTION_RTL if script == "Arab" else pygame.DIRECTION_LTR)
    expected = own.render(text, True, WHITE).get_bounding_rect()
    drawn = shaping.render(text, SIZE, WHITE)
    assert drawn.get_bounding_rect().size == expected.size
    assert drawn.get_height() > shaping.font(SIZE).get_height()


@needs_arabic
@needs_hebrew
@needs_cjk
def test_mixed_scripts_measure_what_they_render(fonts: Fonts) -> None:
    for text in (
        "متحف اللوفر في باريس 2024 (Louvre)",
        "Le Louvre : מוזיאון הלובר",
        "博物馆 et musée 😀",
        "Ελληνικά, Русский",
    ):
        for size in (24, 45):
            assert fonts.measure(text, size) == fonts.render(text, size, WHITE).get_width()
