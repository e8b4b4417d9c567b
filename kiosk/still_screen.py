"""Work nobody is waiting for is done while the screen stands still, at a low priority.

Keeping a rendition of a scan on disk, or synthesizing narration before anyone asked for it,
saves time later but helps nobody now. Done while a crossfade runs or a tap is answered, it
would share the CPU with frames on a small board. So the display loop says after each pass
whether anything moves (`note_screen`), and such work waits for a still screen
(`wait_until_still`) in a thread whose CPU priority it has lowered (`lower_this_thread`).

The gate is the process's one screen, so it is module state: open (still) until a loop says
otherwise, and opened again when the loop ends, so nothing waits on a screen that is gone.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

BACKGROUND_NICENESS = 10
"""Added to the CPU niceness of background work: the display loop (niceness 0) then gets
about ten times its share of a core whenever both want it."""

_still = threading.Event()
_still.set()


def note_screen(moving: bool) -> None:
    """The display loop's word after a pass: something moves (a fade, a photo loading), or
    the screen stands still."""
    if moving:
        _still.clear()
    else:
        _still.set()


def wait_until_still(timeout: float | None = None) -> bool:
    """Wait until the screen stands still; False if `timeout` seconds passed first."""
    return _still.wait(timeout)


def screen_is_still() -> bool:
    return _still.is_set()


def lower_this_thread(niceness: int = BACKGROUND_NICENESS) -> None:
    """Lower the CPU priority of the calling thread only (Linux gives each thread its own
    niceness; elsewhere this would lower the whole process, so it does nothing there)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError):  # never worth failing for
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + niceness))
