"""The Wayland column: figures 2 and 7 again with the kiosk under cage, the compositor the
autostart unit runs, instead of Xvfb.

cage (Debian 12's 0.1.4, wlroots 0.15) runs on wlroots' headless backend with its pixman
renderer (`WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1
WLR_LIBINPUT_NO_DEVICES=1`), `cage -d -s` as in the autostart unit, as an unprivileged user
(cage refuses root) with a venv of /usr/bin/python3 and a compiled copy of kiosk/ and of the
photos in /var/tmp; the kiosk uses SDL's Wayland driver (`SDL_VIDEODRIVER=wayland`). The
headless output is 1280x720 (wlroots' size; cage 0.1.4 cannot change it), so these figures
are at 1280x720, not 1920x1080 as under X11. Each run has its own fresh cage; the user's
processes are killed after each.

- Still slide (figure 2): `kiosk run` on one 600 s slide, CPU of the kiosk from /proc over
  30 s after 8 s, in % of one core; cage's own CPU over the same window is given apart.
- Peers (figure 7): feh (`feh --fullscreen --slideshow-delay 5 PHOTO...`, an X11 program,
  so through Xwayland inside cage) and the kiosk (five-second slides, 1 s crossfades) on the
  same ten scans, each 30 s in its own cage, in turns, one round per repeat: feh, feh again,
  the kiosk's "first day" (a fresh exhibition folder: no renditions, an empty narration
  cache) and its "days after" (the same folder with what the first day left, launched again
  right after). CPU: utime+stime over the 30 s from spawning cage of the program cage runs
  and its children (cage and Xwayland apart). Peak memory: VmHWM at 30 s, summed over them.
  Time to first photo: from spawning cage to the first screenshot showing the magenta disc
  at the photo's centre, read with `grim -g "X,Y 1x1"` in a loop; grim needs `cage -r -r`
  (the output turned round twice) for these runs, or cage hands the client's buffer straight
  to the output and grim reads black; that makes cage composite every frame, so cage's CPU
  there is more than on a real screen. The gap between grim reads is the method's resolution
  and is given beside it. Ratios kiosk/feh pair first day with feh, days after with feh again.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from bench import cage
from bench.common import (
    LANGUAGES,
    PATCH,
    Context,
    Figure,
    median_or_nan,
    ratios,
    write_exhibition,
)

DRIVER = "wayland (cage)"
SLIDE_SECONDS = 5
RUNS = ("feh", "feh, again", "kiosk, first day", "kiosk, days after")
RATIOS = (
    ("cpu", "CPU, first day", "kiosk, first day", "feh", 2.0),
    ("cpu", "CPU, days after", "kiosk, days after", "feh, again", 1.0),
    ("first", "first photo, first day (cold)", "kiosk, first day", "feh", 2.0),
    ("first", "first photo, days after (warm)", "kiosk, days after", "feh, again", 2.0),
    ("peak", "peak RSS", "kiosk, first day", "feh", 2.0),
)
"""(measure, label, kiosk run, feh run, target ratio)."""


def collect(ctx: Context) -> list[Figure]:
    reason = cage.unavailable()
    if reason:
        ctx.notes.append(f"Wayland (cage) column: not measured: {reason}.")
        return []
    figures: list[Figure] = []
    try:
        with cage.session(ctx.photos.detailed[:10]) as session:
            figures += still(ctx, session)
            figures += peers(ctx, session)
    except (OSError, subprocess.SubprocessError) as exc:
        ctx.notes.append(f"Wayland (cage) column: could not be measured in full: {exc}")
    return figures


def _seed_cache(ctx: Context, session: cage.Session) -> Path:
    """The run's filled narration cache, copied where the cage user can read it."""
    cache = session.root / "narration"
    if ctx.narration_cache.is_dir():
        shutil.copytree(ctx.narration_cache, cache)
    cache.mkdir(exist_ok=True)
    session.give(cache)
    return cache


def still(ctx: Context, session: cage.Session) -> list[Figure]:
    """Figure 2 under cage: the repeats side by side, each in its own cage, as idle.py does."""
    repeats = 1 if ctx.quick else ctx.repeats
    warm_up, window = (2.0, 3.0) if ctx.quick else (8.0, 30.0)
    cache = _seed_cache(ctx, session)
    runs = []
    try:
        for index in range(repeats):
            folder = session.own(f"still-{index}")
            config = write_exhibition(
                folder, session.photos[:1], duration=600, narration_cache=cache
            )
            session.give(folder)
            runs.append(cage.Cage(session, f"still-{index}", session.kiosk(config)))
        time.sleep(warm_up)
        before = [(run.client_cpu(), run.server_cpu()) for run in runs]
        started = time.monotonic()
        time.sleep(window)
        elapsed = time.monotonic() - started
        kiosk, server = [], []
        for run, (client, own) in zip(runs, before, strict=True):
            if run.process.poll() is None and run.clients():
                kiosk.append((run.client_cpu() - client) / elapsed)
                server.append((run.server_cpu() - own) / elapsed)
            else:
                ctx.notes.append(f"figure 2 ({DRIVER}): the kiosk ended early; cage: {run.tail()}")
    finally:
        for run in runs:
            run.stop()
    ctx.commands.append(
        f"{' '.join(cage.COMMAND)} -- python -m kiosk run --config EXHIBITION  (one 600 s "
        f"slide; {repeats} side by side, each in its own cage; CPU over {window:g} s after "
        f"{warm_up:g} s)"
    )
    if not kiosk:
        return []
    ctx.details.append(
        Figure(
            "2 still CPU",
            "cage's own CPU over the same window (not in the figure)",
            DRIVER,
            server,
            "% core",
            scale=100,
            digits=2,
        )
    )
    return [
        Figure(
            "2 still CPU",
            "CPU while one slide stands still",
            DRIVER,
            kiosk,
            "% core",
            target=0.5,
            target_text="<= 0.5 %",
            scale=100,
            digits=2,
        )
    ]


def photo_point(size: tuple[int, int], kiosk: bool) -> tuple[int, int]:
    """Where the photo's centre lands on a screen of `size`: feh centres the photo on the
    screen; the kiosk centres it in its photo area, above the caption panel."""
    if not kiosk:
        return size[0] // 2, size[1] // 2
    from kiosk.show.layout import usual_photo_area

    area = usual_photo_area(*size, LANGUAGES)
    return area.x + area.w // 2, area.y + area.h // 2


def run_one(
    session: cage.Session, name: str, command: list[str], point: tuple[int, int], seconds: float
) -> dict:
    run = cage.Cage(session, name, command, rotate=True)
    try:
        seen, gaps = run.wait_for(point, PATCH, seconds) if shutil.which("grim") else (None, [])
        time.sleep(max(0.0, run.started + seconds - time.monotonic()))
        result = {
            "first": float("nan") if seen is None else seen - run.started,
            "cpu": run.client_cpu(),
            "peak": run.client_peak_mib(),
            "server": run.server_cpu(),
            "gaps": gaps,
            "alive": bool(run.clients()),
        }
    finally:
        run.stop()
    if not result["alive"]:
        result["tail"] = run.tail()
    return result


def peers(ctx: Context, session: cage.Session) -> list[Figure]:
    if shutil.which("feh") is None:
        ctx.notes.append(f"figure 7 ({DRIVER}): feh is not installed (apt-get install feh)")
        return []
    rounds = 1 if ctx.quick else ctx.repeats
    seconds = 8.0 if ctx.quick else 30.0
    size = cage.screen_size(session)
    if size is None:
        ctx.notes.append(f"figure 7 ({DRIVER}): grim could not read cage's screen")
        return []
    ctx.notes.append(
        f"Wayland (cage) column: measured at {size[0]}x{size[1]}, the size of wlroots' headless "
        "output (cage 0.1.4 cannot change it), not at the X11 figures' 1920x1080."
    )
    feh = ["feh", "--fullscreen", "--slideshow-delay", str(SLIDE_SECONDS)]
    feh += [str(p) for p in session.photos]
    results: dict[str, list[dict]] = {name: [] for name in RUNS}
    for r in range(rounds):
        folder = session.own(f"peers-{r}/exhibition")
        config = write_exhibition(
            folder,
            session.photos,
            duration=SLIDE_SECONDS,
            narration_cache=session.own(f"peers-{r}/narration"),
        )
        session.give(folder)
        commands = {"feh": feh, "feh, again": feh}
        commands["kiosk, first day"] = commands["kiosk, days after"] = session.kiosk(config)
        for index, name in enumerate(RUNS):
            point = photo_point(size, kiosk=name.startswith("kiosk"))
            run = run_one(session, f"{r}-{index}", commands[name], point, seconds)
            results[name].append(run)
    for name, runs in results.items():
        for run in runs:
            if not run["alive"]:
                ctx.notes.append(f"figure 7 ({DRIVER}): {name} ended early; cage: {run['tail']}")
    ctx.commands.append(
        f"{' '.join(cage.COMMAND)} -r -r -- feh --fullscreen --slideshow-delay {SLIDE_SECONDS} "
        f"PHOTOS; the same -- python -m kiosk run --config EXHIBITION  (each in a fresh cage "
        f"for {seconds:g} s, {rounds} rounds, in turn; grim -g 'X,Y 1x1' for the first photo)"
    )
    return _peer_figures(ctx, results, seconds)


def _peer_figures(ctx: Context, results: dict[str, list[dict]], seconds: float) -> list[Figure]:
    seen = all(any(x["first"] == x["first"] for x in runs) for runs in results.values())
    measures = [
        ("first", "time to first photo", "s", 2),
        ("cpu", f"CPU seconds over {seconds:g} s", "CPU s", 2),
        ("peak", "peak RSS", "MB", 0),
    ]
    if not seen:
        ctx.notes.append(
            f"figure 7 ({DRIVER}): time to first photo left out: grim never saw the photo's "
            "centre for some program (it may read the screen without the client's pixels)"
        )
        measures = measures[1:]
    figures = []
    for name, runs in results.items():
        for key, label, unit, digits in measures:
            values = [x[key] for x in runs]
            figures.append(
                Figure("7 peers", f"{name}: {label}", DRIVER, values, unit, digits=digits)
            )
        ctx.details.append(
            Figure(
                "7 peers",
                f"{name}: cage and Xwayland CPU over the same {seconds:g} s (not in the figure)",
                DRIVER,
                [x["server"] for x in runs],
                "CPU s",
                digits=2,
            )
        )
    if seen:
        gaps = [gap for runs in results.values() for x in runs for gap in x["gaps"]]
        ctx.details.append(
            Figure(
                "7 peers",
                "time to first photo: median gap between grim reads (the resolution)",
                DRIVER,
                [median_or_nan(gaps)],
                "ms",
                scale=1000,
                digits=1,
            )
        )
    for key, label, kiosk, feh, target in RATIOS:
        if key == "first" and not seen:
            continue
        ctx.ratios.append(
            Figure(
                "7 peers",
                f"kiosk / feh: {label}",
                DRIVER,
                ratios([x[key] for x in results[kiosk]], [x[key] for x in results[feh]]),
                "x",
                target=target,
                target_text=f"<= {target:g}x",
                digits=2,
            )
        )
    return figures
