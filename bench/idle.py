"""Figure 2: CPU while one slide stands still, measured from outside.

`kiosk run` plays a deck of one 600 s slide (a 4000x3000 photo), fullscreen at 1920x1080.
After a warm-up, utime+stime (and those of children it has waited for) are read from
/proc/PID/stat at the start and the end of a 30 s window; the figure is that CPU time over
the window's wall time, in % of one core. Each repeat is its own kiosk process; the repeats
of both drivers run side by side (each X11 kiosk on its own Xvfb), which is harmless for a
figure of CPU time spent by processes that are asleep 99 % of the time, and keeps the run
short. The Xvfb server's own CPU over the same window is reported beside it. /proc counts
CPU time in ticks of 10 ms, so over 30 s the figure's resolution is 0.033 % of a core.

Run by bench/run.py; no child module (the kiosk itself is the child).
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

from bench.common import (
    Context,
    Figure,
    Xvfb,
    cpu_seconds,
    driver_env,
    kiosk_command,
    stop_process,
    write_exhibition,
)
from bench.throttle import Throttle


def _exhibition(ctx: Context, folder: Path) -> Path:
    return write_exhibition(
        folder,
        ctx.photos.detailed[:1],
        duration=600,
        narration_cache=ctx.narration_cache,
        play_log=folder / "play.jsonl",
    )


def collect(ctx: Context) -> list[Figure]:
    if not ctx.display:
        ctx.skip_x11("figure 2 (still-slide CPU) under Xvfb")
    return still_cpu(ctx)


def still_cpu(ctx: Context, throttle: Throttle | None = None, suffix: str = "") -> list[Figure]:
    """The figure for each driver; with a `throttle`, every kiosk runs under its CPU quota,
    the figure is given in % of the throttled core, and `suffix` marks the driver."""
    repeats = 1 if ctx.quick else ctx.repeats
    warm_up, window = (2.0, 3.0) if ctx.quick else (8.0, 30.0)
    if throttle is not None:
        warm_up /= throttle.fraction  # its start takes that much longer
    root = ctx.folder("idle-throttled" if throttle else "idle")
    runs: list[tuple[str, subprocess.Popen, Xvfb | None]] = []
    cpu: dict[str, list[float]] = {driver: [] for driver in ctx.drivers()}
    server: list[float] = []
    with contextlib.ExitStack() as stack:
        for driver in ctx.drivers():
            for index in range(repeats):
                xvfb = stack.enter_context(Xvfb()) if driver == "x11" else None
                env = driver_env(driver, xvfb.display if xvfb else None)
                # Each kiosk its own exhibition folder: a second kiosk on a folder that one
                # already plays refuses to start (kiosk/hall/lock.py).
                config = _exhibition(ctx, root / f"exhibition-{driver}-{index}")
                # Side by side, each kiosk needs a quota of its own, not a share of one.
                own = None
                if throttle is not None:
                    own = Throttle(throttle.fraction, f"{throttle.name}-{driver}-{index}")
                    stack.enter_context(own)
                process = subprocess.Popen(
                    [*kiosk_command(), "run", "--config", str(config)],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    preexec_fn=own.join if own else None,
                )
                stack.callback(stop_process, process)
                runs.append((driver, process, xvfb))
        time.sleep(warm_up)
        alive = [(d, p, x) for d, p, x in runs if p.poll() is None]
        for driver, process, _ in runs:
            if process.poll() is not None:
                code = process.returncode
                ctx.notes.append(f"figure 2 ({driver}): a kiosk exited early (status {code})")
        before = {p.pid: cpu_seconds(p.pid) for _, p, _ in alive}
        server_before = {x.pid: cpu_seconds(x.pid) for _, _, x in alive if x}
        started = time.monotonic()
        time.sleep(window)
        elapsed = time.monotonic() - started
        for driver, process, xvfb in alive:
            if process.poll() is None:
                spent = cpu_seconds(process.pid) - before[process.pid]
                cpu[driver].append(spent / elapsed)
            if xvfb is not None:
                server.append((cpu_seconds(xvfb.pid) - server_before[xvfb.pid]) / elapsed)
    if throttle is not None:
        return _figures(cpu, server, 1.0 / throttle.fraction, suffix, ctx)
    ctx.commands.append(
        f"{' '.join(kiosk_command())} run --config EXHIBITION  (one 600 s slide; "
        f"{repeats} processes "
        "per driver side by side, each on its own copy; "
        f"CPU from /proc/PID/stat over {window:g} s after {warm_up:g} s)"
    )
    return _figures(cpu, server, 1.0, suffix, ctx)


def _figures(
    cpu: dict[str, list[float]], server: list[float], scale: float, suffix: str, ctx: Context
) -> list[Figure]:
    figures = [
        Figure(
            "2 still CPU",
            "CPU while one slide stands still",
            driver + suffix,
            values,
            "% core",
            target=0.5,
            target_text="<= 0.5 %",
            scale=100 * scale,
            digits=2,
        )
        for driver, values in cpu.items()
    ]
    if server:
        ctx.details.append(
            Figure(
                "2 still CPU",
                "Xvfb server CPU over the same window (not in the figure)",
                "x11" + suffix,
                server,
                "% core",
                scale=100,
                digits=2,
            )
        )
    return figures
