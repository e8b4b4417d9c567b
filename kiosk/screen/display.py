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


class DisplayUnavailable(Exception):
    """No screen to show the kiosk on."""


def open_display(
    fullscreen: bool, size: tuple[int, int] | None, accelerated: bool = False
) -> pygame.Surface:
    """Open the window or take the whole screen; DisplayUnavailable if there is no screen."""
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    try:
        pygame.display.init()
        _refuse_invisible_driver()
        driver = pygame.display.get_driver()
        hint = framebuffer_acceleration(driver, accelerated)
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", hint)  # read by set_mode
        if fullscreen:
            screen = pygame.display.set_mode(size or (0, 0), pygame.FULLSCREEN)
        else:
            screen = pygame.display.set_mode(size or (1280, 720))
    except pygame.error as exc:
        raise DisplayUnavailable(str(exc)) from exc
    pygame.display.set_caption("kiosk")
    pygame.mouse.set_visible(not fullscreen)
    return screen


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
