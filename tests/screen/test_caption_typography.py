"""French typography on real pixels: a caption drawn by the renderer, with DejaVu Sans, breaks
where French allows, and an English one where English does."""

from __future__ import annotations

import pytest

from kiosk.show.layout import layout_slide
from tests.helpers import snapshot
from tests.screen.test_renderer import (
    PHOTO_BLUE,
    bbox_of,
    bright,
    count_runs,
    deck,
    expected_layout,
    make_renderer,
    rows_with,
    settle,
    slide,
    solid_jpeg,
    start,
)

# The renderer tests' fixtures, used here by name.

SIZE = (1920, 1080)
FILLER_WORDS = ("Dans", "la", "vallée", "du", "Rhône", "les", "convois", "étaient", "pris")


def filler_ending_before(renderer, before: str, after: str) -> str:
    """Words after which, with ordinary spaces, the first line of the caption ends just after
    `before`: `before` still fits on it, the next word no longer does."""
    measure = renderer.fonts.measure
    for count in range(1, 60):
        for extra in range(len("abcdefghij") + 1):
            words = [FILLER_WORDS[i % len(FILLER_WORDS)] for i in range(count)]
            filler = " ".join([*words, "abcdefghij"[:extra]] if extra else words)
            caption = f"{filler} {before} {after} fin."
            layout = layout_slide(*SIZE, caption, True, renderer.buttons, measure)
            width, size = layout.caption_box.w, layout.caption.size
            glued = f"{filler} {before} {after.split()[0]}"
            # French glues them with a narrower space (30 000): that must not fit either
            tight = f"{filler} {before}\u202f{after.split()[0]}"
            shortest = min(measure(glued, size), measure(tight, size))
            if measure(f"{filler} {before}", size) <= width < shortest:
                return filler
    raise AssertionError(f"no filler ends a line before {before!r}")


def drawn_lines(tmp_path, renderer, screen, caption: dict[str, str], lang: str):
    """The caption's lines as the layout has them, and the right edge of each line's ink."""
    photo = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    the_slide = slide("one", photo, caption, credit="Archives départementales")
    the_deck = deck(the_slide)
    settle(renderer, start(the_deck, lang=lang), 0.0)
    layout = expected_layout(renderer, the_deck, the_slide, lang)
    image = snapshot(screen)
    box, block = layout.caption_box, layout.caption
    rows = rows_with(image, bright, (box.x, box.y, box.right + 2, box.bottom))
    assert count_runs(rows) == len(block.lines)
    rights = []
    for index in range(len(block.lines)):
        top = box.y + index * block.line_height
        ink = bbox_of(image, bright, (box.x, top, box.right + 2, top + block.line_height))
        assert ink is not None
        rights.append(ink[2])
    return layout, rights


@pytest.mark.parametrize(
    ("before", "after"),
    [("30", "000 soldats"), ("2", "septembre 1944"), ("constant", "; elle fuit")],
)
def test_a_french_caption_breaks_where_french_allows_on_screen(
    tmp_path, fonts, open_screen, before, after
):
    screen = open_screen(SIZE)
    renderer = make_renderer(screen, fonts)
    filler = filler_ending_before(renderer, before, after)
    typed = f"{filler} {before} {after} fin."
    layout, rights = drawn_lines(tmp_path, renderer, screen, {"fr": typed}, "fr")
    block, x = layout.caption, layout.caption_box.x
    # "before" went down to the second line with what follows it ...
    assert block.lines[0] == filler
    second = block.lines[1].replace("\u202f", " ").replace("\u00a0", " ")
    assert second.startswith(f"{before} {after.split()[0]}")
    # ... and the pixels say so: the first line's ink ends where the filler ends, well short
    # of where it would end with `before` on it.
    measure = fonts.measure
    assert abs(rights[0] - (x + measure(filler, block.size))) <= 8
    assert rights[0] < x + measure(f"{filler} {before}", block.size) - 10


def test_the_same_caption_in_english_breaks_at_its_spaces_on_screen(tmp_path, fonts, open_screen):
    screen = open_screen(SIZE)
    renderer = make_renderer(screen, fonts)
    filler = filler_ending_before(renderer, "30", "000 soldats")
    typed = f"{filler} 30 000 soldats fin."
    layout, rights = drawn_lines(tmp_path, renderer, screen, {"fr": "x", "en": typed}, "en")
    block, x = layout.caption, layout.caption_box.x
    assert block.lines[0] == f"{filler} 30"
    assert abs(rights[0] - (x + fonts.measure(f"{filler} 30", block.size))) <= 8
