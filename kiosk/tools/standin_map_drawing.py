"""Drawing the stand-in base map: pale land, blue rivers named, a light graticule with its
degrees, a scale bar in kilometres, a north arrow, a small grey dot at every place, and the
stand-in label on its face. No town names or markers: the kiosk draws those over it.

Drawn at twice the size and reduced, so lines and letters are smooth; nothing random, so a
rerun writes the same pixels. Only Pillow and the standard library are used (see
kiosk/tools/standins.py for why).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PIL import Image, ImageDraw

from kiosk.tools.standin_map import MapFrame, MapPlace, degrees_text
from kiosk.tools.standin_map_data import REGIONS, RIVERS, LatLon
from kiosk.tools.standin_type import Font, load_font, wrap

SUPERSAMPLE = 2
GRATICULE_STEP = 0.25
SCALE_KM = (0, 10, 20, 30, 40, 50)

RGB = tuple[int, int, int]
LAND: RGB = (241, 237, 226)
GRID: RGB = (212, 205, 190)
GRID_TEXT: RGB = (128, 120, 106)
WATER: RGB = (86, 140, 200)
WATER_TEXT: RGB = (34, 86, 150)
REGION_TEXT: RGB = (188, 180, 164)
DOT: RGB = (140, 140, 140)
INK: RGB = (40, 34, 28)
CARD: RGB = (252, 249, 242)
FRAME: RGB = (92, 74, 56)
ACCENT: RGB = (150, 36, 26)

LABEL = ("CARTE PROVISOIRE", "STAND-IN MAP")
NOTES = (
    "Carte dessinée par kiosk standins : villes de slides/places.yaml, cours d'eau "
    "approximatifs. Pour la remplacer, déposer la carte sous ce nom et mesurer ses points "
    "de repère.",
    "Drawn by kiosk standins: towns from slides/places.yaml, rivers' courses approximate. "
    "To replace it, drop the real map in under this name and measure its reference points.",
)
CARD_BOX = (40, 56, 860)
"""Left, top and right of the stand-in card, at full size: over the Ardèche, west of the Rhône."""


def draw_map(frame: MapFrame, places: Sequence[MapPlace], file_name: str) -> Image.Image:
    """The stand-in map of `frame`, with a dot at each place, naming the file it is owed as."""
    big = frame.scaled(SUPERSAMPLE)
    image = Image.new("RGB", (big.width, big.height), LAND)
    draw = ImageDraw.Draw(image)
    s = SUPERSAMPLE
    draw_graticule(draw, big)
    for name, (latitude, longitude) in REGIONS:
        font = load_font("bold", 40 * s)
        xy = big.pixel(latitude, longitude)
        draw.text(xy, spaced(name), font=font, fill=REGION_TEXT, anchor="mm")
    for river in RIVERS:
        points = [big.pixel(*point) for point in smooth(river.course)]
        draw.line(points, fill=WATER, width=river.width * s, joint="curve")
    for river in RIVERS:
        halo_text(draw, big.pixel(*river.label_at), river.name, load_font("italic", 36 * s))
    for place in places:
        if big.contains(place.latitude, place.longitude):
            x, y = big.pixel(place.latitude, place.longitude)
            r = 6 * s
            draw.ellipse((x - r, y - r, x + r, y + r), fill=DOT)
    draw_graticule_labels(draw, big)
    draw_scale_bar(draw, big)
    draw_north_arrow(draw, big)
    draw_stand_in_label(draw, big, file_name)
    return image.resize((frame.width, frame.height), Image.Resampling.LANCZOS)


def spaced(text: str) -> str:
    """Capitals spaced out, as atlases letter regions."""
    return "\u2009".join(text)


def smooth(course: Sequence[LatLon], rounds: int = 2) -> list[LatLon]:
    """Chaikin's corner cutting, keeping both ends: a river, not a zigzag."""
    points = list(course)
    for _ in range(rounds):
        cut = [points[0]]
        for (a_lat, a_lon), (b_lat, b_lon) in pairwise(points):
            cut.append((0.75 * a_lat + 0.25 * b_lat, 0.75 * a_lon + 0.25 * b_lon))
            cut.append((0.25 * a_lat + 0.75 * b_lat, 0.25 * a_lon + 0.75 * b_lon))
        cut.append(points[-1])
        points = cut
    return points


def halo_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font: Font) -> None:
    """A river's name in blue, ringed with the land's colour so that no line crosses it."""
    draw.text(xy, text, font=font, fill=WATER_TEXT, anchor="mm", stroke_width=8, stroke_fill=LAND)


def steps(first: float, last: float) -> list[float]:
    """The multiples of GRATICULE_STEP strictly between first and last."""
    start = int(first // GRATICULE_STEP) + 1
    values = []
    while start * GRATICULE_STEP < last:
        values.append(start * GRATICULE_STEP)
        start += 1
    return values


def draw_graticule(draw: ImageDraw.ImageDraw, frame: MapFrame) -> None:
    """Every quarter degree a thin line (drawn first, under the rivers)."""
    width = 2 * SUPERSAMPLE
    for longitude in steps(frame.west, frame.east):
        x, _ = frame.pixel(frame.north, longitude)
        draw.line((x, 0, x, frame.height), fill=GRID, width=width)
    for latitude in steps(frame.south, frame.north):
        _, y = frame.pixel(latitude, frame.west)
        draw.line((0, y, frame.width, y), fill=GRID, width=width)


def draw_graticule_labels(draw: ImageDraw.ImageDraw, frame: MapFrame) -> None:
    """The degrees of each line, at the top edge for meridians and the right edge for
    parallels, ringed with the land's colour so that a river never hides them."""
    s = SUPERSAMPLE
    font = load_font("regular", 22 * s)
    halo = {"font": font, "fill": GRID_TEXT, "stroke_width": 5 * s, "stroke_fill": LAND}
    for longitude in steps(frame.west, frame.east):
        x, _ = frame.pixel(frame.north, longitude)
        draw.text((x + 8 * s, 14 * s), degrees_text(longitude, "E", "W"), anchor="la", **halo)
    for latitude in steps(frame.south, frame.north):
        _, y = frame.pixel(latitude, frame.west)
        text = degrees_text(latitude, "N", "S")
        draw.text((frame.width - 16 * s, y - 6 * s), text, anchor="rd", **halo)


def draw_scale_bar(draw: ImageDraw.ImageDraw, frame: MapFrame) -> None:
    """0 to 50 km in the bottom-left corner, in alternate dark and light tens."""
    s = SUPERSAMPLE
    left, bottom = 70 * s, frame.height - 70 * s
    height = 14 * s
    font = load_font("regular", 24 * s)
    for index, (start, end) in enumerate(pairwise(SCALE_KM)):
        x0, x1 = left + start * frame.px_per_km, left + end * frame.px_per_km
        fill = INK if index % 2 == 0 else CARD
        draw.rectangle((x0, bottom - height, x1, bottom), fill=fill, outline=INK, width=2 * s)
    for km in SCALE_KM:
        label = f"{km} km" if km == SCALE_KM[-1] else str(km)
        x = left + km * frame.px_per_km
        draw.text((x, bottom - height - 8 * s), label, font=font, fill=INK, anchor="md")


def draw_north_arrow(draw: ImageDraw.ImageDraw, frame: MapFrame) -> None:
    """An arrow pointing up with an N over it, in the bottom-right corner."""
    s = SUPERSAMPLE
    x, base = frame.width - 100 * s, frame.height - 56 * s
    tip = base - 110 * s
    half = 26 * s
    draw.polygon([(x, tip), (x - half, base), (x, base - 28 * s)], fill=INK)
    draw.polygon([(x, tip), (x + half, base), (x, base - 28 * s)], fill=CARD, outline=INK)
    draw.text((x, tip - 10 * s), "N", font=load_font("bold", 44 * s), fill=INK, anchor="md")


def draw_stand_in_label(draw: ImageDraw.ImageDraw, frame: MapFrame, file_name: str) -> None:
    """The card that says loudly that this is a stand-in, and a red rule round the map."""
    s = SUPERSAMPLE
    draw.rectangle((0, 0, frame.width - 1, frame.height - 1), outline=ACCENT, width=8 * s)
    left, top, right = (value * s for value in CARD_BOX)
    pad = 26 * s
    text_width = right - left - 2 * pad
    label_font = load_font("bold", 64 * s)
    note_font = load_font("regular", 21 * s)
    mono_font = load_font("mono", 21 * s)
    rows: list[tuple[str, Font, RGB, int]] = [(line, label_font, ACCENT, 0) for line in LABEL]
    rows[-1] = (LABEL[-1], label_font, ACCENT, 22 * s)
    for note in NOTES:
        lines = wrap(draw, note, note_font, text_width, 6)
        rows += [(line, note_font, INK, 0) for line in lines[:-1]]
        rows.append((lines[-1], note_font, INK, 14 * s))
    rows.append((f"media/{file_name}", mono_font, INK, 0))
    heights = [_line_height(draw, font) + gap for _, font, _, gap in rows]
    box = (left, top, right, top + sum(heights) + 2 * pad)
    draw.rectangle(box, fill=CARD, outline=FRAME, width=3 * s)
    y = top + pad
    for (text, font, fill, _), height in zip(rows, heights, strict=True):
        draw.text((left + pad, y), text, font=font, fill=fill)
        y += height


def _line_height(draw: ImageDraw.ImageDraw, font: Font) -> int:
    _, top, _, bottom = draw.textbbox((0, 0), "ÉÀgjpqy", font=font)
    return int((bottom - top) * 1.25)
