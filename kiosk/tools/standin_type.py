"""Setting type on a stand-in: DejaVu when installed, the largest size that fits, word wrap.

Only Pillow and the standard library are used (see kiosk/tools/standins.py for why).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "mono": "DejaVuSansMono.ttf",
}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def load_font(kind: str, size: int) -> Font:
    """DejaVu when installed (it covers French accents and dashes), else Pillow's own font."""
    path = FONT_DIR / FONT_FILES[kind]
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    """Width of a line in pixels."""
    return draw.textlength(text, font=font)


def line_height(draw: ImageDraw.ImageDraw, font: Font) -> int:
    """Height of a line including accents and descenders, plus a little leading."""
    _, top, _, bottom = draw.textbbox((0, 0), "ÉÀgjpqy", font=font)
    return int((bottom - top) * 1.3)


def fit_font(
    draw: ImageDraw.ImageDraw, lines: Sequence[str], kind: str, largest: int, width: float
) -> Font:
    """The largest font, at most `largest` px, in which every line fits in `width`."""
    size = largest
    while True:
        font = load_font(kind, size)
        if size <= 10 or all(text_width(draw, line, font) <= width for line in lines):
            return font
        size -= 2


def wrap(
    draw: ImageDraw.ImageDraw, text: str, font: Font, width: float, max_lines: int
) -> list[str]:
    """Greedy word wrap by pixel width; the last allowed line ends in … when text is cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(draw, f"{lines[-1]} {word}", font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" …") + " …"
    return lines
