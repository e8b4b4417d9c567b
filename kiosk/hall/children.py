"""The kiosk leaves no process behind: on the way out, the processes it started are stopped.

Speech workers (see `kiosk.sound.speech`) run as child processes, each waited on by a thread.
A worker whose engine hangs would keep its thread, and with it the kiosk, from ending when
systemd asks (SIGTERM), until systemd's stop timeout kills everything. Stopping the children
ends those waits at once. Children are found in /proc by their parent's process id, so no
part of the kiosk has to keep a list of what it started.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from pathlib import Path

log = logging.getLogger(__name__)

PROC = Path("/proc")


def child_processes(parent: int, proc: Path = PROC) -> list[int]:
    """The process ids whose parent is `parent`; none where there is no /proc."""
    found = []
    for entry in proc.glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The name, in parentheses, may hold spaces: the fields after its last ")" are
            # the state, then the parent's id.
            after_name = entry.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1]
            if int(after_name.split()[1]) == parent:
                found.append(int(entry.parent.name))
    return found


def stop_child_processes(parent: int | None = None) -> int:
    """SIGKILL every child process of `parent` (this process by default); how many there were.

    SIGKILL, not SIGTERM: a hung speech engine may not heed SIGTERM, and a worker has nothing
    to save (it writes a temporary file that its thread deletes)."""
    children = child_processes(os.getpid() if parent is None else parent)
    for pid in children:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    if children:
        log.debug("stopped %d child processes on the way out", len(children))
    return len(children)
