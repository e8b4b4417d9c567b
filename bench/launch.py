"""Figure 5: from launch to the first photo on screen, measured from outside, under Xvfb.

`kiosk run` starts as a subprocess on a fresh exhibition folder (new copies of three
4000x3000 scans, so nothing is cached for them anywhere), fullscreen at 1920x1080. The time
starts just before the process is spawned; the bench then reads one pixel of the X screen,
the centre of the photo area, where every test photo has a magenta disc, through libX11's
XGetImage every 2 ms, until it shows that colour. The method's resolution is the gap
between two reads (its median is reported, about 2.1 ms here). Each repeat launches twice:
on the fresh folder ("first launch"), then again on the same folder ("next launch"), when
what the first run kept on disk (renditions) can help, as on a kiosk PC every morning.

A breakdown replays the launch's steps one by one in a separate process (interpreter,
imports, exhibition, display, first decode), with the time since spawning and the RSS after
each, to show where the time and the memory floor go; it also times set_mode for a
borderless window of the screen's size, which skips the wait for a window manager's answer
that SDL does for a fullscreen window under X11 (up to 100 ms, all of it under Xvfb, which
has no window manager).

    python -m bench.launch steps --config PATH --t0 T   (run by bench/run.py)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    PATCH,
    SCREEN,
    Context,
    Figure,
    ScreenProbe,
    base_env,
    driver_env,
    emit,
    kiosk_command,
    photo_centre,
    run_child,
    status_kib,
    stop_process,
    write_exhibition,
)


def unique_copy(source: Path, target: Path) -> Path:
    """`source` with a JPEG comment added after its start marker: same picture, new bytes."""
    data = source.read_bytes()
    note = f"copy {target} {time.time_ns()}".encode()
    segment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data[:2] + segment + data[2:])
    return target


def launch_once(
    config: Path, display: str, probe: ScreenProbe, env_extra: dict[str, str] | None = None
) -> tuple[float | None, list[float]]:
    centre = photo_centre()
    probe.wait_for(centre, (0, 0, 0), 5, tolerance=60)  # the last kiosk's photo has gone
    env = driver_env("x11", display)
    env.update(env_extra or {})
    started = time.monotonic()
    process = subprocess.Popen(
        [*kiosk_command(), "run", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen, gaps = probe.wait_for(centre, PATCH, 30)
    stop_process(process)
    return (None if seen is None else seen - started), gaps


def steps(config: Path, t0: float) -> dict:
    """The launch replayed step by step; times since `t0` (the parent's monotonic clock,
    which is system-wide on Linux)."""
    marks: dict[str, list[float]] = {}

    def mark(step: str) -> None:
        marks[step] = [time.monotonic() - t0, (status_kib(os.getpid(), "VmRSS") or 0) / 1024]

    mark("interpreter up, bench module imported")
    import pygame

    mark("import pygame")
    import kiosk.app
    import kiosk.cli  # noqa: F401

    mark("import kiosk.app, kiosk.cli")
    from kiosk.content.exhibition import load_exhibition

    exhibition = load_exhibition(config)
    mark("load the exhibition")
    try:
        from kiosk.screen.display import open_display
    except ImportError:
        from kiosk.app import open_display  # type: ignore[attr-defined,no-redef]
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")  # as the kiosk's default
    pygame.display.init()
    mark("pygame.display.init()")
    open_display(True, SCREEN)
    mark("open_display: fullscreen set_mode")
    from kiosk.screen.images import decode_photo
    from kiosk.show.layout import usual_photo_area

    area = usual_photo_area(*SCREEN, exhibition.config.languages)
    decode_photo(exhibition.decks[0].slides[0].image, (area.w, area.h))
    mark("decode the first photo (no rendition)")
    pygame.display.quit()
    pygame.display.init()
    started = time.monotonic()
    pygame.display.set_mode(SCREEN, pygame.NOFRAME)
    marks["lever: a borderless 1920x1080 window instead (set_mode alone)"] = [
        time.monotonic() - started,
        0.0,
    ]
    return marks


def collect(ctx: Context) -> list[Figure]:
    if not ctx.display:
        ctx.skip_x11("figure 5 (launch to first photo)")
        return []
    repeats = 1 if ctx.quick else ctx.repeats + 2
    root = ctx.folder("launch")
    probe = ScreenProbe(ctx.display)
    first, again, gl, gaps = [], [], [], []
    try:
        for r in range(repeats):
            for name, results, extra in (
                ("cold", first, None),
                ("gl", gl, {"SDL_FRAMEBUFFER_ACCELERATION": "1"}),
            ):
                folder = root / f"{name}-{r}"
                photos = [
                    unique_copy(p, folder / "media" / p.name) for p in ctx.photos.detailed[:3]
                ]
                config = write_exhibition(
                    folder / "exhibition",
                    photos,
                    duration=12,
                    narration_cache=ctx.narration_cache,
                    play_log=folder / "play.jsonl",
                )
                seconds, polled = launch_once(config, ctx.display, probe, extra)
                results.append(float("nan") if seconds is None else seconds)
                gaps.extend(polled)
                if name == "cold":
                    seconds, polled = launch_once(config, ctx.display, probe)
                    again.append(float("nan") if seconds is None else seconds)
                    gaps.extend(polled)
        breakdown: dict[str, list[list[float]]] = {}
        python_alone = []
        for _ in range(repeats):
            started = time.monotonic()
            subprocess.run([sys.executable, "-c", "pass"], env=base_env(), check=False)
            python_alone.append(time.monotonic() - started)
            t0 = time.monotonic()
            args = ["steps", "--config", str(config), "--t0", repr(t0)]
            result, problem = run_child("launch", args, driver_env("x11", ctx.display), 60)
            if result is None:
                ctx.notes.append(f"figure 5 breakdown: {problem}")
                continue
            for step, at in result.items():
                breakdown.setdefault(step, []).append(at)
    finally:
        probe.close()
    resolution = statistics.median(gaps) * 1000 if gaps else float("nan")
    ctx.commands.append(
        f"{' '.join(kiosk_command())} run --config EXHIBITION  (DISPLAY=:N; the X screen "
        f"read at the photo's centre every {resolution:.1f} ms, median gap)"
    )
    ctx.notes.append(
        f"Figure 5: the probe read one pixel by XGetImage every {resolution:.1f} ms (median gap "
        f"over {len(gaps)} reads), so launch times are exact to about {resolution:.0f} ms."
    )
    misses = sum(v != v for v in first + again)
    if misses:
        ctx.notes.append(f"figure 5: the photo never showed in {misses} launches")
    target = {"target": 0.5, "target_text": "<= 0.5 s"}
    figures = [
        Figure(
            "5 launch",
            "launch to first photo, first launch (cold)",
            "x11",
            first,
            "s",
            digits=3,
            **target,
        ),
        Figure(
            "5 launch",
            "launch to first photo, next launch (renditions kept)",
            "x11",
            again,
            "s",
            digits=3,
            **target,
        ),
    ]
    ctx.details.append(
        Figure(
            "5 launch",
            "first launch with SDL_FRAMEBUFFER_ACCELERATION=1 (GL)",
            "x11",
            gl,
            "s",
            digits=3,
        )
    )
    ctx.details.append(
        Figure("5 launch", "breakdown: python -c pass", "x11", python_alone, "s", digits=3)
    )
    for step, values in breakdown.items():
        if step.startswith("lever"):
            ctx.details.append(
                Figure("5 launch", step, "x11", [v[0] for v in values], "s", digits=3)
            )
            continue
        ctx.details.append(
            Figure(
                "5 launch",
                f"breakdown: {step} (since spawn)",
                "x11",
                [v[0] for v in values],
                "s",
                digits=3,
            )
        )
        ctx.details.append(
            Figure(
                "5 launch",
                f"breakdown: RSS after {step}",
                "x11",
                [v[1] for v in values],
                "MB",
                digits=1,
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["steps"])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--t0", type=float, required=True)
    args = parser.parse_args()
    emit(steps(args.config, args.t0))


if __name__ == "__main__":
    main()
