"""Figure 7: the kiosk beside other slideshows, on the same ten 4000x3000 scans (about 3 MB
each, detailed) at 5 s a slide, fullscreen 1920x1080 under Xvfb, one program at a time.

- feh (Debian's image viewer): `feh --fullscreen --slideshow-delay 5 PHOTO...`, run twice in
  a row ("feh" then "feh, again"), so its second start pairs with the kiosk's.
- Impressive (a pygame/OpenGL presentation program, software GL through Mesa here; it takes
  images directly): `impressive --nologo --auto 5 --wrap PHOTO...`, under Debian's python3
  (it needs Debian's python3-pygame).
- naive pygame (bench/naive_slideshow.py): load and smoothscale at each slide, redraw at 60 fps.
- the kiosk: `kiosk run` on an exhibition of the ten scans, 5 s a slide, 1 s crossfades,
  narration off until asked (autoplay false), twice in a row on the same folder:
  - "first day": a fresh exhibition folder and an empty narration cache, as on the morning a
    new exhibition is installed: no renditions, no narration made;
  - "days after": the same folder launched again, with whatever the first day kept on disk
    (renditions, narration), as every later morning.
  As a lever (not a peer), a third run on that folder with `transition: cut`, to show what
  the crossfades cost on the days after.

Each program runs 30 s on its own fresh Xvfb. Time to first photo: from spawning to the
first read of the screen showing the magenta disc at the photo's centre (pixel reads every
2 ms, as in figure 5); the kiosk's first day is its cold start, the days after its warm one,
each paired with feh's first and second run. CPU: utime+stime of the process and its children
from /proc over the 30 s from spawning (the X server's CPU is reported apart). Peak memory:
VmHWM at 30 s (summed over the process and any children). The programs take turns in each
round, and each ratio kiosk/peer is taken within a round, so all are measured in the same run.

The same comparison of the kiosk and feh runs again as the "Raspberry Pi 4 estimate" (see
bench/pi4.py), each program throttled by a CPU quota.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    PATCH,
    REPO,
    SCREEN,
    Context,
    Figure,
    ScreenProbe,
    Xvfb,
    cpu_seconds,
    cpu_split,
    descendants,
    driver_env,
    kiosk_command,
    photo_centre,
    ratios,
    status_kib,
    stop_process,
    write_exhibition,
)
from bench.throttle import Throttle

SLIDE_SECONDS = 5
INSTALL = {
    "feh": "feh is not installed (apt-get install feh)",
    "impressive": "Impressive is not installed (apt-get install impressive)",
}
SYSTEM_PYTHON = "/usr/bin/python3"
FEH, FEH_AGAIN = "feh", "feh, again"
FIRST_DAY, DAYS_AFTER = "kiosk, first day", "kiosk, days after"
CUT = "kiosk with transition: cut"
"""A lever, not a peer: the kiosk without crossfades on the days after, to show their cost."""
LEVERS = (CUT,)

Command = Callable[[int], list[str]]
"""A program's command line for round r (the kiosk's also writes its exhibition)."""


def _impressive() -> list[str] | str:
    program = shutil.which("impressive")
    if program is None:
        return INSTALL["impressive"]
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pygame"], capture_output=True, check=False)
    if check.returncode != 0:
        return "Impressive needs Debian's python3-pygame (apt-get install python3-pygame)"
    return [SYSTEM_PYTHON, program, "--nologo", "--auto", str(SLIDE_SECONDS), "--wrap"]


def kiosk_days(ctx: Context, photos: list[Path], tag: str) -> dict[str, Command]:
    """The kiosk's first day, its days after, and the cut lever: three runs, in this order, on
    one folder per round. The first day starts from nothing (its folder removed), so it has
    no renditions and an empty narration cache; the later runs find what it kept."""

    def command(r: int, transition: str, fresh: bool) -> list[str]:
        root = ctx.work / "peers" / f"{tag}-{r}"
        if fresh:
            shutil.rmtree(root, ignore_errors=True)
        config = write_exhibition(
            root / "exhibition",
            photos,
            duration=SLIDE_SECONDS,
            transition=transition,
            narration_cache=root / "narration",
            play_log=root / "play.jsonl",
        )
        return [*kiosk_command(), "run", "--config", str(config)]

    return {
        FIRST_DAY: lambda r: command(r, "crossfade", True),
        DAYS_AFTER: lambda r: command(r, "crossfade", False),
        CUT: lambda r: command(r, "cut", False),
    }


def programs(
    ctx: Context, photos: list[Path], everyone: bool = True
) -> tuple[dict[str, Command], list[str]]:
    """name -> command builder, in the order they take turns; and what is missing, why.
    Without `everyone`, only feh and the kiosk (the throttled replay)."""
    found: dict[str, Command] = {}
    missing = []
    if shutil.which("feh"):
        feh = ["feh", "--fullscreen", "--slideshow-delay", str(SLIDE_SECONDS)]
        found[FEH] = found[FEH_AGAIN] = lambda r: [*feh, *map(str, photos)]
    else:
        missing.append(INSTALL["feh"])
    if everyone:
        impressive = _impressive()
        if isinstance(impressive, str):
            missing.append(impressive)
        else:
            found["impressive"] = lambda r: [*impressive, *map(str, photos)]
        naive = [sys.executable, str(REPO / "bench" / "naive_slideshow.py")]
        found["naive pygame"] = lambda r: [*naive, "--delay", str(SLIDE_SECONDS), *map(str, photos)]
    days = kiosk_days(ctx, photos, "kiosk" if everyone else "kiosk-throttled")
    found[FIRST_DAY], found[DAYS_AFTER] = days[FIRST_DAY], days[DAYS_AFTER]
    if everyone and not ctx.quick:
        found[CUT] = days[CUT]
    return found, missing


def run_one(
    command: list[str], point: tuple[int, int], seconds: float, throttle: Throttle | None = None
) -> dict[str, float]:
    with Xvfb() as xvfb:
        probe = ScreenProbe(xvfb.display)
        env = driver_env("x11", xvfb.display)
        server_before = cpu_seconds(xvfb.pid)
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=throttle.join if throttle else None,
        )
        try:
            seen, _ = probe.wait_for(point, PATCH, seconds)
            first = float("nan") if seen is None else seen - started
            at_first = sum(cpu_seconds(pid) for pid in [process.pid, *descendants(process.pid)])
            time.sleep(max(0.0, started + seconds - time.monotonic()))
            family = [process.pid, *descendants(process.pid)]
            cpu = 0.0
            peak = 0
            for pid in family:
                try:
                    cpu += cpu_seconds(pid)
                except OSError:
                    continue
                peak += status_kib(pid, "VmHWM") or 0
            server = cpu_seconds(xvfb.pid) - server_before
            children = cpu_split(process.pid)[1] + sum(
                cpu_seconds(pid) for pid in family[1:] if Path(f"/proc/{pid}").exists()
            )
        finally:
            stop_process(process)
            probe.close()
    return {
        "first": first,
        "cpu": cpu,
        "peak": peak / 1024,
        "server": server,
        "cpu_at_first": at_first,
        "children": children,
    }


def collect(ctx: Context) -> list[Figure]:
    if not ctx.display:
        ctx.skip_x11("figure 7 (peers)")
        return []
    return compare(ctx, "x11")


def compare(ctx: Context, driver: str, throttle: Throttle | None = None) -> list[Figure]:
    """Every program in turn, `ctx.repeats` rounds, under `driver` (a label; always X11 on
    Xvfb here); with a `throttle`, only feh and the kiosk, each under its CPU quota, and CPU
    seconds given in the throttled machine's own (this machine's divided by the fraction)."""
    rounds = 1 if ctx.quick else ctx.repeats
    seconds = 8.0 if ctx.quick else 30.0
    photos = ctx.photos.detailed[:10]
    found, missing = programs(ctx, photos, everyone=throttle is None)
    for reason in missing:
        ctx.notes.append(f"figure 7 ({driver}): {reason}; it is left out of the comparison")
    points = {name: (SCREEN[0] // 2, SCREEN[1] // 2) for name in found}
    for name in (FIRST_DAY, DAYS_AFTER, CUT):
        points[name] = photo_centre()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in found}
    for r in range(rounds):
        for name, command in found.items():
            results[name].append(run_one(command(r), points[name], seconds, throttle))
    if throttle is None:
        ctx.commands.append(
            f"feh --fullscreen --slideshow-delay {SLIDE_SECONDS} PHOTOS (twice); "
            f"{SYSTEM_PYTHON} /usr/bin/impressive --nologo --auto {SLIDE_SECONDS} --wrap PHOTOS; "
            f"python bench/naive_slideshow.py --delay {SLIDE_SECONDS} PHOTOS; kiosk run --config "
            f"EXHIBITION (first day, days after, cut)  (each alone on a fresh Xvfb for "
            f"{seconds:g} s, {rounds} rounds, in turn)"
        )
    scale = 1.0 / throttle.fraction if throttle else 1.0
    figures = _figures(ctx, results, driver, seconds, scale)
    _ratios(ctx, results, driver)
    return figures


def _figures(
    ctx: Context,
    results: dict[str, list[dict[str, float]]],
    driver: str,
    seconds: float,
    cpu_scale: float,
) -> list[Figure]:
    figures = []
    for name, runs in results.items():
        for key, label, unit, digits, scale in (
            ("first", "time to first photo", "s", 2, 1.0),
            ("cpu", f"CPU seconds over {seconds:g} s", "CPU s", 2, cpu_scale),
            ("peak", "peak RSS", "MB", 0, 1.0),
        ):
            values = [x[key] for x in runs]
            (ctx.details if name in LEVERS else figures).append(
                Figure(
                    "7 peers", f"{name}: {label}", driver, values, unit, scale=scale, digits=digits
                )
            )
        for key, label, scale in (
            ("server", f"Xvfb server CPU over the same {seconds:g} s (not in the figure)", 1.0),
            (
                "cpu_at_first",
                "CPU seconds from spawning to the first photo (part of the figure)",
                cpu_scale,
            ),
            ("children", "CPU seconds of child processes (part of the figure)", cpu_scale),
        ):
            values = [x[key] for x in runs]
            ctx.details.append(
                Figure(
                    "7 peers", f"{name}: {label}", driver, values, "CPU s", scale=scale, digits=2
                )
            )
    return figures


RATIOS = (
    # label, kiosk run, peer run, measure, target
    ("kiosk / feh: CPU, first day", FIRST_DAY, FEH, "cpu", 2.0),
    ("kiosk / feh: CPU, days after", DAYS_AFTER, FEH_AGAIN, "cpu", 1.0),
    ("kiosk / feh: first photo, first day (cold)", FIRST_DAY, FEH, "first", 2.0),
    ("kiosk / feh: first photo, days after (warm)", DAYS_AFTER, FEH_AGAIN, "first", 2.0),
    ("kiosk / feh: peak RSS", FIRST_DAY, FEH, "peak", 2.0),
    ("kiosk / impressive: first photo", DAYS_AFTER, "impressive", "first", 1.0),
    ("kiosk / impressive: CPU", DAYS_AFTER, "impressive", "cpu", 1.0),
    ("kiosk / impressive: peak RSS", DAYS_AFTER, "impressive", "peak", 1.0),
    ("kiosk / naive pygame: first photo", DAYS_AFTER, "naive pygame", "first", None),
    ("kiosk / naive pygame: CPU", DAYS_AFTER, "naive pygame", "cpu", None),
    ("kiosk / naive pygame: peak RSS", DAYS_AFTER, "naive pygame", "peak", None),
)


def _ratios(ctx: Context, results: dict[str, list[dict[str, float]]], driver: str) -> None:
    for label, kiosk, peer, key, target in RATIOS:
        if kiosk not in results or peer not in results:
            continue
        ahead = peer == "impressive"
        text = "" if target is None else ("< 1 (ahead)" if ahead else f"<= {target:g}x")
        ctx.ratios.append(
            Figure(
                "7 peers",
                label,
                driver,
                ratios([k[key] for k in results[kiosk]], [p[key] for p in results[peer]]),
                "x",
                target=target,
                target_text=text,
                digits=2,
            )
        )
