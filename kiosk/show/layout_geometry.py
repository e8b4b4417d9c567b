"""The shapes every part of the layout shares: rectangles, buttons, type sizes.

Type sizes follow the screen's shorter side, so a portrait screen sets its text like the same
panel turned on its side, and never below the smallest size readable from where visitors stand
(kiosk.show.layout_physical).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.show.commands import Action
from kiosk.show.layout_physical import ScreenSpec
from kiosk.show.line_breaking import TextMeasure

__all__ = [
    "LARGER_TEXT",
    "Button",
    "Rect",
    "TextMeasure",
    "TypeSizes",
    "ellipsized",
    "fit_image_to_screen",
    "line_height",
    "padding",
]

# Fractions of the screen's shorter side. At 1080 px: caption 45 px, title 32 px, credit 24.
CAPTION_SIZE = 0.042
TITLE_SIZE = 0.030
CREDIT_SIZE = 0.022
BUTTON_TEXT_SIZE = 0.034
PADDING = 0.025
LINE_SPACING = 1.25
SMALLEST_TEXT_PX = 12
LARGER_TEXT = 1.4
"""How much larger a visitor who asks for larger text gets the caption; the title and the
credit grow half as much, the buttons not at all, so they stay where they were."""
"""Below this no text is legible on any screen, whatever the distance."""


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

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True)
class Button:
    """An on-screen control; `lang` is set for the language buttons, whose `label` (the
    language's own name) is drawn at `label_size`, the size the layout measured it at."""

    action: Action
    rect: Rect
    lang: str | None = None
    label: str = ""
    label_size: int = 0


@dataclass(frozen=True)
class TypeSizes:
    caption: int
    caption_min: int
    title: int
    credit: int
    button: int

    @classmethod
    def for_screen(
        cls,
        height: int,
        width: int | None = None,
        screen: ScreenSpec | None = None,
        text_scale: float = 1.0,
    ) -> TypeSizes:
        """Sizes for a screen of `width` x `height` pixels that is `screen` (the default
        screen when None; a 16:9 width when `width` is None). The caption never goes below
        the size readable from the viewing distance; when that is larger than the usual
        proportion, every other size grows with it. `text_scale` (LARGER_TEXT when a visitor
        asks) multiplies the caption's sizes, and the title's and the credit's by half as
        much."""
        spec = screen or ScreenSpec()
        wide = round(height * 16 / 9) if width is None else width
        short = min(wide, height)
        readable = max(SMALLEST_TEXT_PX, spec.min_text_px(wide, height))
        scale = max(1.0, readable / (short * CAPTION_SIZE))
        caption = max(readable, round(short * CAPTION_SIZE * scale))
        others = 1 + (text_scale - 1) / 2
        return cls(
            caption=round(caption * text_scale),
            caption_min=round(readable * text_scale),
            title=round(short * TITLE_SIZE * scale * others),
            credit=max(SMALLEST_TEXT_PX, round(short * CREDIT_SIZE * scale * others)),
            button=round(short * BUTTON_TEXT_SIZE * scale),
        )


def padding(width: int, height: int) -> int:
    """The margin round the panel's contents, and twice the gap between buttons."""
    return round(min(width, height) * PADDING)


def line_height(size: int) -> int:
    return round(size * LINE_SPACING)


def fit_image_to_screen(image_w: int, image_h: int, area: Rect) -> Rect:
    """The largest rectangle of the image's aspect ratio inside `area`, centred."""
    if image_w <= 0 or image_h <= 0 or area.w <= 0 or area.h <= 0:
        return Rect(area.x, area.y, 0, 0)
    scale = min(area.w / image_w, area.h / image_h)
    w, h = max(1, round(image_w * scale)), max(1, round(image_h * scale))
    return Rect(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)


def ellipsized(text: str, width: int, size: int, measure: TextMeasure) -> str:
    """`text` if it fits `width`, else as much of it as fits followed by '…': a line cut on
    purpose, between characters, never through a glyph."""
    if measure(text, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if measure(f"{text[:middle].rstrip()}…", size) <= width:
            low = middle
        else:
            high = middle - 1
    shown = f"{text[:low].rstrip()}…"
    return shown if measure(shown, size) <= width else ""
