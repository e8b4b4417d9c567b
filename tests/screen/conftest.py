"""Fixtures for the screen tests: fonts, and the dummy display opened at a chosen size."""

from __future__ import annotations

import pygame
import pytest

from kiosk.screen.fonts import Fonts


@pytest.fixture
def fonts() -> Fonts:
    return Fonts()


@pytest.fixture
def open_screen():
    """Open the dummy display at a given size; closed again after the test."""
    pygame.display.init()

    def opener(size: tuple[int, int]) -> pygame.Surface:
        return pygame.display.set_mode(size)

    yield opener
    pygame.display.quit()
