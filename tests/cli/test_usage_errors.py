"""A mistake in the command itself: the same one sentence on stderr and exit status 2 from
every subcommand, before anything is read, drawn or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main

CONFIG = "decks: []\nlanguages: [fr, en]\nplay_log: null\n"

NO_CONFIG = "no config file at nope.yaml; pass --config PATH"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An exhibition folder with a config and a captions text, as the current folder."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "captions.txt").write_text("Une légende.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["run", "--config", "nope.yaml"], f"kiosk: {NO_CONFIG}"),
        (["run", "--lang", "de"], "kiosk: --lang de is not one of fr, en"),
        (
            ["validate", "--config", "nope.yaml"],
            "kiosk validate: no config file at nope.yaml; check the path given to --config",
        ),
        (
            ["validate", "--config", "config"],
            "kiosk validate: --config config is a folder; give the config file, "
            "such as config/kiosk.yaml",
        ),
        (["narrate", "--config", "nope.yaml"], f"kiosk narrate: {NO_CONFIG}"),
        (["narrate", "--lang", "de"], "kiosk: --lang must be one of fr, en, all"),
        (["preview", "--out", "out", "--config", "nope.yaml"], f"kiosk: {NO_CONFIG}"),
        (
            ["preview", "--out", "out", "--lang", "de"],
            "kiosk preview: --lang must be one of fr, en, all",
        ),
        (
            ["preview", "--out", "slides/out"],
            "kiosk preview: --out slides/out is inside {root}/slides, which holds the "
            "exhibition's own files; the preview never writes there. Choose another folder, "
            "such as /tmp/preview",
        ),
        (
            [
                "import-captions",
                "captions.txt",
                "--lang",
                "fr",
                "--out",
                "n.yaml",
                "--config",
                "nope.yaml",
            ],
            f"kiosk: {NO_CONFIG}",
        ),
        (
            ["import-captions", "captions.txt", "--lang", "de", "--out", "n.yaml"],
            "kiosk: --lang de is not one of fr, en",
        ),
        (
            ["import-captions", "captions.txt", "--lang", "fr", "--out", "n.txt"],
            "kiosk: --out n.txt must name a .yaml file, such as slides/new.yaml",
        ),
        (
            ["import-captions", "captions.txt", "--lang", "fr", "--out", "n.yaml", "--title", " "],
            "kiosk: --title is empty; give the deck a title, or leave --title out",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_mistake_in_the_command_is_one_sentence_and_status_2(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], sentence: str
) -> None:
    before = sorted(folder.rglob("*"))
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", sentence.format(root=folder.resolve()) + "\n")
    assert sorted(folder.rglob("*")) == before
