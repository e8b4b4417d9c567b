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


def test_a_still_screen_sleeps_until_a_deadline_or_a_quarter_second_whatever_the_driver():
    """The loop's whole pass runs about four times a second on a still slide: where SDL
    cannot block, the wait itself looks for input in between (see the next tests)."""
    assert waiting.sleep_seconds(moving=False, speaking=False, until=None) == 0.25
    assert waiting.sleep_seconds(moving=False, speaking=False, until=0.1) == 0.1
    assert waiting.sleep_seconds(moving=True, speaking=False, until=None) == 1 / 30


def test_where_nobody_is_there_input_is_looked_for_about_twelve_times_a_second():
    """A still slide on the dummy or KMSDRM driver looks for input rarely (CPU), yet a first
    touch is seen within 100 ms; a visitor's taps within a frame."""
    assert 1 / 15 <= waiting.input_poll_seconds(visitor_present=False) <= 1 / 12
    assert waiting.input_poll_seconds(visitor_present=True) <= 1 / 50


def test_where_sdl_cannot_block_a_touch_ends_the_sleep_within_a_look(display):
    waiter = EventWaiter()
    assert not waiter.blocks  # the tests' dummy driver
    waiter.wait(0.001)  # whatever an earlier wake left
    pygame.event.clear()
    finger = pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.5, finger_id=0, touch_id=0)
    threading.Timer(0.1, pygame.event.post, [finger]).start()
    started = time.monotonic()
    waiter.wait(5, poll=1 / 12)
    assert time.monotonic() - started < 0.1 + 1 / 12 + 0.1
    assert [event.type for event in pygame.event.get()] == [pygame.FINGERDOWN]


def test_where_sdl_cannot_block_nothing_happening_sleeps_the_whole_time(display):
    waiter = EventWaiter()
    waiter.wait(0.001)
    pygame.event.clear()
    started = time.monotonic()
    waiter.wait(0.3, poll=1 / 12)
    assert time.monotonic() - started >= 0.29


def test_where_sdl_cannot_block_a_wake_ends_the_sleep(display):
    """A photo decoded for a jump is drawn at once, not after the rest of a frame's sleep."""
    waiter = EventWaiter()
    assert not waiter.blocks  # the tests' dummy driver
    waiter.wait(0.001)  # whatever an earlier wake left
    threading.Timer(0.05, EventWaiter.wake).start()
    started = time.monotonic()
    waiter.wait(10)
    assert time.monotonic() - started < 5
