"""The blocking wait must reach the very SDL library pygame loaded: pygame bundles it in
pygame.libs, pygame-ce in pygame_ce.libs, each under a hashed name. A second copy of SDL has
its own event queue, uninitialised, where no input or wake ever arrives."""

from __future__ import annotations

import ctypes
import threading
import time

import pygame
import pytest

from kiosk.screen import waiting
from kiosk.screen.waiting import WAKE_EVENT, EventWaiter, _find_sdl

SDL_INIT_VIDEO = 0x20


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 48))
    yield
    pygame.display.quit()


def test_the_sdl_found_is_the_one_pygame_initialised(display):
    sdl = _find_sdl()
    assert sdl is not None
    sdl.SDL_WasInit.argtypes = [ctypes.c_uint32]
    sdl.SDL_WasInit.restype = ctypes.c_uint32
    assert sdl.SDL_WasInit(SDL_INIT_VIDEO) & SDL_INIT_VIDEO


def test_a_wake_reaches_the_queue_the_wait_reads(display):
    sdl = _find_sdl()
    assert sdl is not None
    pygame.event.clear()
    assert sdl.SDL_WaitEventTimeout(None, 1) == 0  # nothing there yet
    EventWaiter.wake()
    assert sdl.SDL_WaitEventTimeout(None, 1000) == 1
    assert [event.type for event in pygame.event.get()] == [WAKE_EVENT]


def test_where_nobody_is_there_and_sdl_cannot_block_the_loop_looks_about_ten_times_a_second():
    """A still slide on the dummy or KMSDRM driver wakes rarely (CPU), yet a first touch is
    seen within 100 ms."""
    poll = waiting.sleep_seconds(
        moving=False, speaking=False, blocks=False, visitor_present=False, until=None
    )
    assert 1 / 15 <= poll <= 0.1
    present = waiting.sleep_seconds(
        moving=False, speaking=False, blocks=False, visitor_present=True, until=None
    )
    assert present <= 1 / 50  # a visitor's taps answer within a frame


def test_where_sdl_cannot_block_a_wake_ends_the_sleep(display):
    """A photo decoded for a jump is drawn at once, not after the rest of a frame's sleep."""
    waiter = EventWaiter()
    assert not waiter.blocks  # the tests' dummy driver
    waiter.wait(0.001)  # whatever an earlier wake left
    threading.Timer(0.05, EventWaiter.wake).start()
    started = time.monotonic()
    waiter.wait(10)
    assert time.monotonic() - started < 5
