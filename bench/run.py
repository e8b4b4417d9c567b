"""Run the kiosk's benchmarks, print the table, and write bench/RESULTS.md.

    .venv/bin/python bench/run.py [--quick] [--only NAME...] [--repeats N] [--out PATH]
                                  [--skip NAME...] [--no-xvfb] [--keep]

Every figure is a median with its min-max over repeats; every comparison is a ratio of
figures measured side by side in this run. Benchmarks print figures and are not tests: the
run never fails on a time. The full run takes about 15 minutes on a 2-core machine; --quick
(tiny inputs, one repeat, short windows) takes well under a minute.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    REPO,
    Context,
    Figure,
    PhotoSet,
    Xvfb,
    as_rows,
    compile_kiosk,
    figures_from,
    fill_narration_cache,
    machine_facts,
    write_exhibition,
)
from bench.report import measured_at, print_table, write_results

GROUPS = {
    "decode": "decode",
    "frames": "frames",
    "latency": "latency",
    "idle": "idle",
    "launch": "launch",
    "memory": "memory",
    "peers": "peers",
    "wayland": "wayland",
    "pi4": "pi4",
    "narration": "speech",
}
"""Group name -> module in bench/, in the order they run."""
DETAILED = {
    "frames": 8,
    "latency": 24,
    "idle": 1,
    "launch": 3,
    "peers": 10,
    "wayland": 10,
    "pi4": 10,
}
LIGHT = {"memory": 200}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs, one repeat, <60 s")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(GROUPS),
        metavar="NAME",
        help=f"run only these groups: {', '.join(GROUPS)}",
    )
    parser.add_argument(
        "--skip",
        nargs="+",
        default=[],
        choices=list(GROUPS),
        metavar="NAME",
        help="run every group but these",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="repeats of the costliest figures (default 3); cheaper ones take 2 more",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "bench" / "RESULTS.md",
        help="where to write the results (default bench/RESULTS.md)",
    )
    parser.add_argument(
        "--no-xvfb",
        action="store_true",
        help="skip everything that needs an X server (dummy driver only)",
    )
    parser.add_argument(
        "--growth-seconds",
        type=float,
        default=120.0,
        metavar="S",
        help="length of figure 6's memory-growth run (default 120; 3600 for a real soak)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (with results.json)"
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="RESULTS_JSON",
        help="measure nothing: write the report again from a kept run's results.json",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.from_json:
        return report_again(args.from_json, args.out)
    started = time.monotonic()
    groups = [g for g in args.only or list(GROUPS) if g not in args.skip]
    repeats = 1 if args.quick else max(1, args.repeats)
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    notes: list[str] = []
    facts = machine_facts()  # before measuring: the code measured is the code described
    compile_kiosk()
    try:
        size = (800, 600) if args.quick else (4000, 3000)
        detailed = max((DETAILED.get(g, 0) for g in groups), default=0)
        light = max((LIGHT.get(g, 0) for g in groups), default=0)
        if args.quick:
            detailed, light = min(detailed, 10), min(light, 10)
        _say(f"making test photos ({detailed} detailed, {light} light, {size[0]}x{size[1]})")
        photos = PhotoSet.make(work / "photos", max(1, detailed), light, size)
        narration_cache = work / "narration"
        seed = write_exhibition(
            work / "narration-seed",
            photos.detailed[:1],
            duration=12,
            narration_cache=narration_cache,
        )
        problem = fill_narration_cache(seed)
        if problem:
            notes.append(problem)
        xvfb = None
        if args.no_xvfb:
            notes.append("--no-xvfb: the figures that need an X server were skipped.")
        elif not Xvfb.available():
            notes.append(
                "Xvfb is not installed (apt-get install xvfb): the figures that need "
                "an X server were skipped."
            )
        else:
            xvfb = Xvfb().__enter__()
        try:
            ctx = Context(
                quick=args.quick,
                repeats=repeats,
                work=work,
                photos=photos,
                narration_cache=narration_cache,
                display=xvfb.display if xvfb else None,
                notes=notes,
                growth_seconds=args.growth_seconds,
            )
            figures = run_groups(ctx, groups)
        finally:
            if xvfb is not None:
                xvfb.__exit__(None, None, None)
        command = " ".join([".venv/bin/python", "bench/run.py", *map(shlex.quote, sys.argv[1:])])
        minutes = (time.monotonic() - started) / 60
        print_table(figures, ctx)
        save(work / "results.json", figures, ctx, facts, command, minutes, groups)
        write_results(args.out, figures, ctx, facts, command, minutes, groups)
        _say(f"wrote {args.out} ({minutes:.1f} min)")
    finally:
        if args.keep:
            _say(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def save(
    path: Path,
    figures: list[Figure],
    ctx: Context,
    facts: dict[str, str],
    command: str,
    minutes: float,
    groups: list[str],
) -> None:
    data = {
        "figures": as_rows(figures),
        "ratios": as_rows(ctx.ratios),
        "details": as_rows(ctx.details),
        "notes": ctx.notes,
        "commands": ctx.commands,
        "facts": facts,
        "command": command,
        "minutes": minutes,
        "groups": groups,
        "quick": ctx.quick,
        "repeats": ctx.repeats,
        "work": str(ctx.work),
        "when": measured_at(),
    }
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def report_again(saved: Path, out: Path) -> int:
    data = json.loads(saved.read_text(encoding="utf-8"))
    work = Path(data["work"])
    ctx = Context(
        quick=data["quick"],
        repeats=data["repeats"],
        work=work,
        photos=PhotoSet(work / "photos"),
        narration_cache=work / "narration",
        display=None,
        commands=data["commands"],
        notes=data["notes"],
        ratios=figures_from(data["ratios"]),
        details=figures_from(data["details"]),
    )
    figures = figures_from(data["figures"])
    ctx.notes.append(
        f"This report was written again from the run's saved figures ({saved.name}, with "
        "bench/run.py --from-json): the figures are that run's own."
    )
    print_table(figures, ctx)
    when = data.get("when") or measured_at(saved.stat().st_mtime)
    write_results(
        out, figures, ctx, data["facts"], data["command"], data["minutes"], data["groups"], when
    )
    _say(f"wrote {out} from {saved}")
    return 0


def run_groups(ctx: Context, groups: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    for index, name in enumerate(groups, 1):
        began = time.monotonic()
        _say(f"[{index}/{len(groups)}] {name} ...")
        try:
            module = importlib.import_module(f"bench.{GROUPS[name]}")
            figures.extend(module.collect(ctx))
        except Exception as exc:  # one broken group must not cost the others
            last = traceback.format_exception_only(exc)[-1].strip()
            ctx.notes.append(f"{name}: the benchmark failed: {last}")
            traceback.print_exc()
        _say(f"[{index}/{len(groups)}] {name} done in {time.monotonic() - began:.0f} s")
    return figures


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
