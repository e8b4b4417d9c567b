"""A kiosk killed with SIGKILL (a crash, the watchdog, a power switch) leaves neither a speech
worker running nor, after its next start, a temporary sound file in the cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.content.exhibition import load_exhibition
from kiosk.sound.speech import LEFTOVER_SECONDS, prune, remove_leftovers
from kiosk.sound.synthesis import BackgroundSynthesis
from tests.helpers import write_config

CONFIG = """\
decks: [slides/deck.yaml]
play_log: null
narration:
  cache_dir: cache
"""

DECK = """\
title: Test
slides:
  - id: one
    image: a.png
    caption: {fr: "Le pont de Livron."}
"""

# What the show's background synthesis does, in a process the test can kill.
SYNTHESIZING = """\
import sys
from pathlib import Path
from kiosk.show.narration import Synthesis, Voice
from kiosk.sound.speech import Engine, render_missing
job = Synthesis("Le pont de Livron.", "fr", Voice("roa/fr"))
render_missing([job], Path(sys.argv[1]), Engine("fake", frozenset({"roa/fr"})))
"""


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def speech_workers(marker: str) -> list[int]:
    """The speech workers whose environment holds `marker` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"kiosk.sound.speech_worker" in command and marker.encode() in environment:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_killed_kiosk_leaves_no_worker_and_the_next_start_removes_its_temporary_file(
    exhibition, fake_speech_engine
) -> None:
    config_path = write_config(exhibition.root, CONFIG)
    exhibition.deck(DECK)
    loaded = load_exhibition(config_path)
    cache = loaded.config.narration_cache
    mark = exhibition.root / "worker-started"
    env = {**os.environ, **fake_speech_engine.env("hang"), "FAKE_PYTTSX3_MARK": str(mark)}
    kiosk = subprocess.Popen([sys.executable, "-c", SYNTHESIZING, str(cache)], env=env)
    workers: list[int] = []
    try:
        assert wait_until(mark.exists, 20), "the speech worker never started"
        workers = speech_workers(str(mark))
        assert len(workers) == 1
        kiosk.send_signal(signal.SIGKILL)
        kiosk.wait()
        assert wait_until(lambda: not any(map(running, workers)), 2.0), "a worker lives on"
    finally:
        kiosk.kill()
        for pid in filter(running, workers):
            os.kill(pid, signal.SIGKILL)
    assert len(list(cache.glob(".*.tmp.wav"))) == 1  # the worker's partial file
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    background.start()
    background._thread.join(timeout=20)
    assert list(cache.glob(".*.tmp.wav")) == []


def test_only_leftovers_of_dead_or_old_syntheses_are_removed(tmp_path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    names = {
        "dead": f".fr-a.{int(dead.stdout)}.1.tmp.wav",
        "mine": f".fr-b.{os.getpid()}.1.tmp.wav",
        "parent": f".fr-c.{os.getppid()}.1.tmp.wav",
        "old": f".fr-d.{os.getpid()}.2.tmp.wav",
        "unnamed": ".fr-e.tmp.wav",
    }
    for name in names.values():
        (cache / name).write_bytes(b"x")
    long_ago = time.time() - LEFTOVER_SECONDS - 5
    os.utime(cache / names["old"], (long_ago, long_ago))
    assert remove_leftovers(cache) == 2
    left = sorted(path.name for path in cache.iterdir())
    assert left == sorted([names["mine"], names["parent"], names["unnamed"]])
    assert prune(cache, set()) == 0  # prune leaves live syntheses' files alone too
    assert len(list(cache.iterdir())) == 3
