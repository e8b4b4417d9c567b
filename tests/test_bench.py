"""The benchmark suite runs end to end on tiny inputs. Its figures are printed, never judged:
no time can fail this test, only a bench that no longer runs."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.report import KEEP_MARKER
from tests.helpers import REPO

MEASURED_WITHOUT_X = ("1 crossfade", "2 still CPU", "3 input latency", "4 decode", "6 memory")
NEEDS_X = ("figure 5 (launch to first photo)", "figure 7 (peers)")


def test_quick_bench_prints_the_table_and_writes_its_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    kept = "## Soak, measured by hand\n\nflat at 75 MB\n"
    out.write_text(f"# old figures\n\n{KEEP_MARKER}\n\n{kept}", encoding="utf-8")
    real_results = REPO / "bench" / "RESULTS.md"
    before = real_results.stat().st_mtime_ns if real_results.exists() else None
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["SDL_VIDEODRIVER"] = "dummy"
    done = subprocess.run(
        # The Wayland column is left out: it sets up a user and a venv for cage (minutes, the
        # first time), and tests/test_cage.py runs the kiosk under cage already.
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            *("--quick", "--no-xvfb", "--skip", "wayland", "--out", str(out)),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    assert "median" in table and "min-max" in table and "target" in table
    for name in MEASURED_WITHOUT_X:
        assert name in table, f"{name} missing from the table:\n{table}"
    assert "failed" not in table, table
    written = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## Figures", "## Targets", "## Method", "## Commands used"):
        assert heading in written
    assert "# old figures" not in written  # the run's own part is new ...
    assert written.endswith(f"{KEEP_MARKER}\n\n{kept}")  # ... what is under the marker kept
    for fact in ("| cpu |", "| cores |", "| python |", "| pygame |", "| sdl |"):
        assert fact in written
    for name in MEASURED_WITHOUT_X:
        assert name in written
    for skipped in NEEDS_X:
        assert f"{skipped}: not measured under X11" in written
    after = real_results.stat().st_mtime_ns if real_results.exists() else None
    assert after == before, "the smoke test must not overwrite bench/RESULTS.md"


def test_the_hand_written_results_sit_under_the_marker_the_bench_keeps():
    results = (REPO / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    kept = results[results.index(KEEP_MARKER) :]
    assert "## Soak, one hour" in kept and "## pygame or pygame-ce" in kept
    assert "## Fleet: 50 kiosks on one Mosquitto" in kept


def test_the_pi_estimate_reads_sysbench_and_refuses_a_quota_beyond_one_core():
    import pytest

    from bench.pi4 import parse_events_per_second
    from bench.throttle import Throttle

    output = "CPU speed:\n    events per second:  4068.62\n\nGeneral statistics:\n"
    assert parse_events_per_second(output) == 4068.62
    assert parse_events_per_second("sysbench: unknown test") is None
    for fraction in (0, -0.5, 1.5):
        with pytest.raises(ValueError):
            Throttle(fraction)
