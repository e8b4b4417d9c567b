"""Screen geometry in pixels, with a fake text measure so no font or display is needed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.show.commands import Action
from kiosk.show.layout import (
    LARGER_TEXT,
    Rect,
    ScreenSpec,
    SlideLayout,
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
SIX_LANGUAGES = ("fr", "en", "de", "es", "it", "nl")


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


# Type sizes


def test_type_sizes_at_1080p_in_either_orientation() -> None:
    """45 px captions, never below 43 px: a cap height of 31 px, 8.6 mm on a 24-inch 1080p
    screen, 0.7 degree from 0.7 m."""
    landscape = TypeSizes(caption=45, caption_min=43, title=32, credit=24, button=37)
    assert TypeSizes.for_screen(1080) == landscape
    assert TypeSizes.for_screen(1080, 1920) == landscape
    assert TypeSizes.for_screen(1920, 1080) == landscape
    assert TypeSizes.for_screen(720) == TypeSizes(
        caption=30, caption_min=29, title=22, credit=16, button=24
    )


def test_a_screen_read_from_afar_sets_everything_larger() -> None:
    """A 24-inch screen read from 2 m: the smallest caption is 2/0.7 times larger, and the
    other sizes keep their proportion to it."""
    far = TypeSizes.for_screen(1080, 1920, ScreenSpec(24, 2.0))
    assert far.caption_min == 122
    assert far.caption == 122
    assert (far.title, far.credit, far.button) == (87, 64, 99)
    # A bigger screen at the same resolution has bigger pixels: fewer of them are needed.
    assert TypeSizes.for_screen(1080, 1920, ScreenSpec(55, 0.7)).caption_min == 19


# Placing a slide

LANDSCAPE = (1920, 1080)
SIZES = [(1920, 1080), (1280, 1024), (1080, 1920), (768, 1366), (1280, 720), (1024, 600)]


def place(
    text: str, size: tuple[int, int] = LANDSCAPE, languages: tuple[str, ...] = LANGS, **texts: str
) -> SlideLayout:
    buttons = controls(*size, languages, None, measure)
    return layout_slide(*size, text, True, buttons, measure, **texts)


def test_a_short_caption_at_1080p_uses_the_full_size_and_the_usual_panel() -> None:
    buttons = controls(1920, 1080, LANGS, None, measure)
    layout = layout_slide(1920, 1080, "Nyons est libérée le 25 août 1944.", True, buttons, measure)
    assert layout.caption.size == 45
    assert layout.caption.lines == ("Nyons est libérée le 25 août 1944.",)
    assert layout.caption.line_height == 56
    assert layout.caption.fits is True
    assert layout.screen == Rect(0, 0, 1920, 1080)
    # The usual panel holds four lines at 45 px under the title, above the credit.
    assert layout.panel == Rect(0, 706, 1920, 374)
    assert layout.header == Rect(54, 733, 1405, 40)
    assert layout.caption_box == Rect(54, 786, 1405, 56)
    assert layout.credit_box == Rect(54, 1023, 1405, 30)
    assert layout.photo_area == Rect(13, 13, 1894, 680)
    assert layout.caption_box.right < buttons[0].rect.x


def test_a_long_caption_shrinks_then_grows_the_panel_a_little() -> None:
    # 45 px: 12 words a line beside the buttons, four lines in the usual panel.
    assert (place(words(48)).caption.size, len(place(words(48)).caption.lines)) == (45, 4)
    # 53 words need a fifth line at 45 px, and at 44 and 43 px too: the panel grows.
    longer = place(words(53))
    assert (longer.caption.size, len(longer.caption.lines), longer.caption.fits) == (45, 5, True)
    assert longer.panel == Rect(0, 650, 1920, 430)
    # The photo keeps 4/5 of its usual 680 px at least: room for 6 lines at 45 px...
    most = place(words(72))
    assert (most.caption.size, len(most.caption.lines), most.caption.fits) == (45, 6, True)
    assert most.photo_area.h >= 680 * 0.8
    # ... and one more word needs a seventh line even at 43 px: worth a warning.
    over = place(words(79))
    assert (over.caption.size, len(over.caption.lines), over.caption.fits) == (43, 7, False)


@pytest.mark.parametrize("count", [120, 250, 1000, 10_000])
def test_an_extreme_caption_grows_the_panel_and_stays_on_screen(count: int) -> None:
    layout = place(words(count))
    block = layout.caption
    assert block.size == 43
    assert block.fits is False
    assert layout.panel.h > 374
    assert layout.panel.bottom == 1080
    assert layout.caption_box.h == len(block.lines) * block.line_height
    assert layout.caption_box.y >= layout.header.bottom
    assert layout.caption_box.bottom <= layout.credit_box.y
    assert layout.caption_box.bottom <= 1080
    assert layout.photo_area.h == 0 or layout.photo_area.bottom <= layout.panel.y
    for line in block.lines:
        assert measure(line, block.size) <= layout.caption_box.w


def test_a_caption_that_grows_the_panel_keeps_every_word() -> None:
    text = words(131)
    layout = place(text)
    assert " ".join(layout.caption.lines).split() == text.split()
    # 11 lines of 12 words, 54 px apart, under 150 px of header, credit and padding.
    assert len(layout.caption.lines) == 11
    assert layout.panel == Rect(0, 336, 1920, 744)
    assert layout.photo_area == Rect(13, 13, 1894, 310)


def test_a_caption_too_long_for_the_whole_screen_ends_in_an_ellipsis() -> None:
    layout = place(words(2000))
    lines = layout.caption.lines
    assert len(lines) == 17
    assert lines[-1].endswith("…")
    assert " ".join(lines[:-1]).split() == words(2000).split()[: len(" ".join(lines[:-1]).split())]
    assert layout.caption_box.bottom == 1010
    assert layout.photo_area.h == 0


def test_without_a_credit_line_the_caption_has_more_room() -> None:
    buttons = controls(1920, 1080, LANGS, None, measure)
    text = words(79)
    with_credit = layout_slide(1920, 1080, text, True, buttons, measure)
    without = layout_slide(1920, 1080, text, False, buttons, measure)
    assert (with_credit.caption.size, with_credit.caption.fits) == (43, False)
    assert (without.caption.size, without.caption.fits) == (45, True)
    assert without.credit_box.h == 0


def test_a_portrait_screen_puts_the_photo_on_top_and_the_text_at_full_width() -> None:
    layout = place("Nyons est libérée le 25 août 1944.", (1080, 1920), credit="Photo: NARA")
    buttons = controls(1080, 1920, LANGS, None, measure)
    assert layout.photo_area == Rect(13, 13, 1054, 790)  # a 4:3 photo across the screen
    assert layout.panel == Rect(0, 816, 1080, 1104)
    assert (layout.caption_box.x, layout.caption_box.w) == (54, 972)
    assert layout.caption.size == 45
    # The credit follows the caption; the buttons are in a bar under both.
    assert layout.credit_box.y == layout.caption_box.bottom + 13
    assert layout.credit_box.bottom < min(b.rect.y for b in buttons)
    assert min(b.rect.x for b in buttons) == 27
    assert max(b.rect.right for b in buttons) == 1053


def test_a_title_too_long_for_its_line_ends_in_an_ellipsis_and_leaves_the_position_clear() -> None:
    title = "La bataille de Montélimar, 21-28 août 1944, et la retraite allemande vers Lyon"
    layout = place("Texte.", (1080, 1920), title=title, position="12 / 13")
    # 32 px type: 16 px a character. 972 px, less the position (7 characters) and a gap.
    assert layout.position_box == Rect(1026 - 112, layout.header.y, 112, 40)
    assert layout.title_box.w == 972 - 112 - 32
    assert layout.title.endswith("…")
    assert title.startswith(layout.title[:-1].rstrip())
    assert measure(layout.title, 32) <= layout.title_box.w
    assert not layout.title_box.overlaps(layout.position_box)
    short = place("Texte.", (1080, 1920), title="Livron", position="1 / 3")
    assert short.title == "Livron"


def test_a_long_credit_takes_two_lines_then_ends_in_an_ellipsis() -> None:
    credit = " ".join(["Photographie"] * 30)
    layout = place("Texte.", credit=credit)
    assert len(layout.credit_lines) == 2
    assert layout.credit_lines[-1].endswith("…")
    assert layout.credit_box.h == 2 * line_height(24)
    assert all(measure(line, 24) <= layout.credit_box.w for line in layout.credit_lines)
    assert place("Texte.", credit="Photo: NARA").credit_lines == ("Photo: NARA",)


def boxes(layout: SlideLayout) -> list[Rect]:
    return [
        box
        for box in (layout.title_box, layout.position_box, layout.caption_box, layout.credit_box)
        if box.w and box.h
    ]


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("languages", [("fr", "en"), ("fr", "en", "de"), SIX_LANGUAGES])
@given(text=st.text(alphabet="abc de\n", max_size=1500))
def test_any_caption_on_any_screen_stays_on_it_readable_and_clear_of_the_rest(
    width: int, height: int, languages: tuple[str, ...], text: str
) -> None:
    buttons = controls(width, height, languages, None, measure)
    layout = layout_slide(
        width, height, text, True, buttons, measure, title="Le pont de Livron", position="2 / 3"
    )
    sizes = TypeSizes.for_screen(height, width)
    assert sizes.caption_min <= layout.caption.size <= sizes.caption
    assert layout.caption.line_height == line_height(layout.caption.size)
    assert layout.panel.y >= 0 and layout.panel.bottom == height
    assert layout.photo_area.bottom <= layout.panel.y
    for line in layout.caption.lines:
        assert measure(line, layout.caption.size) <= layout.caption_box.w
    # Title, position, caption, credit and buttons: inside the panel, none on another.
    placed = boxes(layout) + [button.rect for button in buttons]
    for box in placed:
        assert box.x >= 0 and box.right <= width and box.y >= layout.panel.y
        assert box.bottom <= height
    for i, one in enumerate(placed):
        for other in placed[i + 1 :]:
            assert not one.overlaps(other), (one, other)


def test_usual_photo_area() -> None:
    assert usual_photo_area(1920, 1080, LANGS) == Rect(13, 13, 1894, 680)
    assert usual_photo_area(1280, 720, LANGS) == Rect(9, 9, 1262, 448)
    assert usual_photo_area(1080, 1920, LANGS) == Rect(13, 13, 1054, 790)


# Taps and swipes at 1920x1080: buttons from x 1486 to 1893, y 784 to 1053; near-miss slack 27


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
        (1486, 784, (Action.SET_LANGUAGE, "fr")),
        (1892, 864, (Action.SET_LANGUAGE, "fr")),
        (1486, 878, (Action.SET_LANGUAGE, "en")),
        (1892, 958, (Action.SET_LANGUAGE, "en")),
        (1486, 972, (Action.TOGGLE_PAUSE, None)),
        (1556, 1052, (Action.TOGGLE_PAUSE, None)),
        (1570, 972, (Action.TOGGLE_NARRATION, None)),
        (1654, 972, (Action.REPEAT_NARRATION, None)),
        (1738, 972, (Action.LARGER_TEXT, None)),
        (1892, 1052, (Action.HIGH_CONTRAST, None)),
        # Near misses: in the gaps and the margin round the buttons, nothing turns.
        (1770, 870, (Action.PRESENCE, None)),
        (1730, 1000, (Action.PRESENCE, None)),
        (1459, 900, (Action.PRESENCE, None)),
        (1700, 757, (Action.PRESENCE, None)),
        (1919, 1079, (Action.PRESENCE, None)),
        (1893, 1000, (Action.PRESENCE, None)),
        (1700, 1053, (Action.PRESENCE, None)),
        # Just outside the margin, the right third turns the page again.
        (1458, 900, (Action.NEXT, None)),
        (1700, 756, (Action.NEXT, None)),
    ],
)
def test_action_for_tap(x: float, y: float, expected: tuple[Action, str | None]) -> None:
    buttons = controls(1920, 1080, LANGS, None, measure)
    assert action_for_tap(x, y, 1920, 1080, buttons) == expected


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("languages", [("fr", "en"), ("fr", "en", "de"), SIX_LANGUAGES])
def test_every_button_answers_a_tap_anywhere_on_it_wherever_it_is(
    width: int, height: int, languages: tuple[str, ...]
) -> None:
    buttons = controls(width, height, languages)
    for button in buttons:
        r = button.rect
        for x, y in ((r.x, r.y), (r.x + r.w / 2, r.y + r.h / 2), (r.right - 1, r.bottom - 1)):
            assert action_for_tap(x, y, width, height, buttons) == (button.action, button.lang)


def test_on_a_portrait_screen_the_bar_of_buttons_turns_no_page() -> None:
    buttons = controls(1080, 1920, LANGS)
    bar_top = min(b.rect.y for b in buttons)
    # Between the language buttons and the other five, a near miss does nothing...
    assert action_for_tap(560, bar_top + 10, 1080, 1920, buttons) == (Action.PRESENCE, None)
    # ... while the caption above still turns pages at its sides.
    assert action_for_tap(1000, bar_top - 100, 1080, 1920, buttons) == (Action.NEXT, None)
    assert action_for_tap(50, bar_top - 100, 1080, 1920, buttons) == (Action.PREVIOUS, None)


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


@pytest.mark.parametrize(
    ("width", "height"), [(1920, 1080), (1280, 1024), (1080, 1920), (768, 1366)]
)
def test_larger_text_sets_the_caption_larger_and_the_photo_smaller(width: int, height: int) -> None:
    """A visitor's larger text: the caption 1.4 times, the title and credit a little larger,
    the photo smaller to make room (on a portrait screen, whose panel has room to spare,
    only when the caption needs it); the buttons stay where they were."""
    buttons = controls(width, height, LANGS, None, measure)
    text = "Nyons est libérée le 25 août 1944."
    usual = layout_slide(width, height, text, True, buttons, measure)
    larger = layout_slide(width, height, text, True, buttons, measure, text_scale=LARGER_TEXT)
    assert larger.caption.size == round(usual.caption.size * LARGER_TEXT)
    assert usual.sizes is not None and larger.sizes is not None
    assert usual.sizes.title < larger.sizes.title < larger.caption.size
    assert usual.sizes.credit < larger.sizes.credit
    assert larger.sizes.button == usual.sizes.button
    assert larger.caption.fits
    if width > height:
        assert larger.photo_area.h < usual.photo_area.h and larger.panel.y < usual.panel.y
    else:
        assert larger.photo_area.h == usual.photo_area.h
        long_usual = layout_slide(width, height, words(80), True, buttons, measure)
        long_larger = layout_slide(
            width, height, words(80), True, buttons, measure, text_scale=LARGER_TEXT
        )
        assert long_larger.photo_area.h < long_usual.photo_area.h
        assert long_larger.caption.size > long_usual.caption.size
