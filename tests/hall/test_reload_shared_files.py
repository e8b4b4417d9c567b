"""Hot reload of the files decks read their timelines and maps from: the places file and a
map's reference points file. An edit to one reloads the decks, like an edit to a deck; a
broken one is rejected and the last good decks stay."""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest

from kiosk.content.exhibition import load_exhibition
from kiosk.hall import reload as reload_module
from kiosk.hall.reload import Reload, Reloader
from tests.content.panels import PLACES, REFERENCE_POINTS, write_map, write_places

DECK = """\
title: Deck
slides:
  - kind: timeline
    id: days
    title: Les jours
    events:
      - {date: 1944-08-31, place: valence, caption: Valence}
      - {date: 1944-08-28, place: montelimar, caption: Montélimar}
  - kind: map
    id: where
    title: Où
    map: maps/map.png
    events_from: days
"""


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reload_module, "SETTLE_SECONDS", 0.05)


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_text("decks: [slides/d.yaml]\n", "utf-8")
    write_places(tmp_path)
    write_map(tmp_path / "media")
    (tmp_path / "slides" / "d.yaml").write_text(DECK, "utf-8")
    return tmp_path


def reloader_for(root: Path) -> Reloader:
    config = root / "config" / "kiosk.yaml"
    shown = load_exhibition(config)
    assert shown.problems == ()
    return Reloader(config, (), shown)


def rewrite(path: Path, text: str) -> None:
    """Write `text`, making the change visible even where timestamps are coarse."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(dedent(text), "utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def valence(result: Reload) -> tuple[float, float]:
    """Where Valence is on the map the reloaded deck shows, as fractions of the map."""
    [deck] = result.decks
    step = next(slide for slide in deck.slides if slide.id == "where")
    place = next(e.place for e in step.panel.events if e.place and e.place.id == "valence")
    u, v = step.panel.base_map.projection.place(place.latitude, place.longitude)
    return round(u, 4), round(v, 4)


def test_an_edit_to_the_places_file_reloads_the_decks(hall: Path) -> None:
    watcher = reloader_for(hall)
    places = hall / "slides" / "places.yaml"
    rewrite(places, PLACES.replace("latitude: 44.9334", "latitude: 44.9"))
    result = watcher.check()
    assert result is not None
    assert [(o.path, o.result, o.problems) for o in result.outcomes] == [(places, "applied", ())]
    assert result.changed_media == ()
    assert valence(result) == (0.3924, 0.4)  # (4.8924 - 4.5, (45.5 - 44.9) / 1.5)


def test_a_broken_places_file_is_rejected_and_the_decks_stay_as_they_were(hall: Path) -> None:
    watcher = reloader_for(hall)
    places = hall / "slides" / "places.yaml"
    rewrite(places, PLACES.replace("latitude: 44.9334", "latitude: 144.9334"))
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (places, "rejected")
    assert [str(p) for p in outcome.problems] == [
        f"{places}:8:15: error: latitude must be between -90 and 90 degrees, got 144.933",
        f"{hall / 'slides' / 'd.yaml'}:7:35: error: the place 'valence' is left out of "
        "slides/places.yaml for a problem at line 6; fix it there",
        f"{hall / 'slides' / 'd.yaml'}:3:5: error: this timeline needs at least 2 events, and "
        "only 1 of its 2 can be shown (see the problems with its events); add another, or make "
        "a lone event a photo slide",
        f"{hall / 'slides' / 'd.yaml'}:13:18: error: the timeline 'days' (line 3) is left out "
        "for its problems, so this map has no events either; fix the timeline",
    ]
    assert valence(result) == (0.3924, 0.3777)  # the last good deck, as it was
    rewrite(places, PLACES)
    result = watcher.check()
    assert [(o.path, o.result) for o in result.outcomes] == [(places, "applied")]
    assert result.problems == ()


def test_an_edit_to_a_maps_reference_points_reloads_the_decks(hall: Path) -> None:
    watcher = reloader_for(hall)
    sidecar = hall / "media" / "maps" / "map.yaml"
    rewrite(sidecar, REFERENCE_POINTS.replace("x: 1000, y: 800", "x: 500, y: 400"))
    result = watcher.check()
    assert [(o.path, o.result, o.problems) for o in result.outcomes] == [(sidecar, "applied", ())]
    assert result.changed_media == ()  # not a picture: nothing to redraw from it
    assert valence(result) == (0.1962, 0.1889)


def test_broken_reference_points_are_rejected_with_the_decks_last_good_map(hall: Path) -> None:
    watcher = reloader_for(hall)
    sidecar = hall / "media" / "maps" / "map.yaml"
    rewrite(sidecar, "reference_points:\n  - {x: 0, y: 0, latitude: 45.5, longitude: 4.5}\n")
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (sidecar, "rejected")
    assert str(outcome.problems[0]).startswith(
        f"{sidecar}:2:3: error: a map needs at least two reference points"
    )
    assert valence(result) == (0.3924, 0.3777)


def test_a_places_file_no_deck_reads_is_applied_with_its_own_problems(hall: Path) -> None:
    (hall / "slides" / "d.yaml").write_text(
        "title: D\nslides:\n  - {image: maps/map.png, caption: A}\n", "utf-8"
    )
    watcher = reloader_for(hall)
    places = hall / "slides" / "places.yaml"
    rewrite(places, PLACES.replace("name: Nyons", "nom: Nyons"))
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (places, "applied")
    assert len(outcome.problems) == 2 and "unknown key 'nom'" in str(outcome.problems[0])
    assert len(result.problems) == 2
