"""Figure 1: frame time during a crossfade, at 1920x1080.

The real kiosk plays, fullscreen, a deck of 4000x3000 photos at 2.5 s a slide with the
default 1 s crossfade; its timer turns the pages. A frame's time is one call of
`Renderer.draw` that sends a frame to the screen: the blending, the controls over it, and
`pygame.display.flip`, or, for a fade's middle frames, which blend and send only where the
two slides differ, `pygame.display.update` of those regions. A fade's
frames run from the first frame showing the new slide to the frame that ends the fade. Each
fade is one repeat: its median and p95 frame times are two figures, and the table gives the
median of those over the fades with their min-max.

Under Xvfb it runs three ways, taking turns, so their ratios are measured in the same run:
as the kiosk comes (its config's `framebuffer_acceleration`, when the code has that key,
sets SDL_FRAMEBUFFER_ACCELERATION unless the environment does), and with the environment
forcing SDL_FRAMEBUFFER_ACCELERATION=0 (SDL copies frames straight to the window with
MIT-SHM) and =1 (through an OpenGL texture: Mesa's software llvmpipe here). Since the kiosk
may set the hint itself, a plain pygame blit+flip loop (`flips`) also measures SDL's own
choice with no hint at all, against 0 and 1.

The Ken Burns pan and zoom is measured beside it by bench/kenburns.py (by hand; its figures
are in RESULTS.md under "Ken Burns").

    python -m bench.frames child --config PATH --fades N   (run by bench/run.py)
"""

from __future__ import annotations

import argparse
import itertools
import threading
import time
from pathlib import Path

from bench.common import (
    SCREEN,
    Context,
    Figure,
    driver_env,
    emit,
    median_or_nan,
    p95,
    run_child,
    status_kib,
)
from bench.common import write_exhibition as _write_exhibition

SLIDE_SECONDS = 2.5
VARIANTS = (("dummy", None), ("x11", None), ("x11", "0"), ("x11", "1"))


def split_fades(draws: list) -> list[list]:
    """The draws of each crossfade that sent a frame (flip or update), from its first frame to
    the one that ends it."""
    fades, current, before = [], None, False
    for draw in draws:
        if not draw.flipped:
            continue
        if current is None and draw.moving and not before:
            current = [draw]
        elif current is not None:
            current.append(draw)
            if not draw.moving:
                fades.append(current)
                current = None
        before = draw.moving
    return fades


def child(config: str, fades: int, timeout: float) -> dict:
    from bench import inprocess

    def watch() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # The first slide appears without a fade; count fades after it.
            if len(split_fades(list(inprocess.PROBE.draws))) >= fades:
                break
            time.sleep(0.2)
        inprocess.stop()

    threading.Thread(target=watch, daemon=True).start()
    inprocess.run(Path(config), exit_after=timeout + 5)
    found = split_fades(inprocess.PROBE.draws)[:fades]
    return {
        "driver": inprocess.PROBE.driver,
        "fades": [
            {
                "frames": [d.ended - d.started for d in fade],
                "flips": [d.flip_seconds for d in fade],
                "intervals": [b.ended - a.ended for a, b in itertools.pairwise(fade)],
            }
            for fade in found
        ],
    }


def flips(count: int) -> dict:
    """Plain pygame, no kiosk: a 1920x1080 fullscreen window, a full-screen blit and a flip,
    `count` times; with whatever SDL_FRAMEBUFFER_ACCELERATION the environment holds."""
    import os

    import pygame

    pygame.display.init()
    screen = pygame.display.set_mode(SCREEN, pygame.FULLSCREEN)
    frame = pygame.Surface(SCREEN, 0, screen)
    frame.fill((90, 60, 30))
    times = []
    for index in range(count):
        frame.set_alpha(index * 4 % 256)
        started = time.perf_counter()
        screen.blit(frame, (0, 0))
        pygame.display.flip()
        times.append(time.perf_counter() - started)
        pygame.event.pump()
    rss = status_kib(os.getpid(), "VmRSS") or 0
    return {"times": times[5:], "rss_mb": rss / 1024}


def _flip_lever(ctx: Context) -> None:
    """SDL's own choice (no hint: what any pygame program gets) against 0 and 1."""
    runs: dict[str, list[dict]] = {"SDL default (no hint)": [], "=0": [], "=1 (GL)": []}
    hints = {"SDL default (no hint)": None, "=0": "0", "=1 (GL)": "1"}
    for _round in range(1 if ctx.quick else 3):
        for name, hint in hints.items():
            env = driver_env("x11", ctx.display, hint)
            result, problem = run_child("frames", ["flips", "--count", "65"], env, 120)
            if result is None:
                ctx.notes.append(f"figure 1 flip lever ({name}): {problem}")
                continue
            runs[name].append(result)
    for name, results in runs.items():
        ctx.details.append(
            Figure(
                "1 crossfade",
                f"plain pygame blit+flip, SDL_FRAMEBUFFER_ACCELERATION {name}, median",
                "x11",
                [median_or_nan(r["times"]) for r in results],
                "ms",
                scale=1000,
                digits=2,
            )
        )
        ctx.details.append(
            Figure(
                "1 crossfade",
                f"plain pygame RSS after 60 flips, SDL_FRAMEBUFFER_ACCELERATION {name}",
                "x11",
                [r["rss_mb"] for r in results],
                "MB",
            )
        )
    base = runs["SDL default (no hint)"]
    for name in ("=0", "=1 (GL)"):
        ctx.ratios.append(
            Figure(
                "1 crossfade",
                f"plain pygame blit+flip: {name} / SDL default (no hint)",
                "x11",
                [
                    median_or_nan(b["times"]) / median_or_nan(a["times"])
                    for a, b in zip(base, runs[name], strict=False)
                ],
                "x",
                digits=2,
            )
        )
    ctx.commands.append(
        "python -m bench.frames flips --count 65  (DISPLAY=:N, SDL_FRAMEBUFFER_ACCELERATION "
        "unset | 0 | 1)"
    )


def collect(ctx: Context) -> list[Figure]:
    fades_per_run = 1 if ctx.quick else 3
    rounds = 1 if ctx.quick else max(1, ctx.repeats - 1)
    photos = ctx.photos.detailed[:8]
    root = ctx.folder("frames")
    config = _write_exhibition(
        root / "exhibition",
        photos,
        duration=SLIDE_SECONDS,
        narration_cache=ctx.narration_cache,
        play_log=root / "play.jsonl",
    )
    variants = [v for v in VARIANTS if v[0] in ctx.drivers()]
    if not ctx.display:
        ctx.skip_x11("figure 1 (crossfade frame time)")
    results: dict[tuple, list[dict]] = {v: [] for v in variants}
    timeout = 10 + SLIDE_SECONDS * (fades_per_run + 2) * 2
    for _round in range(rounds):
        for driver, accel in variants:
            env = driver_env(driver, ctx.display, accel)
            args = ["child", "--config", str(config), "--fades", str(fades_per_run)]
            args += ["--timeout", str(timeout)]
            result, problem = run_child("frames", args, env, timeout + 30)
            if result is None:
                ctx.notes.append(f"figure 1 ({_name(driver, accel)}): {problem}")
                continue
            results[(driver, accel)].extend(result["fades"])
    ctx.commands.append(
        "python -m bench.frames child --config EXHIBITION --fades "
        f"{fades_per_run}  (x{rounds} rounds; SDL_VIDEODRIVER=dummy | DISPLAY=:N | "
        "DISPLAY=:N SDL_FRAMEBUFFER_ACCELERATION=0 | =1)"
    )
    figures = []
    for (driver, accel), fades in results.items():
        name = _name(driver, accel)
        medians = [median_or_nan(f["frames"]) for f in fades]
        p95s = [p95(f["frames"]) for f in fades]
        figures.append(Figure("1 crossfade", "frame time, median", name, medians, "ms", scale=1000))
        figures.append(
            Figure(
                "1 crossfade",
                "frame time, p95",
                name,
                p95s,
                "ms",
                target=8.0,
                target_text="p95 <= 8 ms",
                scale=1000,
            )
        )
        ctx.details.append(
            Figure(
                "1 crossfade",
                "sending alone (pygame.display.flip or update), median per fade",
                name,
                [median_or_nan(f["flips"]) for f in fades],
                "ms",
                scale=1000,
                digits=2,
            )
        )
        ctx.details.append(
            Figure(
                "1 crossfade",
                "frames per 1 s crossfade",
                name,
                [len(f["frames"]) for f in fades],
                "frames",
                digits=0,
            )
        )
        ctx.details.append(
            Figure(
                "1 crossfade",
                "frame interval (frame sent to frame sent), median per fade",
                name,
                [median_or_nan(f["intervals"]) for f in fades],
                "ms",
                scale=1000,
            )
        )
    default = results.get(("x11", None))
    for accel in ("0", "1"):
        other = results.get(("x11", accel))
        if not default or not other:
            continue
        for label, stat in (("median", median_or_nan), ("p95", p95)):
            pairs = [
                stat(b["frames"]) / stat(a["frames"])
                for a, b in zip(default, other, strict=False)
                if stat(a["frames"]) > 0
            ]
            ctx.ratios.append(
                Figure(
                    "1 crossfade",
                    f"frame time {label}: {_name('x11', accel)} / {_name('x11', None)}",
                    "x11",
                    pairs,
                    "x",
                    digits=2,
                )
            )
    if ctx.display:
        _flip_lever(ctx)
    ctx.notes.append(
        "Figure 1: there is no Ken Burns pan/zoom in the kiosk (transitions are crossfade and "
        "cut only), so there is no figure for one."
    )
    return figures


def _name(driver: str, accel: str | None) -> str:
    if driver == "dummy":
        return "dummy"
    if accel is None:
        return "x11 (kiosk's default)"
    return f"x11, SDL_FRAMEBUFFER_ACCELERATION={accel}" + (" (GL)" if accel == "1" else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["child", "flips"])
    parser.add_argument("--config")
    parser.add_argument("--fades", type=int, default=4)
    parser.add_argument("--count", type=int, default=65)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    if args.what == "flips":
        emit(flips(args.count))
    else:
        emit(child(args.config, args.fades, args.timeout))


if __name__ == "__main__":
    main()
