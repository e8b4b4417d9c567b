"""A map's image and its reference points file: the projection fitted from real files, and
every problem placed in the deck or in the reference points file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.panels import MAP_SIZE, curators_caption, load, steps, write_map, write_places

MAP_DECK = """\
title: T
slides:
  - {image: a.png, caption: A}
  - kind: map
    id: where
    title: Où
    map: maps/map.png
    events:
      - {date: 1944-08-31, place: valence, caption: Valence}
      - {date: 1944-08-28, place: montelimar, caption: Montélimar}
      - {date: 1944-08-25, place: nyons, caption: Nyons}
"""


@pytest.fixture
def folder(exhibition):
    write_places(exhibition.root)
    return exhibition


def deck_file(folder) -> str:
    return str(folder.root / "slides" / "deck.yaml")


def test_places_land_where_the_reference_points_say(folder) -> None:
    write_map(folder.media)
    deck, problems = load(folder, MAP_DECK)
    assert problems == []
    panel = deck.slides[1].panel
    width, height = MAP_SIZE
    for place, lat, lon in [("valence", 44.9334, 4.8924), ("nyons", 44.3608, 5.1406)]:
        u, v = panel.base_map.projection.place(lat, lon)
        assert abs(u * width - (lon - 4.5) * 1000) < 0.01, place
        assert abs(v * height - (45.5 - lat) / 1.5 * 800) < 0.01, place


def test_three_points_fit_a_turned_map(folder) -> None:
    """A map scanned a quarter turn: north is to the right. Three points fix it."""
    points = """\
        reference_points:
          - {x: 800, y: 0, latitude: 45.5, longitude: 4.5}
          - {x: 0, y: 0, latitude: 44.0, longitude: 4.5}
          - {x: 800, y: 1000, latitude: 45.5, longitude: 5.5}
        """
    write_map(folder.media, points=points, size=(800, 1000))
    deck, problems = load(folder, MAP_DECK)
    assert problems == []
    u, v = deck.slides[1].panel.base_map.projection.place(44.9334, 4.8924)
    assert abs(u * 800 - (44.9334 - 44.0) / 1.5 * 800) < 0.01
    assert abs(v * 1000 - (4.8924 - 4.5) * 1000) < 0.01


@pytest.mark.parametrize("suffix", [".jpg", ".webp"])
def test_the_size_comes_from_the_image_whatever_its_format(folder, suffix: str) -> None:
    write_map(folder.media, name=f"maps/map{suffix}")
    deck, problems = load(folder, MAP_DECK.replace("maps/map.png", f"maps/map{suffix}"))
    assert problems == []
    u, _ = deck.slides[1].panel.base_map.projection.place(44.0, 5.5)
    assert abs(u - 1.0) < 1e-9


def test_a_place_outside_the_map_costs_its_event(folder) -> None:
    write_map(folder.media)
    deck, problems = load(
        folder, MAP_DECK + "      - {date: 1944-06-14, place: paris, caption: Paris}\n"
    )
    assert problems == [
        f"{deck_file(folder)}:12:35: error: the place 'paris' (48.8566, 2.3522) falls outside "
        "the map map.png: check its reference points in media/maps/map.yaml, or the place's "
        "latitude and longitude"
    ]
    assert [caption for _, _, caption in steps(deck)][1:] == ["Nyons", "Montélimar", "Valence"]


def test_a_place_outside_the_map_stays_on_the_timeline_it_comes_from(folder) -> None:
    write_map(folder.media)
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - kind: timeline
            id: days
            title: Les jours
            events:
              - {date: 1944-08-31, place: valence, caption: Valence}
              - {date: 1944-08-28, place: montelimar, caption: Montélimar}
              - {date: 1944-08-25, place: paris, caption: Paris}
          - kind: map
            id: where
            title: Où
            map: maps/map.png
            events_from: days
        """,
    )
    assert problems == [
        f"{deck_file(folder)}:9:35: error: the place 'paris' (48.8566, 2.3522) falls outside "
        "the map map.png: check its reference points in media/maps/map.yaml, or the place's "
        "latitude and longitude"
    ]
    assert [(slide.id, curators_caption(slide)) for slide in deck.slides] == [
        ("days", "Paris"),
        ("days", "Montélimar"),
        ("days", "Valence"),
        ("where", "Montélimar"),
        ("where", "Valence"),
    ]


def test_a_map_without_its_reference_points_file_says_where_to_write_it(folder) -> None:
    write_map(folder.media, points=None)
    deck, problems = load(folder, MAP_DECK)
    assert problems == [
        f"{deck_file(folder)}:7:10: error: the map map.png has no reference points file: write "
        "media/maps/map.yaml beside it, giving the pixel position and latitude and longitude "
        "of two or more known places (see 'Timelines and maps' in slides/README.md)"
    ]
    assert steps(deck) == [("a", 0, "A")]


def test_a_map_image_that_cannot_be_read_is_named(folder) -> None:
    image = write_map(folder.media)
    image.write_bytes(b"not a picture")
    _, problems = load(folder, MAP_DECK)
    assert problems == [
        f"{deck_file(folder)}:7:10: error: the map map.png cannot be read as an image; save it "
        "as PNG or JPEG (WebP and GIF are read too)"
    ]


def test_a_map_image_not_found_is_reported_with_the_file_meant(folder) -> None:
    write_map(folder.media)
    _, problems = load(folder, MAP_DECK.replace("maps/map.png", "maps/mapp.png"))
    assert problems == [
        f"{deck_file(folder)}:7:10: error: the map 'maps/mapp.png' not found in media/; did you "
        "mean 'maps/map.png'?"
    ]


@pytest.mark.parametrize(
    ("points", "where", "message"),
    [
        (
            "reference_points:\n  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n",
            "2:3",
            "a map needs at least two reference points (see 'Timelines and maps' in "
            "slides/README.md)",
        ),
        (
            "reference_points:\n"
            "  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n"
            "  - {x: 500, y: 400, latitude: 44.75, longitude: 5.0}\n"
            "  - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}\n",
            "2:3",
            "the reference points lie on one line; add one off that line (three or more points "
            "must not be in a row) (see 'Timelines and maps' in slides/README.md)",
        ),
        (
            "reference_points:\n"
            "  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n"
            "  - {x: 1000, y: 800, latitude: 45.5, longitude: 5.5}\n",
            "2:3",
            "two reference points must differ in both latitude and longitude (choose two places "
            "far apart, one north-west and one south-east) (see 'Timelines and maps' in "
            "slides/README.md)",
        ),
        (
            "reference_points:\n"
            "  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n"
            "  - {x: 1200, y: 800, latitude: 44.0, longitude: 5.5}\n",
            "3:9",
            "x must be between 0 and 1000 pixels (the map's width), got 1200",
        ),
        (
            "reference_points:\n"
            "  - {x: 0, y: 0, latitude: 45°30′N, longitude: 4.5}\n"
            "  - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}\n",
            "2:28",
            "latitude must be in decimal degrees: write latitude: 45.5 for '45°30′N'",
        ),
        (
            "reference_points:\n"
            "  - {x: 0, y: 0, latitude: 45.5}\n"
            "  - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}\n",
            "2:5",
            "this reference point has no 'longitude'; each needs x, y, latitude and longitude, "
            "such as {x: 412, y: 118, latitude: 45.293, longitude: 4.816}",
        ),
        (
            "points:\n  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n",
            "1:1",
            "unknown key 'points' in the reference points file; allowed keys: reference_points",
        ),
        (
            "# nothing yet\n",
            "1:1",
            "the reference points file is empty; list two or more points under reference_points:",
        ),
    ],
)
def test_reference_points_that_cannot_fix_a_map_are_placed_in_their_file(
    folder, points: str, where: str, message: str
) -> None:
    image = write_map(folder.media, points=points)
    deck, problems = load(folder, MAP_DECK)
    assert problems[0] == f"{image.with_suffix('.yaml')}:{where}: error: {message}"
    assert steps(deck) == [("a", 0, "A")]


def test_a_reference_point_the_others_disagree_with_is_flagged(folder) -> None:
    points = """\
        reference_points:
          - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}
          - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}
          - {x: 1000, y: 0, latitude: 45.5, longitude: 5.5}
          - {x: 0, y: 800, latitude: 44.0, longitude: 5.5}
          - {x: 500, y: 400, latitude: 44.75, longitude: 5.0}
        """
    image = write_map(folder.media, points=points)
    deck, problems = load(folder, MAP_DECK)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{image.with_suffix('.yaml')}:5:5: warning: this reference point is "
    )
    assert problems[0].endswith(
        " pixels from where the other points place it; check its x, y, latitude and longitude"
    )
    assert len(deck.slides) == 4  # a warning: the map still plays


def test_good_points_raise_no_warning(folder) -> None:
    points = """\
        reference_points:
          - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}
          - {x: 1000, y: 800, latitude: 44.0, longitude: 5.5}
          - {x: 1000, y: 0, latitude: 45.5, longitude: 5.5}
          - {x: 2, y: 798, latitude: 44.0, longitude: 4.5}
        """
    write_map(folder.media, points=points)
    _, problems = load(folder, MAP_DECK)
    assert problems == []


def test_validate_checks_the_map_picture_like_a_photo(folder) -> None:
    from kiosk.content.deck_loader import load_deck

    write_map(folder.media)
    path = Path(folder.deck(MAP_DECK))
    result = load_deck(path, folder.config(), advise=True, photo_size=lambda _: (100, 80))
    map_warning = [str(p) for p in result.problems if ":7:10:" in str(p)]
    assert map_warning == [
        f"{path}:7:10: warning: the photo is 100x80, much smaller than the 1920x1080 screen; "
        "it will look soft — use a scan at least 1920 pixels wide"
    ]
