"""Narration figures: what a visitor waits for, and what synthesis costs.

    .venv/bin/python bench/narration.py [--repeats N]

Prints a table; every figure is a median with its min-max over the repeats. Not a test:
nothing here fails on a time.

1. Settle to first audible sample, warm cache: from the moment the player asks for a slide's
   narration (NarrationDesk.speak) to the first sample above -40 dBFS that SDL hands to the
   sound device. SDL's disk audio driver stands in for the device and paces itself like one,
   so the figure includes loading the WAV, the mixer's buffer and the WAV's own lead-in.
   Target: at most 50 ms.
2. Synthesis throughput: seconds of speech made per second of work, one worker process per
   file as the kiosk does it.
3. `kiosk narrate` on the whole bundled exhibition, from an empty cache.
"""

from __future__ import annotations

import argparse
import array
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from kiosk.content.config import Config
    from kiosk.show.narration import Synthesis

REPO = Path(__file__).resolve().parent.parent
AUDIBLE = int(32767 * 0.01)  # -40 dBFS


def figure(values: list[float], unit: str, scale: float = 1.0) -> str:
    scaled = [v * scale for v in values]
    return f"{statistics.median(scaled):.1f} {unit} ({min(scaled):.1f}-{max(scaled):.1f})"


def settle_to_sound(repeats: int, work: Path) -> list[float]:
    capture = work / "capture.raw"
    os.environ.update(
        SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(capture), SDL_VIDEODRIVER="dummy"
    )
    import pygame

    from kiosk.content.exhibition import load_exhibition
    from kiosk.hall.playlog import PlayLog
    from kiosk.show.narration import Synthesis, plan_narration
    from kiosk.sound.desk import NarrationDesk
    from kiosk.sound.mixer import Mixer

    show = load_exhibition(REPO / "config" / "kiosk.yaml")
    config = replace(show.config, narration=replace(show.config.narration, cache_dir=work))
    deck = show.decks[0]
    slide = deck.slides[0]
    plan = plan_narration(deck, slide, "fr", config)
    assert isinstance(plan, Synthesis)
    pygame.init()
    mixer = Mixer(1.0)
    desk = NarrationDesk(config, mixer, PlayLog(None))
    _synthesize_for(plan, config, desk.engine_version)
    latencies = []
    with capture.open("rb") as tap:
        for _ in range(repeats):
            desk.stop()
            time.sleep(0.3)
            tap.seek(0, os.SEEK_END)
            desk.prepare(deck, slide, "fr")  # as the kiosk does while the slide fades in
            started = time.perf_counter()
            desk.speak(deck, slide, "fr")
            latencies.append(_wait_for_audible(tap, started))
    desk.stop()
    mixer.close()
    return latencies


def _synthesize_for(plan: Synthesis, config: Config, engine_version: str) -> None:
    from kiosk.sound.speech import synthesize

    out = plan.cache_path(config.narration_cache, engine_version)
    problem = synthesize(plan, out)
    if problem:
        raise SystemExit(f"synthesis failed: {problem}")


def _wait_for_audible(tap: BinaryIO, started: float) -> float:
    deadline = started + 2.0
    pending = b""
    while time.perf_counter() < deadline:
        pending += tap.read()
        usable = len(pending) - len(pending) % 2
        samples = array.array("h", pending[:usable])
        if any(abs(s) > AUDIBLE for s in samples):
            return time.perf_counter() - started
        pending = pending[usable:]
        time.sleep(0.0005)
    return float("nan")


def synthesis_throughput(repeats: int, work: Path) -> list[float]:
    from kiosk.content.exhibition import load_exhibition
    from kiosk.show.narration import every_synthesis
    from kiosk.sound.speech import synthesize, wav_seconds

    show = load_exhibition(REPO / "config" / "kiosk.yaml")
    jobs = [job for _, _, job in every_synthesis(show.decks, show.config, ("fr",))][:8]
    rates = []
    for attempt in range(repeats):
        speech = 0.0
        started = time.perf_counter()
        for index, job in enumerate(jobs):
            out = work / f"t{attempt}-{index}.wav"
            if synthesize(job, out) is None:
                speech += wav_seconds(out)
        rates.append(speech / (time.perf_counter() - started))
    return rates


def narrate_whole_exhibition(repeats: int, work: Path) -> list[float]:
    root = work / "exhibition"
    (root / "config").mkdir(parents=True)
    for name in ("slides", "media"):
        (root / name).symlink_to(REPO / name)
    text = (REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8")
    times = []
    for attempt in range(repeats):
        cache = work / f"cache-{attempt}"
        (root / "config" / "kiosk.yaml").write_text(
            text.replace("cache_dir: cache/narration", f"cache_dir: {cache}"), encoding="utf-8"
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kiosk", "narrate", "--config", str(root / "config/kiosk.yaml")],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows = [
            (
                "settle to first audible sample (warm cache)",
                figure(settle_to_sound(args.repeats, work), "ms", 1000),
                "<= 50 ms",
            ),
            (
                "synthesis throughput",
                figure(synthesis_throughput(max(1, args.repeats // 2), work), "s speech/s"),
                "",
            ),
            (
                "kiosk narrate, whole exhibition, empty cache",
                figure(narrate_whole_exhibition(max(1, args.repeats // 2), work), "s"),
                "",
            ),
        ]
    print(f"{'figure':48} {'median (min-max)':28} target")
    for name, value, target in rows:
        print(f"{name:48} {value:28} {target}")


if __name__ == "__main__":
    main()
