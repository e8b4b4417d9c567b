"""The issue's side-by-side tables, gathered from a run's figures: the kiosk against feh for
CPU and launch on its first day and the days after, and every other target, under X11,
Wayland (cage) and the Raspberry Pi 4 estimate, in columns."""

from __future__ import annotations

from collections.abc import Sequence

from bench.common import Figure

COLUMNS = (
    ("x11", "X11 (Xvfb)"),
    ("wayland (cage)", "Wayland (cage)"),
    ("x11, Pi 4 estimate", "Pi 4 estimate (X11)"),
)
RUNS = (
    ("first day", "kiosk, first day", "feh", "kiosk / feh: CPU, first day"),
    ("days after", "kiosk, days after", "feh, again", "kiosk / feh: CPU, days after"),
)
LAUNCHES = (
    ("cold (first day)", "kiosk, first day", "feh", "first photo, first day (cold)"),
    ("warm (days after)", "kiosk, days after", "feh, again", "first photo, days after (warm)"),
)


class Look:
    def __init__(self, figures: Sequence[Figure]) -> None:
        self.figures = list(figures)

    def find(self, label: str, driver: str, key: str | None = None) -> Figure | None:
        for figure in self.figures:
            same = figure.driver == driver and (key is None or figure.key == key)
            if same and figure.label.startswith(label):
                return figure
        return None

    def text(self, label: str, driver: str, key: str | None = None) -> str:
        figure = self.find(label, driver, key)
        return "-" if figure is None or figure.median is None else figure.median_text


def cpu_table(look: Look, seconds: str = "30") -> list[str]:
    lines = [
        f"| run | driver | kiosk CPU s / {seconds} s | feh | ratio | target | met? |",
        "|---|---|---|---|---|---|---|",
    ]
    for run, kiosk, feh, ratio in RUNS:
        for driver, name in COLUMNS:
            mine = look.text(f"{kiosk}: CPU seconds over", driver)
            theirs = look.text(f"{feh}: CPU seconds over", driver)
            found = look.find(ratio, driver)
            if found is None:
                continue
            lines.append(
                f"| {run} | {name} | {mine} | {theirs} | {found.median_text} | "
                f"{found.target_text} | {found.met_text} |"
            )
    return lines


def launch_table(look: Look) -> list[str]:
    lines = [
        "| launch to first photo | driver | kiosk | feh | ratio | target | met? |",
        "|---|---|---|---|---|---|---|",
    ]
    for run, kiosk, feh, ratio in LAUNCHES:
        for driver, name in COLUMNS:
            found = look.find(f"kiosk / feh: {ratio}", driver)
            if found is None:
                continue
            mine = look.text(f"{kiosk}: time to first photo", driver)
            theirs = look.text(f"{feh}: time to first photo", driver)
            lines.append(
                f"| {run} | {name} | {mine} | {theirs} | {found.median_text} | "
                f"{found.target_text} | {found.met_text} |"
            )
    return lines


OTHERS = (
    # what, figure key, label prefix, drivers
    ("a still slide, CPU", "2 still CPU", "CPU while one slide stands still"),
    ("a first touch while nobody is there", "3 input latency", "First touch while nobody"),
    ("a jump to a scan never shown, to its first visible frame", "3 input latency", "Home from"),
    ("peak memory, 200 scans", "6 memory", "peak RSS (VmHWM) through 200 scans"),
)
OTHER_DRIVERS = ("dummy", "x11", "wayland (cage)", "dummy, Pi 4 estimate", "x11, Pi 4 estimate")


def others_table(look: Look) -> list[str]:
    names = ("dummy", "X11", "Wayland (cage)", "Pi 4 est. (dummy)", "Pi 4 est. (X11)")
    lines = [
        "| figure | " + " | ".join(names) + " | target |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    for what, key, label in OTHERS:
        if label == "Home from":
            label = _unseen_label(look)
        cells, target = [], ""
        for driver in OTHER_DRIVERS:
            found = look.find(label, driver, key)
            cells.append(
                "-"
                if found is None or found.median is None
                else f"{found.median_text}{'' if found.met is not False else ' (NO)'}"
            )
            if found is not None and found.target_text:
                target = found.target_text
        if any(cell != "-" for cell in cells):
            lines.append(f"| {what} | " + " | ".join(cells) + f" | {target} |")
    return lines


def _unseen_label(look: Look) -> str:
    for figure in look.figures:
        if figure.key == "3 input latency" and "no rendition" in figure.label:
            return figure.label
    return "Home from"


def summary(figures: Sequence[Figure], ratios: Sequence[Figure]) -> list[str]:
    """The section's lines; empty when the run measured none of it."""
    look = Look([*figures, *ratios])
    cpu, launch, others = cpu_table(look), launch_table(look), others_table(look)
    if len(cpu) + len(launch) + len(others) == 6:
        return []
    lines = ["## Side by side: the kiosk against feh, and the other targets", ""]
    if len(cpu) > 2:
        lines += [
            "The same ten 4000x3000 scans at 5 s a slide for 30 s, one program at a time "
            "(figure 7); the Pi 4 estimate's CPU is in Pi 4 core-seconds.",
            "",
            *cpu,
            "",
        ]
    if len(launch) > 2:
        lines += [*launch, ""]
    if len(others) > 2:
        lines += [*others, ""]
    lines += [
        "RSS growth per 100,000 slide changes (target at most 2 MB) takes hours of changes to "
        "resolve: it is measured by `bench/soak.py`, in the soak sections at the end of this "
        "file, not by this run (figure 6's two-minute runs give its rate, not its answer).",
        "",
    ]
    return lines
