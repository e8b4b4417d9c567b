"""Drawing a stand-in: a flat, muted archival card that says loudly it stands in for a photo.

Each stand-in names the slide it stands for and the file name the real photograph is owed
under. Its size and tint come from a stable hash of the slide id, so a rerun draws the same
image and neighbouring slides differ on screen. Flat fills keep the JPEGs small and sharp.

Only Pillow and the standard library are used (see kiosk/tools/standins.py for why).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, ImageDraw

from kiosk.tools.standin_type import Font, fit_font, line_height, load_font, text_width, wrap

LABEL_LINES: tuple[tuple[str, ...], ...] = (
    ("IMAGE PROVISOIRE — STAND-IN IMAGE",),
    ("IMAGE PROVISOIRE —", "STAND-IN IMAGE"),
)
"""Ways to set the stand-in label; the one that allows the largest type wins."""

REPLACE_NOTE = (
    "Pour la remplacer, déposer la photographie sous ce nom.",
    "To replace it, drop the photograph in under this name.",
)

# Photo-like sizes, weighted out of 20 so that most slides are landscape (as most archive
# prints are) while a few portrait and square images make the kiosk letterbox both ways.
SIZES: tuple[tuple[int, tuple[int, int]], ...] = (
    (9, (1600, 1200)),  # 4:3 landscape
    (7, (1800, 1200)),  # 3:2 landscape
    (3, (1600, 2000)),  # 4:5 portrait
    (1, (1600, 1600)),  # square
)


RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Flat colours of one placeholder; flat fills keep the JPEGs small and sharp."""

    background: RGB
    band: RGB
    frame: RGB
    card: RGB
    ink: RGB
    accent: RGB


# Muted tints of old prints. Text sits on the light card in near-black or dark red, so its
# contrast stays strong whatever the tint around it.
PALETTES: tuple[Palette, ...] = (
    # sepia
    Palette(
        (184, 168, 142), (172, 155, 128), (92, 74, 56), (242, 234, 218), (40, 30, 22), (128, 40, 28)
    ),
    # silver grey
    Palette(
        (162, 161, 156), (150, 149, 144), (70, 70, 68), (238, 237, 232), (28, 28, 28), (124, 36, 30)
    ),
    # warm grey
    Palette(
        (170, 162, 146), (159, 150, 133), (82, 76, 64), (240, 236, 226), (34, 32, 28), (120, 44, 30)
    ),
    # olive grey
    Palette(
        (166, 163, 140), (154, 151, 127), (76, 74, 56), (239, 237, 222), (32, 32, 24), (118, 42, 30)
    ),
)


@dataclass(frozen=True)
class StandIn:
    """Everything needed to draw one placeholder, taken from one slide of one deck."""

    image: PurePosixPath
    slide_id: str
    deck_title: str
    subject: str


def _digest(slide_id: str) -> bytes:
    """A stable hash: Python's own `hash()` changes between runs, this does not."""
    return hashlib.sha256(slide_id.encode("utf-8")).digest()


def choose_size(slide_id: str) -> tuple[int, int]:
    """Pick the image size from the slide id, so reruns give the same shape."""
    pick = int.from_bytes(_digest(slide_id)[:4], "big") % sum(w for w, _ in SIZES)
    for weight, size in SIZES:
        if pick < weight:
            return size
        pick -= weight
    return SIZES[0][1]


def choose_palette(slide_id: str) -> Palette:
    """Vary the tint between neighbouring slides so a stand-in change is visible on screen."""
    return PALETTES[_digest(slide_id)[4] % len(PALETTES)]


@dataclass(frozen=True)
class Block:
    """Lines set in one font and colour, followed by some space."""

    lines: tuple[str, ...]
    font: Font
    fill: RGB
    space_after: int


def draw_frame(draw: ImageDraw.ImageDraw, size: tuple[int, int], palette: Palette) -> int:
    """Background band and double border of an old mounted print; returns the inner inset."""
    w, h = size
    short = min(w, h)
    band = int(h * 0.24)
    draw.polygon(
        [
            (0, int(h * 0.80)),
            (0, int(h * 0.80) + band),
            (w, int(h * 0.10) + band),
            (w, int(h * 0.10)),
        ],
        fill=palette.band,
    )
    margin = int(short * 0.04)
    thick = max(4, short // 110)
    draw.rectangle((margin, margin, w - margin, h - margin), outline=palette.frame, width=thick)
    inset = margin + thick * 3
    draw.rectangle(
        (inset, inset, w - inset, h - inset), outline=palette.frame, width=max(2, thick // 3)
    )
    corner = int(short * 0.06)
    for cx, cy, dx, dy in (
        (inset, inset, 1, 1),
        (w - inset, inset, -1, 1),
        (inset, h - inset, 1, -1),
        (w - inset, h - inset, -1, -1),
    ):
        draw.polygon([(cx, cy), (cx + dx * corner, cy), (cx, cy + dy * corner)], fill=palette.frame)
    return inset


def draw_pictogram(
    draw: ImageDraw.ImageDraw, centre_x: int, top: int, height: int, palette: Palette
) -> None:
    """A bare landscape-in-a-frame glyph: reads as "a photograph goes here" in any language."""
    width = int(height * 1.4)
    left = centre_x - width // 2
    stroke = max(3, height // 22)
    draw.rectangle((left, top, left + width, top + height), outline=palette.frame, width=stroke)
    base = top + height - stroke
    draw.polygon(
        [
            (left + stroke, base),
            (left + width * 0.38, top + height * 0.35),
            (left + width * 0.62, base),
        ],
        fill=palette.frame,
    )
    draw.polygon(
        [
            (left + width * 0.45, base),
            (left + width * 0.70, top + height * 0.50),
            (left + width - stroke, base),
        ],
        fill=palette.frame,
    )
    r = height * 0.12
    sx, sy = left + width * 0.75, top + height * 0.28
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=palette.frame)


def render(stand_in: StandIn) -> Image.Image:
    """Draw the placeholder: frame, pictogram, and a light card holding the text."""
    w, h = size = choose_size(stand_in.slide_id)
    palette = choose_palette(stand_in.slide_id)
    image = Image.new("RGB", size, palette.background)
    draw = ImageDraw.Draw(image)
    short = min(w, h)

    inset = draw_frame(draw, size, palette)
    card_left = inset + int(short * 0.07)
    card_right = w - card_left
    pad = int(short * 0.045)
    gap = int(short * 0.03)
    blocks = text_blocks(draw, stand_in, palette, short, card_right - card_left - 2 * pad, gap)
    heights = [len(b.lines) * line_height(draw, b.font) + b.space_after for b in blocks]
    card_h = sum(heights) + 2 * pad

    picto_h = int(short * 0.13)
    room = h - 2 * inset - card_h
    show_picto = room > picto_h * 2
    total = card_h + (picto_h + gap if show_picto else 0)
    top = (h - total) // 2
    if show_picto:
        draw_pictogram(draw, w // 2, top, picto_h, palette)
        top += picto_h + gap
    stroke = max(2, short // 400)
    draw_card(draw, blocks, (card_left, top, card_right, top + card_h), pad, palette, stroke)
    return image


def text_blocks(
    draw: ImageDraw.ImageDraw,
    stand_in: StandIn,
    palette: Palette,
    short: int,
    text_w: int,
    gap: int,
) -> list[Block]:
    """The card's text, each part in the largest type that fits `text_w`: the stand-in label,
    the deck, the subject, the file owed, and how to replace it."""
    label = max(
        (fit_font(draw, option, "bold", int(short * 0.085), text_w) for option in LABEL_LINES),
        key=lambda font: getattr(font, "size", 0),
    )
    label_lines = next(
        option
        for option in LABEL_LINES
        if all(text_width(draw, line, label) <= text_w for line in option)
    )
    title = fit_font(draw, [stand_in.deck_title], "bold", int(short * 0.05), text_w)
    subject_font = load_font("regular", int(short * 0.04))
    subject = wrap(draw, f"« {stand_in.subject} »", subject_font, text_w, 3)
    names = [f"id : {stand_in.slide_id}", f"media/{stand_in.image}"]
    mono = fit_font(draw, names, "mono", int(short * 0.03), text_w)
    note = fit_font(draw, REPLACE_NOTE, "regular", int(short * 0.024), text_w)
    return [
        Block(label_lines, label, palette.accent, gap),
        Block((stand_in.deck_title,), title, palette.ink, gap // 3),
        Block(tuple(subject), subject_font, palette.ink, gap),
        Block(tuple(names), mono, palette.ink, gap // 2),
        Block(REPLACE_NOTE, note, palette.frame, 0),
    ]


def draw_card(
    draw: ImageDraw.ImageDraw,
    blocks: list[Block],
    box: tuple[int, int, int, int],
    pad: int,
    palette: Palette,
    stroke: int,
) -> None:
    """The light card in `box`, its blocks centred in it, a rule under the first (the label);
    `stroke` is the width of the card's outline and of the rule."""
    left, top, right, _ = box
    centre = (left + right) / 2
    draw.rectangle(box, fill=palette.card, outline=palette.frame, width=stroke)
    y = top + pad
    for block in blocks:
        step = line_height(draw, block.font)
        for line in block.lines:
            x = centre - text_width(draw, line, block.font) / 2
            draw.text((x, y), line, font=block.font, fill=block.fill)
            y += step
        y += block.space_after
        if block is blocks[0]:
            rule_y = y - block.space_after // 2
            draw.line(
                (left + pad, rule_y, right - pad, rule_y),
                fill=palette.frame,
                width=stroke,
            )
