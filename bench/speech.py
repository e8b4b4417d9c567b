"""The narration figures of bench/narration.py, in the overall run (its own process).

python -m bench.speech child --repeats N [--quick]   (run by bench/run.py)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.common import Context, Figure, base_env, emit, run_child


def child(repeats: int, quick: bool) -> dict:
    from bench import narration

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        out = {"settle": narration.settle_to_sound(repeats, work)}
        if not quick:
            fewer = max(1, repeats // 2)
            out["throughput"] = narration.synthesis_throughput(fewer, work)
            out["whole"] = narration.narrate_whole_exhibition(fewer, work)
    return out


def collect(ctx: Context) -> list[Figure]:
    if shutil.which("espeak-ng") is None:
        ctx.notes.append(
            "narration figures: skipped, espeak-ng is not installed (apt-get install espeak-ng)"
        )
        return []
    repeats = 1 if ctx.quick else ctx.repeats + 2
    args = ["child", "--repeats", str(repeats), *(["--quick"] if ctx.quick else [])]
    result, problem = run_child("speech", args, base_env(), 600)
    ctx.commands.append(
        f"python -m bench.speech {' '.join(args[1:])}  (the figures of bench/narration.py)"
    )
    if result is None:
        ctx.notes.append(f"narration figures: {problem}")
        return []
    figures = [
        Figure(
            "narration",
            "slide settled to first audible sample (warm cache)",
            "dummy+disk audio",
            result["settle"],
            "ms",
            target=50.0,
            target_text="<= 50 ms",
            scale=1000,
        )
    ]
    if "throughput" in result:
        figures.append(
            Figure("narration", "synthesis throughput", "-", result["throughput"], "s speech/s")
        )
        figures.append(
            Figure(
                "narration",
                "kiosk narrate, whole exhibition, empty cache",
                "-",
                result["whole"],
                "s",
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["child"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    emit(child(args.repeats, args.quick))


if __name__ == "__main__":
    main()
