"""A real `kiosk run` with broken photos: the unattended loop skips their slides, and a photo
overwritten by a broken file after it showed keeps its last good version; both reach `kiosk
status`."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import read_jsonl
from tests.screen.hostile import truncated_jpeg
from tests.small_show import (
    small_show,
    start_kiosk,
    terminate,
    wait_for_lines,
    wait_for_status,
)


def shown(root: Path) -> list[tuple[str, str]]:
    lines = read_jsonl(root / "play.jsonl")
    return [(line["slide"], line["trigger"]) for line in lines if "slide" in line]


def test_the_unattended_loop_skips_a_slide_whose_photo_is_broken(tmp_path):
    root = small_show(tmp_path / "show")
    (root / "media" / "bridge.png").write_bytes(b"this is not a picture at all" * 10)
    kiosk = start_kiosk(root, tmp_path, "--no-narration", "--speed", "4")
    try:
        wait_for_lines(kiosk, root / "play.jsonl", count=7)
        listed = wait_for_status(root, kiosk, lambda text: "photos with a problem" in text)
    finally:
        status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    slides = [slide for slide, _ in shown(root)]
    assert "bridge" not in slides, shown(root)
    assert slides[:7] == ["harbour", "market"] * 3 + ["harbour"]
    assert "photos with a problem (1):" in listed
    assert err.count("bridge.png: photo cannot be read") == 1, err


def test_a_photo_overwritten_by_a_broken_file_keeps_its_last_good_version(tmp_path):
    root = small_show(tmp_path / "show")
    bridge = root / "media" / "bridge.png"
    kiosk = start_kiosk(root, tmp_path, "--no-narration", "--speed", "4")
    try:
        wait_for_lines(kiosk, root / "play.jsonl", count=4)  # bridge showed
        truncated_jpeg(bridge)
        # The photo's own line, not the reload of its file, which may be listed first.
        listed = wait_for_status(root, kiosk, lambda text: f"  {bridge}: photo" in text)
        before = len(shown(root))
        wait_for_lines(kiosk, root / "play.jsonl", count=len(read_jsonl(root / "play.jsonl")) + 4)
    finally:
        status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    line = next(line for line in listed.splitlines() if line.startswith(f"  {bridge}: "))
    assert line.startswith(f"  {bridge}: photo shows in its last good version: the file now ")
    assert "cannot be read" in line
    later = [slide for slide, _ in shown(root)[before:]]
    assert len(later) >= 3
    assert "bridge" in later  # still in the loop, with its last good photo
