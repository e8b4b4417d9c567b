"""Where the buttons go: language buttons named in their own language, then pause, narration
and repeat, and the visitor's choices, larger text ("Aa") and higher contrast.

Two arrangements, chosen from the screen's shape and the caption size, so that a caption line
stays long enough to read comfortably:
- beside the text: a block in the panel's bottom-right corner (wide landscape screens); the
  language buttons stacked in as few columns as the panel's height allows;
- under the text: a bar across the bottom at full width (portrait screens, and landscape
  ones too narrow for a text column beside the block); language buttons from the left, in as
  many rows as they need, the other five at the right.
Buttons never move from slide to slide, so a visitor finds them where they last were. Each is
at least MIN_TOUCH_MM on the glass (kiosk.show.layout_physical).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.show.choices import CHOICES
from kiosk.show.commands import Action
from kiosk.show.language_names import language_name
from kiosk.show.layout_geometry import (
    SMALLEST_TEXT_PX,
    Button,
    Rect,
    TextMeasure,
    TypeSizes,
    padding,
)
from kiosk.show.layout_physical import ScreenSpec

BUTTON_HEIGHT = 0.075  # of the screen's shorter side
SMALL_BUTTON_WIDTH = 0.88  # of the button height: pause, narration, repeat
LABEL_MARGIN = 0.3  # of the button height, either side of a language's name
MIN_BUTTON_PX = 48  # however fine the pixels, the smallest target a finger hits reliably
SIDE_BLOCK_SHARE = 0.32
"""The tallest the block beside the text may be, as a share of the screen height."""
SIDE_TEXT_EMS = 20
"""Beside the block, the text column keeps at least this many caption sizes (about 40
characters a line); with less, the buttons go under the text."""
PLAYBACK = (Action.TOGGLE_PAUSE, Action.TOGGLE_NARRATION, Action.REPEAT_NARRATION)
TOOLS = (*PLAYBACK, *CHOICES)
"""The small square buttons, in one row: playback, then the visitor's choices."""


@dataclass(frozen=True)
class _Sizes:
    """Button metrics for one screen."""

    pad: int
    gap: int
    height: int
    small_w: int
    lang_w: int
    label_size: int

    @property
    def playback_w(self) -> int:
        """The width of the row of small buttons (TOOLS)."""
        return len(TOOLS) * self.small_w + (len(TOOLS) - 1) * self.gap


def estimated_label_width(text: str, size: int) -> int:
    """A generous guess at the width of bold `text` without a font: for callers that only
    need the photo's usual size (the real drawing measures with the font)."""
    return round(len(text) * size * 0.7)


def controls(
    width: int,
    height: int,
    languages: tuple[str, ...],
    screen: ScreenSpec | None = None,
    measure: TextMeasure | None = None,
) -> tuple[Button, ...]:
    """The language buttons, then pause, narration on/off, repeat, larger text and higher
    contrast. Laid out for the usual type sizes whatever a visitor chooses, so that the
    buttons never move under their finger. `measure` gives the
    width of a label in the bold the buttons are drawn in; without it, a generous guess."""
    spec = screen or ScreenSpec()
    sizes = _button_sizes(width, height, languages, spec, measure or estimated_label_width)
    beside = _beside_text(
        width, height, languages, sizes, TypeSizes.for_screen(height, width, spec)
    )
    return beside if beside is not None else _under_text(width, height, languages, sizes)


def _button_sizes(
    width: int, height: int, languages: tuple[str, ...], spec: ScreenSpec, measure: TextMeasure
) -> _Sizes:
    pad = padding(width, height)
    touch = max(MIN_BUTTON_PX, spec.min_touch_px(width, height))
    button_h = max(touch, round(min(width, height) * BUTTON_HEIGHT))
    small_w = max(touch, round(button_h * SMALL_BUTTON_WIDTH))
    margin = round(button_h * LABEL_MARGIN)
    room = width - 2 * pad - 2 * margin  # a label never wider than the bar
    size = TypeSizes.for_screen(height, width, spec).button
    names = [language_name(code) for code in languages]
    while size > SMALLEST_TEXT_PX and max((measure(n, size) for n in names), default=0) > room:
        size -= 1
    widest = max((measure(name, size) for name in names), default=0)
    return _Sizes(pad, pad // 2, button_h, small_w, max(button_h, widest + 2 * margin), size)


def _beside_text(
    width: int, height: int, languages: tuple[str, ...], sizes: _Sizes, type_sizes: TypeSizes
) -> tuple[Button, ...] | None:
    """The block in the bottom-right corner, or None when it would leave the text too little
    width or the panel too little height."""
    count, gap, button_h = len(languages), sizes.gap, sizes.height
    for columns in range(1, count + 1):
        rows = -(-count // columns)
        if (rows + 1) * button_h + rows * gap <= round(height * SIDE_BLOCK_SHARE):
            break
    else:
        return None
    cell_w = max(sizes.lang_w, (sizes.playback_w - (columns - 1) * gap) // columns)
    block_w = max(columns * cell_w + (columns - 1) * gap, sizes.playback_w)
    x0 = width - sizes.pad - block_w
    text_w = x0 - sizes.pad - 2 * sizes.pad
    if text_w < SIDE_TEXT_EMS * type_sizes.caption:
        return None
    bottom_y = height - sizes.pad - button_h
    top_y = bottom_y - rows * (button_h + gap)
    grid = Rect(x0, top_y, cell_w, button_h)
    langs = _language_grid(languages, grid, columns, sizes)
    return (*langs, *_playback(x0, bottom_y, block_w, sizes))


def _under_text(
    width: int, height: int, languages: tuple[str, ...], sizes: _Sizes
) -> tuple[Button, ...]:
    """The bar across the bottom: language buttons in balanced rows from the left, the five
    others at the right of the last row, or on a row of their own when it is full."""
    count, gap, pad = len(languages), sizes.gap, sizes.pad
    bar_w = width - 2 * pad
    lang_w = min(sizes.lang_w, bar_w)
    most = max(1, (bar_w + gap) // (lang_w + gap))
    lang_rows = -(-count // most)
    columns = -(-count // lang_rows)
    last = count - (lang_rows - 1) * columns
    shares_row = last * (lang_w + gap) + sizes.playback_w <= bar_w
    rows = lang_rows if shares_row else lang_rows + 1
    pitch = sizes.height + gap
    top_y = height - pad - sizes.height - (rows - 1) * pitch
    langs = _language_grid(languages, Rect(pad, top_y, lang_w, sizes.height), columns, sizes)
    playback_x = width - pad - sizes.playback_w
    return (*langs, *_playback(playback_x, height - pad - sizes.height, sizes.playback_w, sizes))


def _language_grid(
    languages: tuple[str, ...], first: Rect, columns: int, sizes: _Sizes
) -> tuple[Button, ...]:
    """A button per language, row by row from `first` (the top-left cell), `columns` a row."""
    buttons = []
    for index, code in enumerate(languages):
        row, column = divmod(index, columns)
        x = first.x + column * (first.w + sizes.gap)
        y = first.y + row * (first.h + sizes.gap)
        rect = Rect(x, y, first.w, first.h)
        buttons.append(
            Button(Action.SET_LANGUAGE, rect, code, language_name(code), sizes.label_size)
        )
    return tuple(buttons)


def _playback(x0: int, y: int, row_w: int, sizes: _Sizes) -> tuple[Button, ...]:
    """Pause, narration, repeat and the two choices in one row `row_w` wide from `x0`,
    sharing it equally."""
    gap = sizes.gap
    each = (row_w - (len(TOOLS) - 1) * gap) // len(TOOLS)
    return tuple(
        Button(action, Rect(x0 + i * (each + gap), y, each, sizes.height))
        for i, action in enumerate(TOOLS)
    )


def controls_left_edge(buttons: tuple[Button, ...]) -> int:
    return min(button.rect.x for button in buttons)


def min_button_top(buttons: tuple[Button, ...]) -> int:
    return min(button.rect.y for button in buttons)


def controls_under_text(buttons: tuple[Button, ...], width: int, height: int) -> bool:
    """Whether `controls` put the buttons in a bar under the text (it starts at the left
    margin) rather than in a block beside it."""
    return bool(buttons) and controls_left_edge(buttons) <= padding(width, height)
