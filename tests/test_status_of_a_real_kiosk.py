"""`kiosk status --json` read while a real `kiosk run` plays, as a script of the museum's
would: the kiosk, what it shows, its narration failing with each slide's file and line (a
speech engine that only makes silence), and the same command once the kiosk has stopped."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import datetime
from pathlib import Path

from kiosk.hall.status_reading import installed_version
from tests.helpers import KIOSK, headless_env
from tests.small_show import small_show, start_kiosk, terminate, wait_for_lines


def status_json(root: Path) -> tuple[int, dict]:
    result = subprocess.run(
        [str(KIOSK), "status", "--json"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def test_kiosk_status_json_of_a_running_kiosk_and_of_one_that_stopped(
    tmp_path: Path, fake_speech_engine
) -> None:
    root = small_show(tmp_path / "show", duration=60)  # the first slide stays up
    env = headless_env(tmp_path, **fake_speech_engine.env("silent"))
    # Narrating by itself, the loop makes every narration ahead, so all six failures show.
    kiosk = start_kiosk(root, tmp_path, "--narration", env=env)
    try:
        wait_for_lines(kiosk, root / "play.jsonl")
        deadline = time.monotonic() + 30
        code, report = status_json(root)
        while len(report["narration_failures"]) < 6:  # 3 slides in 2 languages
            assert kiosk.poll() is None and time.monotonic() < deadline, report
            time.sleep(0.2)
            code, report = status_json(root)
    finally:
        status, _, err = terminate(kiosk, within=10)
    assert status == 0, err

    deck = str(root / "slides" / "town.yaml")
    assert (code, report["running"], report["pid"]) == (0, True, kiosk.pid)
    assert report["version"] == report["installed_version"] == installed_version()
    started = datetime.fromisoformat(report["started"])
    assert 0 <= (datetime.now().astimezone() - started).total_seconds() < 120
    assert 0 <= report["uptime_seconds"] < 120
    showing = report["showing"]
    assert {key: showing[key] for key in ("deck", "slide", "lang", "trigger", "visitor")} == {
        "deck": "town",
        "slide": "harbour",
        "lang": "fr",
        "trigger": "start",
        "visitor": False,
    }
    assert (showing["file"], showing["line"]) == (deck, 4)
    assert datetime.fromisoformat(showing["since"]) >= started
    failures = report["narration_failures"]
    assert [(f["file"], f["line"], f["slide"], f["lang"]) for f in failures] == [
        (deck, line, slide, lang)
        for line, slide in ((4, "harbour"), (8, "bridge"), (12, "market"))
        for lang in ("en", "fr")
    ]
    assert {f["reason"] for f in failures} == {
        "synthesis failed: the sound file is silent; trying again in 60 s"
    }
    assert report["disk"]["logs"]["path"] == str(root / "logs")
    assert isinstance(report["disk"]["logs"]["free_bytes"], int)
    assert report["problems"] == [] and report["status_file_damaged"] is None

    code, stopped = status_json(root)
    assert (code, stopped["running"], stopped["uptime_seconds"]) == (1, False, None)
    assert stopped["pid"] == kiosk.pid and stopped["showing"]["slide"] == "harbour"
