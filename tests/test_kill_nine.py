"""Kill -9 at random moments, 20 times, on one exhibition folder (issue 9).

A real `kiosk run --windowed --speed 10` under the dummy video driver, narrating with the real
espeak-ng into an empty narration cache, so that speech workers are busy when the SIGKILL
lands; its renditions cache is emptied too, so it writes renditions again. The start after
one kill is the next round's run. After each kill:

- within 2 s, no process the kiosk started is alive (the speech workers die with it);
- every line of every play log file is whole JSON;
- the next start resumes: its first slide line has trigger `resume`, at the slide the status
  named when the kiosk was killed. Until some run has shown a slide (the first run, or runs
  killed before their first slide line) the status names none, and `start` is right;
- the temporary files a kill left (half-made narration, rendition or status files) are gone
  once the next start has run a moment. A run killed sooner than that hands the check on to
  the run after it; the last start, never killed, settles what is still pending.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.hall.playlog_files import play_log_files
from kiosk.hall.status_reading import read_status
from tests.helpers import read_jsonl
from tests.small_show import small_show, start_kiosk, terminate

ROUNDS = 20
KILL_WINDOW = (0.3, 2.5)
"""Seconds after a start at which the kill lands: from before the first slide (about 0.5 s
here) to well into the show."""
WORKERS_GONE_WITHIN = 2.0
CLEANUP_MOMENT = 1.0
"""Seconds a start runs before the leftovers of the kill before it must be gone (it removes
them as it starts: the narration synthesis and the renditions' pruning, both in threads)."""

SLIDES = ("harbour", "bridge", "market", "church", "station", "square")
CAPTION = (
    "{name}: the liberation of the town in August 1944, seen from the {name}, "
    "with the people who waited there for the columns coming up the valley."
)


def narrated_show(root: Path) -> Path:
    """A small show of SLIDES, 2 s each, captions long enough that each synthesis takes a
    while; the loop narrates (kiosk run --narration)."""

    def long_captions(name: str) -> tuple[str, str]:
        return f"{CAPTION.format(name=name)} (fr)", CAPTION.format(name=name)

    return small_show(root, 2, SLIDES, long_captions)


# --- processes --------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the name: state, parent, ...; None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(errors="replace").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def alive(pid: int) -> bool:
    """Running, not merely a zombie waiting for whoever adopted it to reap it."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def descendants(parent: int) -> set[int]:
    """Every process below `parent`: its children, theirs, ..."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat_fields(int(entry.name))
        if fields is not None:
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {parent}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def naming(root: Path) -> set[int]:
    """Live processes whose command line names the exhibition folder: a speech worker's job
    names its output file in the narration cache. Only this test's folder, so nothing else on
    the machine (another test, a benchmark) is counted."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if (
            str(root).encode() in cmdline
            and int(entry.name) != os.getpid()
            and alive(int(entry.name))
        ):
            found.add(int(entry.name))
    return found


def speech_workers(pids: set[int]) -> set[int]:
    found = set()
    for pid in pids:
        try:
            if b"kiosk.sound.speech_worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            pass
    return found


def survivors(started: set[int], root: Path) -> set[int]:
    """What the killed kiosk started that still runs WORKERS_GONE_WITHIN seconds on (or sooner,
    once nothing does)."""
    deadline = time.monotonic() + WORKERS_GONE_WITHIN
    while True:
        left = {pid for pid in started if alive(pid)} | naming(root)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.02)


# --- files ------------------------------------------------------------------------------------


def temporaries(root: Path) -> dict[Path, tuple[int, int]]:
    """Every temporary file under ROOT (the code names them `.NAME...tmp` or `....tmp.wav`),
    each with its inode and time: a file of the same name made later is another file."""
    found = {path: identity(path) for path in root.rglob("*.tmp*")}
    return {path: was for path, was in found.items() if was is not None}


def still_there(leftovers: dict[Path, tuple[int, int]]) -> list[Path]:
    """The leftovers that are still the very files the kill left."""
    return [path for path, was in leftovers.items() if identity(path) == was]


def identity(path: Path) -> tuple[int, int] | None:
    """A file's inode and time; None once it is gone."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


def unparsable_lines(log: Path) -> list[str]:
    """Lines of any of the play log's files that are not whole JSON objects."""
    bad = []
    for file in play_log_files(log):
        data = file.read_bytes()
        if data and not data.endswith(b"\n"):
            bad.append(f"{file.name}: ends without a newline: {data[-80:]!r}")
        for line in data.decode("utf-8", errors="replace").splitlines():
            try:
                if not isinstance(json.loads(line), dict):
                    bad.append(f"{file.name}: {line!r}")
            except ValueError:
                bad.append(f"{file.name}: {line!r}")
    return bad


def empty_caches(root: Path) -> None:
    """Delete the narrations and renditions the last run finished, never a temporary it left:
    the next start must remove those itself, and it finds its speech workers busy again and
    writes renditions again."""
    for made in [*root.glob("cache/narration/*.wav"), *root.glob("cache/renditions/*.jpg")]:
        if ".tmp" not in made.name:
            made.unlink()


# --- the rounds -------------------------------------------------------------------------------


@dataclass
class Expectations:
    """What the next start must do, from what the kills so far left."""

    resume_at: str | None = None
    """The slide the status named when the last kiosk was killed; None: none named yet."""
    leftovers: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """Temporary files kills left that no start has run long enough to remove yet."""

    def check_start(self, lines: list[dict], where: str) -> None:
        """The first slide line of a run (if it got that far) resumes where the status said."""
        slides = [line for line in lines if line.get("event") == "slide"]
        if not slides:
            return
        first = slides[0]
        if self.resume_at is None:
            assert first["trigger"] == "start", f"{where}: {first}"
        else:
            expected = ("resume", self.resume_at)
            assert (first["trigger"], first["slide"]) == expected, f"{where}: {first}"

    def check_leftovers(self, ran_for: float, lines: list[dict], where: str) -> None:
        """The leftovers of earlier kills are gone, if this run had a moment to remove them."""
        if ran_for < CLEANUP_MOMENT or not lines:
            return  # killed before it could clean up: the next start must
        assert not still_there(self.leftovers), f"{where}: left {still_there(self.leftovers)}"
        self.leftovers = {}

    def after_kill(self, root: Path) -> None:
        status = read_status(root / "logs" / "status.json")
        if status is not None and status.showing is not None:
            self.resume_at = status.showing["slide"]
        self.leftovers.update(temporaries(root))


def test_kill_nine_twenty_times_at_random_moments(tmp_path):
    assert shutil.which("espeak-ng"), "espeak-ng is needed (apt-get install espeak-ng)"
    root = narrated_show(tmp_path / "show")
    log = root / "play.jsonl"
    rng = random.Random(9)
    expect = Expectations()
    busy_kills, left_behind = 0, 0
    kiosk = start_kiosk(root, tmp_path, "--narration", "--speed", "10")
    started_at, first_line = time.monotonic(), 0
    for round_number in range(ROUNDS):
        time.sleep(max(0.0, started_at + rng.uniform(*KILL_WINDOW) - time.monotonic()))
        children = descendants(kiosk.pid)
        busy_kills += bool(speech_workers(children))
        os.kill(kiosk.pid, signal.SIGKILL)
        ran_for = time.monotonic() - started_at
        kiosk.wait()  # not communicate(): a survivor holding its pipes would hold that up
        where = f"round {round_number}, killed {ran_for:.2f} s after its start"
        assert not survivors(children, root), f"{where}: outlived the kiosk"
        kiosk.communicate()
        assert not unparsable_lines(log), f"{where}: {unparsable_lines(log)}"
        lines = read_jsonl(log)[first_line:]
        expect.check_start(lines, where)
        expect.check_leftovers(ran_for, lines, where)
        expect.after_kill(root)
        left_behind += len(temporaries(root))
        empty_caches(root)
        first_line = len(read_jsonl(log))
        kiosk = start_kiosk(root, tmp_path, "--narration", "--speed", "10")
        started_at = time.monotonic()
    time.sleep(CLEANUP_MOMENT + 0.5)
    status, _, err = terminate(kiosk, within=10)
    assert status == 0, err
    lines = read_jsonl(log)[first_line:]
    expect.check_start(lines, "the last start")
    expect.check_leftovers(CLEANUP_MOMENT, lines, "the last start")
    assert busy_kills >= ROUNDS // 4, f"only {busy_kills} kills found a speech worker at work"
    print(f"{busy_kills} of {ROUNDS} kills found speech workers, {left_behind} temporaries left")
