"""Stopping the kiosk's child processes: found by their parent's id in /proc, and killed."""

from __future__ import annotations

import os
import subprocess
import sys

from kiosk.hall.children import child_processes, stop_child_processes


def test_the_children_of_this_process_are_found_and_stopped():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert child.pid in child_processes(os.getpid())
        assert stop_child_processes() >= 1
        assert child.wait(timeout=5) < 0
    finally:
        child.kill()
        child.wait()
