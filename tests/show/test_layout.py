"""Screen geometry in pixels, with a fake text measure so no font or display is needed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.show.commands import Action
from kiosk.show.layout import (
    MIN_BUTTON_PX,
    Rect,
    TypeSizes,
    action_for_swipe,
    action_for_tap,
    controls,
    fit_image_to_screen,
    layout_slide,
    line_height,
    usual_photo_area,
    wrap_text,
)
from kiosk.show.line_breaking import breakable_units

LANGS = ("fr", "en")


def measure(text: str, size: int) -> int:
    """Every character half as wide as the type is high."""
    return int(len(text) * size * 0.5)


def words(count: int) -> str:
    return " ".join(["mots"] * count)


# Fitting a photo


def test_fit_a_wide_photo_into_a_tall_area() -> None:
    assert fit_image_to_screen(4000, 2000, Rect(10, 20, 1000, 1000)) == Rect(10, 270, 1000, 500)


def test_fit_a_tall_photo_into_a_wide_area() -> None:
    assert fit_image_to_screen(600, 800, Rect(0, 0, 1920, 720)) == Rect(690, 0, 540, 720)


def test_fit_scales_a_small_photo_up() -> None:
    assert fit_image_to_screen(16, 9, Rect(0, 0, 1920, 1080)) == Rect(0, 0, 1920, 1080)


@pytest.mark.parametrize(
    ("w", "h", "area"), [(0, 10, Rect(5, 6, 100, 100)), (10, 10, Rect(5, 6, 0, 9))]
)
def test_fit_of_nothing_is_an_empty_rectangle(w: int, h: int, area: Rect) -> None:
    assert fit_image_to_screen(w, h, area) == Rect(5, 6, 0, 0)


@given(
    image_w=st.integers(1, 10_000),
    image_h=st.integers(1, 10_000),
    x=st.integers(-50, 2000),
    y=st.integers(-50, 2000),
    area_w=st.integers(1, 4000),
    area_h=st.integers(1, 4000),
)
def test_fit_stays_inside_keeps_the_aspect_ratio_and_centres(
    image_w: int, image_h: int, x: int, y: int, area_w: int, area_h: int
) -> None:
    area = Rect(x, y, area_w, area_h)
    fitted = fit_image_to_screen(image_w, image_h, area)
    # Inside the area.
    assert area.x <= fitted.x and fitted.right <= area.right
    assert area.y <= fitted.y and fitted.bottom <= area.bottom
    # One side fills the area; the other keeps the photo's proportions within rounding.
    scale = min(area_w / image_w, area_h / image_h)
    assert abs(fitted.w - image_w * scale) <= 1
    assert abs(fitted.h - image_h * scale) <= 1
    assert fitted.w == area_w or fitted.h == area_h or min(fitted.w, fitted.h) == 1
    # Centred: the margins either side differ by at most one pixel.
    assert abs((fitted.x - area.x) - (area.right - fitted.right)) <= 1
    assert abs((fitted.y - area.y) - (area.bottom - fitted.bottom)) <= 1


# Wrapping text


def test_wrap_breaks_between_words() -> None:
    assert wrap_text("the Livron bridge was blown up", 100, 20, measure) == (
        "the Livron",
        "bridge was",
        "blown up",
    )


def test_wrap_keeps_paragraphs_and_blank_lines() -> None:
    assert wrap_text("one\n\ntwo three", 1000, 20, measure) == ("one", "", "two three")
    assert wrap_text("", 100, 20, measure) == ("",)


def test_wrap_splits_a_word_too_long_for_a_line() -> None:
    assert wrap_text("ab Montélimar cd", 50, 20, measure) == ("ab", "Monté", "limar", "cd")


SPACE = st.sampled_from([" ", "  ", "\n", " \n "])
WORD = st.text(alphabet="abcdéèçàôœ-’ABC1944", min_size=1, max_size=12)


def after_hyphens_joined(text: str) -> list[str]:
    return re.sub(r"-\s+", "-", text).split()


@given(
    parts=st.lists(st.tuples(WORD, SPACE), max_size=40),
    width=st.integers(60, 900),
    size=st.integers(10, 40),
)
def test_wrap_never_exceeds_the_width_and_never_loses_a_word(
    parts: list[tuple[str, str]], width: int, size: int
) -> None:
    text = "".join(word + space for word, space in parts)
    lines = wrap_text(text, width, size, measure)
    for line in lines:
        assert measure(line, size) <= width
    # Words come back whole and in order, unless Unicode lets the line break after a hyphen
    # inside one, when each piece Unicode keeps together is short enough for a line.
    pieces = [unit for line in text.splitlines() for unit in breakable_units(line)]
    if all(measure(piece.rstrip(), size) <= width for piece in pieces):
        assert after_hyphens_joined(" ".join(lines)) == after_hyphens_joined(text)
    # Any word, however long, loses no letter.
    assert "".join("".join(lines).split()) == "".join(text.split())


@given(word=st.text(alphabet="abcdef", min_size=1, max_size=200), width=st.integers(1, 300))
def test_wrap_of_one_long_word_uses_full_lines(word: str, width: int) -> None:
    size = 20
    lines = wrap_text(word, width, size, measure)
    assert "".join(lines) == word
    per_line = max(1, width // 10)
    assert all(len(line) == per_line for line in lines[:-1])
    assert 1 <= len(lines[-1]) <= per_line


# Placing a slide


def test_type_sizes_at_1080p() -> None:
    assert TypeSizes.for_screen(1080) == TypeSizes(
        caption=45, caption_min=32, title=32, credit=24, button=37
    )
    assert TypeSizes.for_screen(720) == TypeSizes(
        caption=30, caption_min=22, title=22, credit=16, button=24
    )


def test_buttons_at_1080p() -> None:
    fr, en, pause, speaker, again = controls(1920, 1080, LANGS)
    assert (fr.action, fr.lang, fr.rect) == (Action.SET_LANGUAGE, "fr", Rect(1654, 878, 113, 81))
    assert (en.action, en.lang, en.rect) == (Action.SET_LANGUAGE, "en", Rect(1780, 878, 113, 81))
    assert (pause.action, pause.rect) == (Action.TOGGLE_PAUSE, Rect(1654, 972, 71, 81))
    assert (speaker.action, speaker.rect) == (Action.TOGGLE_NARRATION, Rect(1738, 972, 71, 81))
    assert (again.action, again.rect) == (Action.REPEAT_NARRATION, Rect(1822, 972, 71, 81))


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720), (1024, 600), (800, 480)])
@pytest.mark.parametrize("languages", [("fr",), ("fr", "en"), ("fr", "en", "de")])
def test_buttons_are_big_enough_for_a_finger_and_on_screen(
    width: int, height: int, languages: tuple[str, ...]
) -> None:
    buttons = controls(width, height, languages)
    assert [b.lang for b in buttons] == [*languages, None, None, None]
    for button in buttons:
        assert button.rect.w >= MIN_BUTTON_PX
        assert button.rect.h >= MIN_BUTTON_PX
        assert button.rect.x >= 0 and button.rect.right <= width
        assert button.rect.y >= 0 and button.rect.bottom <= height
    for one in buttons:
        for other in buttons:
            if one is not other:
                assert not overlaps(one.rect, other.rect)


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_a_short_caption_at_1080p_uses_the_full_size_and_the_usual_panel() -> None:
    buttons = controls(1920, 1080, LANGS)
    layout = layout_slide(1920, 1080, "Nyons est libérée le 25 août 1944.", True, buttons, measure)
    assert layout.caption.size == 45
    assert layout.caption.lines == ("Nyons est libérée le 25 août 1944.",)
    assert layout.caption.line_height == 56
    assert layout.caption.fits is True
    assert layout.screen == Rect(0, 0, 1920, 1080)
    assert layout.panel == Rect(0, 756, 1920, 324)
    assert layout.header == Rect(54, 783, 1573, 40)
    assert layout.caption_box == Rect(54, 836, 1573, 56)
    assert layout.credit_box == Rect(54, 1023, 1573, 30)
    assert layout.photo_area == Rect(13, 13, 1894, 730)
    assert layout.caption_box.right < buttons[0].rect.x


def test_a_long_caption_shrinks_but_not_below_the_minimum() -> None:
    buttons = controls(1920, 1080, LANGS)
    layout = layout_slide(1920, 1080, words(60), True, buttons, measure)
    # Four lines at 34 px (42 px apart) fill the 174 px the usual panel has for text.
    assert (layout.caption.size, len(layout.caption.lines), layout.caption.fits) == (34, 4, True)
    assert layout.panel == Rect(0, 756, 1920, 324)
    # At 33 and 32 px a line holds 19 words and the panel 4 lines: 77 words cannot fit.
    longest = layout_slide(1920, 1080, words(76), True, buttons, measure)
    assert (longest.caption.size, len(longest.caption.lines), longest.caption.fits) == (33, 4, True)
    longer = layout_slide(1920, 1080, words(77), True, buttons, measure)
    assert (longer.caption.size, len(longer.caption.lines), longer.caption.fits) == (32, 5, False)


@pytest.mark.parametrize("count", [80, 250, 1000, 10_000])
def test_an_extreme_caption_grows_the_panel_and_stays_on_screen(count: int) -> None:
    buttons = controls(1920, 1080, LANGS)
    layout = layout_slide(1920, 1080, words(count), True, buttons, measure)
    block = layout.caption
    assert block.size == 32
    assert block.fits is False
    assert layout.panel.h > 324
    assert layout.panel.bottom == 1080
    assert layout.caption_box.h == len(block.lines) * block.line_height
    assert layout.caption_box.y >= layout.header.bottom
    assert layout.caption_box.bottom <= layout.credit_box.y
    assert layout.caption_box.bottom <= 1080
    assert layout.photo_area.h == 0 or layout.photo_area.bottom <= layout.panel.y
    for line in block.lines:
        assert measure(line, block.size) <= layout.caption_box.w


def test_a_caption_that_grows_the_panel_keeps_every_word() -> None:
    buttons = controls(1920, 1080, LANGS)
    text = words(250)
    layout = layout_slide(1920, 1080, text, True, buttons, measure)
    assert " ".join(layout.caption.lines).split() == text.split()
    # 14 lines of 19 words, 40 px apart, under 150 px of header, credit and padding.
    assert len(layout.caption.lines) == 14
    assert layout.panel == Rect(0, 370, 1920, 710)
    assert layout.photo_area == Rect(13, 13, 1894, 344)


def test_a_caption_too_long_for_the_whole_screen_ends_in_an_ellipsis() -> None:
    buttons = controls(1920, 1080, LANGS)
    layout = layout_slide(1920, 1080, words(2000), True, buttons, measure)
    lines = layout.caption.lines
    assert len(lines) == 23
    assert lines[-1].endswith("…")
    assert " ".join(lines[:-1]).split() == words(2000).split()[: len(" ".join(lines[:-1]).split())]
    assert layout.caption_box.bottom == 1010
    assert layout.photo_area.h == 0


def test_without_a_credit_line_the_caption_has_more_room() -> None:
    buttons = controls(1920, 1080, LANGS)
    text = words(80)
    with_credit = layout_slide(1920, 1080, text, True, buttons, measure)
    without = layout_slide(1920, 1080, text, False, buttons, measure)
    assert (with_credit.caption.size, with_credit.caption.fits) == (32, False)
    assert (without.caption.size, without.caption.fits) == (34, True)
    assert without.credit_box.h == 0


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
@given(text=st.text(alphabet="abc de\n", max_size=3000))
def test_any_caption_stays_on_screen_and_readable(width: int, height: int, text: str) -> None:
    buttons = controls(width, height, LANGS)
    layout = layout_slide(width, height, text, True, buttons, measure)
    sizes = TypeSizes.for_screen(height)
    assert sizes.caption_min <= layout.caption.size <= sizes.caption
    assert layout.caption.line_height == line_height(layout.caption.size)
    assert layout.panel.y >= 0 and layout.panel.bottom == height
    assert layout.caption_box.bottom <= layout.credit_box.y <= height
    assert layout.caption_box.right <= min(b.rect.x for b in buttons)
    for line in layout.caption.lines:
        assert measure(line, layout.caption.size) <= layout.caption_box.w


def test_usual_photo_area() -> None:
    assert usual_photo_area(1920, 1080, LANGS) == Rect(13, 13, 1894, 730)
    assert usual_photo_area(1280, 720, LANGS) == Rect(9, 9, 1262, 486)


# Taps and swipes at 1920x1080: buttons from x 1654 to 1893, y 878 to 1053; near-miss slack 27


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (0, 0, (Action.PREVIOUS, None)),
        (639, 500, (Action.PREVIOUS, None)),
        (640, 500, (Action.PRESENCE, None)),
        (1279, 500, (Action.PRESENCE, None)),
        (1280, 500, (Action.NEXT, None)),
        (1919, 0, (Action.NEXT, None)),
        (100, 1000, (Action.PREVIOUS, None)),
        (1654, 878, (Action.SET_LANGUAGE, "fr")),
        (1766, 958, (Action.SET_LANGUAGE, "fr")),
        (1780, 878, (Action.SET_LANGUAGE, "en")),
        (1892, 958, (Action.SET_LANGUAGE, "en")),
        (1654, 972, (Action.TOGGLE_PAUSE, None)),
        (1724, 1052, (Action.TOGGLE_PAUSE, None)),
        (1738, 972, (Action.TOGGLE_NARRATION, None)),
        (1892, 1052, (Action.REPEAT_NARRATION, None)),
        # Near misses: in the gaps and the margin round the buttons, nothing turns.
        (1770, 900, (Action.PRESENCE, None)),
        (1700, 965, (Action.PRESENCE, None)),
        (1627, 900, (Action.PRESENCE, None)),
        (1700, 851, (Action.PRESENCE, None)),
        (1919, 1079, (Action.PRESENCE, None)),
        (1893, 1000, (Action.PRESENCE, None)),
        (1700, 1053, (Action.PRESENCE, None)),
        # Just outside the margin, the right third turns the page again.
        (1626, 900, (Action.NEXT, None)),
        (1700, 850, (Action.NEXT, None)),
    ],
)
def test_action_for_tap(x: float, y: float, expected: tuple[Action, str | None]) -> None:
    buttons = controls(1920, 1080, LANGS)
    assert action_for_tap(x, y, 1920, 1080, buttons) == expected


def test_every_button_answers_a_tap_at_its_centre_at_720p() -> None:
    buttons = controls(1280, 720, ("fr", "en", "de"))
    for button in buttons:
        r = button.rect
        cx, cy = r.x + r.w / 2, r.y + r.h / 2
        assert action_for_tap(cx, cy, 1280, 720, buttons) == (button.action, button.lang)


def test_a_tap_without_buttons_uses_only_the_thirds() -> None:
    assert action_for_tap(1900, 1070, 1920, 1080, ()) == (Action.NEXT, None)


@pytest.mark.parametrize(
    ("dx", "dy", "expected"),
    [
        (-154, 0, Action.NEXT),
        (154, 0, Action.PREVIOUS),
        (-153, 0, None),
        (153, 0, None),
        (-400, 200, Action.NEXT),
        (-400, 201, None),
        (400, -200, Action.PREVIOUS),
        (0, -500, None),
        (0, 0, None),
    ],
)
def test_action_for_swipe(dx: float, dy: float, expected: Action | None) -> None:
    assert action_for_swipe(dx, dy, 1920) == expected
