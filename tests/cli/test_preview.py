"""`kiosk preview`: works with no display at all, refuses to write into the exhibition, and
says by its exit status whether a deck has errors."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from tests.helpers import KIOSK, REPO

RED = (200, 30, 30)
BLUE = (30, 50, 200)

DECK = """\
title: {fr: "Petit", en: "Tiny"}
slides:
  - id: red
    image: tiny/red.jpg
    caption: {fr: "Rouge", en: "Red"}
  - id: blue
    image: tiny/blue.jpg
    caption: {fr: "Seulement en français."}
"""

BROKEN_SLIDE = """\
  - id: gone
    image: tiny/gone.jpg
    caption: "Partie."
"""


@pytest.fixture
def show(tmp_path) -> Path:
    """A tiny exhibition folder with a two-slide deck; returns the config path."""
    root = tmp_path / "show"
    (root / "config").mkdir(parents=True)
    (root / "slides").mkdir()
    (root / "media" / "tiny").mkdir(parents=True)
    Image.new("RGB", (80, 60), RED).save(root / "media" / "tiny" / "red.jpg")
    Image.new("RGB", (80, 60), BLUE).save(root / "media" / "tiny" / "blue.jpg")
    (root / "slides" / "tiny.yaml").write_text(DECK, encoding="utf-8")
    config = root / "config" / "kiosk.yaml"
    config.write_text(
        "decks: [slides/tiny.yaml]\nwindow_size: 640x360\nplay_log: null\n", encoding="utf-8"
    )
    return config


@pytest.fixture(autouse=True)
def dummy_driver(monkeypatch):
    """In this process, keep whatever the preview sets from leaking into other tests."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")


def preview(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["preview", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def pngs(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.png"))


def test_runs_with_no_display_and_no_video_driver_chosen(show, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    out = tmp_path / "out"
    done = subprocess.run(
        [str(KIOSK), "preview", "--config", str(show), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert pngs(out) == [
        "tiny-contact-en.png",
        "tiny-contact-fr.png",
        "tiny/01-red-en.png",
        "tiny/01-red-fr.png",
        "tiny/02-blue-en.png",
        "tiny/02-blue-fr.png",
    ]
    lines = done.stdout.splitlines()
    assert f"wrote {out / 'tiny' / '01-red-fr.png'}" in lines
    assert f"wrote {out / 'tiny-contact-en.png'}" in lines
    assert any(re.search(r"tiny\.yaml:8:\d+: warning: ", line) for line in lines)  # no 'en'
    assert lines[-1] == (
        f"preview: 1 deck, 2 slides, 2 languages at 640x360: 4 slide images and "
        f"2 contact sheets in {out}; 0 errors, 1 warning"
    )
    with Image.open(out / "tiny" / "01-red-fr.png") as image:
        assert image.size == (640, 360)


def test_size_and_language_from_the_command_line(show, tmp_path, capsys):
    out = tmp_path / "out"
    status, lines, _ = preview(
        capsys, "--config", str(show), "--out", str(out), "--lang", "en", "--size", "800x600"
    )
    assert status == 0
    assert pngs(out) == ["tiny-contact-en.png", "tiny/01-red-en.png", "tiny/02-blue-en.png"]
    with Image.open(out / "tiny" / "02-blue-en.png") as image:
        assert image.size == (800, 600)
    assert "1 language at 800x600" in lines[-1]


def test_only_the_decks_named(show, tmp_path, capsys):
    other = show.parent.parent / "slides" / "other.yaml"
    other.write_text(DECK.replace("Petit", "Autre"), encoding="utf-8")
    out = tmp_path / "out"
    status, _, _ = preview(capsys, str(other), "--config", str(show), "--out", str(out))
    assert status == 0
    assert [name for name in pngs(out) if "contact" in name] == [
        "other-contact-en.png",
        "other-contact-fr.png",
    ]


def test_a_deck_with_errors_exits_1_and_still_writes_what_it_can(show, tmp_path, capsys):
    deck = show.parent.parent / "slides" / "tiny.yaml"
    deck.write_text(DECK + BROKEN_SLIDE, encoding="utf-8")
    out = tmp_path / "out"
    status, lines, _ = preview(capsys, "--config", str(show), "--out", str(out))
    assert status == 1
    assert len(pngs(out)) == 6  # two slides in two languages, two contact sheets
    assert any(re.search(r"tiny\.yaml:10:\d+: error: .*gone\.jpg", line) for line in lines)
    assert "1 error, 1 warning" in lines[-2]
    assert lines[-1].startswith("preview: errors in tiny")


@pytest.mark.parametrize("folder", ["slides", "slides/preview", "media", "media/tiny/p"])
def test_refuses_to_write_into_the_exhibitions_files(show, capsys, folder):
    root = show.parent.parent
    before = sorted(root.rglob("*"))
    status, lines, err = preview(capsys, "--config", str(show), "--out", str(root / folder))
    assert status == 2
    assert lines == []
    assert "never writes there" in err and "/tmp/preview" in err
    assert sorted(root.rglob("*")) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "de"],
        ["--size", "huge"],
        [],  # no --out
    ],
)
def test_usage_errors_exit_2(show, tmp_path, capsys, args):
    argv = ["--config", str(show), *args]
    if args:
        argv += ["--out", str(tmp_path / "out")]
    try:
        status, _, err = preview(capsys, *argv)
    except SystemExit as exc:  # argparse's own usage errors
        status, err = exc.code, capsys.readouterr().err
    assert status == 2
    assert err
    assert not (tmp_path / "out").exists()


def test_no_config_exits_2(tmp_path, capsys):
    status, _, err = preview(
        capsys, "--config", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "out")
    )
    assert status == 2
    assert "no config file" in err


def test_the_shipped_exhibition_previews_without_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    status, lines, _ = preview(capsys, "--out", str(out), "--size", "640x360", "--lang", "fr")
    assert status == 0, lines
    assert "; 0 errors, " in lines[-1]  # warnings: captions too long for so small a screen
    sheets = [name for name in pngs(out) if "contact" in name]
    assert sheets == [
        "drome-liberation-contact-fr.png",
        "livron-contact-fr.png",
        "montelimar-contact-fr.png",
        "provence-landing-contact-fr.png",
    ]
