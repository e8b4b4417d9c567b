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
