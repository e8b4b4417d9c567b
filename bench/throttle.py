"""A CPU quota for the bench's child processes: the "Raspberry Pi 4 estimate".

A cgroup's CPU bandwidth limit lets its processes run `fraction` of every period on one core
and holds them back for the rest, so work that takes t seconds of CPU here takes t / fraction
seconds of wall time, as on a core `fraction` as fast. A short period (10 ms) keeps the pauses
shorter than a frame, so latency figures stretch smoothly rather than in 100 ms bursts.

Only the processes the bench starts with `preexec_fn=throttle.join` are held back (and the
processes they start); the X server and the bench itself run at full speed. cgroup v1's cpu
controller (cpu.cfs_quota_us) is used where it is mounted, else cgroup v2's cpu.max. Both
need root; without them the estimate is left out with a note.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PERIOD_US = 10_000
V1 = Path("/sys/fs/cgroup/cpu")
V2 = Path("/sys/fs/cgroup")


class Throttle:
    """A cgroup whose processes get `fraction` of one core; a context manager."""

    def __init__(self, fraction: float, name: str = "kiosk-bench-throttle") -> None:
        if not 0 < fraction <= 1:
            raise ValueError(f"a CPU fraction is in (0, 1], not {fraction}")
        self.fraction = fraction
        self.name = name
        self.path: Path | None = None

    @staticmethod
    def unavailable() -> str | None:
        """Why no quota can be set here, or None when one can."""
        if os.geteuid() != 0:
            return "a CPU quota needs root (a cgroup of its own)"
        if (V1 / "cpu.cfs_quota_us").exists():
            return None
        controllers = V2 / "cgroup.controllers"
        if controllers.exists() and "cpu" in controllers.read_text().split():
            return None
        return "no cgroup cpu controller is mounted (/sys/fs/cgroup/cpu or cpu.max)"

    def __enter__(self) -> Throttle:
        quota = max(1000, round(self.fraction * PERIOD_US))
        if (V1 / "cpu.cfs_quota_us").exists():
            self.path = V1 / self.name
            self.path.mkdir(exist_ok=True)
            (self.path / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (self.path / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            with contextlib.suppress(OSError):
                (V2 / "cgroup.subtree_control").write_text("+cpu")
            self.path = V2 / self.name
            self.path.mkdir(exist_ok=True)
            (self.path / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        return self

    def join(self) -> None:
        """Move the calling process into the quota (a Popen preexec_fn: the child joins
        before it executes its program, so all of its CPU time is held to the quota)."""
        assert self.path is not None, "join() outside `with Throttle(...)`"
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.rmdir()  # fails while a process is still inside: then it stays
            self.path = None
