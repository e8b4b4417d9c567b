"""The photo report's reckoning, over decks loaded from a tmp exhibition, with the photos'
sizes and stand-in marks given as plain functions (as the edges give them)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kiosk.content.deck_loader import load_deck
from kiosk.content.media_report import (
    MediaFile,
    look_alikes,
    media_files,
    media_report,
    stand_in_note,
)
from kiosk.content.problems import Severity

DECK = """\
title: Test
slides:
  - image: a.png
    caption: A
    narration:
      en: {audio: voice/a.ogg}
  - image: town/1.png
    caption: One
  - id: again
    image: a.png
    caption: A again
"""


def loaded(exhibition):
    (exhibition.media / "voice").mkdir(exist_ok=True)
    (exhibition.media / "voice" / "a.ogg").write_bytes(b"sound")
    result = load_deck(exhibition.deck(DECK), exhibition.config())
    assert result.problems == ()
    return [result.deck]


def test_look_alikes_differ_only_by_capitals_extension_or_accent_spelling():
    names = [
        "town/bridge.jpg",
        "town/Bridge.JPG",
        "town/bridge.png",
        "other/bridge.jpg",  # another folder: another photo
        "town/bridges.jpg",
        unicodedata.normalize("NFC", "été.jpg"),
        unicodedata.normalize("NFD", "été.jpg"),
        "Town/tower.jpg",
        "town/tower.jpg",
    ]
    assert look_alikes(names) == (
        ("town/bridge.jpg", "town/Bridge.JPG", "town/bridge.png"),
        (names[5], names[6]),
        ("Town/tower.jpg", "town/tower.jpg"),
    )
    assert look_alikes(["a.jpg", "b.jpg"]) == ()


def test_the_report(exhibition):
    decks = loaded(exhibition)
    asked: list[Path] = []

    def photo_size(path: Path) -> tuple[int, int] | str:
        asked.append(path)
        return "is cut short" if path.name == "1.png" else (200, 100)

    report = media_report(
        decks,
        exhibition.media,
        media_files(exhibition.media),
        photo_size,
        lambda path: path.name == "a.png",
        (1920, 1080),
    )
    assert sorted(asked) == sorted({exhibition.media / "a.png", exhibition.media / "town/1.png"})
    assert [(use.name, use.slide.id) for use in report.stand_ins] == [
        ("a.png", "a"),
        ("a.png", "again"),
    ]
    assert [file.name for file in report.unused] == ["b.png", "c.png"]  # the recording is used
    assert [(use.name, why) for use, why in report.undecodable] == [("town/1.png", "is cut short")]
    assert [(use.slide.id, size) for use, size in report.small] == [
        ("a", (200, 100)),
        ("again", (200, 100)),
    ]
    sizes = {file.name: file.size for file in report.files}
    assert sizes["voice/a.ogg"] == 5
    assert report.total_bytes == sum(sizes.values())
    assert [file.name for file in report.used_files] == ["a.png", "town/1.png", "voice/a.ogg"]


def test_a_photo_half_the_screen_or_more_one_way_is_not_small(exhibition):
    report = media_report(
        loaded(exhibition),
        exhibition.media,
        [],
        lambda path: (960, 10),
        lambda path: False,
        (1920, 1080),
    )
    assert report.small == ()
    assert report.unused == () and report.total_bytes == 0  # no files were listed


def test_stand_in_note_counts_the_slides_at_the_first(exhibition):
    decks = loaded(exhibition)
    assert stand_in_note(decks, lambda path: False) is None
    one = stand_in_note(decks, lambda path: path.name == "1.png")
    assert one is not None and one.severity is Severity.INFO and not one.is_error
    assert one.message == "1 slide still shows a stand-in image, this one: kiosk media lists them"
    assert one.where == decks[0].slides[1].where
    both = stand_in_note(decks, lambda path: path.name == "a.png")
    assert str(both) == (
        f"{decks[0].path}:3:5: info: 2 slides still show a stand-in image, the first here: "
        "kiosk media lists them"
    )


def test_media_files_of_a_missing_folder(tmp_path):
    assert media_files(tmp_path / "nowhere") == []
    (tmp_path / ".hidden.jpg").write_bytes(b"x")
    (tmp_path / "seen.jpg").write_bytes(b"xy")
    assert media_files(tmp_path) == [MediaFile("seen.jpg", 2)]


PANELS = """\
title: Test
slides:
  - kind: timeline
    id: days
    title: Days
    events:
      - {date: 1944-08-31, place: valence, caption: Valence, image: a.png}
      - {date: 1944-08-28, place: montelimar, caption: Montélimar}
      - {date: 1944-08-25, place: nyons, caption: Nyons, image: b.png}
  - kind: map
    id: where
    title: Where
    map: maps/map.png
    events:
      - {date: 1944-08-31, place: valence, caption: Valence, image: c.png}
      - {date: 1944-08-28, place: montelimar, caption: Montélimar}
"""


def test_steps_without_a_photo_are_skipped_and_a_map_counts_once(exhibition):
    from tests.content.panels import write_map, write_places

    write_places(exhibition.root)
    write_map(exhibition.media)
    result = load_deck(exhibition.deck(PANELS), exhibition.config())
    assert result.problems == ()
    decks = [result.deck]
    asked: list[str] = []

    def photo_size(path: Path) -> tuple[int, int]:
        asked.append(path.name)
        return (1920, 1080)

    report = media_report(
        decks,
        exhibition.media,
        media_files(exhibition.media),
        photo_size,
        lambda path: path.name in ("map.png", "b.png"),
        (1920, 1080),
    )
    assert [(use.name, use.slide.id, use.slide.step) for use in report.uses] == [
        ("b.png", "days", 0),
        ("a.png", "days", 2),
        ("maps/map.png", "where", 0),
    ]
    assert sorted(asked) == ["a.png", "b.png", "map.png"]
    # c.png, shown by its place on the map, and the reference points file are in use
    assert [file.name for file in report.unused] == ["town/1.png"]
    assert report.look_alikes == ()  # maps/map.png and its maps/map.yaml are a pair
    map_use = report.uses[2]
    assert map_use.where.line == 10  # the map's entry, not its first event's
    note = stand_in_note(decks, lambda path: path.name == "map.png")
    assert note is not None and note.message.startswith("1 slide still shows")
    assert note.where.line == 10
