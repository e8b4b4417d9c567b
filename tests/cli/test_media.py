"""`kiosk media`: a tmp exhibition with one of every case, then the shipped exhibition's 45
stand-ins; and `kiosk validate` counting the stand-ins as information."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import Image

from kiosk.cli import main
from tests.screen import hostile

DECK = """\
title: {fr: "La ville", en: "The town"}
slides:
  - id: owed
    image: town/owed.jpg
    caption: "Photo à venir"
  - id: bridge
    image: town/bridge.jpg
    caption: "Le pont"
  - id: broken
    image: town/broken.jpg
    caption: "Coupée"
  - id: tiny
    image: town/tiny.jpg
    caption: "Petite"
  - id: liberation
    image: town/libération.jpg
    caption: "La libération"
"""


@pytest.fixture
def town(tmp_path, monkeypatch):
    """An exhibition with a stand-in drawn by `kiosk standins`, a scan no slide uses, bridge.jpg
    beside Bridge.JPG, a truncated JPEG, a tiny photo, and a name stored decomposed (NFD)
    that the deck writes composed. The current folder is the exhibition's, as staff run it."""
    media = tmp_path / "media" / "town"
    media.mkdir(parents=True)
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "town.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_text(
        "decks: [slides/town.yaml]\nplay_log: null\n", encoding="utf-8"
    )
    photo = Image.new("RGB", (1920, 1280), (120, 90, 60))
    photo.save(media / "bridge.jpg")
    photo.save(media / "Bridge.JPG")
    photo.save(media / "old-scan.jpg")
    photo.save(media / unicodedata.normalize("NFD", "libération.jpg"))
    Image.new("RGB", (64, 48), (10, 10, 10)).save(media / "tiny.jpg")
    hostile.truncated_jpeg(media / "broken.jpg")
    monkeypatch.chdir(tmp_path)
    assert main(["standins"]) == 0  # draws town/owed.jpg, the one photo missing
    assert sorted(path.name for path in media.iterdir() if path.name.startswith("l")) == [
        unicodedata.normalize("NFD", "libération.jpg")  # found, so no stand-in drawn beside it
    ]
    return tmp_path


def run(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert err == ""
    return status, out.splitlines()


def test_the_report_names_every_case_with_its_slide(town, capsys):
    capsys.readouterr()
    status, lines = run(capsys, "media")
    assert status == 1  # a photo the show cannot decode
    nfd = unicodedata.normalize("NFD", "libération.jpg")
    broken = [line for line in lines if "town/broken.jpg: the photo" in line]
    assert len(broken) == 1 and broken[0].startswith("  slides/town.yaml:9: town/broken.jpg: ")
    folder = town / "media" / "town"
    size = sum(path.stat().st_size for path in folder.iterdir())
    unused = {name: (folder / name).stat().st_size for name in ("Bridge.JPG", "old-scan.jpg")}
    used = size - sum(unused.values())
    assert [line for line in lines if line not in broken] == [
        "1 slide still shows a stand-in image (drop the photograph in under the same file name):",
        "  slides/town.yaml:3: town/owed.jpg (slide 'owed')",
        "",
        "2 files in media/ no slide uses:",
        f"  town/Bridge.JPG ({round(unused['Bridge.JPG'] / 1000)} KB)",
        f"  town/old-scan.jpg ({round(unused['old-scan.jpg'] / 1000)} KB)",
        "",
        "1 set of file names that differ only by capitals or extension (keep one of each):",
        "  town/Bridge.JPG, town/bridge.jpg",
        "    town/Bridge.JPG: unused",
        "    town/bridge.jpg: used at slides/town.yaml:6",
        "",
        "1 photo the show cannot decode (the slide plays without it):",
        "",
        "1 photo is much smaller than the 1920x1080 screen:",
        "  slides/town.yaml:12: town/tiny.jpg is 64x48, much smaller than the 1920x1080 screen; "
        "it will look soft; use a scan at least 1920 pixels wide",
        "",
        f"Total: 7 files in media/, {round(size / 1000)} KB; "
        f"the slides use 5 of them, {round(used / 1000)} KB.",
    ]
    assert not any(nfd in line or "libération" in line for line in lines)  # found, and fine


def test_once_the_photos_are_fixed_the_report_is_clean(town, capsys):
    photo = Image.new("RGB", (1920, 1280), (120, 90, 60))
    for name in ("owed.jpg", "broken.jpg", "tiny.jpg"):
        photo.save(town / "media" / "town" / name)
    for name in ("Bridge.JPG", "old-scan.jpg"):
        (town / "media" / "town" / name).unlink()
    capsys.readouterr()
    status, lines = run(capsys, "media")
    assert status == 0
    assert lines[:-1] == [
        "No slide shows a stand-in image any more.",
        "",
        "Every file in media/ is used by a slide.",
        "",
        "No two file names differ only by capitals or extension.",
        "",
        "The show can decode every photo.",
        "",
        "No photo is much smaller than the 1920x1080 screen.",
        "",
    ]
    assert lines[-1].startswith("Total: 5 files in media/, ")


def test_validate_counts_the_stand_in_as_information(town, capsys):
    (town / "media" / "town" / "broken.jpg").unlink()
    Image.new("RGB", (1920, 1280)).save(town / "media" / "town" / "broken.jpg")
    capsys.readouterr()
    status, lines = run(capsys, "validate")
    assert status == 0
    assert lines == [
        "slides/town.yaml:3:5: info: 1 slide still shows a stand-in image, this one: "
        "kiosk media lists them",
        "slides/town.yaml:13:12: warning: the photo is 64x48, much smaller than the 1920x1080 "
        "screen; it will look soft — use a scan at least 1920 pixels wide",
        "1 deck, 5 slides: 0 errors, 1 warning",
    ]


def test_a_deck_error_is_said_before_the_report(town, capsys):
    deck = town / "slides" / "town.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("town/tiny.jpg", "town/tinny.jpg"))
    capsys.readouterr()
    status, lines = run(capsys, "media")
    assert lines[0] == (
        "The decks have 1 error: the slides they leave out are not in this report "
        "(kiosk validate lists the errors)."
    )
    assert "  town/tiny.jpg (1 KB)" in lines  # its slide is left out, so the photo is unused
    assert status == 1


def test_a_missing_config_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["media"]) == 2
    assert "kiosk media: no config file at config/kiosk.yaml" in capsys.readouterr().err


def test_the_shipped_exhibition_lists_its_48_stand_ins(shipped_copy, capsys, monkeypatch):
    monkeypatch.chdir(shipped_copy)
    status, lines = run(capsys, "media")
    assert status == 0
    assert lines[0].startswith("48 slides still show a stand-in image")
    listed = lines[1 : lines.index("")]
    assert len(listed) == 48 and all(line.startswith("  slides/") for line in listed)
    # 46 different files: the Livron bridge is a photo of its deck and of the timeline's
    # first event, and the stand-in map is both a photo slide and the map slide's base map
    assert len({line.split(": ")[1].split(" (")[0] for line in listed}) == 46
    assert "Every file in media/ is used by a slide." in lines
    assert "The show can decode every photo." in lines


def test_validate_on_the_shipped_exhibition_counts_the_48(shipped_copy, capsys, monkeypatch):
    monkeypatch.chdir(shipped_copy)
    status, lines = run(capsys, "validate")
    assert status == 0
    assert lines == [
        "slides/provence-landing.yaml:16:5: info: 48 slides still show a stand-in image, "
        "the first here: kiosk media lists them",
        "4 decks, 58 slides: 0 errors, 0 warnings",
    ]
