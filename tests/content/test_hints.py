"""Hints: the key, language, value or file a curator most probably meant."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content import hints
from kiosk.content.hints import close_match, did_you_mean, list_files, missing_file_hint, slug

SLIDE_KEYS = ("id", "image", "caption", "credit", "duration", "transition", "narration")


@pytest.mark.parametrize(
    ("word", "choices", "match"),
    [
        ("captoin", SLIDE_KEYS, "caption"),
        ("Caption", SLIDE_KEYS, "caption"),
        ("CAPTION", SLIDE_KEYS, "caption"),
        ("imgae", SLIDE_KEYS, "image"),
        ("durration", SLIDE_KEYS, "duration"),
        ("légende", SLIDE_KEYS, "caption"),
        ("photo", SLIDE_KEYS, "image"),
        ("titre", ("title", "slides", "defaults"), "title"),
        ("slide", ("title", "slides", "defaults"), "slides"),
        ("fre", ("fr", "en"), "fr"),
        ("EN", ("fr", "en"), "en"),
        ("eng", ("fr", "en"), "en"),
        ("de", ("fr", "en"), None),
        ("colour", SLIDE_KEYS, None),
        ("photo", ("title", "slides"), None),  # a synonym only for a key that is allowed
    ],
)
def test_close_match(word: str, choices: tuple[str, ...], match: str | None) -> None:
    assert close_match(word, choices) == match


def test_did_you_mean() -> None:
    assert did_you_mean("crosfade", ("crossfade", "cut")) == "; did you mean 'crossfade'?"
    assert did_you_mean("wipe", ("crossfade", "cut")) == ""


MEDIA = [
    "livron/bridge-blown-up.jpg",
    "livron/pont.jpg",
    "livron/resistance-sabotage.jpg",
    "montelimar/convoys-decimated.jpg",
    "montelimar/convoy-stopped-south.jpg",
]


@pytest.mark.parametrize(
    ("requested", "hint"),
    [
        (
            "livron/Pont.JPG",
            "; did you mean 'livron/pont.jpg'? Capitals count: write the name exactly",
        ),
        (
            "Livron/pont.jpg",
            "; did you mean 'livron/pont.jpg'? Capitals count: write the name exactly",
        ),
        ("livron/brige-blown-up.jpg", "; did you mean 'livron/bridge-blown-up.jpg'?"),
        ("livron/bridge-blown-up.png", "; did you mean 'livron/bridge-blown-up.jpg'?"),
        ("livron/bridge_blown_up.jpg", "; did you mean 'livron/bridge-blown-up.jpg'?"),
        # The same name in another folder, or in a misspelt folder.
        ("livron/convoys-decimated.jpg", "; did you mean 'montelimar/convoys-decimated.jpg'?"),
        ("livorn/brige-blown-up.jpg", "; did you mean 'livron/bridge-blown-up.jpg'?"),
        # Nothing close: what the folder holds, or that there is no such folder.
        (
            "livron/tower.jpg",
            "; media/livron/ holds: bridge-blown-up.jpg, pont.jpg, resistance-sabotage.jpg",
        ),
        ("livorn/tower.jpg", "; there is no folder 'livorn'; did you mean 'livron'?"),
        ("valence/tower.jpg", "; there is no folder 'valence'"),
        ("tower.jpg", "; check the spelling and the folder"),
    ],
)
def test_missing_file_hint(requested: str, hint: str) -> None:
    assert missing_file_hint(requested, MEDIA, "media/") == hint


def test_a_big_folder_is_not_listed() -> None:
    files = [f"town/{n:02d}.jpg" for n in range(hints.MAX_LISTED + 1)]
    assert missing_file_hint("town/tower.jpg", files, "media/") == (
        "; check the spelling and the folder"
    )
    assert missing_file_hint("town/tower.jpg", files[:3], "media/") == (
        "; media/town/ holds: 00.jpg, 01.jpg, 02.jpg"
    )


def test_two_paths_in_one_folder_are_not_alike_for_their_folder_alone() -> None:
    files = ["livron/retreat-disrupted.jpg", "livron/resistance-sabotage.jpg"]
    assert "did you mean" not in missing_file_hint("livron/pont.jpg", files, "media/")


def test_list_files(tmp_path: Path) -> None:
    for name in ("a.jpg", "town/b.JPG", "town/c.ogg", ".hidden.jpg", ".thumbs/d.jpg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    os.symlink(tmp_path, tmp_path / "town" / "loop")  # a folder that holds itself
    assert list_files(tmp_path) == ["a.jpg", "town/b.JPG", "town/c.ogg"]
    assert list_files(tmp_path, frozenset({".jpg"})) == ["a.jpg", "town/b.JPG"]
    assert list_files(tmp_path / "nowhere") == []


def test_list_files_stops_at_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        (tmp_path / f"{n}.jpg").write_bytes(b"x")
    monkeypatch.setattr(hints, "MAX_FILES", 3)
    assert list_files(tmp_path) == ["0.jpg", "1.jpg", "2.jpg"]


@pytest.mark.parametrize(
    ("text", "made"),
    [("Le Pont", "le-pont"), ("Pont_Neuf 2", "pont-neuf-2"), ("Été 1944!", "ete-1944"), ("—", "")],
)
def test_slug(text: str, made: str) -> None:
    assert slug(text) == made
