"""A whole `kiosk run` on an exhibition where good photos sit among hostile ones (a named pipe,
a link to /dev/zero, a folder, a 12000x12000 PNG, a header claiming 72 million pixels, a
truncated JPEG, a short BMP, a DDS Pillow cannot decode): the loop plays the good slides, skips
the bad ones, stays under 250 MB at its peak, and ends on SIGTERM within 3 s."""

from __future__ import annotations

import subprocess
from pathlib import Path
from textwrap import dedent

from PIL import Image

from tests.helpers import KIOSK, headless_env, read_jsonl, write_config
from tests.screen import hostile
from tests.small_show import terminate, wait_for_lines

GOOD = ("harbour", "bridge", "market")
HOSTILE = {
    "pipe.jpg": hostile.fifo,
    "zero.jpg": hostile.link_to_zero,
    "folder.jpg": hostile.folder,
    "huge.png": hostile.huge_png,
    "bomb.png": hostile.header_bomb,
    "truncated.jpg": hostile.truncated_jpeg,
    "short.bmp": hostile.short_bmp,
    "odd.dds": hostile.unimplemented_dds,
}
PEAK_LIMIT_KB = 250 * 1024


def hostile_show(root: Path) -> Path:
    """Good scans of 12 megapixels, each followed by hostile files, in one deck."""
    write_config(
        root,
        """\
        decks: [slides/hall.yaml]
        languages: [fr, en]
        default_language: fr
        transition: cut
        """,
    )
    media = root / "media"
    media.mkdir(parents=True)
    names = list(HOSTILE)
    order = []
    for index, good in enumerate(GOOD):
        Image.linear_gradient("L").resize((4000, 3000)).convert("RGB").save(
            media / f"{good}.jpg", "JPEG", quality=90
        )
        order += [f"{good}.jpg", *names[index::3]]
    for name, make in HOSTILE.items():
        make(media / name)
    slides = "".join(
        f'  - {{id: {Path(name).stem}, image: {name}, caption: {{fr: "{name}", en: "{name}"}}}}\n'
        for name in order
    )
    deck = root / "slides" / "hall.yaml"
    deck.parent.mkdir()
    deck.write_text(
        dedent("title: {fr: Salle, en: Hall}\ndefaults: {duration: 10}\nslides:\n") + slides,
        encoding="utf-8",
    )
    return root


def peak_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc")


def test_a_run_among_hostile_photos_plays_the_good_ones_within_its_memory(tmp_path):
    root = hostile_show(tmp_path / "show")
    command = [str(KIOSK), "run", "--windowed", "--size", "1280x720", "--speed", "10"]
    kiosk = subprocess.Popen(
        [*command, "--no-narration", "--play-log", str(root / "play.jsonl")],
        cwd=root,
        env=headless_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_lines(kiosk, root / "play.jsonl", count=2 * len(GOOD) + 1)
        peak = peak_kb(kiosk.pid)
    finally:
        status, seconds, err = terminate(kiosk, within=10)
    assert status == 0, err
    assert seconds < 3, f"SIGTERM took {seconds:.1f} s"
    assert peak < PEAK_LIMIT_KB, f"peak {peak / 1024:.0f} MB"
    shown = [line["slide"] for line in read_jsonl(root / "play.jsonl") if "slide" in line]
    assert set(shown) == set(GOOD), shown
    assert "Traceback" not in err, err
