"""The screen: opening it the way a kiosk needs, or saying plainly that there is none."""

from __future__ import annotations

import ctypes
import logging
import os

import pygame

log = logging.getLogger(__name__)

INVISIBLE_DRIVERS = frozenset({"offscreen", "dummy"})
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD_BYTES = 1024 * 1024
ANY_TYPE = 0  # X11's AnyPropertyType


class DisplayUnavailable(Exception):
    """No screen to show the kiosk on."""


def open_display(
    fullscreen: bool, size: tuple[int, int] | None, accelerated: bool = False
) -> pygame.Surface:
    """Open the window or take the whole screen; DisplayUnavailable if there is no screen."""
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    # A kiosk's window never has decorations. Where libdecor is installed, SDL's Wayland
    # driver would wait in set_mode for a compositor that draws none (cage without -d) to
    # configure them: a frozen start, seen under cage 0.1.4 with SDL 2.32.
    os.environ.setdefault("SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR", "0")
    try:
        pygame.display.init()
        _refuse_invisible_driver()
        driver = pygame.display.get_driver()
        hint = framebuffer_acceleration(driver, accelerated)
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", hint)  # read by set_mode
        if fullscreen and driver == "x11" and window_manager_runs() is False:
            screen = _whole_screen_window(size)
        elif fullscreen:
            screen = pygame.display.set_mode(size or (0, 0), pygame.FULLSCREEN)
        else:
            screen = pygame.display.set_mode(size or (1280, 720))
    except pygame.error as exc:
        raise DisplayUnavailable(str(exc)) from exc
    pygame.display.set_caption("kiosk")
    pygame.mouse.set_visible(not fullscreen)
    return screen


def _whole_screen_window(size: tuple[int, int] | None) -> pygame.Surface:
    """A borderless window over the whole screen: what fullscreen is where no window manager
    runs (an X session started for the kiosk alone). Asked for fullscreen there, SDL waits
    about 100 ms for a window manager to confirm it, in vain; this window opens in 10 ms."""
    os.environ.setdefault("SDL_VIDEO_WINDOW_POS", "0,0")
    width, height = size or pygame.display.get_desktop_sizes()[0]
    return pygame.display.set_mode((width, height), pygame.NOFRAME)


def window_manager_runs() -> bool | None:
    """Whether an X11 window manager runs on the display SDL uses (one that follows EWMH, as
    every current one does, names its check window on the root window); None if X11 cannot
    be asked."""
    try:
        x = ctypes.CDLL("libX11.so.6")
    except OSError:
        return None
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    x.XGetWindowProperty.argtypes += [ctypes.c_long, ctypes.c_long, ctypes.c_int]
    x.XGetWindowProperty.argtypes += [ctypes.c_ulong] + [ctypes.c_void_p] * 5
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x.XFree.argtypes = [ctypes.c_void_p]
    display = x.XOpenDisplay(None)
    if not display:
        return None
    try:
        check = x.XInternAtom(display, b"_NET_SUPPORTING_WM_CHECK", True)  # only if it exists
        if not check:
            return False
        kind, unit, items, left = (
            ctypes.c_ulong(),
            ctypes.c_int(),
            ctypes.c_ulong(),
            ctypes.c_ulong(),
        )
        data = ctypes.c_void_p()
        root = x.XDefaultRootWindow(display)
        answers = [ctypes.byref(v) for v in (kind, unit, items, left, data)]
        status = x.XGetWindowProperty(display, root, check, 0, 1, False, ANY_TYPE, *answers)
        if data:
            x.XFree(data)
        return status == 0 and items.value > 0
    finally:
        x.XCloseDisplay(display)


def framebuffer_acceleration(driver: str, accelerated: bool) -> str:
    """SDL_FRAMEBUFFER_ACCELERATION for this video driver: "0" hands frames to the screen
    directly, "1" through a renderer's texture (OpenGL or GLES, SDL's pick).

    The kiosk composes every frame itself, so where SDL can, frames go directly: under X11 on
    this machine's software GL the GL path took 14 ms and 110 MB more memory per window for a
    1080p flip; the direct path 0.7 ms. SDL's Wayland driver has no direct path (with "0"
    opening the window fails: "no display is available"), so there the renderer's texture
    is the only way onto the screen, whatever the config says."""
    if driver == "wayland":
        return "1"
    return "1" if accelerated else "0"


def _refuse_invisible_driver() -> None:
    """Without a screen, SDL quietly falls back to a driver that draws into memory; a kiosk
    that nobody can see must say so instead. Tests ask for such a driver by name."""
    driver = pygame.display.get_driver()
    if driver in INVISIBLE_DRIVERS and os.environ.get("SDL_VIDEODRIVER") != driver:
        pygame.display.quit()
        raise DisplayUnavailable(f"no screen found; SDL could only offer its '{driver}' driver")


def keep_memory_bounded() -> None:
    """Have glibc give image-sized buffers back to the system as soon as they are freed.

    By default glibc raises its mmap threshold each time a large block is freed, so later
    photo buffers come from the heap and the memory stays with the process: 36 MB more at
    the peak in a run through the shipped exhibition. A fixed threshold keeps every buffer
    of a megabyte or more in its own mapping, returned on free. Elsewhere than glibc this
    does nothing."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        log.debug("not glibc: memory left to the system's allocator")
