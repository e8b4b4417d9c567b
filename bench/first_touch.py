"""Figure 3, last row: a first touch while nobody is there, to the first frame that shows it.

Part of the latency group (bench/latency.py, whose docstring is the method in RESULTS.md).
While nobody is there, a driver that cannot block on input (dummy, KMSDRM) looks for it only
every IDLE_POLL_SECONDS; this measures what a visitor's first tap then waits. The exhibition
returns to the attract loop after IDLE_TIMEOUT seconds without input, so the trials repeat.

    python -m bench.first_touch child --config PATH --trials N   (run by bench/latency.py)
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from pathlib import Path

from bench.common import Context, Figure, driver_env, emit, run_child, write_exhibition

IDLE_TIMEOUT = 5
"""Seconds without input before the attract loop returns: the least the config allows."""
SLIDES = 8
TAP = (0.85, 0.45)
"""Where the finger lands, as fractions of the screen: the right third, above the controls,
which turns to the next slide."""


def child(config: str, trials: int, seed: int, timeout: float) -> dict:
    import pygame

    from bench import inprocess
    from kiosk.show import player

    probe = inprocess.PROBE
    got: dict[str, list] = {"seen": [], "read": [], "after_read": [], "opacity": [], "actions": []}
    received: list[float] = []
    rnd = random.Random(seed)
    failures: list[str] = []

    def unattended_and_still(limit: float) -> bool:
        """Nobody there, the idle return's fade over, every reachable slide prepared."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and probe.show.state.visitor_present:
            time.sleep(0.01)
        mark = len(probe.draws)
        while time.monotonic() < deadline:
            if probe.still.is_set() and probe.still_at > mark:
                return not probe.show.state.visitor_present
            time.sleep(0.005)
        return False

    def tap() -> float:
        where = {"touch_id": 1, "finger_id": 0, "x": TAP[0], "y": TAP[1], "dx": 0.0, "dy": 0.0}
        pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, pressure=1.0, **where))
        posted = time.perf_counter()
        pygame.event.post(pygame.event.Event(pygame.FINGERUP, pressure=0.0, **where))
        return posted

    def trial(show: object) -> None:
        if not unattended_and_still(IDLE_TIMEOUT + 15):
            failures.append("the screen never came to rest with nobody there")
            return
        time.sleep(rnd.uniform(0.05, 0.45))
        if show.state.visitor_present:
            failures.append("a visitor was present before the touch")
            return
        state = show.state
        target = player.slide_at(state, player.step(state.decks, state.position, +1))
        since, before = len(probe.shown), len(received)
        posted = tap()
        showing = inprocess.wait_for_showing(since, target, 10)
        if showing is None:
            failures.append("the next slide never showed after a touch")
            return
        got["seen"].append(showing.at - posted)
        if len(received) > before:
            got["read"].append(received[before] - posted)
            got["after_read"].append(showing.at - received[before])
        first = inprocess.first_frame(since, target)
        got["opacity"].append(first.opacity if first is not None else -1)

    def drive() -> None:
        try:
            if not probe.started.wait(30):
                failures.append("the show never started")
                return
            show = probe.show
            original_map = show.mapper.map_event

            def map_event(event: pygame.event.Event):
                outcome = original_map(event)
                if event.type == pygame.FINGERUP:
                    received.append(time.perf_counter())
                    got["actions"].append(str(getattr(outcome, "action", outcome)))
                return outcome

            show.mapper.map_event = map_event
            for _ in range(trials):
                trial(show)
        except Exception as exc:  # a benchmark reports, it does not crash
            failures.append(repr(exc))
        finally:
            inprocess.stop()

    threading.Thread(target=drive, daemon=True).start()
    inprocess.run(Path(config), exit_after=timeout)
    return {"driver": probe.driver, **got, "failures": failures}


def collect(ctx: Context) -> list[Figure]:
    """Run by bench.latency.collect, after the keys."""
    trials = 2 if ctx.quick else ctx.repeats + 2
    root = ctx.folder("first-touch")
    config = write_exhibition(
        root / "exhibition",
        ctx.photos.detailed[:SLIDES],
        duration=600,
        narration_cache=ctx.narration_cache,
        play_log=root / "play.jsonl",
        idle_timeout=IDLE_TIMEOUT,
    )
    figures = []
    timeout = 40 + trials * (IDLE_TIMEOUT + 5)
    for driver in ctx.drivers():
        args = ["child", "--config", str(config), "--trials", str(trials)]
        args += ["--timeout", str(timeout)]
        env = driver_env(driver, ctx.display)
        result, problem = run_child("first_touch", args, env, timeout + 30)
        if result is None:
            ctx.notes.append(f"figure 3, first touch ({driver}): {problem}")
            continue
        for failure in result["failures"]:
            ctx.notes.append(f"figure 3, first touch ({driver}): {failure}")
        actions = sorted(set(result["actions"]))
        if actions != ["Action.NEXT"]:
            ctx.notes.append(f"figure 3, first touch ({driver}): the taps meant {actions}")
        figures.append(
            Figure(
                "3 input latency",
                "First touch while nobody is there (a tap: next): to the first frame "
                "showing the new slide",
                driver,
                result["seen"],
                "ms",
                target=100.0,
                target_text="<= 100 ms",
                scale=1000,
            )
        )
        for label, key in (
            ("first touch: finger lifted to the touch read by the loop (the idle poll)", "read"),
            ("first touch: touch read to the first frame showing the new slide", "after_read"),
        ):
            values = result[key]
            ctx.details.append(Figure("3 input latency", label, driver, values, "ms", scale=1000))
        ctx.details.append(
            Figure(
                "3 input latency",
                "first touch: opacity of the new slide in the first frame, in 255ths",
                driver,
                result["opacity"],
                "/255",
                digits=0,
            )
        )
    ctx.commands.append(
        f"python -m bench.first_touch child --config EXHIBITION --trials {trials}"
        f"  (idle_timeout: {IDLE_TIMEOUT}; SDL_VIDEODRIVER=dummy | DISPLAY=:N)"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["child"])
    parser.add_argument("--config", required=True)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    emit(child(args.config, args.trials, args.seed, args.timeout))


if __name__ == "__main__":
    main()
