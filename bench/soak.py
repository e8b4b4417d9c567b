"""Soak (issue 9): the shipped exhibition played for a chosen real time, to see whether
memory, open files or threads creep up. A benchmark, not a test: it measures and reports.

    .venv/bin/python bench/soak.py [--minutes 30] [--speed 20] [--no-narration] [--quick]
                                   [--out PATH]

What runs: a copy of the shipped exhibition (config/, slides/, media/) in a temp folder, so
its caches, logs and edits never touch the checkout; its narration made once with `kiosk
narrate` (not counted in the time); then the real kiosk (`kiosk.app.run_show`, with its
reloader, play log, status file, narration desk and background synthesis) at `--speed`, with
narration on in the loop, on SDL's dummy video and audio drivers. With narration on, speech
sets the pace (slides wait for it, and it plays in real time), so an hour makes about 5,000
changes; `--no-narration` takes the speech out to reach a hundred thousand changes in hours,
not days, which is what the RSS target is stated in.

Why in this process rather than `kiosk run` under Xvfb: visitor input is then SDL events
posted straight into the kiosk's queue (no xdotool needed, nothing lost between processes),
and the process measured is the kiosk itself. What is measured is this whole process (the
kiosk plus this file's one side thread, which keeps nothing that grows but its samples, a few
hundred small tuples an hour); nothing is subtracted. The narration workers are child
processes: their RSS and count are sampled beside it.

The side thread, between the loop's passes: random visitor input (taps at random points,
swipes, and the keys Right, Left, Space, Home, L, N, P, R, + and -) in short bursts with quiet
between, so the idle timeout also brings the loop back; every `--edit-seconds` (5 s) an
atomic save (temp file, then os.replace) of one deck, alternating a valid change (a caption's
text) and a broken one (a YAML syntax error), which the reloader must apply and reject; and
every `--sample-seconds` (10 s) a sample: RSS, open fds and threads of this process, and the
slide changes so far (from the play log, rotated files too).

The first 2 minutes (a quarter of the run when shorter) are a warm-up (photo caches,
renditions and the narration cache filling) and are left out of the slopes. The slopes are
least squares: RSS in MB per 100,000 slide changes and per day, fds and threads per day.
Targets: RSS at most 2 MB per 100,000 changes; fds and threads constant.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/soak.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    REPO,
    PlayLogFollower,
    descendants,
    fill_narration_cache,
    status_kib,
)
from bench.soak_figures import Sample, report, summarise

EDITED_DECK = "slides/livron.yaml"
ANCHOR = '      en: "'
"""Where the valid saves change a caption: the first slide's English caption."""


class PlayLogTally:
    """Counts the play log's lines by kind as they come."""

    def __init__(self, path: Path) -> None:
        self.follower = PlayLogFollower(path)
        self.counts: dict[str, int] = {}

    def __call__(self) -> dict[str, int]:
        for line in self.follower.new_lines().splitlines():
            self._count(json.loads(line))
        return self.counts

    def _count(self, record: dict) -> None:
        event = record.get("event", "?")
        kind = {"reload": record.get("result"), "narration": record.get("state")}.get(event)
        key = f"{event} {kind}" if kind else event
        self.counts[key] = self.counts.get(key, 0) + 1


class DeckEditor:
    """Saves one deck atomically, alternating a valid caption change and a YAML error."""

    def __init__(self, root: Path) -> None:
        self.path = root / EDITED_DECK
        self.original = self.path.read_text(encoding="utf-8")
        self.edits = 0
        if ANCHOR not in self.original:  # else the "valid" saves would change nothing
            raise SystemExit(
                f"soak: {EDITED_DECK} no longer holds {ANCHOR!r}; update bench/soak.py"
            )

    def save_next(self) -> None:
        self.edits += 1
        if self.edits % 2:
            text = self.original.replace(ANCHOR, f"{ANCHOR}(edit {self.edits}) ", 1)
        else:
            text = self.original + '\n  - id: half-saved\n    caption: {fr: "pas fini\n'
        temporary = self.path.with_name(f".{self.path.name}.saving")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.path)


def visitor_burst(rng: random.Random) -> None:
    """One to five random actions of a visitor, posted into SDL's queue."""
    import pygame

    keys = [pygame.K_RIGHT, pygame.K_LEFT, pygame.K_SPACE, pygame.K_HOME, pygame.K_l]
    keys += [pygame.K_n, pygame.K_p, pygame.K_r, pygame.K_PLUS, pygame.K_MINUS]
    for _ in range(rng.randint(1, 5)):
        x, y = rng.random(), rng.random()
        if rng.random() < 0.4:
            key = rng.choice(keys)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
            continue
        end = min(0.99, max(0.01, x + rng.choice([0.0, 0.0, 0.4, -0.4])))  # tap or swipe
        for kind, at in ((pygame.FINGERDOWN, x), (pygame.FINGERUP, end)):
            finger = {"touch_id": 7, "finger_id": 0, "x": at, "y": y, "dx": 0, "dy": 0}
            pygame.event.post(pygame.event.Event(kind, **finger))


def sample(started: float, tally: PlayLogTally) -> Sample:
    pid = os.getpid()
    workers = descendants(pid)
    worker_kib = sum(status_kib(w, "VmRSS") or 0 for w in workers)
    return Sample(
        seconds=round(time.monotonic() - started, 2),
        changes=tally().get("slide", 0),
        rss_mb=(status_kib(pid, "VmRSS") or 0) / 1024,
        fds=len(os.listdir(f"/proc/{pid}/fd")),
        threads=len(os.listdir(f"/proc/{pid}/task")),
        workers=len(workers),
        workers_rss_mb=worker_kib / 1024,
    )


def drive(args: argparse.Namespace, root: Path, play_log: Path, out: dict) -> None:
    """The side thread: input, edits and samples until the run's time is up."""
    from kiosk.screen.waiting import EventWaiter

    rng = random.Random(args.seed)
    editor, tally = DeckEditor(root), PlayLogTally(play_log)
    started = time.monotonic()
    end = started + args.minutes * 60
    next_edit, next_sample, next_visit = started + args.edit_seconds, started, started + 1
    samples = out["samples"]
    while (now := time.monotonic()) < end:
        if now >= next_sample:
            samples.append(sample(started, tally))
            next_sample += args.sample_seconds
        if now >= next_edit:
            editor.save_next()
            next_edit += args.edit_seconds
        if now >= next_visit:
            visitor_burst(rng)
            EventWaiter.wake()
            # bursts a few seconds apart, and now and then a long quiet (the idle timeout)
            next_visit = now + rng.choice([0.5, 1, 2, 3, 3, 20])
        time.sleep(max(0.01, min(next_sample, next_edit, next_visit, end) - time.monotonic()))
    samples.append(sample(started, tally))
    out["counts"] = dict(tally())
    out["edits"] = editor.edits


class FaultCounter(logging.Handler):
    """Counts what the loop's fault log reports: a pass that raised."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def exhibition_copy(work: Path) -> Path:
    root = work / "exhibition"
    for folder in ("config", "slides", "media"):
        shutil.copytree(REPO / folder, root / folder)
    return root / "config" / "kiosk.yaml"


def play(args: argparse.Namespace, config: Path, out: dict) -> str:
    """The kiosk in this process, the side thread beside it; returns why the show stopped."""
    from bench.common import SCREEN
    from kiosk.app import RunOptions, run_show
    from kiosk.content.exhibition import load_exhibition

    exhibition = load_exhibition(config)
    play_log = exhibition.config.play_log_path
    assert play_log is not None
    options = RunOptions(
        fullscreen=True,
        size=SCREEN,
        speed=args.speed,
        exit_after=args.minutes * 60 + 1,
        play_log=play_log,
        narration=not args.no_narration,
    )
    side = threading.Thread(
        target=drive, args=(args, config.parent.parent, play_log, out), daemon=True
    )
    side.start()
    reason = run_show(exhibition, options, config)
    side.join(30)
    return reason


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="real time (default 30)")
    parser.add_argument("--speed", type=float, default=20.0, help="show clock speed (20)")
    parser.add_argument("--edit-seconds", type=float, default=5.0)
    parser.add_argument("--sample-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="a 1-minute smoke run")
    parser.add_argument(
        "--no-narration",
        action="store_true",
        help="narration off: slides no longer wait for speech, so many more changes an hour",
    )
    parser.add_argument("--out", type=Path, help="also write samples and summary as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temp exhibition")
    args = parser.parse_args(argv)
    if args.quick:
        args.minutes, args.sample_seconds = 1.0, 5.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.environ.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    work = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    config = exhibition_copy(work)
    if not args.no_narration:
        narrated = time.monotonic()
        note = fill_narration_cache(config)
        print(note or f"narration made in {time.monotonic() - narrated:.0f} s", flush=True)
    logging.basicConfig(filename=work / "soak.log", level=logging.INFO)
    faults = FaultCounter()
    logging.getLogger("kiosk.hall.fault_log").addHandler(faults)
    out: dict = {"samples": [], "counts": {}, "edits": 0}
    out["stopped"] = play(args, config, out)
    out["faults"] = faults.count
    out["samples"] = [asdict(s) for s in out["samples"]]
    summary = summarise(args, out)
    print(report(args, out, summary), flush=True)
    if args.out:
        record = {"args": {k: str(v) for k, v in vars(args).items()}, **out, "summary": summary}
        args.out.write_text(json.dumps(record, indent=1))
    if args.keep:
        print(f"exhibition and log kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
