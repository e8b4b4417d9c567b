"""The soak's figures: least-squares slopes of its samples, and the text it prints.
See bench/soak.py for what is measured and why."""

from __future__ import annotations

import argparse
from dataclasses import asdict, dataclass

from bench.memory import fit

WARM_UP_SECONDS = 120.0
DAY = 86_400.0


@dataclass
class Sample:
    seconds: float
    """Real seconds since the show started."""
    changes: int
    rss_mb: float
    fds: int
    threads: int
    workers: int
    """Child processes (narration workers) alive."""
    workers_rss_mb: float


def per(xs: list[float], ys: list[float], scale: float) -> tuple[float, float]:
    b, error = fit(xs, ys)
    return b * scale, error * scale


def rss_floors(kept: list[Sample]) -> tuple[list[float], list[float]]:
    """(mean slide changes, lowest RSS) of each whole minute of samples: photo buffers come
    and go, so RSS swings by several MB from one sample to the next; the floor is steadier
    (as in bench/memory.py's growth figure)."""
    minutes: dict[int, list[Sample]] = {}
    for s in kept:
        minutes.setdefault(int(s.seconds // 60), []).append(s)
    windows = list(minutes.values())
    xs = [sum(s.changes for s in w) / len(w) for w in windows]
    return xs, [min(s.rss_mb for s in w) for w in windows]


def summarise(args: argparse.Namespace, out: dict) -> dict:
    samples = [Sample(**s) if isinstance(s, dict) else s for s in out["samples"]]
    warm_up = min(WARM_UP_SECONDS, args.minutes * 60 / 4)
    kept = [s for s in samples if s.seconds >= warm_up] or samples
    seconds = [s.seconds for s in kept]
    changes = [float(s.changes) for s in kept]
    summary = {
        "warm_up_seconds": warm_up,
        "samples_used": len(kept),
        "rss_mb_per_100k_changes": per(changes, [s.rss_mb for s in kept], 100_000),
        "rss_mb_per_day": per(seconds, [s.rss_mb for s in kept], DAY),
        "fds_per_day": per(seconds, [float(s.fds) for s in kept], DAY),
        "threads_per_day": per(seconds, [float(s.threads) for s in kept], DAY),
        "workers_rss_mb_per_day": per(seconds, [s.workers_rss_mb for s in kept], DAY),
    }
    for name in ("rss_mb", "fds", "threads", "workers", "workers_rss_mb"):
        values = [getattr(s, name) for s in samples]
        summary[f"{name}_min_max"] = (min(values), max(values))
    floors = rss_floors(kept)
    summary["rss_floor_mb_per_100k_changes"] = per(*floors, 100_000)
    rss_slope = summary["rss_floor_mb_per_100k_changes"][0]
    summary["targets"] = {
        "RSS floor <= 2 MB per 100,000 changes": rss_slope <= 2.0,
        "fds constant (less than 1 a day)": abs(summary["fds_per_day"][0]) < 1,
        "threads constant (less than 1 a day)": abs(summary["threads_per_day"][0]) < 1,
    }
    return summary


def report(args: argparse.Namespace, out: dict, summary: dict) -> str:
    counts, last = out["counts"], out["samples"][-1]
    last = last if isinstance(last, dict) else asdict(last)

    def slope(key: str, unit: str) -> str:
        value, error = summary[key]
        return f"{value:+.2f} {unit} (standard error {error:.2f})"

    def span(key: str, digits: int = 0) -> str:
        low, high = summary[f"{key}_min_max"]
        return f"{low:.{digits}f}-{high:.{digits}f}"

    narration = "off (visitors may still turn it on)" if args.no_narration else "on"
    lines = [
        f"soak: shipped exhibition at --speed {args.speed:g}, narration {narration}, random "
        f"visitor input, a deck edit every {args.edit_seconds:g} s (valid and broken in turn)",
        f"duration {last['seconds'] / 60:.1f} min real; stopped: {out['stopped']}",
        f"slide changes {counts.get('slide', 0):,}; deck saves {out['edits']}; reloads applied "
        f"{counts.get('reload applied', 0)}, rejected {counts.get('reload rejected', 0)}",
        f"narration starts {counts.get('narration start', 0):,}; loop faults {out['faults']}",
        f"samples every {args.sample_seconds:g} s: {len(out['samples'])}; the first "
        f"{summary['warm_up_seconds']:.0f} s (warm-up: caches filling) left out of the slopes",
        f"RSS {span('rss_mb', 1)} MB; slope {slope('rss_mb_per_100k_changes', 'MB')} "
        f"per 100,000 changes, {slope('rss_mb_per_day', 'MB')} per day",
        f"RSS floor (lowest each minute): slope {slope('rss_floor_mb_per_100k_changes', 'MB')} "
        "per 100,000 changes (the one judged against the target)",
        f"open fds {span('fds')}; slope {slope('fds_per_day', '')} per day",
        f"threads {span('threads')}; slope {slope('threads_per_day', '')} per day",
        f"narration workers {span('workers')}, their RSS {span('workers_rss_mb', 1)} MB; "
        f"slope {slope('workers_rss_mb_per_day', 'MB')} per day",
    ]
    lines += [
        f"target {name}: {'yes' if met else 'NO'}" for name, met in summary["targets"].items()
    ]
    return "\n".join(lines)
