"""Figure 3: from a key press or a touch to the first frame that shows the change, at 1920x1080.

The real kiosk runs in this process (`run_show`, fullscreen) on 24 slides of 4000x3000
photos that stay 600 s each, so only the keys move it. The loop runs normally: it sleeps or
blocks between passes. A helper thread waits until the screen is still and every reachable
slide is prepared, waits a random 50-450 ms more, then posts the input (`pygame.event.post`
is thread-safe) and notes the time. Every frame the kiosk sends to the screen, by
`pygame.display.flip` or by `pygame.display.update` (a fade's later frames send only the
regions that change), is noted with the slide it is drawn for and that slide's opacity in it:
the alpha its frame is blended at over the old one by `Fade.blend` (0 to 255), or 255 when it
is drawn without a blend. The figure is the time from the input to the moment the flip or
update returns for the first frame in which the slide asked for has an opacity above 0: the
first frame that shows the change. The crossfade starts one frame period in
(`kiosk.screen.fade.Fade.begin`), so that is normally the transition's first frame, blended
at round(255 x FRAME_SECONDS / transition_seconds), 8 or 9 of 255 (8.5 rounded either way by
float error) with the 1 s crossfade used here; the opacity of each first frame is given as a
breakdown, and, if it ever differs, the time to the first frame of the new slide's
transition (drawn but not yet seen).

- Right: next, prefetched (its frame composed while the screen was still).
- Left: previous, prefetched.
- Home from 20 slides in: the first slide, not prefetched: reached in two bursts of ten
  Right presses, so its photo and frame have left the kiosk's memory (checked and reported).
  Twice: as it comes (the kiosk keeps a screen-sized rendition of every photo it has shown
  on disk, so the jump reads that), and with the renditions folder emptied just before the
  press, as for a scan never shown before (the scan itself is decoded).

One warm-up Right press comes first and is not counted (it also makes a visitor present, so
the dummy driver's loop polls at 60 Hz as it does for a visitor). The time from the key's
posting to the moment the loop reads it (the wake-up) is a breakdown.

First touch while nobody is there: a second kiosk, on 8 of the same slides, whose exhibition
returns to the attract loop after 5 s without input (`idle_timeout: 5`, the shortest the
config allows), so the trials can repeat. While nobody is there, drivers that cannot block on
input (dummy, KMSDRM) look for it only every IDLE_POLL_SECONDS (1/12 s), not every frame.
Each trial waits until nobody is there and the screen is still (the first before any input;
the others after the idle return and its fade), waits a random 50-450 ms more, and then taps
the right third of the screen, which turns to the next slide: a FINGERDOWN and a FINGERUP
posted together (the kiosk acts on the finger's release). Measured from the FINGERUP's
posting: to the first frame that shows the next slide (as above), and, as a breakdown, to
the loop reading it (what the idle poll costs) and from there to that frame.

    python -m bench.latency child --config PATH --trials N   (run by bench/run.py)
    python -m bench.first_touch child --config PATH --trials N
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from pathlib import Path

from bench import first_touch
from bench.common import Context, Figure, driver_env, emit, run_child, write_exhibition

SLIDES = 24
FAR = 20


NAMES = ("right", "left", "home", "home_scan")


def child(config: str, trials: int, bursts: int, seed: int, timeout: float) -> dict:
    import pygame

    from bench import inprocess
    from kiosk.show import player

    probe = inprocess.PROBE
    seen: dict[str, list] = {name: [] for name in NAMES}
    """Key posted to the first frame showing the new slide (opacity > 0)."""
    framed: dict[str, list] = {name: [] for name in NAMES}
    """Key posted to the first frame drawn for the new slide, seen or not."""
    waits: dict[str, list] = {name: [] for name in NAMES}
    opacity: list[int] = []
    cold: list[bool | None] = []
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
        since = len(probe.shown)
        received_before = len(received)
        posted = press(key)
        showing = inprocess.wait_for_showing(since, target, 10)
        if showing is None:
            failures.append(f"{name or 'step'}: the new slide never showed")
        elif name is not None:
            first = inprocess.first_frame(since, target)
            assert first is not None
            seen[name].append(showing.at - posted)
            framed[name].append(first.at - posted)
            opacity.append(first.opacity)
            if len(received) > received_before:
                waits[name].append(received[received_before] - posted)
        still_after(len(probe.draws))

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
                    out = None
                    if ready is not None and frames is not None:
                        out = first.image not in ready and all(k.slide != first for k in frames)
                    cold.append(out)
                    trial(pygame.K_HOME, first, name)
        except Exception as exc:  # a benchmark reports, it does not crash
            failures.append(repr(exc))
        finally:
            inprocess.stop()

    threading.Thread(target=drive, daemon=True).start()
    inprocess.run(Path(config), exit_after=timeout)
    return {
        "driver": probe.driver,
        "seen": seen,
        "framed": framed,
        "waits": waits,
        "opacity": opacity,
        "cold": cold,
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
        figures += _key_figures(ctx, driver, result)
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
    return figures + first_touch.collect(ctx)


def _key_figures(ctx: Context, driver: str, result: dict) -> list[Figure]:
    """The headline rows of one driver's keys; their breakdowns go to `ctx.details`."""
    far = FAR if not ctx.quick else "a few"
    figures = []
    for name, label, target in (
        ("right", "Right (next, prefetched)", 17.0),
        ("left", "Left (previous, prefetched)", 17.0),
        ("home", f"Home from {far} slides in (not in memory; rendition on disk)", 50.0),
        (
            "home_scan",
            f"Home from {far} slides in (not in memory; no rendition, never shown)",
            50.0,
        ),
    ):
        seen, framed = result["seen"][name], result["framed"][name]
        figures.append(
            Figure(
                "3 input latency",
                f"{label}: key to the first frame showing the new slide",
                driver,
                seen,
                "ms",
                target=target,
                target_text=f"<= {target:g} ms",
                scale=1000,
            )
        )
        if framed != seen:
            ctx.details.append(
                Figure(
                    "3 input latency",
                    f"{name}: key to the first frame of the new slide's transition "
                    "(drawn at opacity 0: not seen yet)",
                    driver,
                    framed,
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
    ctx.details.append(
        Figure(
            "3 input latency",
            "opacity of the new slide in the first frame after a key, in 255ths "
            "(above 0: that frame shows the change)",
            driver,
            result["opacity"],
            "/255",
            digits=0,
        )
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
