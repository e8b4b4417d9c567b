"""Stand-in images for slides whose photograph the museum has not supplied yet.

The decks in `slides/` point at images under `media/` before any scan exists. Rather than
leave holes (which the kiosk would have to show as errors), this module draws a placeholder
for every missing image: a flat, muted archival card that says loudly that it is a stand-in
and names the slide it stands for, so a curator walking past the kiosk knows which photograph
is still owed and under which file name to drop it.

Run it from the exhibition folder:

    python -m kiosk.standins [--media DIR] [--slides DIR] [--force]

Existing files are never overwritten unless `--force` is given, because a file with the
expected name may well be the real scan a curator has just dropped in.

Only Pillow, PyYAML and the standard library are used, so the tool runs on a machine that
has no display and does not depend on the rest of the kiosk package.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from PIL import Image, ImageDraw, ImageFont

LABEL_LINES: tuple[tuple[str, ...], ...] = (
    ("IMAGE PROVISOIRE — STAND-IN IMAGE",),
    ("IMAGE PROVISOIRE —", "STAND-IN IMAGE"),
)
"""Ways to set the stand-in label; the one that allows the largest type wins."""

REPLACE_NOTE = (
    "Pour la remplacer, déposer la photographie sous ce nom.",
    "To replace it, drop the photograph in under this name.",
)
SUBJECT_WORDS = 12
"""How many words of the caption name the subject: enough to recognise the slide."""

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}

# Photo-like sizes, weighted out of 20 so that most slides are landscape (as most archive
# prints are) while a few portrait and square images make the kiosk letterbox both ways.
SIZES: tuple[tuple[int, tuple[int, int]], ...] = (
    (9, (1600, 1200)),  # 4:3 landscape
    (7, (1800, 1200)),  # 3:2 landscape
    (3, (1600, 2000)),  # 4:5 portrait
    (1, (1600, 1600)),  # square
)

JPEG_OPTIONS = {"quality": 80, "optimize": True}
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
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


@dataclass
class Summary:
    """Counts for the closing line, and whether anything went wrong (for the exit status)."""

    written: int = 0
    kept: int = 0
    problems: int = 0


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


def load_font(kind: str, size: int) -> Font:
    """DejaVu when installed (it covers French accents and dashes), else Pillow's own font."""
    path = FONT_DIR / FONT_FILES[kind]
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def pick_text(value: object, language: str = "fr") -> str:
    """Return the wanted language of a plain string or an fr/en mapping, else any language."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        preferred = value.get(language)
        if isinstance(preferred, str):
            return preferred
        for text in value.values():
            if isinstance(text, str):
                return text
    return ""


def subject_of(caption: object) -> str:
    """The first words of the French caption: enough to tell which photograph is owed."""
    words = pick_text(caption).split()
    if len(words) <= SUBJECT_WORDS:
        return " ".join(words)
    return " ".join(words[:SUBJECT_WORDS]).rstrip(",;:.") + " …"


def read_deck(path: Path) -> Iterator[StandIn]:
    """Yield one StandIn per slide with an image; malformed decks raise ValueError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise ValueError(f"{path}: not a deck (no `slides` list)")
    title = pick_text(data.get("title")) or path.stem
    for number, slide in enumerate(data["slides"], start=1):
        if not isinstance(slide, dict) or not isinstance(slide.get("image"), str):
            continue
        slide_id = str(slide.get("id") or f"{path.stem}-{number}")
        yield StandIn(
            PurePosixPath(slide["image"]), slide_id, title, subject_of(slide.get("caption"))
        )


def is_safe(image: PurePosixPath) -> bool:
    """Refuse absolute paths and `..`: a deck must not make us write outside media/."""
    return bool(image.parts) and not image.is_absolute() and ".." not in image.parts


# --- drawing -------------------------------------------------------------------------------


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
    text_w = card_right - card_left - 2 * pad

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

    gap = int(short * 0.03)
    blocks = [
        Block(label_lines, label, palette.accent, gap),
        Block((stand_in.deck_title,), title, palette.ink, gap // 3),
        Block(tuple(subject), subject_font, palette.ink, gap),
        Block(tuple(names), mono, palette.ink, gap // 2),
        Block(REPLACE_NOTE, note, palette.frame, 0),
    ]
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

    draw.rectangle(
        (card_left, top, card_right, top + card_h),
        fill=palette.card,
        outline=palette.frame,
        width=max(2, short // 400),
    )
    y = top + pad
    for block in blocks:
        step = line_height(draw, block.font)
        for line in block.lines:
            x = w / 2 - text_width(draw, line, block.font) / 2
            draw.text((x, y), line, font=block.font, fill=block.fill)
            y += step
        y += block.space_after
        if block is blocks[0]:
            rule_y = y - block.space_after // 2
            draw.line(
                (card_left + pad, rule_y, card_right - pad, rule_y),
                fill=palette.frame,
                width=max(2, short // 400),
            )
    return image


# --- files ---------------------------------------------------------------------------------


def write_image(image: Image.Image, target: Path) -> None:
    """Write through a temporary file so the kiosk never shows a half-written image."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = FORMATS[target.suffix.lower()]
    options = JPEG_OPTIONS if fmt == "JPEG" else {"optimize": True}
    partial = target.with_name(f".{target.name}.partial")
    try:
        image.save(partial, fmt, **options)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def generate(slides_dir: Path, media_dir: Path, force: bool = False) -> Summary:
    """Create the missing stand-ins (all of them with `force`) for every deck in slides_dir."""
    summary = Summary()
    seen: set[PurePosixPath] = set()
    decks = sorted(slides_dir.glob("*.yaml"))
    if not decks:
        print(f"no decks found in {slides_dir}", file=sys.stderr)
        summary.problems += 1
    for deck in decks:
        try:
            stand_ins = list(read_deck(deck))
        except ValueError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            summary.problems += 1
            continue
        for stand_in in stand_ins:
            if stand_in.image in seen:
                continue
            seen.add(stand_in.image)
            if not is_safe(stand_in.image) or stand_in.image.suffix.lower() not in FORMATS:
                print(
                    f"skipped: {deck.name}: {stand_in.slide_id}: cannot make a stand-in "
                    f"for image path {str(stand_in.image)!r}",
                    file=sys.stderr,
                )
                summary.problems += 1
                continue
            target = media_dir.joinpath(*stand_in.image.parts)
            if target.exists() and not force:
                summary.kept += 1
                continue
            image = render(stand_in)
            write_image(image, target)
            summary.written += 1
            kib = target.stat().st_size / 1024
            print(f"wrote {target} ({image.width}x{image.height}, {kib:.0f} KiB)")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; exit status 1 when some deck or image path had a problem."""
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.standins",
        description="Draw clearly marked stand-in images for slides whose photograph is missing.",
    )
    parser.add_argument(
        "--media",
        type=Path,
        default=Path("media"),
        help="media folder the deck image paths are relative to (default: media)",
    )
    parser.add_argument(
        "--slides",
        type=Path,
        default=Path("slides"),
        help="folder holding the *.yaml decks (default: slides)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="redraw every stand-in, overwriting files that already exist",
    )
    args = parser.parse_args(argv)

    summary = generate(args.slides, args.media, force=args.force)
    print(
        f"{summary.written} stand-in(s) written, {summary.kept} existing image(s) kept, "
        f"{summary.problems} problem(s)"
    )
    return 1 if summary.problems else 0


if __name__ == "__main__":
    sys.exit(main())
