"""Figure 3: from a key press to the new slide's first complete frame, at 1920x1080.

The real kiosk runs in this process (`run_show`, fullscreen) on 24 slides of 4000x3000
photos that stay 600 s each, so only the keys move it. The loop runs normally: it sleeps or
blocks between passes. A helper thread waits until the screen is still and every reachable
slide is prepared, waits a random 50-450 ms more, then posts a KEYDOWN (`pygame.event.post`
is thread-safe) and notes the time. The time is taken again when `pygame.display.flip`
returns for the first frame whose slide is the one the key asked for. With a crossfade, that
first frame is the fade's first frame: the first complete frame of the new slide's
transition, which is the definition this figure uses. In it the new slide is blended over
the old one at opacity round(255 x progress), and progress is 0 on that first frame, so it
still looks like the old slide; the first frame where the new slide is visible is the
fade's second, one frame period (the loop's FRAME_SECONDS) later, given as a breakdown.

- Right: next, prefetched (its frame composed while the screen was still).
- Left: previous, prefetched.
- Home from 20 slides in: the first slide, not prefetched: reached in two bursts of ten
  Right presses, so its photo and frame have left the kiosk's memory (checked and reported).
  Twice: as it comes (the kiosk keeps a screen-sized rendition of every photo it has shown
  on disk, so the jump reads that), and with the renditions folder emptied just before the
  press, as for a photo never shown before (the scan itself is decoded).

One warm-up Right press comes first and is not counted (it also makes a visitor present, so
the dummy driver's loop polls at 60 Hz as it does for a visitor, not at 30 Hz).

    python -m bench.latency child --config PATH --trials N   (run by bench/run.py)
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from pathlib import Path

from bench.common import Context, Figure, driver_env, emit, run_child, write_exhibition

SLIDES = 24
FAR = 20


def child(config: str, trials: int, bursts: int, seed: int, timeout: float) -> dict:
    import pygame

    from bench import inprocess
    from kiosk.show import player

    probe = inprocess.PROBE
    got: dict[str, list] = {"right": [], "left": [], "home": [], "home_scan": [], "cold": []}
    waits: dict[str, list] = {"right": [], "left": [], "home": [], "home_scan": []}
    visible: dict[str, list] = {"right": [], "left": [], "home": [], "home_scan": []}
    renditions = Path(config).resolve().parent.parent / "cache" / "renditions"
    received: list[float] = []
    rnd = random.Random(seed)
    failures: list[str] = []

    def still_after(mark: int, limit: float = 20.0) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if probe.still.is_set() and probe.still_at > mark:
                return True
            time.sleep(0.005)
        return False

    def press(key: int) -> float:
        event = pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        posted = time.perf_counter()
        pygame.event.post(event)
        return posted

    def trial(key: int, target: object, name: str | None) -> None:
        time.sleep(rnd.uniform(0.05, 0.45))
        flips_before = len(probe.flips)
        received_before = len(received)
        posted = press(key)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            shown = [t for t, slide in probe.flips[flips_before:] if slide == target]
            if shown:
                if name is not None:
                    got[name].append(shown[0] - posted)
                    if len(received) > received_before:
                        waits[name].append(received[received_before] - posted)
                break
            time.sleep(0.002)
        else:
            failures.append(f"{name or 'step'}: the new slide never showed")
        still_after(len(probe.draws))
        shown = [t for t, slide in probe.flips[flips_before:] if slide == target]
        if name is not None and shown:
            # A fade's first frame blends the new slide in at opacity 0; the next one shows it.
            visible[name].append(shown[min(1, len(shown) - 1)] - posted)

    def drive() -> None:
        try:
            if not probe.started.wait(30):
                failures.append("the show never started")
                return
            show = probe.show
            mapper = show.mapper
            original_map = mapper.map_event

            def map_event(event: pygame.event.Event):
                if event.type == pygame.KEYDOWN:
                    received.append(time.perf_counter())
                return original_map(event)

            mapper.map_event = map_event
            still_after(-1, 30)

            def target(delta: int) -> object:
                state = show.state
                return player.slide_at(state, player.step(state.decks, state.position, delta))

            trial(pygame.K_RIGHT, target(+1), None)  # warm-up: a visitor arrives
            for _ in range(trials):
                trial(pygame.K_RIGHT, target(+1), "right")
                trial(pygame.K_LEFT, target(-1), "left")
            first = show.state.decks[0].slides[0]
            per_burst = max(1, FAR // bursts)
            for _ in range(trials):
                for name in ("home", "home_scan"):
                    for _burst in range(bursts):
                        for _press in range(per_burst):
                            press(pygame.K_RIGHT)
                        time.sleep(0.3)
                        still_after(len(probe.draws))
                    if name == "home_scan":  # no rendition on disk: decode the scan itself
                        for kept in renditions.glob("*.jpg"):
                            kept.unlink()
                    ready = getattr(show.photos, "_ready", None)
                    frames = getattr(show.renderer, "_frames", None)
                    cold = None
                    if ready is not None and frames is not None:
                        cold = first.image not in ready and all(k.slide != first for k in frames)
                    got["cold"].append(cold)
                    trial(pygame.K_HOME, first, name)
        except Exception as exc:  # a benchmark reports, it does not crash
            failures.append(repr(exc))
        finally:
            inprocess.stop()

    threading.Thread(target=drive, daemon=True).start()
    inprocess.run(Path(config), exit_after=timeout)
    return {
        "driver": probe.driver,
        **got,
        "waits": waits,
        "visible": visible,
        "failures": failures,
    }


def collect(ctx: Context) -> list[Figure]:
    trials = 1 if ctx.quick else ctx.repeats + 2
    slides = 8 if ctx.quick else SLIDES
    bursts = 2
    root = ctx.folder("latency")
    config = write_exhibition(
        root / "exhibition",
        ctx.photos.detailed[:slides],
        duration=600,
        narration_cache=ctx.narration_cache,
        play_log=root / "play.jsonl",
    )
    if not ctx.display:
        ctx.skip_x11("figure 3 (input to first frame)")
    figures = []
    timeout = 30 + trials * (8 + bursts * 3)
    for driver in ctx.drivers():
        args = ["child", "--config", str(config), "--trials", str(trials)]
        args += ["--bursts", str(bursts), "--timeout", str(timeout)]
        result, problem = run_child("latency", args, driver_env(driver, ctx.display), timeout + 30)
        if result is None:
            ctx.notes.append(f"figure 3 ({driver}): {problem}")
            continue
        for failure in result["failures"]:
            ctx.notes.append(f"figure 3 ({driver}): {failure}")
        far = FAR if not ctx.quick else "a few"
        for name, label, target in (
            ("right", "Right (next, prefetched) to first frame", 17.0),
            ("left", "Left (previous, prefetched) to first frame", 17.0),
            ("home", f"Home from {far} slides in (not in memory; rendition on disk)", 50.0),
            ("home_scan", f"Home from {far} slides in (not in memory; no rendition)", 50.0),
        ):
            figures.append(
                Figure(
                    "3 input latency",
                    label,
                    driver,
                    result[name],
                    "ms",
                    target=target,
                    target_text=f"<= {target:g} ms",
                    scale=1000,
                )
            )
            ctx.details.append(
                Figure(
                    "3 input latency",
                    f"{name}: key posted to the first frame with the new slide visible "
                    "(opacity > 0: the fade's second frame)",
                    driver,
                    result.get("visible", {}).get(name, []),
                    "ms",
                    scale=1000,
                )
            )
            ctx.details.append(
                Figure(
                    "3 input latency",
                    f"{name}: key posted to key read by the loop (wake-up)",
                    driver,
                    result["waits"][name],
                    "ms",
                    scale=1000,
                )
            )
        cold = result["cold"]
        if cold and not all(c is True for c in cold):
            ctx.notes.append(
                f"figure 3 ({driver}): the first slide was still cached before "
                f"{sum(c is not True for c in cold)} of {len(cold)} Home presses "
                "(or the caches could not be inspected)"
            )
    ctx.commands.append(
        f"python -m bench.latency child --config EXHIBITION --trials {trials} --bursts {bursts}"
        "  (SDL_VIDEODRIVER=dummy | DISPLAY=:N)"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["child"])
    parser.add_argument("--config", required=True)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--bursts", type=int, default=4)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    emit(child(args.config, args.trials, args.bursts, args.seed, args.timeout))


if __name__ == "__main__":
    main()
