"""The table on the terminal and bench/RESULTS.md."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bench.common import REPO, SCREEN, Context, Figure
from bench.gaps import explain, observations
from bench.summary import summary

HEADER = ("figure", "what", "driver", "median", "min-max", "n", "target", "met?")
METHOD_MODULES = (
    "frames",
    "idle",
    "latency",
    "decode",
    "launch",
    "memory",
    "peers",
    "wayland",
    "pi4",
)


def measured_at(timestamp: float | None = None) -> str:
    moment = datetime.now() if timestamp is None else datetime.fromtimestamp(timestamp)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def rows(figures: Sequence[Figure]) -> list[tuple[str, ...]]:
    return [
        (
            f.key,
            f.label,
            f.driver,
            f.median_text,
            f.range_text,
            str(len(f.shown)),
            f.target_text,
            f.met_text,
        )
        for f in figures
    ]


def text_table(figures: Sequence[Figure]) -> list[str]:
    table = [HEADER, *rows(figures)]
    widths = [min(70, max(len(row[i]) for row in table)) for i in range(len(HEADER))]
    lines = []
    for row in table:
        cells = [cell[:width].ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def markdown_table(figures: Sequence[Figure]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows(figures):
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    return lines


def _tidy(command: str, ctx: Context) -> str:
    """Commands as they read from the repository: WORK for the bench's temporary folder."""
    return command.replace(str(ctx.work), "WORK").replace(str(REPO) + "/", "")


def print_table(figures: Sequence[Figure], ctx: Context) -> None:
    print(f"\nKiosk benchmarks at {SCREEN[0]}x{SCREEN[1]}: median (min-max) over repeats\n")
    print("\n".join(text_table(figures)))
    if ctx.ratios:
        print("\nRatios, measured side by side in this run\n")
        print("\n".join(text_table(ctx.ratios)))
    if ctx.details:
        print("\nBreakdowns and levers\n")
        print("\n".join(text_table(ctx.details)))
    if ctx.notes:
        print("\nNotes")
        for note in ctx.notes:
            print(f"- {note}")


def write_results(
    out: Path,
    figures: Sequence[Figure],
    ctx: Context,
    facts: dict[str, str],
    command: str,
    minutes: float,
    groups: Sequence[str],
    when: str | None = None,
) -> None:
    when = when or measured_at()
    lines = [
        "# Kiosk benchmark results",
        "",
        f"Measured {when} by `{command}` in {minutes:.1f} minutes"
        + (" (--quick: tiny inputs, one repeat; not figures to quote)." if ctx.quick else "."),
        f"Every figure is measured at {SCREEN[0]}x{SCREEN[1]} and given as the median with its "
        "min-max over the repeats (n); every comparison is a ratio of figures measured side by "
        "side in this same run. Benchmarks print figures and are not tests: nothing fails on a "
        "time. Regenerate this file with the command above (see README, Performance).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in facts.items()),
        "",
        *summary(figures, ctx.ratios),
        "## Figures",
        "",
        *markdown_table(figures),
    ]
    if ctx.ratios:
        lines += ["", "## Ratios, measured side by side in this run", ""]
        lines += markdown_table(ctx.ratios)
    met = [f for f in [*figures, *ctx.ratios] if f.met is True]
    missed = [f for f in [*figures, *ctx.ratios] if f.met is False]
    lines += ["", "## Targets", ""]
    lines.append(f"{len(met)} met, {len(missed)} missed (judged on the median).")
    if missed:
        lines += ["", "### Gaps: what limits each missed figure, measured, and a plan", ""]
        for figure in missed:
            lines.append(
                f"- **{figure.key}, {figure.label} ({figure.driver})**: {figure.median_text} "
                f"against {figure.target_text}. {explain(figure, figures, ctx)}"
            )
    found = observations(figures, ctx)
    if found:
        lines += ["", "### Observations no target covers", ""]
        lines += [f"- {item}" for item in found]
    if ctx.details:
        lines += ["", "## Breakdowns and levers", ""]
        lines += markdown_table(ctx.details)
    if ctx.notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {note}" for note in ctx.notes]
    lines += ["", "## Method", ""]
    for name in METHOD_MODULES:
        module = importlib.import_module(f"bench.{name}")
        doc = (module.__doc__ or "").strip()
        body = "\n".join(line for line in doc.splitlines() if not line.startswith("    "))
        lines += [body.strip(), ""]
    lines += ["## Commands used", "", "```"]
    lines += [command, *(_tidy(c, ctx) for c in ctx.commands), "```", ""]
    lines.append(f"Groups run: {', '.join(groups)}.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n" + kept_sections(out), encoding="utf-8")


KEEP_MARKER = "<!-- Written by hand below: bench/run.py keeps it when it writes this file. -->"
"""Measurements made by other commands (the soak, the pygame-ce comparison) live under this
line in RESULTS.md; a new run of the benchmarks rewrites what is above it and keeps them."""


def kept_sections(out: Path) -> str:
    """What `out` holds from KEEP_MARKER on, with the marker; nothing when there is none."""
    try:
        text = out.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = text.find(KEEP_MARKER)
    return "" if at < 0 else "\n" + text[at:]
