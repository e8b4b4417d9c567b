"""What the timeline and map tests share: a places file, a map with its reference points.

The map is 1000x800 pixels, north up, from 45.5 N 4.5 E at its top left corner to 44.0 N
5.5 E at its bottom right: a place at (lat, lon) is at u = lon - 4.5, v = (45.5 - lat) / 1.5.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from PIL import Image

from kiosk.content.deck_loader import load_deck
from kiosk.show.deck import Deck

PLACES = """\
places:
  - id: montelimar
    name: Montélimar
    latitude: 44.5581
    longitude: 4.7509
  - id: valence
    name: {fr: Valence, en: Valence}
    latitude: 44.9334
    longitude: 4.8924
  - id: nyons
    name: Nyons
    latitude: 44.3608
    longitude: 5.1406
  - id: paris
    name: Paris
    latitude: 48.8566
    longitude: 2.3522
"""
MAP_SIZE = (1000, 800)
REFERENCE_POINTS = """\
# Where known places are on map.png: x from the left edge, y from the top, in pixels.
reference_points:
  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}
  - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}
"""


def write_places(root: Path, text: str = PLACES) -> Path:
    path = root / "slides" / "places.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def write_map(
    media: Path,
    name: str = "maps/map.png",
    points: str | None = REFERENCE_POINTS,
    size: tuple[int, int] = MAP_SIZE,
) -> Path:
    """A real PNG map at media/NAME, with its reference points file beside it (none when
    `points` is None)."""
    image = media / name
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (230, 220, 200)).save(image)
    if points is not None:
        image.with_suffix(".yaml").write_text(dedent(points), encoding="utf-8")
    return image


def load(exhibition, text: str, **config: object) -> tuple[Deck | None, list[str]]:
    """The deck written from `text` under slides/, and its problems as printed."""
    path = exhibition.deck(text)
    result = load_deck(path, exhibition.config(**config))
    return result.deck, [str(problem) for problem in result.problems]


def steps(deck: Deck | None) -> list[tuple[str, int, str | None]]:
    """(slide id, step, French caption as the curator wrote it) of every slide, in play order:
    a step's own caption also says where and when (kiosk.show.step_caption)."""
    assert deck is not None
    return [(slide.id, slide.step, curators_caption(slide)) for slide in deck.slides]


def curators_caption(slide) -> str | None:
    return (slide.event or slide).caption.get("fr")
