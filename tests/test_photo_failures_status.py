"""Photos that cannot be shown reach `kiosk status`, so staff learn of them without reading the
logs: listed while the kiosk runs, gone once the photo is fixed."""

from __future__ import annotations

from tests.small_show import (
    small_show,
    start_kiosk,
    terminate,
    wait_for_lines,
    wait_for_status,
)


def test_a_broken_photo_is_listed_by_kiosk_status_until_it_is_fixed(tmp_path):
    root = small_show(tmp_path / "show")
    broken = root / "media" / "bridge.png"
    good = broken.read_bytes()
    broken.write_bytes(b"this is not a picture at all" * 10)
    kiosk = start_kiosk(root, tmp_path, "--no-narration", "--speed", "4")
    try:
        wait_for_lines(kiosk, root / "play.jsonl")
        listed = wait_for_status(root, kiosk, lambda text: "photos with a problem" in text)
        broken.write_bytes(good)
        fixed = wait_for_status(root, kiosk, lambda text: "photos with a problem" not in text)
    finally:
        status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    assert "photos with a problem (1):\n" in listed
    line = next(line for line in listed.splitlines() if "bridge.png" in line)
    assert line.startswith(f"  {broken}: photo ") and len(line) > len(f"  {broken}: photo ") + 5
    assert f"  {broken}: photo" not in fixed and fixed.startswith("kiosk: running")
