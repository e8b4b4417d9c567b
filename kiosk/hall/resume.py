"""Where the show was when the last kiosk on this folder ended without stopping.

A kiosk that stops cleanly (SIGTERM, the staff combination, --exit-after) says so in its
status (`running: false`); one that crashed, was killed (kill -9) or was ended by systemd's
watchdog leaves `running: true` and the slide it was showing. The next start resumes there,
so a restart in the middle of the day does not send visitors back to the first slide. The
folder's lock (kiosk.hall.lock) is held by then: the kiosk the status names is gone, which
the process check here confirms (its process id may since belong to another program).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.hall.status import newest_status_path
from kiosk.hall.status_reading import DamagedStatus, is_running, read_status


@dataclass(frozen=True)
class Interrupted:
    """The slide a kiosk that did not stop cleanly was showing: its deck's name, its id (and
    its step, on a timeline or map)."""

    deck: str
    slide: str
    pid: int
    step: int = 0


def interrupted_show(status_path: Path) -> Interrupted | None:
    """What the last kiosk on the exhibition whose status belongs at `status_path` was
    showing, if it ended without stopping and is not running now; else None."""
    try:
        status = read_status(newest_status_path(status_path))
    except DamagedStatus:
        return None
    if status is None or not status.running or status.showing is None:
        return None
    if status.pid == os.getpid() or is_kiosk(status.pid):
        return None
    deck, slide = status.showing.get("deck"), status.showing.get("slide")
    if not isinstance(deck, str) or not isinstance(slide, str):
        return None
    step = status.showing.get("step", 0)
    return Interrupted(deck, slide, status.pid, step if isinstance(step, int) else 0)


def is_kiosk(pid: int) -> bool:
    """Whether `pid` is a running kiosk: alive, and a kiosk by its command line where /proc
    tells (a process id is reused once its process has gone)."""
    if not is_running(pid):
        return False
    with contextlib.suppress(OSError):
        return b"kiosk" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return True
