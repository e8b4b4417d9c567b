"""`kiosk standins`: stand-ins drawn for missing photos, never over a file without --force."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main as kiosk_main
from kiosk.tools import standin_drawing
from kiosk.tools.standin_mark import is_stand_in

KIOSK = Path(sys.executable).with_name("kiosk")  # the venv's console script

DECK = """\
title: {fr: "Le pont de Livron", en: "The Livron bridge"}
slides:
  - id: bridge-blown-up
    image: livron/bridge-blown-up.jpg
    caption:
      fr: "Dans la nuit du 16 au 17 août 1944, les maquisards détruisent le pont de Livron."
      en: "On the night of 16 to 17 August 1944, the maquis destroyed the Livron bridge."
  - id: sabotage
    image: livron/sabotage.jpg
    caption: "Les résistants sabotent routes, ponts et voies ferrées."
  - id: retreat
    image: livron/retreat.png
    caption: {fr: "La retraite allemande est perturbée."}
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "livron.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path


def generate(folder: Path, *extra: str) -> int:
    return kiosk_main(
        ["standins", "--media", str(folder / "media"), "--slides", str(folder / "slides"), *extra]
    )


def test_writes_a_large_image_for_every_slide(folder, capsys):
    assert generate(folder) == 0
    out = capsys.readouterr().out
    assert "3 stand-in(s) written, 0 existing image(s) kept, 0 problem(s)" in out
    expected = {
        "livron/bridge-blown-up.jpg": "JPEG",
        "livron/sabotage.jpg": "JPEG",
        "livron/retreat.png": "PNG",
    }
    for name, fmt in expected.items():
        with Image.open(folder / "media" / name) as image:
            assert image.format == fmt
            assert image.width >= 1600
            assert image.mode == "RGB"
            assert (image.width, image.height) in {size for _, size in standin_drawing.SIZES}
    # Nothing half-written is left behind.
    assert not list((folder / "media").rglob("*.partial"))


def test_every_stand_in_carries_its_mark(folder):
    """The mark kiosk media reads, in the file's own comment, as any image tool shows it."""
    assert generate(folder) == 0
    with Image.open(folder / "media" / "livron" / "sabotage.jpg") as jpeg:
        assert jpeg.info["comment"].decode().startswith("kiosk stand-in for slide 'sabotage'")
    with Image.open(folder / "media" / "livron" / "retreat.png") as png:
        assert png.info["Comment"].startswith("kiosk stand-in for slide 'retreat'")
    for name in ("bridge-blown-up.jpg", "sabotage.jpg", "retreat.png"):
        assert is_stand_in(folder / "media" / "livron" / name)


def test_the_stand_in_is_drawn_not_blank(folder):
    assert generate(folder) == 0
    with Image.open(folder / "media" / "livron" / "sabotage.jpg") as image:
        colours = image.convert("L").getextrema()
    assert colours[1] - colours[0] > 150  # dark text on a light card, over a tinted print


def test_same_slide_gives_the_same_image_shape(folder, tmp_path_factory):
    assert generate(folder) == 0
    other = tmp_path_factory.mktemp("again")
    (other / "slides").mkdir()
    (other / "slides" / "livron.yaml").write_text(DECK, encoding="utf-8")
    assert generate(other) == 0
    for name in ("bridge-blown-up.jpg", "sabotage.jpg", "retreat.png"):
        first = folder / "media" / "livron" / name
        second = other / "media" / "livron" / name
        with Image.open(first) as a, Image.open(second) as b:
            assert a.size == b.size


def test_existing_file_is_kept_without_force(folder, capsys):
    existing = folder / "media" / "livron" / "sabotage.jpg"
    existing.parent.mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 0, 0)).save(existing)
    scan = existing.read_bytes()

    assert generate(folder) == 0
    out = capsys.readouterr().out
    assert "2 stand-in(s) written, 1 existing image(s) kept" in out
    assert existing.read_bytes() == scan
    assert not is_stand_in(existing)  # the scan is not taken for a stand-in

    assert generate(folder, "--force") == 0
    out = capsys.readouterr().out
    assert "3 stand-in(s) written, 0 existing image(s) kept" in out
    with Image.open(existing) as image:
        assert image.width >= 1600


def test_unsafe_image_paths_are_refused(tmp_path, capsys):
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "evil.yaml").write_text(
        "title: Evil\n"
        "slides:\n"
        "  - {id: up, image: ../outside.jpg, caption: x}\n"
        "  - {id: abs, image: /tmp/kiosk-standin-abs.jpg, caption: x}\n"
        "  - {id: txt, image: notes.txt, caption: x}\n"
        "  - {id: ok, image: fine.jpg, caption: x}\n",
        encoding="utf-8",
    )
    status = generate(tmp_path)
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("skipped:") == 3
    assert not (tmp_path / "outside.jpg").exists()
    assert not Path("/tmp/kiosk-standin-abs.jpg").exists()
    assert sorted(p.name for p in (tmp_path / "media").iterdir()) == ["fine.jpg"]


def test_broken_deck_is_skipped_and_reported(folder, capsys):
    (folder / "slides" / "broken.yaml").write_bytes(b"title: [unclosed\n")
    assert generate(folder) == 1
    assert "skipped:" in capsys.readouterr().err
    assert (folder / "media" / "livron" / "sabotage.jpg").is_file()  # the good deck still done


def test_no_decks_is_a_problem(tmp_path, capsys):
    (tmp_path / "slides").mkdir()
    assert generate(tmp_path) == 1
    assert "no decks found" in capsys.readouterr().err


def test_generated_stand_ins_make_the_exhibition_valid(folder, capsys):
    (folder / "config").mkdir()
    (folder / "config" / "kiosk.yaml").write_text(
        "decks: [slides/livron.yaml]\nplay_log: null\n", encoding="utf-8"
    )
    config = str(folder / "config" / "kiosk.yaml")
    assert kiosk_main(["validate", "--config", config]) == 1  # photos owed
    capsys.readouterr()
    assert generate(folder) == 0
    capsys.readouterr()
    assert kiosk_main(["validate", "--config", config]) == 0
    out = capsys.readouterr().out
    assert "1 deck, 3 slides: 0 errors" in out
    assert "info: 3 slides still show a stand-in image" in out


def test_the_console_script_draws_them_from_the_exhibition_folder_without_a_display(folder):
    """The defaults, media/ and slides/, are the current folder's, as a curator runs it."""
    result = subprocess.run(
        [str(KIOSK), "standins"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DISPLAY": "", "SDL_VIDEODRIVER": ""},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "3 stand-in(s) written, 0 existing image(s) kept, 0 problem(s)"
    )
    assert (folder / "media" / "livron" / "bridge-blown-up.jpg").is_file()
