"""The Raspberry Pi 4 estimate: figures 2 and 7 (and figure 3's jumps, when it can) replayed
with every measured program held to one Raspberry Pi 4 core's speed by a CPU quota. An
estimate, not a measurement on a Pi.

The quota comes from a published single-thread benchmark: sysbench 1.0.20's CPU test
(`sysbench cpu --threads=1 --time=60 run`, primes up to 10,000) gives 1477.83 events/s on
one core of a Raspberry Pi 4 (https://leoncode.co.uk/articles/raspberry-pi-benchmarks). The
bench runs the same test on this machine (`sysbench cpu --threads=1 --time=20 run`, while
nothing else of the bench runs) and holds each program to the ratio of the two, the fraction
of a core given by a cgroup CPU quota (bench/throttle.py: 10 ms periods). CPU figures are
then given in Pi 4 core-seconds (this machine's CPU seconds divided by the fraction) and
times as measured under the quota.

What it leaves out, each of which makes a real Pi 4 slower than this estimate: sysbench's
prime test is small integer arithmetic that fits in cache, while decoding a scan and
blending frames also wait on memory, and a Pi 4's memory is several times slower than this
machine's; the X server (Xvfb) runs at full speed here, where on a Pi it shares the slow
cores; and a Pi draws through its own GPU and display stack, not Xvfb. What makes it
pessimistic: the quota is one core's worth for the whole process, where a Pi 4 has four
cores, so the photo worker and the render loop cannot run side by side as they would there.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from bench import idle, peers
from bench.common import Context, Figure
from bench.throttle import Throttle

PI4_EVENTS_PER_SECOND = 1477.83
"""sysbench 1.0.20 cpu, one thread, Raspberry Pi 4 (leoncode.co.uk, see the module)."""
SOURCE = "https://leoncode.co.uk/articles/raspberry-pi-benchmarks"
SUFFIX = ", Pi 4 estimate"


def sysbench_events_per_second(seconds: float) -> float | None:
    """This machine's single-thread sysbench CPU score, or None without sysbench."""
    if shutil.which("sysbench") is None:
        return None
    done = subprocess.run(
        ["sysbench", "cpu", "--threads=1", f"--time={seconds:g}", "run"],
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 30,
    )
    return parse_events_per_second(done.stdout)


def parse_events_per_second(output: str) -> float | None:
    found = re.search(r"events per second:\s*([0-9.]+)", output)
    return float(found.group(1)) if found else None


def collect(ctx: Context) -> list[Figure]:
    why = Throttle.unavailable()
    if why:
        ctx.notes.append(f"Raspberry Pi 4 estimate: not measured: {why}.")
        return []
    here = sysbench_events_per_second(3 if ctx.quick else 20)
    if here is None:
        ctx.notes.append(
            "Raspberry Pi 4 estimate: not measured: sysbench is not installed "
            "(apt-get install sysbench)."
        )
        return []
    fraction = min(1.0, PI4_EVENTS_PER_SECOND / here)
    ctx.details += [
        Figure("Pi 4", "sysbench cpu, one thread, this machine", "-", [here], "events/s"),
        Figure(
            "Pi 4",
            f"sysbench cpu, one thread, Raspberry Pi 4 (published: {SOURCE})",
            "-",
            [PI4_EVENTS_PER_SECOND],
            "events/s",
        ),
        Figure("Pi 4", "CPU quota: Pi 4 / this machine", "-", [fraction], "of a core", digits=3),
    ]
    ctx.commands.append(
        "sysbench cpu --threads=1 --time=20 run; then figures 2 and 7 again, each program in "
        f"a cgroup with a CPU quota of {fraction:.3f} of a core (10 ms periods)"
    )
    figures: list[Figure] = []
    with Throttle(fraction, "kiosk-bench-pi4") as throttle:
        figures += idle.still_cpu(ctx, throttle, SUFFIX)
        if ctx.display:
            figures += peers.compare(ctx, "x11" + SUFFIX, throttle)
        else:
            ctx.skip_x11("Raspberry Pi 4 estimate of figure 7")
    return figures
