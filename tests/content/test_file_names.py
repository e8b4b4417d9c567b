"""A name written with composed accents (NFC) finds a file stored decomposed (NFD, as copied
from a Mac), and the reverse: the deck loader keeps the disk's own path, the show decodes it,
and no message ever suggests a name that looks the same as the one written."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath

import pytest
from PIL import Image

from kiosk.content.exhibition import load_exhibition
from kiosk.content.file_names import as_on_disk, relative_on_disk, same_name
from kiosk.content.hints import missing_file_hint
from kiosk.hall.reload import take_snapshot
from kiosk.screen.photo_decode import decode_photo
from kiosk.screen.photo_files import read_photo_size

NAME = "été/libération.jpg"
NFC = unicodedata.normalize("NFC", NAME)
NFD = unicodedata.normalize("NFD", NAME)
SPELLINGS = [
    pytest.param(NFC, NFD, id="written-NFC-stored-NFD"),
    pytest.param(NFD, NFC, id="written-NFD-stored-NFC"),
]


def test_the_two_spellings_differ_yet_look_the_same():
    assert NFC != NFD and len(NFD) > len(NFC)
    assert same_name(NFC, NFD)
    assert not same_name(NFC, NFC.upper())


@pytest.mark.parametrize(("written", "stored"), SPELLINGS)
def test_as_on_disk_finds_each_part_in_the_disk_spelling(tmp_path, written, stored):
    (tmp_path / stored).parent.mkdir()
    (tmp_path / stored).write_bytes(b"x")
    assert not (tmp_path / written).exists()  # Linux compares the bytes of names
    assert as_on_disk(tmp_path / written) == tmp_path / stored
    assert relative_on_disk(tmp_path, PurePosixPath(written)) == PurePosixPath(stored)


def test_as_on_disk_leaves_a_name_that_is_there_or_nowhere_as_written(tmp_path):
    (tmp_path / "a.jpg").write_bytes(b"x")
    assert as_on_disk(tmp_path / "a.jpg") == tmp_path / "a.jpg"
    assert as_on_disk(tmp_path / "b.jpg") == tmp_path / "b.jpg"
    assert as_on_disk(tmp_path / NFC) == tmp_path / NFC  # no folder été at all
    assert as_on_disk(Path("nowhere") / NFD) == Path("nowhere") / NFD  # relative, missing


@pytest.mark.parametrize(("written", "stored"), SPELLINGS)
def test_the_deck_loader_keeps_the_path_on_disk_and_the_show_decodes_it(
    exhibition, written, stored
):
    photo = exhibition.media / stored
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (4, 3), (90, 60, 30)).save(photo, "JPEG")
    exhibition.deck(f"title: Été\nslides:\n  - image: {written}\n    caption: Libération\n")
    (exhibition.root / "config").mkdir()
    config = exhibition.root / "config" / "kiosk.yaml"
    config.write_text("decks: [slides/deck.yaml]\nplay_log: null\n", encoding="utf-8")

    loaded = load_exhibition(config)

    assert [str(problem) for problem in loaded.problems] == []
    [slide] = loaded.decks[0].slides
    assert slide.image == photo  # the disk's own spelling, which the show can open
    assert slide.id == unicodedata.normalize("NFC", "libération")  # whatever the disk spells
    assert read_photo_size(slide.image) == (4, 3)
    assert decode_photo(slide.image, (40, 30)).size == (40, 30)


@pytest.mark.parametrize(("written", "stored"), SPELLINGS)
def test_a_deck_named_in_the_config_is_found_and_watched(tmp_path, written, stored):
    deck_name = unicodedata.normalize("NFC" if stored == NFC else "NFD", "slides/journée.yaml")
    config_name = unicodedata.normalize("NFC" if written == NFC else "NFD", "slides/journée.yaml")
    (tmp_path / "slides").mkdir()
    (tmp_path / "media").mkdir()
    Image.new("RGB", (4, 3)).save(tmp_path / "media" / "a.png")
    (tmp_path / deck_name).write_text(
        "title: Journée\nslides:\n  - {image: a.png, caption: Texte}\n", encoding="utf-8"
    )
    (tmp_path / "config").mkdir()
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_text(f"decks: ['{config_name}']\nplay_log: null\n", encoding="utf-8")

    loaded = load_exhibition(config)

    assert [str(problem) for problem in loaded.problems] == []
    assert [slide.id for slide in loaded.decks[0].slides] == ["a"]
    snapshot = take_snapshot(config, (tmp_path / config_name,), tmp_path / "media")
    assert snapshot[tmp_path / config_name][1] > 0  # its size: hot reload sees it change


@pytest.mark.parametrize(("written", "stored"), SPELLINGS)
def test_the_hint_never_offers_a_name_that_looks_the_same(written, stored):
    for files in ([stored], [stored, "été/pont.jpg"], [stored, "été/pont.jpg", "a.jpg"]):
        hint = missing_file_hint(written, files, "media/")
        assert stored not in hint and "did you mean" not in hint, hint
    hint = missing_file_hint(written, [stored, "été/pont.jpg"], "media/")
    assert stored not in hint and "did you mean" not in hint
    capitals = missing_file_hint(written.upper(), [stored], "media/")
    assert capitals == f"; did you mean '{stored}'? Capitals count: write the name exactly"
