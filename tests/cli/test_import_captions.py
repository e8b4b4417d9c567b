"""`kiosk import-captions`: a deck from a captions text, written safely, never overwriting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.config import load_config
from kiosk.content.deck_loader import load_deck
from kiosk.tools import standins
from tests.helpers import KIOSK, SEED_CAPTIONS, WITHOUT_PYGAME, needs_seed_captions

CAPTIONS = (
    'Le 20 août, le général Truscott crée la "Team des maîtres d\'hôtel" : 1944 # un\r\n'
    "\r\n"
    "\r\n"
    "- Un tiret, C:\\chemin, et des espaces   \r\n"
    "sur deux lignes\r\n"
    "   \r\n"
    "yes\r\n"
)
EXPECTED = [
    'Le 20 août, le général Truscott crée la "Team des maîtres d\'hôtel" : 1944 # un',
    "- Un tiret, C:\\chemin, et des espaces   \nsur deux lignes",
    "yes",
]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An exhibition folder (config, slides/, media/) that is also the current folder."""
    (tmp_path / "config").mkdir()
    (tmp_path / "slides").mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_text(
        "decks: []\nlanguages: [fr, en]\nplay_log: null\n", encoding="utf-8"
    )
    (tmp_path / "captions.txt").write_bytes(CAPTIONS.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["import-captions", *args])
    out, err = capsys.readouterr()
    return status, out, err


def load(folder: Path, deck: str = "slides/new.yaml"):
    config, problems = load_config(folder / "config" / "kiosk.yaml")
    assert problems == []
    return load_deck(folder / deck, config)


def test_import_writes_a_deck_and_lists_the_photos_to_add(capsys, folder):
    status, out, err = run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "wrote slides/new.yaml: 3 slides from captions.txt"
    assert lines[1] == "Add a photo for each slide (3 missing), under these names:"
    assert lines[2:5] == [
        "  media/new/le-20-aout-le-general-truscott.jpg",
        "  media/new/un-tiret-c-chemin.jpg",
        "  media/new/yes.jpg",
    ]
    assert lines[6] == "  kiosk standins --slides slides --media media"
    assert lines[-1].endswith("kiosk validate slides/new.yaml")
    # Without the photos, the only errors are the missing photos.
    result = load(folder)
    assert result.deck is None
    errors = [p for p in result.problems if p.is_error]
    assert len(errors) == 3
    assert all("not found in" in p.message for p in errors), errors


def test_after_the_stand_ins_are_drawn_the_deck_validates(capsys, folder):
    assert run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")[0] == 0
    summary = standins.generate(folder / "slides", folder / "media")
    assert (summary.written, summary.problems) == (3, 0)
    capsys.readouterr()
    config = str(folder / "config" / "kiosk.yaml")
    status = main(["validate", "--config", config, "slides/new.yaml"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.splitlines()[-1].startswith("1 deck, 3 slides: 0 errors, ")
    assert "warning: the caption has no 'en' text" in out  # the translations still to do
    result = load(folder)
    assert [slide.caption.get("fr") for slide in result.deck.slides] == EXPECTED
    assert result.deck.title.get("fr") == "new"


def test_the_import_lists_only_the_photos_still_missing(capsys, folder):
    (folder / "media" / "new").mkdir()
    (folder / "media" / "new" / "yes.jpg").write_bytes(b"a scan")
    status, out, _ = run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")
    assert status == 0
    assert "(2 missing)" in out and "media/new/yes.jpg" not in out


def test_title_option(capsys, folder):
    title = 'La « bataille » : "Montélimar"'
    status, _, _ = run(
        capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml", "--title", title
    )
    assert status == 0
    text = (folder / "slides" / "new.yaml").read_text(encoding="utf-8")
    assert 'title: {fr: "La « bataille » : \\"Montélimar\\""}' in text


@needs_seed_captions
def test_the_seed_captions_through_the_command(capsys, folder):
    status, out, _ = run(capsys, str(SEED_CAPTIONS), "--lang", "fr", "--out", "slides/convoy.yaml")
    assert status == 0
    assert "27 slides" in out
    standins.generate(folder / "slides", folder / "media")
    result = load(folder, "slides/convoy.yaml")
    assert [p for p in result.problems if p.is_error] == []
    captions = [slide.caption.get("fr") for slide in result.deck.slides]
    assert len(captions) == 27
    assert captions[0].endswith("La retraite allemande en est extrèmement perturbée")


# --- never overwriting ------------------------------------------------------------------------


def test_an_existing_deck_is_kept_without_force(capsys, folder):
    deck = folder / "slides" / "new.yaml"
    deck.write_text("# the curator's own work\n", encoding="utf-8")
    status, out, err = run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")
    assert status == 1
    assert out == ""
    assert err == (
        "kiosk: slides/new.yaml already exists; choose another --out, "
        "or add --force to replace it\n"
    )
    assert deck.read_text(encoding="utf-8") == "# the curator's own work\n"


def test_force_replaces_an_existing_deck(capsys, folder):
    deck = folder / "slides" / "new.yaml"
    deck.write_text("# old\n", encoding="utf-8")
    status, _, err = run(
        capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml", "--force"
    )
    assert (status, err) == (0, "")
    assert deck.read_text(encoding="utf-8").startswith("# Deck made by `kiosk import-captions`")
    assert sorted(p.name for p in deck.parent.iterdir()) == ["new.yaml"]  # no temporary left


def test_the_captions_file_itself_is_never_replaced(capsys, folder):
    (folder / "slides" / "text.yaml").write_bytes(b"Un\n\nDeux\n")
    args = ("slides/text.yaml", "--lang", "fr", "--out", "slides/text.yaml", "--force")
    status, _, err = run(capsys, *args)
    assert status == 1
    assert "is the captions file itself" in err
    assert (folder / "slides" / "text.yaml").read_bytes() == b"Un\n\nDeux\n"


def test_a_failed_write_leaves_the_old_deck_and_no_temporary(capsys, folder, monkeypatch):
    deck = folder / "slides" / "new.yaml"
    deck.write_text("# old\n", encoding="utf-8")

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    status, _, err = run(
        capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml", "--force"
    )
    assert status == 1
    assert err == "kiosk: cannot write slides/new.yaml: Permission denied\n"
    assert deck.read_text(encoding="utf-8") == "# old\n"
    assert sorted(p.name for p in deck.parent.iterdir()) == ["new.yaml"]


def test_the_deck_gets_the_usual_permissions(capsys, folder):
    umask = os.umask(0o022)
    try:
        assert run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")[0] == 0
    finally:
        os.umask(umask)
    assert (folder / "slides" / "new.yaml").stat().st_mode & 0o777 == 0o644


# --- what cannot be imported: one sentence, exit 1 --------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "kiosk: missing.txt not found; check the name and the folder\n"),
        ("a-folder", "folder", "kiosk: a-folder is a folder; name the captions file in it\n"),
        (
            "latin1.txt",
            "Un\n\nDeux été".encode("latin-1"),
            "kiosk: latin1.txt is not UTF-8 text (line 3); save it as UTF-8 and try again\n",
        ),
        (
            "blank.txt",
            b" \n\n\t\r\n",
            "kiosk: blank.txt holds no caption; write one caption per paragraph, "
            "with a blank line between paragraphs\n",
        ),
        (
            "empty.txt",
            b"",
            "kiosk: empty.txt holds no caption; write one caption per paragraph, "
            "with a blank line between paragraphs\n",
        ),
    ],
)
def test_an_unusable_captions_file_is_one_sentence_and_exit_1(
    capsys, folder, name, content, message
):
    if content == "folder":
        (folder / name).mkdir()
    elif content is not None:
        (folder / name).write_bytes(content)
    status, out, err = run(capsys, name, "--lang", "fr", "--out", "slides/new.yaml")
    assert (status, out, err) == (1, "", message)
    assert not (folder / "slides" / "new.yaml").exists()


def test_a_missing_output_folder_is_exit_1(capsys, folder):
    status, _, err = run(capsys, "captions.txt", "--lang", "fr", "--out", "nowhere/new.yaml")
    assert status == 1
    assert err == "kiosk: the folder nowhere does not exist; create it or choose another --out\n"


# --- usage errors: exit 2 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lang", "de", "--out", "slides/new.yaml"), "kiosk: --lang de is not one of fr, en\n"),
        (
            ("--lang", "fr", "--out", "slides/new.txt"),
            "kiosk: --out slides/new.txt must name a .yaml file, such as slides/new.yaml\n",
        ),
        (
            ("--lang", "fr", "--out", "slides/new.yaml", "--title", "  "),
            "kiosk: --title is empty; give the deck a title, or leave --title out\n",
        ),
        (
            ("--lang", "fr", "--out", "slides/new.yaml", "--config", "elsewhere.yaml"),
            "kiosk: no config file at elsewhere.yaml; pass --config PATH\n",
        ),
    ],
)
def test_usage_errors_exit_2(capsys, folder, args, message):
    status, out, err = run(capsys, "captions.txt", *args)
    assert (status, out, err) == (2, "", message)
    assert not (folder / "slides" / "new.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("captions.txt", "--out", "slides/new.yaml"),  # no --lang
        ("captions.txt", "--lang", "fr"),  # no --out
        ("--lang", "fr", "--out", "slides/new.yaml"),  # no FILE
        ("captions.txt", "--lang", "fr", "--out", "slides/new.yaml", "--bogus"),
    ],
)
def test_argparse_usage_errors_exit_2(capsys, folder, args):
    with pytest.raises(SystemExit) as exited:
        main(["import-captions", *args])
    assert exited.value.code == 2
    assert "usage: kiosk " in capsys.readouterr().err


def test_the_config_languages_decide(capsys, folder):
    (folder / "config" / "kiosk.yaml").write_text(
        "languages: [en, de]\ndefault_language: en\n", encoding="utf-8"
    )
    assert run(capsys, "captions.txt", "--lang", "fr", "--out", "slides/new.yaml")[0] == 2
    assert run(capsys, "captions.txt", "--lang", "de", "--out", "slides/new.yaml")[0] == 0
    text = (folder / "slides" / "new.yaml").read_text(encoding="utf-8")
    assert "      de: " in text and "add an `en:` line" in text


# --- the real console script, with and without pygame ------------------------------------------


def test_the_console_script(folder):
    args = [str(KIOSK), "import-captions", "captions.txt", "--lang", "fr", "--out"]
    first = subprocess.run(
        [*args, "slides/new.yaml"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("wrote slides/new.yaml: 3 slides from captions.txt\n")
    again = subprocess.run(
        [*args, "slides/new.yaml"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 1
    assert again.stderr == (
        "kiosk: slides/new.yaml already exists; choose another --out, "
        "or add --force to replace it\n"
    )
    usage = subprocess.run(
        [str(KIOSK), "import-captions", "captions.txt"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert usage.returncode == 2
    assert "Traceback" not in first.stderr + again.stderr + usage.stderr


LANG_OUT = ("--lang", "fr", "--out", "slides/new.yaml")
BLOCKED_RUN = (
    WITHOUT_PYGAME
    + """
from kiosk.cli import main
status = main(sys.argv[1:])
print("status", status, sorted(m for m in sys.modules if m.split(".")[0] == "pygame"))
"""
)


def test_the_command_runs_without_pygame(folder):
    """A curator's desk computer without a display or pygame can still import captions."""
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, "import-captions", "captions.txt", *LANG_OUT],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "status 0 []"
    assert (folder / "slides" / "new.yaml").is_file()
