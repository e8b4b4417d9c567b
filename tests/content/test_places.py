"""slides/places.yaml: places read with their names and coordinates, every problem placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.config import load_config
from kiosk.content.places import degrees_from_text, load_places
from kiosk.show.deck import LocalizedText, Mark
from kiosk.show.events import Place
from tests.content.panels import PLACES, write_places
from tests.helpers import write_config


def read(exhibition, text: str):
    path = write_places(exhibition.root, text)
    places = load_places(exhibition.config())
    return places, [str(problem) for problem in places.problems], path


def test_places_are_read_with_their_names_and_coordinates(exhibition) -> None:
    places, problems, path = read(exhibition, PLACES)
    assert problems == []
    assert places.found
    assert list(places.by_id) == ["montelimar", "valence", "nyons", "paris"]
    assert places.by_id["montelimar"] == Place(
        "montelimar", LocalizedText.same_everywhere("Montélimar"), 44.5581, 4.7509
    )
    assert places.by_id["valence"].name == LocalizedText((("fr", "Valence"), ("en", "Valence")))
    assert places.by_id["valence"].where == Mark(str(path), 6, 5)
    assert places.find("nyons") == places.by_id["nyons"]


def test_the_config_names_another_places_file_relative_to_the_exhibition(exhibition) -> None:
    other = exhibition.root / "data" / "towns.yaml"
    other.parent.mkdir()
    other.write_text(PLACES, encoding="utf-8")
    config, problems = load_config(write_config(exhibition.root, "places: data/towns.yaml\n"))
    assert problems == []
    assert config.places_path == other
    places = load_places(config)
    assert places.label == "data/towns.yaml"
    assert "paris" in places.by_id


def test_a_missing_file_is_no_problem_until_a_place_is_looked_up(exhibition) -> None:
    places = load_places(exhibition.config())
    assert (places.found, places.problems, dict(places.by_id)) == (False, (), {})
    assert places.find("nyons") == (
        "the place 'nyons' cannot be found: there is no places file slides/places.yaml; "
        "create it, giving each place an id, a name, a latitude and a longitude (see "
        "'Timelines and maps' in slides/README.md)"
    )


def test_a_place_looked_up_by_a_wrong_name_says_which_was_meant(exhibition) -> None:
    places, _, _ = read(exhibition, PLACES)
    assert places.find("Montélimar") == (
        "the place 'Montélimar' is not in slides/places.yaml; did you mean 'montelimar'? "
        "place: takes the id, not the name"
    )
    assert places.find("valance") == (
        "the place 'valance' is not in slides/places.yaml; did you mean 'valence'?"
    )
    assert places.find("grenoble") == (
        "the place 'grenoble' is not in slides/places.yaml; add it there with its name, "
        "latitude and longitude"
    )


BROKEN = """\
places:
  - id: montelimar
    name: Montélimar
    latitude: 144.5581
    longitude: 4.7509
  - id: nyons
    name: Nyons
    latitude: 44°21′39″N
    longitude: 5,1406
  - id: montelimar
    name: Montélimar again
    latitude: 44.5
    longitude: 4.7
  - id: Saint Rambert
    nom: Saint-Rambert-d'Albon
    latitude: 45.29
  - id: romans
    name: Romans-sur-Isère
    lattitude: 45.04
    longitude: 5.05
    longitude: 5.06
"""


def test_every_problem_in_the_places_file_is_placed_and_says_what_to_do(exhibition) -> None:
    places, problems, path = read(exhibition, BROKEN)
    assert problems == [
        f"{path}:4:15: error: latitude must be between -90 and 90 degrees, got 144.558",
        f"{path}:8:15: error: latitude must be in decimal degrees: write latitude: 44.36083 "
        "for '44°21′39″N'",
        f"{path}:9:16: error: longitude must be a number of degrees, got '5,1406'; write "
        "decimals with a point: 5.1406",
        f"{path}:10:9: error: place id 'montelimar' is already used by the place at line 2; "
        "give each place its own id, or remove this one",
        f"{path}:15:5: error: unknown key 'nom' in a place; did you mean 'name'?",
        f"{path}:14:5: error: this place has no 'name'; add one, such as name: Montélimar",
        f"{path}:14:5: error: this place has no 'longitude'; add one, in decimal degrees, "
        "such as longitude: 4.7509",
        f"{path}:14:9: error: place id 'Saint Rambert' may use only lowercase letters, digits "
        "and hyphens, such as 'saint-rambert'",
        f"{path}:19:5: error: unknown key 'lattitude' in a place; did you mean 'latitude'?",
        f"{path}:21:5: error: 'longitude' appears twice in a place; keep only one",
        f"{path}:17:5: error: this place has no 'latitude'; add one, in decimal degrees, such "
        "as latitude: 44.5581",
    ]
    assert dict(places.by_id) == {}
    assert places.find("nyons") == (
        "the place 'nyons' is left out of slides/places.yaml for a problem at line 6; fix it there"
    )
    assert "line 2" in str(places.find("montelimar"))


@pytest.mark.parametrize(
    ("written", "decimal"),
    [
        ("44°33′29″N", "44.55806"),
        ("44° 33' 29\" N", "44.55806"),
        ("4°45′3″E", "4.75083"),
        ("1°30′W", "-1.5"),
        ("1°30′O", "-1.5"),
        ("33°52′S", "-33.86667"),
        ("45°", "45"),
        ("44.5581", None),
        ("north", None),
    ],
)
def test_degrees_minutes_and_seconds_are_given_in_decimal(
    written: str, decimal: str | None
) -> None:
    assert degrees_from_text(written) == decimal


def test_an_empty_or_unreadable_places_file_is_reported_at_the_file(exhibition) -> None:
    places, problems, path = read(exhibition, "places: [\n")
    assert places.found and dict(places.by_id) == {}
    assert len(problems) == 1 and problems[0].startswith(f"{path}:")
    places, problems, _ = read(exhibition, "# nothing yet\n")
    assert (problems, dict(places.by_id)) == ([], {})
    places, problems, _ = read(exhibition, "towns: []\n")
    assert problems == [
        f"{path}:1:1: error: unknown key 'towns' in the places file; allowed keys: places",
        f"{path}:1:1: error: the places file has no 'places' list; add 'places:'",
    ]


def test_the_shipped_config_documents_the_places_key() -> None:
    from tests.helpers import REPO

    text = (REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8")
    assert "\nplaces: slides/places.yaml\n" in text
    assert load_config(REPO / "config" / "kiosk.yaml")[0].places == Path("slides/places.yaml")
