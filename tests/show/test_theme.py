"""The palette is held to WCAG AAA contrast, and the kiosk's own words exist in each language."""

from __future__ import annotations

import pytest

from kiosk.show import theme
from kiosk.show.theme import UI_TEXT, Colour, ui_text

TEXT_PAIRS: tuple[tuple[str, Colour, Colour], ...] = (
    ("caption", theme.CAPTION, theme.PANEL),
    ("title", theme.TITLE, theme.PANEL),
    ("credit and position", theme.SECONDARY, theme.PANEL),
    ("button", theme.BUTTON_TEXT, theme.BUTTON),
    ("active button", theme.BUTTON_ACTIVE_TEXT, theme.BUTTON_ACTIVE),
    ("missing photo notice", theme.MISSING_PHOTO, theme.MISSING_PHOTO_FILL),
)
"""Each text colour with the background the renderer draws it on."""
HIGH = theme.HIGH_CONTRAST
HIGH_PAIRS: tuple[tuple[str, Colour, Colour], ...] = (
    ("caption", HIGH.caption, HIGH.panel),
    ("title", HIGH.title, HIGH.panel),
    ("credit and position", HIGH.secondary, HIGH.panel),
    ("button", HIGH.button_text, HIGH.button),
    ("active button", HIGH.button_active_text, HIGH.button_active),
    ("missing photo notice", HIGH.missing_photo, HIGH.missing_photo_fill),
)
"""The same pairs in a visitor's higher contrast."""


def relative_luminance(colour: Colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: Colour, background: Colour) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("name", "foreground", "background"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS]
)
def test_every_text_colour_has_a_contrast_of_at_least_7(
    name: str, foreground: Colour, background: Colour
) -> None:
    assert contrast_ratio(foreground, background) >= 7


@pytest.mark.parametrize(
    ("name", "foreground", "background"), HIGH_PAIRS, ids=[p[0] for p in HIGH_PAIRS]
)
def test_high_contrast_has_more_contrast_than_the_usual_palette_and_at_least_7(
    name: str, foreground: Colour, background: Colour
) -> None:
    assert contrast_ratio(foreground, background) >= 7
    usual = {pair[0]: pair for pair in TEXT_PAIRS}[name]
    assert contrast_ratio(foreground, background) >= contrast_ratio(usual[1], usual[2])


def test_high_contrast_is_black_and_white_with_yellow_titles_and_thicker_borders() -> None:
    assert HIGH.background == HIGH.panel == (0, 0, 0)
    assert HIGH.caption == (255, 255, 255)
    red, green, blue = HIGH.title
    assert red > 240 and green > 200 and blue < 40  # yellow
    assert HIGH.border_width > theme.STANDARD.border_width
    assert contrast_ratio(HIGH.button_border, HIGH.button) >= 7
    assert theme.palette(True) is HIGH and theme.palette(False) is theme.STANDARD
    assert theme.STANDARD.caption == theme.CAPTION and theme.STANDARD.panel == theme.PANEL


def test_the_pairs_cover_every_text_colour() -> None:
    foregrounds = {foreground for _, foreground, _ in TEXT_PAIRS}
    for colour in (theme.CAPTION, theme.TITLE, theme.SECONDARY, theme.BUTTON_TEXT):
        assert colour in foregrounds
    assert (theme.BUTTON_ACTIVE_TEXT, theme.BUTTON_ACTIVE) in {(f, b) for _, f, b in TEXT_PAIRS}


def test_contrast_ratio_sanity() -> None:
    black, white = (0, 0, 0), (255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio((128, 64, 32), (128, 64, 32)) == 1.0
    # WCAG's reference: mid grey #777777 on white is just under 4.5.
    assert contrast_ratio((0x77, 0x77, 0x77), white) == pytest.approx(4.48, abs=0.01)
    assert relative_luminance(black) == 0.0
    assert relative_luminance(white) == pytest.approx(1.0)
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)


def test_the_caption_pair_exact_value() -> None:
    assert contrast_ratio(theme.CAPTION, theme.PANEL) == pytest.approx(16.60, abs=0.01)


@pytest.mark.parametrize("lang", sorted(UI_TEXT))
def test_the_kiosk_words_exist_in_each_language(lang: str) -> None:
    assert set(UI_TEXT[lang]) == set(UI_TEXT["en"])
    for key in UI_TEXT["en"]:
        assert ui_text(lang, key).strip()


def test_an_unknown_language_gets_english_words() -> None:
    assert ui_text("de", "photo_unavailable") == "Photograph temporarily unavailable"
    assert ui_text("fr", "photo_unavailable") == "Photographie momentanément indisponible"


def test_the_untranslated_note_names_the_language_it_lacks():
    """A German screen showing a French caption must not say "not translated into English"."""
    from kiosk.show.theme import ui_text

    assert ui_text("de", "not_translated") == "Not yet translated into German"
    assert ui_text("en", "not_translated") == "Not yet translated into English"
    assert ui_text("fr", "not_translated") == "Texte non traduit"
