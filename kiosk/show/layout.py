"""Screen geometry: where the photo, the caption panel and the buttons go, in pixels.

Pure arithmetic over the screen size and a text-measuring function, so the renderer, the
preview and the validator (which warns when a caption cannot fit) all agree to the pixel, and
tests need no display. Sizes scale with the screen height; the numbers below are chosen for a
24-inch 1080p screen read from 1.5 m.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.show.commands import Action
from kiosk.show.line_breaking import TextMeasure, wrap

# Fractions of the screen height. At 1080 px: caption 45 px, never below 32 px (cap height
# about 6.5 mm on a 24-inch screen, readable at 1.5 m), title 32 px, credit 24 px.
CAPTION_SIZE = 0.042
CAPTION_MIN_SIZE = 0.030
TITLE_SIZE = 0.030
CREDIT_SIZE = 0.022
BUTTON_TEXT_SIZE = 0.034
LINE_SPACING = 1.25
PADDING = 0.025
PANEL_HEIGHT = 0.30
BUTTON_HEIGHT = 0.075
BUTTON_WIDTH = 0.105
MIN_BUTTON_PX = 48  # 9 mm on a 24-inch 1080p screen: the smallest target a finger hits reliably
SWIPE_MIN_DISTANCE = 0.08  # of the screen width


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.right and self.y <= py < self.bottom


@dataclass(frozen=True)
class Button:
    """An on-screen control; `lang` is set for the language buttons."""

    action: Action
    rect: Rect
    lang: str | None = None


@dataclass(frozen=True)
class CaptionBlock:
    size: int
    lines: tuple[str, ...]
    line_height: int
    fits: bool
    """False when even the smallest readable size needs more than the usual panel."""


@dataclass(frozen=True)
class SlideLayout:
    screen: Rect
    photo_area: Rect
    panel: Rect
    header: Rect
    caption_box: Rect
    caption: CaptionBlock
    credit_box: Rect


@dataclass(frozen=True)
class TypeSizes:
    caption: int
    caption_min: int
    title: int
    credit: int
    button: int

    @classmethod
    def for_screen(cls, height: int) -> TypeSizes:
        return cls(
            caption=round(height * CAPTION_SIZE),
            caption_min=max(14, round(height * CAPTION_MIN_SIZE)),
            title=round(height * TITLE_SIZE),
            credit=max(12, round(height * CREDIT_SIZE)),
            button=round(height * BUTTON_TEXT_SIZE),
        )


def line_height(size: int) -> int:
    return round(size * LINE_SPACING)


def fit_image_to_screen(image_w: int, image_h: int, area: Rect) -> Rect:
    """The largest rectangle of the image's aspect ratio inside `area`, centred."""
    if image_w <= 0 or image_h <= 0 or area.w <= 0 or area.h <= 0:
        return Rect(area.x, area.y, 0, 0)
    scale = min(area.w / image_w, area.h / image_h)
    w, h = max(1, round(image_w * scale)), max(1, round(image_h * scale))
    return Rect(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)


def controls(width: int, height: int, languages: tuple[str, ...]) -> tuple[Button, ...]:
    """Language buttons in a row; below them pause, narration on/off and repeat, anchored to
    the bottom-right corner. They never move from slide to slide, so a visitor finds them
    where they last were."""
    pad = round(height * PADDING)
    bw = max(MIN_BUTTON_PX, round(height * BUTTON_WIDTH))
    bh = max(MIN_BUTTON_PX, round(height * BUTTON_HEIGHT))
    gap = pad // 2
    row_w = max(len(languages) * bw + (len(languages) - 1) * gap, 3 * MIN_BUTTON_PX + 2 * gap)
    x0 = width - pad - row_w
    bottom_y = height - pad - bh
    small_w = (row_w - 2 * gap) // 3
    bottom = tuple(
        Button(action, Rect(x0 + i * (small_w + gap), bottom_y, small_w, bh))
        for i, action in enumerate(
            (Action.TOGGLE_PAUSE, Action.TOGGLE_NARRATION, Action.REPEAT_NARRATION)
        )
    )
    lang_y = bottom_y - gap - bh
    lang_w = (row_w - (len(languages) - 1) * gap) // len(languages)
    langs = tuple(
        Button(Action.SET_LANGUAGE, Rect(x0 + i * (lang_w + gap), lang_y, lang_w, bh), lang)
        for i, lang in enumerate(languages)
    )
    return (*langs, *bottom)


def controls_left_edge(buttons: tuple[Button, ...]) -> int:
    return min(button.rect.x for button in buttons)


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
) -> SlideLayout:
    """Place a slide: the caption shrinks to fit the usual panel, and if even its smallest
    readable size does not fit, the panel grows (the photo shrinks): text is never cut off,
    unless not even the whole screen can hold it; then its last line on screen ends in '…'."""
    sizes = TypeSizes.for_screen(height)
    pad = round(height * PADDING)
    text_x = pad * 2
    text_w = max(1, controls_left_edge(buttons) - pad - text_x)
    header_h = line_height(sizes.title)
    credit_h = line_height(sizes.credit) if has_credit_line else 0
    chrome = pad + header_h + pad // 2 + (pad // 2 + credit_h if credit_h else 0) + pad
    usual_panel = max(round(height * PANEL_HEIGHT), height - min_button_top(buttons) + pad)
    block = _fit_caption(caption, text_w, usual_panel - chrome, sizes, measure)
    most = max(1, (height - chrome) // block.line_height)
    if len(block.lines) > most:
        block = _cut(block, most, text_w, measure)
    panel_h = min(height, max(usual_panel, chrome + len(block.lines) * block.line_height))
    panel = Rect(0, height - panel_h, width, panel_h)
    header = Rect(text_x, panel.y + pad, text_w, header_h)
    caption_box = Rect(
        text_x, header.bottom + pad // 2, text_w, len(block.lines) * block.line_height
    )
    credit_box = Rect(text_x, panel.bottom - pad - credit_h, text_w, credit_h)
    margin = pad // 2
    photo_area = Rect(margin, margin, width - 2 * margin, max(0, panel.y - 2 * margin))
    return SlideLayout(
        Rect(0, 0, width, height), photo_area, panel, header, caption_box, block, credit_box
    )


def min_button_top(buttons: tuple[Button, ...]) -> int:
    return min(button.rect.y for button in buttons)


def _fit_caption(
    text: str, width: int, room: int, sizes: TypeSizes, measure: TextMeasure
) -> CaptionBlock:
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


def usual_photo_area(width: int, height: int, languages: tuple[str, ...]) -> Rect:
    """The photo area when the caption fits the usual panel: the size photos are decoded to."""
    buttons = controls(width, height, languages)
    return layout_slide(width, height, "", True, buttons, lambda text, size: 0).photo_area


def action_for_tap(
    x: float, y: float, width: int, height: int, buttons: tuple[Button, ...]
) -> tuple[Action, str | None]:
    """What a tap at (x, y) asks for: a button, else the left third goes back, the right
    third goes forward, and the middle only tells that a visitor is there."""
    for button in buttons:
        if button.rect.contains(x, y):
            return button.action, button.lang
    if _near_controls(x, y, height, buttons):
        return Action.PRESENCE, None
    if x < width / 3:
        return Action.PREVIOUS, None
    if x >= width * 2 / 3:
        return Action.NEXT, None
    return Action.PRESENCE, None


def _near_controls(x: float, y: float, height: int, buttons: tuple[Button, ...]) -> bool:
    """A near miss around the buttons does nothing rather than turn the page unasked."""
    if not buttons:
        return False
    slack = round(height * PADDING)
    left = min(b.rect.x for b in buttons) - slack
    top = min(b.rect.y for b in buttons) - slack
    right = max(b.rect.right for b in buttons) + slack
    bottom = max(b.rect.bottom for b in buttons) + slack
    return left <= x < right and top <= y < bottom


def is_drag(dx: float, dy: float, width: int) -> bool:
    """A finger that travelled too far to be a tap: not a page turn unless it was a swipe."""
    return max(abs(dx), abs(dy)) >= width * SWIPE_MIN_DISTANCE


def action_for_swipe(dx: float, dy: float, width: int) -> Action | None:
    """A mostly horizontal drag longer than SWIPE_MIN_DISTANCE of the width turns the page:
    dragging leftwards brings the next slide, as on a phone."""
    if abs(dx) < width * SWIPE_MIN_DISTANCE or abs(dx) < 2 * abs(dy):
        return None
    return Action.NEXT if dx < 0 else Action.PREVIOUS
