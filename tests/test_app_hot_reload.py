"""Hot reload in a real headless run: the play log follows a saved change, and a broken save
leaves the old content playing with a `rejected` reload line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

DECK = """\
title: Deck
defaults: {{duration: 2}}
slides:
{slides}
"""
SLIDE = """\
  - id: {id}
    image: {id}.jpg
    caption: "{id}"
"""


def write_deck(root: Path, *ids: str, raw: str | None = None) -> None:
    text = raw if raw is not None else DECK.format(slides="".join(SLIDE.format(id=i) for i in ids))
    temporary = root / "slides" / ".d.yaml.tmp"
    temporary.write_text(text, "utf-8")
    os.replace(temporary, root / "slides" / "d.yaml")  # as editors save: write, then rename


def read_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def wait_for(predicate, path: Path, seconds: float) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        records = read_log(path)
        if predicate(records):
            return records
        time.sleep(0.05)
    raise AssertionError(f"timed out; play log: {read_log(path)}")


def test_a_running_kiosk_follows_a_saved_change_and_survives_a_broken_one(tmp_path: Path) -> None:
    for folder in ("config", "slides", "media"):
        (tmp_path / folder).mkdir()
    for name in ("one", "two", "three"):
        Image.new("RGB", (320, 240), (90, 60, 30)).save(tmp_path / "media" / f"{name}.jpg")
    (tmp_path / "config" / "kiosk.yaml").write_text(
        "decks: [slides/d.yaml]\ntransition_seconds: 0\n", "utf-8"
    )
    write_deck(tmp_path, "one", "two")
    log = tmp_path / "play.jsonl"
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--windowed",
        "--size",
        "320x180",
        "--speed",
        "4",
        "--exit-after",
        "30",
        "--play-log",
        str(log),
    ]
    kiosk = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda r: any(x.get("slide") == "two" for x in r), log, 6)
        write_deck(tmp_path, "one", "two", "three")
        records = wait_for(lambda r: any(x.get("slide") == "three" for x in r), log, 4)
        assert {"event": "reload", "result": "applied", "problems": 0}.items() <= next(
            x for x in records if x["event"] == "reload"
        ).items()

        write_deck(tmp_path, raw='title: Deck\nslides:\n  - id: one\n    caption: "unclosed\n')
        records = wait_for(lambda r: any(x.get("result") == "rejected" for x in r), log, 4)
        rejected_at = len(records)
        later = wait_for(lambda r: len(r) >= rejected_at + 4, log, 6)[rejected_at:]
        shown = [x["slide"] for x in later if x["event"] == "slide"]
        assert shown and set(shown) <= {"one", "two", "three"}  # the last good deck goes on
    finally:
        kiosk.terminate()  # SIGTERM: the kiosk shuts down cleanly, exit status 0
        _, stderr = kiosk.communicate(timeout=20)
    assert kiosk.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "reload rejected" in stderr
