"""Screen geometry: where the photo, the caption panel and the buttons go, in pixels.

Pure arithmetic over the screen size, the physical screen (kiosk.show.layout_physical) and a
text-measuring function, so the renderer, the preview and the validator (which warns when a
caption cannot fit) all agree to the pixel, and tests need no display.

The photo always takes the top of the screen and the panel the bottom, at full width: title
and position in the deck, caption, credit, and the buttons, beside the text on a wide screen
or in a bar under it on a portrait one (kiosk.show.layout_controls). Nothing is ever cut:
the caption shrinks to its smallest readable size, then the panel grows; a title too long for
its line ends in '…', on purpose. Shapes and type sizes: kiosk.show.layout_geometry; taps and
swipes: kiosk.show.layout_touch.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kiosk.show.layout_controls import (
    MIN_BUTTON_PX,
    controls,
    controls_left_edge,
    controls_under_text,
    min_button_top,
)
from kiosk.show.layout_geometry import (
    LARGER_TEXT,
    Button,
    Rect,
    TextMeasure,
    TypeSizes,
    ellipsized,
    fit_image_to_screen,
    line_height,
    padding,
)
from kiosk.show.layout_physical import ScreenSpec
from kiosk.show.layout_touch import SWIPE_MIN_DISTANCE, action_for_swipe, action_for_tap, is_drag
from kiosk.show.line_breaking import wrap

__all__ = [
    "LARGER_TEXT",
    "MIN_BUTTON_PX",
    "SWIPE_MIN_DISTANCE",
    "Button",
    "CaptionBlock",
    "Rect",
    "ScreenSpec",
    "SlideLayout",
    "TextMeasure",
    "TypeSizes",
    "action_for_swipe",
    "action_for_tap",
    "controls",
    "controls_left_edge",
    "fit_image_to_screen",
    "is_drag",
    "layout_slide",
    "line_height",
    "min_button_top",
    "usual_photo_area",
    "wrap_text",
]

PANEL_HEIGHT = 0.30
"""The smallest usual panel, as a share of the screen height."""
USUAL_LINES = 4
"""The usual panel holds this many caption lines at the full caption size."""
PHOTO_ASPECT_UNDER_TEXT = 0.75
"""With the buttons under the text (a portrait screen), the photo area is at most this tall
for its width: a 4:3 landscape photo across the screen, the rest for the text."""
PHOTO_KEEPS = 0.8
"""A caption fits when, at its smallest readable size, the photo keeps at least this share
of its usual height; a longer one is worth a warning."""
CREDIT_LINES = 2
"""A longer credit ends in '…' on its second line."""
NOWHERE = Rect(0, 0, 0, 0)
PHOTO_AT_LEAST = 4
"""The usual panel leaves the photo at least 1/PHOTO_AT_LEAST of the screen's height."""


@dataclass(frozen=True)
class CaptionBlock:
    size: int
    lines: tuple[str, ...]
    line_height: int
    fits: bool
    """False when even the smallest readable size leaves the photo less than PHOTO_KEEPS of
    its usual height."""


@dataclass(frozen=True)
class SlideLayout:
    screen: Rect
    photo_area: Rect
    panel: Rect
    header: Rect
    """The line of the title and the position in the deck."""
    caption_box: Rect
    caption: CaptionBlock
    credit_box: Rect
    title: str = ""
    """The deck's title as drawn: whole, or ending in '…' when the line cannot hold it."""
    title_box: Rect = NOWHERE
    position_box: Rect = NOWHERE
    credit_lines: tuple[str, ...] = field(default=())
    sizes: TypeSizes | None = None
    """The type sizes the slide was set in (larger when a visitor asked for larger text)."""


@dataclass(frozen=True)
class PanelFrame:
    """What a screen's panel looks like whatever the slide: the text column, the height kept
    under the text for the buttons, and the panel heights that matter."""

    text_x: int
    text_w: int
    below: int
    usual_panel: int
    largest_panel: int
    """The tallest panel that still leaves the photo PHOTO_KEEPS of its usual height."""


def wrap_text(text: str, width: int, size: int, measure: TextMeasure) -> tuple[str, ...]:
    """Break text into lines no wider than `width` where Unicode allows (see
    kiosk.show.line_breaking); a word too long for a line is split."""
    return wrap(text, width, size, measure)


def layout_slide(
    width: int,
    height: int,
    caption: str,
    has_credit_line: bool,
    buttons: tuple[Button, ...],
    measure: TextMeasure,
    screen: ScreenSpec | None = None,
    *,
    title: str = "",
    position: str = "",
    credit: str = "",
    text_scale: float = 1.0,
) -> SlideLayout:
    """Place a slide: the caption shrinks to fit the usual panel, and if even its smallest
    readable size does not fit, the panel grows (the photo shrinks): text is never cut off,
    unless not even the whole screen can hold it; then its last line on screen ends in '…'.
    `credit` is the credit line's text when known (it may take two lines); without it, one
    line is kept for it. `text_scale` above 1 (a visitor's larger text) sets everything
    larger, and the usual panel, which holds USUAL_LINES at the caption's size, grows with
    it: the photo makes room. The sizes used are the layout's `sizes`."""
    sizes = TypeSizes.for_screen(height, width, screen, text_scale)
    pad = padding(width, height)
    frame = panel_frame(width, height, buttons, sizes)
    credits = _credit_lines(credit, frame.text_w, sizes.credit, measure) if has_credit_line else ()
    chrome = _chrome(pad, sizes, len(credits)) + frame.below
    block = _fit_caption(
        caption, frame.text_w, (frame.usual_panel - chrome, frame.largest_panel - chrome), sizes,
        measure,
    )  # fmt: skip
    most = max(1, (height - chrome) // block.line_height)
    if len(block.lines) > most:
        block = _cut(block, most, frame.text_w, measure)
    panel_h = min(height, max(frame.usual_panel, chrome + len(block.lines) * block.line_height))
    panel = Rect(0, height - panel_h, width, panel_h)
    header = Rect(frame.text_x, panel.y + pad, frame.text_w, line_height(sizes.title))
    title_text, title_box, position_box = _header(header, title, position, sizes.title, measure)
    caption_box = Rect(
        frame.text_x, header.bottom + pad // 2, frame.text_w, len(block.lines) * block.line_height
    )
    credit_h = len(credits) * line_height(sizes.credit)
    # Beside the buttons, the credit sits at the panel's foot, level with them; above a bar
    # of buttons in a tall panel, it follows the caption like a label on a wall.
    credit_y = caption_box.bottom + pad // 2 if frame.below else panel.bottom - pad - credit_h
    margin = pad // 2
    return SlideLayout(
        screen=Rect(0, 0, width, height),
        photo_area=Rect(margin, margin, width - 2 * margin, max(0, panel.y - 2 * margin)),
        panel=panel,
        header=header,
        caption_box=caption_box,
        caption=block,
        credit_box=Rect(frame.text_x, credit_y, frame.text_w, credit_h),
        title=title_text,
        title_box=title_box,
        position_box=position_box,
        credit_lines=tuple(credits),
        sizes=sizes,
    )


def panel_frame(
    width: int, height: int, buttons: tuple[Button, ...], sizes: TypeSizes
) -> PanelFrame:
    """The text column and panel heights for the buttons where `controls` put them."""
    pad = padding(width, height)
    margin = pad // 2
    text_x = 2 * pad
    fixed = _chrome(pad, sizes, 1) + USUAL_LINES * line_height(sizes.caption)
    if controls_under_text(buttons, width, height):
        below = height - min_button_top(buttons)
        text_w = width - 2 * text_x
        photo_most = round((width - 2 * margin) * PHOTO_ASPECT_UNDER_TEXT) + 2 * margin
        usual = max(round(height * PANEL_HEIGHT), height - photo_most, fixed + below)
    else:
        below = 0
        text_w = (controls_left_edge(buttons) if buttons else width - pad) - pad - text_x
        above_buttons = height - min_button_top(buttons) + pad if buttons else 0
        usual = max(round(height * PANEL_HEIGHT), above_buttons, fixed)
    # However small the screen, the photo keeps a quarter of it: a panel taking it all left
    # a photo area 0 pixels tall, and every photo then failed to decode (a 320x180 window).
    usual = min(usual, height - height // PHOTO_AT_LEAST)
    photo_h = max(0, height - usual - 2 * margin)
    largest = max(usual, height - round(photo_h * PHOTO_KEEPS) - 2 * margin)
    return PanelFrame(text_x, max(1, text_w), below, usual, largest)


def _chrome(pad: int, sizes: TypeSizes, credit_lines: int) -> int:
    """The panel's height around the caption: padding, the title line, the credit lines."""
    credit = pad // 2 + credit_lines * line_height(sizes.credit) if credit_lines else 0
    return pad + line_height(sizes.title) + pad // 2 + credit + pad


def _header(
    header: Rect, title: str, position: str, size: int, measure: TextMeasure
) -> tuple[str, Rect, Rect]:
    """The title as it fits at the left of the header line, and the boxes of the title and
    of the position in the deck at its right, a title size apart."""
    position_w = min(header.w, measure(position, size)) if position else 0
    position_box = Rect(header.right - position_w, header.y, position_w, header.h)
    room = max(0, header.w - position_w - (size if position else 0))
    shown = ellipsized(title, room, size, measure) if title else ""
    return shown, Rect(header.x, header.y, room, header.h), position_box


def _credit_lines(credit: str, width: int, size: int, measure: TextMeasure) -> list[str]:
    """The credit in at most CREDIT_LINES lines, the last one ending in '…' if it must."""
    lines = list(wrap_text(credit, width, size, measure)) if credit else [""]
    if len(lines) > CREDIT_LINES:
        rest = " ".join(lines[CREDIT_LINES - 1 :])
        lines = [*lines[: CREDIT_LINES - 1], ellipsized(f"{rest}…", width, size, measure)]
    return lines


def _fit_caption(
    text: str, width: int, rooms: tuple[int, int], sizes: TypeSizes, measure: TextMeasure
) -> CaptionBlock:
    """The largest size from `sizes.caption` down to `sizes.caption_min` whose lines fit the
    usual room, else the largest room (the panel grows, the photo shrinks a little), else
    the smallest size, marked as not fitting."""
    for room in rooms:
        for size in range(sizes.caption, sizes.caption_min - 1, -1):
            lines = wrap_text(text, width, size, measure)
            if len(lines) * line_height(size) <= room:
                return CaptionBlock(size, lines, line_height(size), True)
    size = sizes.caption_min
    return CaptionBlock(size, wrap_text(text, width, size, measure), line_height(size), False)


def _cut(block: CaptionBlock, count: int, width: int, measure: TextMeasure) -> CaptionBlock:
    """The first `count` lines, the last one ending in an ellipsis, rather than lines drawn
    below the screen's edge."""
    last = block.lines[count - 1].rstrip()
    while last and measure(f"{last}…", block.size) > width:
        last = last[:-1].rstrip()
    return replace(block, lines=(*block.lines[: count - 1], f"{last}…"), fits=False)


def usual_photo_area(
    width: int,
    height: int,
    languages: tuple[str, ...],
    screen: ScreenSpec | None = None,
    measure: TextMeasure | None = None,
) -> Rect:
    """The photo area when the caption fits the usual panel: the size photos are decoded to.
    `measure` is the buttons' label measure, as `controls` takes it."""
    buttons = controls(width, height, languages, screen, measure)
    return layout_slide(width, height, "", True, buttons, lambda text, size: 0, screen).photo_area
