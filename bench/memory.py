"""Figure 6: memory of `kiosk run`, read from /proc/PID/status while it plays.

Peak: an exhibition of 200 different 4000x3000 scans (real JPEGs, small in bytes: about
300 KB each, smooth content) in four decks of 50, 10 s a slide with the 1 s crossfade, played
at --speed 30 (a third of a second a slide, several times a photo's decode time), until the
play log shows all 200 and the first again; VmHWM is read then, before the kiosk is stopped.

Growth: 1 s a slide, transition_seconds 0, at --speed 1000, twice (120 s, then 60 s; set
with `bench/run.py --growth-seconds`, for hour-long runs): on 20 of those
scans (the photo budget holds about one screen-sized photo, so each change loads its photo
again, from its rendition on disk, and composes its frame: the decode path), and on 3 (the
current, next and previous frames stay composed, so changes come several times faster and
exercise the player, play log, status file and flips). Every half second VmRSS is read and
the slide changes so far are counted from the play log. RSS swings by several MB from one
sample to the next as photo buffers come and go (they are returned to the system on free),
so what is compared is the floor: the lowest RSS in each 10 s window. After a warm-up (the
first quarter of the run), the least-squares slope of the floors over the slide changes
gives the growth per change; 100,000 changes take longer than fits here (the table gives
the rate and how many were measured), so that slope is extrapolated linearly to 100,000
changes. The last floor minus the first is given beside it, and the regression's standard
error, extrapolated the same way: what this run can resolve.

Each repeat is its own process; repeats run side by side, each kiosk on its own Xvfb (or
the dummy driver without Xvfb).
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

from bench.common import (
    Context,
    Figure,
    PlayLogFollower,
    Xvfb,
    driver_env,
    kiosk_command,
    status_kib,
    stop_process,
    write_exhibition,
)
from kiosk.hall.playlog_files import play_log_files


def _slides_logged(play_log: Path) -> int:  # for short logs
    count = 0
    for file in play_log_files(play_log):
        with contextlib.suppress(OSError), file.open("rb") as log:
            count += sum(1 for line in log if b'"event": "slide"' in line)
    return count


def _start(ctx: Context, stack: contextlib.ExitStack, config: Path, speed: float):
    driver = "x11" if ctx.display else "dummy"
    xvfb = stack.enter_context(Xvfb()) if ctx.display else None
    command = [*kiosk_command(), "run", "--config", str(config), "--speed", f"{speed:g}"]
    process = subprocess.Popen(
        command,
        env=driver_env(driver, xvfb.display if xvfb else None),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stack.callback(stop_process, process)
    return driver, process, command


def peak(ctx: Context) -> list[Figure]:
    count = len(ctx.photos.light)
    repeats = 1 if ctx.quick else ctx.repeats
    speed = 30.0
    runs = []
    with contextlib.ExitStack() as stack:
        for r in range(repeats):
            folder = ctx.folder(f"memory/peak-{r}")
            play_log = folder / "play.jsonl"
            config = write_exhibition(
                folder / "exhibition",
                ctx.photos.light,
                duration=10,
                decks=4 if count >= 8 else 1,
                narration_cache=ctx.narration_cache,
                play_log=play_log,
            )
            driver, process, command = _start(ctx, stack, config, speed)
            runs.append((process, play_log, {"hwm": 0, "done": False}))
        deadline = time.monotonic() + 30 + count * 10 / speed * 3
        while time.monotonic() < deadline and not all(s["done"] for _, _, s in runs):
            for process, play_log, seen in runs:
                if seen["done"] or process.poll() is not None:
                    seen["done"] = True
                    continue
                seen["hwm"] = max(seen["hwm"], status_kib(process.pid, "VmHWM") or 0)
                if _slides_logged(play_log) > count:
                    seen["done"] = True
            time.sleep(0.25)
        peaks = [s["hwm"] / 1024 for _, _, s in runs]
        shown = [_slides_logged(log) for _, log, _ in runs]
    ctx.commands.append(
        f"{' '.join(command[:-3])} EXHIBITION --speed {speed:g}  ({count} scans of "
        f"{ctx.photos.size[0]}x{ctx.photos.size[1]}, 10 s a slide; {repeats} side by side)"
    )
    if any(n <= count for n in shown):
        ctx.notes.append(f"figure 6: not every kiosk went through all {count} slides: {shown}")
    return [
        Figure(
            "6 memory",
            f"peak RSS (VmHWM) through {count} scans of {ctx.photos.size[0]}x{ctx.photos.size[1]}",
            driver,
            peaks,
            "MB",
            target=100.0,
            target_text="<= 100 MB",
            digits=1,
        )
    ]


class _Counter:
    """Counts the play log's slide lines as they come."""

    def __init__(self, path: Path) -> None:
        self.follower = PlayLogFollower(path)
        self.count = 0

    def __call__(self) -> int:
        self.count += self.follower.new_lines().count(b'"event": "slide"')
        return self.count


WINDOW_SAMPLES = 20  # 10 s of samples, two a second


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs."""
    return fit(xs, ys)[0]


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope of ys over xs, and its standard error (0 when undefined)."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    if not spread:
        return 0.0, 0.0
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread
    if len(xs) < 3:
        return b, 0.0
    residual = sum((y - my - b * (x - mx)) ** 2 for x, y in zip(xs, ys, strict=True))
    return b, (residual / (len(xs) - 2) / spread) ** 0.5


def growth(ctx: Context, slides: int, what: str, seconds: float) -> list[Figure]:
    repeats = 1 if ctx.quick else ctx.repeats
    seconds = 4.0 if ctx.quick else seconds
    speed = 1000.0
    runs = []
    with contextlib.ExitStack() as stack:
        for r in range(repeats):
            folder = ctx.folder(f"memory/growth-{slides}-{r}")
            play_log = folder / "play.jsonl"
            config = write_exhibition(
                folder / "exhibition",
                ctx.photos.light[:slides],
                duration=1,
                transition_seconds=0,
                narration_cache=ctx.narration_cache,
                play_log=play_log,
            )
            driver, process, command = _start(ctx, stack, config, speed)
            runs.append((process, _Counter(play_log), []))
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            time.sleep(0.5)
            elapsed = time.monotonic() - started
            for process, counter, samples in runs:
                rss = status_kib(process.pid, "VmRSS")
                if rss is not None:
                    samples.append((elapsed, counter(), rss / 1024))
    grown, changes, per_100k, rates, errors = [], [], [], [], []
    for _process, _counter, samples in runs:
        after = [s for s in samples if s[0] >= seconds / 4]
        windows = [after[i : i + WINDOW_SAMPLES] for i in range(0, len(after), WINDOW_SAMPLES)]
        windows = [w for w in windows if len(w) == WINDOW_SAMPLES]
        if len(windows) < 2:
            ctx.notes.append("figure 6: a growth run ended before it could be measured")
            continue
        floors = [min(mb for _, _, mb in w) for w in windows]
        counts = [sum(n for _, n, _ in w) / len(w) for w in windows]
        grown.append(floors[-1] - floors[0])
        changes.append(counts[-1] - counts[0])
        b, error = fit(counts, floors)
        per_100k.append(b * 100_000)
        errors.append(error * 100_000)
        rates.append((after[-1][1] - after[0][1]) / (after[-1][0] - after[0][0]))
    ctx.commands.append(
        f"{' '.join(command[:-3])} EXHIBITION --speed {speed:g}  ({slides} scans, 1 s a "
        f"slide, transition_seconds 0, {seconds:g} s; {repeats} side by side)"
    )
    measured = f"{min(changes, default=0):,.0f}-{max(changes, default=0):,.0f}"
    for label, values, unit, digits in (
        ("slide changes measured after the warm-up", changes, "changes", 0),
        ("slide changes per second at --speed 1000", rates, "/s", 0),
        ("RSS floor, last window minus first after the warm-up", grown, "MB", 2),
        ("standard error of the extrapolated growth per 100,000 changes", errors, "MB", 2),
    ):
        ctx.details.append(
            Figure("6 memory", f"{what}: {label}", driver, values, unit, digits=digits)
        )
    return [
        Figure(
            "6 memory",
            f"RSS growth per 100,000 slide changes, {what} (slope of the RSS floor over "
            f"{measured} changes, extrapolated)",
            driver,
            per_100k,
            "MB",
            target=2.0,
            target_text="<= 2 MB",
            digits=2,
        )
    ]


def collect(ctx: Context) -> list[Figure]:
    if not ctx.display:
        ctx.notes.append("figure 6: measured with the dummy driver (no Xvfb for this run)")
    return [
        *peak(ctx),
        *growth(ctx, 20, "20 slides, each change loads its photo", ctx.growth_seconds),
        *growth(ctx, 3, "3 slides, every frame cached", ctx.growth_seconds / 2),
    ]
