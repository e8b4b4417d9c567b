"""Sleeping until input, a deadline, or news from a worker thread, at almost no cost; and
how long the display loop may sleep (`sleep_seconds`).

pygame's `event.wait(timeout)` polls inside (about 4.6 % of a core measured here), and a
loop that wakes to look for input costs about 80 µs a wake on this machine. SDL 2.0.22 and
later can truly block in the video driver (X11, Wayland, Windows, macOS) until input comes,
as long as no joystick or sensor subsystem needs polling, which the kiosk never opens. pygame
does not expose that call (nor does pygame-ce), so it is reached through ctypes in the SDL
library pygame loaded (found among the process's mapped libraries): the same library,
already loaded, so the same event queue. Measured here: 0.02 % of a core while
waiting, and a key press wakes it at once.

Where the driver cannot block (SDL's dummy driver in tests, console drivers such as KMSDRM),
the wait looks for input itself, in short slices: at 60 Hz while a visitor is there, so taps
answer within a frame; at 12 Hz in the unattended loop, where a first touch then waits at
most 83 ms. Each look is one event pump (tens of microseconds), and the loop's whole pass
(calendar, status, timer, drawing: about half a millisecond) runs only when input came, a
worker woke it, or the sleep is over, as on drivers that block: that kept a still slide
under 0.5 % of a core, where a pass at every look cost 0.6 % (bench/RESULTS.md, figure 2).
Worker threads call `wake`, which posts an event: SDL's event queue is safe to push to from
any thread and wakes a blocked wait. It also sets a flag the sliced wait waits on, so there
too a photo decoded for a jump reaches the screen at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import threading
import time
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

BLOCKING_DRIVERS = frozenset({"x11", "wayland", "windows", "cocoa"})
WAKE_EVENT = pygame.event.custom_type()
_WOKEN = threading.Event()
"""Set by `EventWaiter.wake`: what a sleep where SDL cannot block waits on."""

# A crossfade runs at 30 frames a second: each frame blends two full screens (about 3 ms
# here), and at 60 a show of 5 s slides spent most of its CPU fading.
FRAME_SECONDS = 1 / 30
# A still screen sleeps until input, a deadline, or at most BLOCK_SECONDS (so SIGTERM is seen
# promptly: Python runs its handler only between two calls). Where SDL cannot block, the wait
# looks for input every INPUT_POLL_SECONDS while a visitor is there, else IDLE_POLL_SECONDS.
BLOCK_SECONDS = 0.25
SPEAKING_POLL_SECONDS = 0.05  # to log a narration's end promptly
INPUT_POLL_SECONDS = 1 / 60
IDLE_POLL_SECONDS = 1 / 12


def sleep_seconds(moving: bool, speaking: bool, until: float | None) -> float:
    """How long the display loop may sleep: one frame while something moves; else until
    input, or the player's next deadline `until` seconds away (None: no deadline)."""
    if moving:
        return FRAME_SECONDS
    poll = SPEAKING_POLL_SECONDS if speaking else BLOCK_SECONDS
    return poll if until is None else min(poll, until)


def input_poll_seconds(visitor_present: bool) -> float:
    """Where SDL cannot block: how often the wait looks for input."""
    return INPUT_POLL_SECONDS if visitor_present else IDLE_POLL_SECONDS


def _loaded_sdl_paths() -> list[str]:
    """The SDL 2 libraries mapped into this process (Linux), pygame's first among them."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    paths = (line.split(maxsplit=5)[-1] for line in maps.splitlines() if "/" in line)
    return list(dict.fromkeys(p for p in paths if Path(p).name.startswith("libSDL2-2")))


def _find_sdl() -> ctypes.CDLL | None:
    """The SDL 2 that pygame loaded: the copy its wheel bundles (pygame's in pygame.libs,
    pygame-ce's in pygame_ce.libs, under a hashed name) or the system's. Another copy would
    have its own, empty event queue, and a wait on it would never see input."""
    site = Path(pygame.__file__).parent.parent
    bundled = [
        str(path)
        for folder in ("pygame.libs", "pygame_ce.libs")
        if (site / folder).is_dir()
        for path in sorted((site / folder).glob("libSDL2-2*.so*"))
    ]
    for name in [*_loaded_sdl_paths(), *bundled, "libSDL2-2.0.so.0"]:
        try:
            library = ctypes.CDLL(name)
            library.SDL_WaitEventTimeout.argtypes = [ctypes.c_void_p, ctypes.c_int]
            library.SDL_WaitEventTimeout.restype = ctypes.c_int
            return library
        except (OSError, AttributeError):
            continue
    return None


class EventWaiter:
    """`wait(seconds)` returns when input arrives, a worker wakes it, or time is up."""

    def __init__(self) -> None:
        self._sdl: ctypes.CDLL | None = None
        driver = pygame.display.get_driver() if pygame.display.get_init() else ""
        if driver in BLOCKING_DRIVERS:
            self._sdl = _find_sdl()
        if self._sdl is None:
            log.debug("SDL driver %r cannot block on input; the loop polls instead", driver)

    @property
    def blocks(self) -> bool:
        return self._sdl is not None

    def wait(self, seconds: float, poll: float = INPUT_POLL_SECONDS) -> None:
        """Sleep up to `seconds`; where SDL cannot block, look for input every `poll`."""
        if seconds <= 0:
            return
        if self._sdl is not None:
            self._sdl.SDL_WaitEventTimeout(None, max(1, round(seconds * 1000)))
            return
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if _WOKEN.wait(min(poll, left)):
                break
            if pygame.event.peek():  # pumps: input is waiting for the pass to read it
                break
        # Cleared after: a wake in between is news already in hand for the pass to come.
        _WOKEN.clear()

    @staticmethod
    def wake() -> None:
        """Called from any thread: news for the display loop (a photo decoded, a reload)."""
        _WOKEN.set()
        with contextlib.suppress(pygame.error):  # the display is closing: nobody to wake
            pygame.event.post(pygame.event.Event(WAKE_EVENT))
