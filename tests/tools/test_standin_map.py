"""`kiosk standins` draws the stand-in map a map slide names, with reference points that put
every town where the map drew it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from PIL import Image

from kiosk.cli import main as kiosk_main
from kiosk.show.map_projection import ReferencePoint, fit_projection
from kiosk.tools import standin_map_drawing
from kiosk.tools.standin_map import (
    DROME,
    KM_PER_DEGREE,
    MapFrame,
    degrees_text,
    read_places,
    sidecar_text,
)
from kiosk.tools.standin_mark import is_stand_in

REPO = Path(__file__).resolve().parents[2]

DECK = """\
title: {fr: "La libération de la Drôme", en: "The liberation of the Drôme"}
slides:
  - kind: timeline
    id: liberation-days
    title: {fr: "La Drôme libérée", en: "The Drôme liberated"}
    events:
      - date: 1944-08-21
        place: buis-les-baronnies
        caption: {fr: "Buis-les-Baronnies est libérée le 21 août 1944."}
        image: drome-liberation/buis.jpg
      - date: 1944-08-28
        place: montelimar
        caption: {fr: "Montélimar est libérée le 28 août 1944."}
  - kind: map
    id: liberation-map
    title: {fr: "Carte", en: "Map"}
    map: drome-liberation/drome-map.png
    events_from: liberation-days
"""

PLACES = """\
places:
  - {id: buis-les-baronnies, name: Buis-les-Baronnies, latitude: 44.2764, longitude: 5.2753}
  - {id: montelimar, name: Montélimar, latitude: 44.5581, longitude: 4.7508}
  - {id: grignan, name: Grignan, latitude: 44.4203, longitude: 4.9089}
  - {id: lyon, name: Lyon, latitude: 45.7640, longitude: 4.8357}   # north of the map
  - {id: nowhere, name: Nowhere, latitude: 95, longitude: 4.9}     # not a latitude
  - {id: unnamed}
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "drome.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "slides" / "places.yaml").write_text(PLACES, encoding="utf-8")
    return tmp_path


def standins(folder: Path, *extra: str) -> int:
    return kiosk_main(
        ["standins", "--media", str(folder / "media"), "--slides", str(folder / "slides"), *extra]
    )


def map_file(folder: Path) -> Path:
    return folder / "media" / "drome-liberation" / "drome-map.png"


def fitted(sidecar: Path, width: int, height: int):
    points = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["reference_points"]
    return fit_projection(tuple(ReferencePoint(**point) for point in points), width, height)


def dot_centre(image: Image.Image, around: tuple[float, float]) -> tuple[float, float]:
    """The centre of the grey dot's pixels within 15 px of `around`."""
    x0, y0 = round(around[0]), round(around[1])
    pixels = image.load()
    hits = [
        (x, y)
        for x in range(x0 - 15, x0 + 16)
        for y in range(y0 - 15, y0 + 16)
        if all(abs(c - g) <= 12 for c, g in zip(pixels[x, y], standin_map_drawing.DOT, strict=True))
    ]
    assert len(hits) > 50, f"no grey dot near {around}"
    return sum(x for x, _ in hits) / len(hits) + 0.5, sum(y for _, y in hits) / len(hits) + 0.5


def test_the_map_a_deck_names_is_drawn_marked_with_its_reference_points(folder, capsys):
    assert standins(folder) == 0  # places.yaml beside the decks is no deck, and no problem
    out = capsys.readouterr().out
    assert "drome-map.png (2400x1800" in out and "and drome-map.yaml" in out
    assert "2 stand-in(s) written, 0 existing image(s) kept, 0 problem(s)" in out  # map + photo
    with Image.open(map_file(folder)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (2400, 1800), "RGB")
        assert image.info["Comment"] == (
            "kiosk stand-in for slide 'liberation-map': drop the map in under this file's "
            "name to replace it"
        )
    assert is_stand_in(map_file(folder))  # so kiosk media lists it with the photos owed
    assert is_stand_in(folder / "media" / "drome-liberation" / "buis.jpg")  # an event's photo
    sidecar = map_file(folder).with_suffix(".yaml")
    assert sidecar.read_text(encoding="utf-8") == sidecar_text(DROME, "drome-map.png")
    assert len(yaml.safe_load(sidecar.read_text())["reference_points"]) == 4


def test_a_town_lands_where_the_map_drew_it(folder):
    """The kiosk's own projection, fitted from the reference points file, puts each town
    within 1 px of the grey dot the script drew for it, on the image's real pixels."""
    assert standins(folder) == 0
    with Image.open(map_file(folder)) as image:
        image = image.convert("RGB")
        projection = fitted(map_file(folder).with_suffix(".yaml"), *image.size)
        for latitude, longitude in ((44.2764, 5.2753), (44.4203, 4.9089)):  # Buis, Grignan
            u, v = projection.place(latitude, longitude)
            x, y = u * image.width, v * image.height
            drawn = DROME.pixel(latitude, longitude)
            assert abs(x - drawn[0]) < 0.01 and abs(y - drawn[1]) < 0.01
            centre = dot_centre(image, (x, y))
            assert abs(centre[0] - x) <= 1 and abs(centre[1] - y) <= 1


def test_the_map_is_the_same_bytes_each_time(folder, tmp_path_factory):
    assert standins(folder) == 0
    first = map_file(folder).read_bytes()
    assert standins(folder, "--force") == 0
    assert map_file(folder).read_bytes() == first


def test_the_map_shows_land_rivers_and_the_stand_in_label():
    image = standin_map_drawing.draw_map(DROME, [], "x/map.png")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert standin_map_drawing.LAND in colours
    assert standin_map_drawing.WATER in colours  # the rivers, full blue where the line is wide
    assert standin_map_drawing.ACCENT in colours  # the red label and rule round the map
    x, y = DROME.pixel(45.18, 4.815)  # the Rhône at Saint-Vallier, where it runs straight
    window = [(round(x) + dx, round(y) + dy) for dx in range(-4, 5) for dy in range(-4, 5)]
    assert standin_map_drawing.WATER in {image.getpixel(xy) for xy in window}
    assert image.getpixel((round(x) + 60, round(y))) == standin_map_drawing.LAND


def test_an_existing_map_is_kept_and_a_curators_reference_points_never_overwritten(folder, capsys):
    target = map_file(folder)
    target.parent.mkdir(parents=True)
    Image.new("RGB", (800, 600), (10, 20, 30)).save(target)
    scan = target.read_bytes()
    assert standins(folder) == 0
    assert target.read_bytes() == scan and not target.with_suffix(".yaml").exists()
    assert "1 existing image(s) kept" in capsys.readouterr().out

    curators = "reference_points:\n  - {x: 1, y: 2, latitude: 44.5, longitude: 5}\n"
    target.with_suffix(".yaml").write_text(curators, encoding="utf-8")
    assert standins(folder, "--force") == 1
    assert "not the stand-in map's" in capsys.readouterr().err
    assert target.read_bytes() == scan
    assert target.with_suffix(".yaml").read_text(encoding="utf-8") == curators

    target.with_suffix(".yaml").write_text(sidecar_text(DROME, target.name), encoding="utf-8")
    assert standins(folder, "--force") == 0  # its own reference points go with the stand-in
    assert is_stand_in(target)


def test_without_places_the_map_is_drawn_and_the_problem_said(folder, capsys):
    (folder / "slides" / "places.yaml").unlink()
    assert standins(folder) == 1
    assert "the stand-in map shows no towns" in capsys.readouterr().err
    assert is_stand_in(map_file(folder))


def test_places_outside_the_map_or_unsound_are_left_out(folder):
    places = read_places(folder / "slides" / "places.yaml")
    assert [place.id for place in places] == ["buis-les-baronnies", "montelimar", "grignan", "lyon"]
    assert not DROME.contains(45.7640, 4.8357)
    assert DROME.contains(44.2764, 5.2753)


def test_the_projection_keeps_kilometres_the_same_east_and_north():
    frame = MapFrame(44.0, 45.0, 5.0, 1000, 1000)
    x0, y0 = frame.pixel(44.5, 5.0)
    x1, _ = frame.pixel(44.5, 5.1)
    _, y1 = frame.pixel(44.4, 5.0)
    east_km = 0.1 * KM_PER_DEGREE * math.cos(math.radians(44.5))  # the middle latitude
    assert (x1 - x0) / frame.px_per_km == pytest.approx(east_km)
    assert (y1 - y0) / frame.px_per_km == pytest.approx(0.1 * KM_PER_DEGREE)


def test_degrees_are_written_as_on_a_map():
    assert degrees_text(45.25, "N", "S") == "45°15′ N"
    assert degrees_text(5.0, "E", "W") == "5° E"
    assert degrees_text(4.75, "E", "W") == "4°45′ E"


def test_the_shipped_map_is_the_tools_and_holds_every_place():
    """The committed stand-in map and its reference points are what `kiosk standins` draws
    today, and every place of slides/places.yaml falls inside it."""
    shipped = REPO / "media" / "drome-liberation" / "drome-map.png"
    sidecar = shipped.with_suffix(".yaml")
    assert sidecar.read_text(encoding="utf-8") == sidecar_text(DROME, shipped.name)
    assert is_stand_in(shipped)
    with Image.open(shipped) as image:
        assert image.size == (DROME.width, DROME.height)
    projection = fitted(sidecar, DROME.width, DROME.height)
    places = read_places(REPO / "slides" / "places.yaml")
    assert len(places) >= 9
    for place in places:
        u, v = projection.place(place.latitude, place.longitude)
        assert 0.05 < u < 0.95 and 0.05 < v < 0.95, place.id


def test_a_map_also_shown_as_a_photo_is_drawn_as_the_map(folder):
    """A deck read before the map's own may show the base map as a plain photo: the file is
    still the stand-in map, with its reference points, never a photo card."""
    (folder / "slides" / "a-ground.yaml").write_text(
        "title: Ground\nslides:\n"
        "  - {id: the-ground, image: drome-liberation/drome-map.png, caption: La Drôme.}\n",
        encoding="utf-8",
    )
    assert standins(folder) == 0
    with Image.open(map_file(folder)) as image:
        assert image.size == (DROME.width, DROME.height)
        assert "'liberation-map'" in image.info["Comment"]
    assert map_file(folder).with_suffix(".yaml").is_file()
