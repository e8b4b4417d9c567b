"""Where the buttons go on screens of every shape, and how big they are on the glass."""

from __future__ import annotations

import pytest

from kiosk.show.commands import Action
from kiosk.show.layout import MIN_BUTTON_PX, Rect, ScreenSpec, controls
from kiosk.show.layout_controls import LABEL_MARGIN, controls_under_text
from kiosk.show.layout_physical import MIN_TOUCH_MM

SIX = ("fr", "en", "de", "es", "it", "nl")
SIZES = [(1920, 1080), (1280, 1024), (1080, 1920), (768, 1366), (1280, 720), (800, 480)]
SCREENS = [ScreenSpec(), ScreenSpec(10, 0.5), ScreenSpec(55, 3.0)]


def bold(text: str, size: int) -> int:
    """A stand-in for the bold font: each character 0.6 of the type size wide."""
    return round(len(text) * size * 0.6)


def test_buttons_at_1080p() -> None:
    """Language names stacked in one column, the five others under them."""
    fr, en, pause, speaker, again, larger, contrast = controls(1920, 1080, ("fr", "en"), None, bold)
    assert (fr.action, fr.lang, fr.label, fr.label_size) == (
        Action.SET_LANGUAGE,
        "fr",
        "Français",
        37,
    )
    assert (fr.rect, en.rect) == (Rect(1486, 784, 407, 81), Rect(1486, 878, 407, 81))
    assert (en.lang, en.label) == ("en", "English")
    assert (pause.action, pause.rect) == (Action.TOGGLE_PAUSE, Rect(1486, 972, 71, 81))
    assert (speaker.action, speaker.rect) == (Action.TOGGLE_NARRATION, Rect(1570, 972, 71, 81))
    assert (again.action, again.rect) == (Action.REPEAT_NARRATION, Rect(1654, 972, 71, 81))
    assert (larger.action, larger.rect) == (Action.LARGER_TEXT, Rect(1738, 972, 71, 81))
    assert (contrast.action, contrast.rect) == (Action.HIGH_CONTRAST, Rect(1822, 972, 71, 81))


def test_a_portrait_screen_has_a_bar_of_buttons_at_full_width() -> None:
    buttons = controls(1080, 1920, ("fr", "en"), None, bold)
    fr, en, *_, contrast = buttons
    assert controls_under_text(buttons, 1080, 1920)
    assert fr.rect.x == 27 and en.rect.x > fr.rect.right
    assert contrast.rect.right == 1080 - 27
    assert {b.rect.y for b in buttons} == {1920 - 27 - 81}  # one row: two names fit beside


@pytest.mark.parametrize(
    ("size", "languages", "under"),
    [
        ((1920, 1080), ("fr", "en"), False),
        ((1920, 1080), SIX, False),
        # 5:4: beside a block as wide as the five small buttons, the text would keep fewer
        # than SIDE_TEXT_EMS caption sizes
        ((1280, 1024), ("fr", "en"), True),
        ((1280, 1024), ("fr", "en", "de"), True),
        ((1080, 1920), ("fr",), True),
        ((768, 1366), SIX, True),
    ],
)
def test_the_arrangement_follows_the_screen_and_the_languages(
    size: tuple[int, int], languages: tuple[str, ...], under: bool
) -> None:
    assert controls_under_text(controls(*size, languages, None, bold), *size) is under


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("languages", [("fr",), ("fr", "en"), ("fr", "en", "de"), SIX])
@pytest.mark.parametrize("screen", SCREENS, ids=["24in", "10in", "55in"])
def test_buttons_are_big_enough_for_a_finger_on_screen_and_apart(
    width: int, height: int, languages: tuple[str, ...], screen: ScreenSpec
) -> None:
    buttons = controls(width, height, languages, screen, bold)
    assert [b.lang for b in buttons] == [*languages, *[None] * 5]
    smallest = max(MIN_BUTTON_PX, MIN_TOUCH_MM / screen.pixel_pitch_mm(width, height))
    for button in buttons:
        assert min(button.rect.w, button.rect.h) >= smallest
        assert button.rect.x >= 0 and button.rect.right <= width
        assert button.rect.y >= 0 and button.rect.bottom <= height
    for i, one in enumerate(buttons):
        for other in buttons[i + 1 :]:
            assert not one.rect.overlaps(other.rect)


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("languages", [("fr", "en"), ("fr", "en", "de"), SIX])
def test_each_language_name_fits_its_button_with_a_margin(
    width: int, height: int, languages: tuple[str, ...]
) -> None:
    for button in controls(width, height, languages, None, bold):
        if button.lang is not None:
            margin = round(button.rect.h * LABEL_MARGIN)
            assert bold(button.label, button.label_size) + 2 * margin <= button.rect.w


def test_a_name_too_long_for_the_screen_is_set_smaller_rather_than_cut() -> None:
    buttons = controls(800, 480, ("gsw", "fr"), None, bold)
    swiss = buttons[0]
    assert swiss.label == "Schwiizertüütsch"
    assert bold(swiss.label, swiss.label_size) <= swiss.rect.w


def test_without_a_measure_the_labels_are_guessed_generously() -> None:
    guessed = controls(1920, 1080, ("fr", "en"))
    measured = controls(1920, 1080, ("fr", "en"), None, bold)
    assert guessed[0].rect.w >= measured[0].rect.w
