"""Figure 7: the kiosk beside other slideshows, on the same ten 4000x3000 scans (about 3 MB
each, detailed) at 5 s a slide, fullscreen 1920x1080 under Xvfb, one program at a time.

- feh (Debian's image viewer): `feh --fullscreen --slideshow-delay 5 PHOTO...`
- Impressive (a pygame/OpenGL presentation program, software GL through Mesa here; it takes
  images directly): `impressive --nologo --auto 5 --wrap PHOTO...`, under Debian's python3
  (it needs Debian's python3-pygame).
- naive pygame (bench/naive_slideshow.py): load and smoothscale at each slide, redraw at 60 fps.
- the kiosk: `kiosk run` on an exhibition of the ten scans, 5 s a slide, 1 s crossfades, on a
  fresh exhibition folder each round (nothing kept on disk from an earlier run). As a lever
  (not a peer), the same with `transition: cut`, to show what the crossfades cost.

Each program runs 30 s on its own fresh Xvfb. Time to first photo: from spawning to the
first read of the screen showing the magenta disc at the photo's centre (pixel reads every
2 ms, as in figure 5). CPU: utime+stime of the process and its children from /proc over the
30 s from spawning (the X server's CPU is reported apart). Peak memory: VmHWM at 30 s (summed
over the process and any children). The programs take turns in each round, and each ratio
kiosk/peer is taken within a round, so all are measured in the same run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
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

SLIDE_SECONDS = 5
INSTALL = {
    "feh": "feh is not installed (apt-get install feh)",
    "impressive": "Impressive is not installed (apt-get install impressive)",
}
SYSTEM_PYTHON = "/usr/bin/python3"
CUT = "kiosk with transition: cut"
"""A lever, not a peer: the kiosk without crossfades, to show what they cost."""


def _impressive() -> list[str] | str:
    program = shutil.which("impressive")
    if program is None:
        return INSTALL["impressive"]
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pygame"], capture_output=True, check=False)
    if check.returncode != 0:
        return "Impressive needs Debian's python3-pygame (apt-get install python3-pygame)"
    return [SYSTEM_PYTHON, program, "--nologo", "--auto", str(SLIDE_SECONDS), "--wrap"]


def programs(ctx: Context, photos: list[Path]) -> tuple[dict[str, object], list[str]]:
    """name -> command builder (a function of the round) or the reason it is missing."""
    found: dict[str, object] = {}
    missing = []
    if shutil.which("feh"):
        feh = ["feh", "--fullscreen", "--slideshow-delay", str(SLIDE_SECONDS)]
        found["feh"] = lambda r: [*feh, *map(str, photos)]
    else:
        missing.append(INSTALL["feh"])
    impressive = _impressive()
    if isinstance(impressive, str):
        missing.append(impressive)
    else:
        found["impressive"] = lambda r: [*impressive, *map(str, photos)]
    naive = [sys.executable, str(REPO / "bench" / "naive_slideshow.py")]
    found["naive pygame"] = lambda r: [*naive, "--delay", str(SLIDE_SECONDS), *map(str, photos)]

    def kiosk(transition: str):
        def command(r: int) -> list[str]:
            folder = ctx.folder(f"peers/kiosk-{transition}-{r}")
            config = write_exhibition(
                folder / "exhibition",
                photos,
                duration=SLIDE_SECONDS,
                transition=transition,
                narration_cache=ctx.narration_cache,
                play_log=folder / "play.jsonl",
            )
            return [*kiosk_command(), "run", "--config", str(config)]

        return command

    found["kiosk"] = kiosk("crossfade")
    if not ctx.quick:
        found[CUT] = kiosk("cut")
    return found, missing


def run_one(command: list[str], point: tuple[int, int], seconds: float) -> dict[str, float]:
    with Xvfb() as xvfb:
        probe = ScreenProbe(xvfb.display)
        env = driver_env("x11", xvfb.display)
        server_before = cpu_seconds(xvfb.pid)
        started = time.monotonic()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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
    rounds = 1 if ctx.quick else ctx.repeats
    seconds = 8.0 if ctx.quick else 30.0
    photos = ctx.photos.detailed[:10]
    found, missing = programs(ctx, photos)
    for reason in missing:
        ctx.notes.append(f"figure 7: {reason}; it is left out of the comparison")
    points = {name: (SCREEN[0] // 2, SCREEN[1] // 2) for name in found}
    points["kiosk"] = points[CUT] = photo_centre()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in found}
    for r in range(rounds):
        for name, command in found.items():
            results[name].append(run_one(command(r), points[name], seconds))
    ctx.commands.append(
        f"feh --fullscreen --slideshow-delay {SLIDE_SECONDS} PHOTOS; "
        f"{SYSTEM_PYTHON} /usr/bin/impressive --nologo --auto {SLIDE_SECONDS} --wrap PHOTOS; "
        f"python bench/naive_slideshow.py --delay {SLIDE_SECONDS} PHOTOS; kiosk run --config "
        f"EXHIBITION  (each alone on a fresh Xvfb for {seconds:g} s, {rounds} rounds, in turn)"
    )
    figures = []
    for name, runs in results.items():
        for key, label, unit, digits in (
            ("first", "time to first photo", "s", 2),
            ("cpu", f"CPU seconds over {seconds:g} s", "CPU s", 2),
            ("peak", "peak RSS", "MB", 0),
        ):
            (ctx.details if name == CUT else figures).append(
                Figure(
                    "7 peers",
                    f"{name}: {label}",
                    "x11",
                    [x[key] for x in runs],
                    unit,
                    digits=digits,
                )
            )
        for key, label in (
            ("server", f"Xvfb server CPU over the same {seconds:g} s (not in the figure)"),
            ("cpu_at_first", "CPU seconds from spawning to the first photo (part of the figure)"),
            ("children", "CPU seconds of child processes (part of the figure)"),
        ):
            ctx.details.append(
                Figure(
                    "7 peers",
                    f"{name}: {label}",
                    "x11",
                    [x[key] for x in runs],
                    "CPU s",
                    digits=2,
                )
            )
    kiosk = results["kiosk"]
    targets = {
        "impressive": {"first": 1.0, "cpu": 1.0, "peak": 1.0},
        "feh": {"first": 2.0, "cpu": 1.0, "peak": 2.0},
    }
    for peer, runs in results.items():
        if peer in ("kiosk", CUT):
            continue
        for key, label in (("first", "first photo"), ("cpu", "CPU"), ("peak", "peak RSS")):
            target = targets.get(peer, {}).get(key)
            text = (
                ""
                if target is None
                else (
                    "< 1 (ahead)" if target == 1.0 and peer == "impressive" else f"<= {target:g}x"
                )
            )
            ctx.ratios.append(
                Figure(
                    "7 peers",
                    f"kiosk / {peer}: {label}",
                    "x11",
                    ratios([k[key] for k in kiosk], [p[key] for p in runs]),
                    "x",
                    target=target,
                    target_text=text,
                    digits=2,
                )
            )
    return figures
