"""The palette is held to WCAG AAA contrast, and the kiosk's own words exist in each language."""

from __future__ import annotations

import pytest

from kiosk.show import theme
from kiosk.show.theme import TEXT_PAIRS, UI_TEXT, contrast_ratio, relative_luminance, ui_text


@pytest.mark.parametrize(
    ("name", "foreground", "background"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS]
)
def test_every_text_colour_has_a_contrast_of_at_least_7(
    name: str, foreground: theme.Colour, background: theme.Colour
) -> None:
    assert contrast_ratio(foreground, background) >= 7


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
    assert ui_text("de", "photo_unavailable") == "Photograph unavailable"
    assert ui_text("fr", "photo_unavailable") == "Photographie indisponible"
