"""Type for the screen: one sans-serif family, cached per size.

DejaVu Sans is preferred (Debian's fonts-dejavu-core): it has every French accent, stays
legible at distance and is on nearly every Linux kiosk. Without it, pygame's bundled font is
used, so the kiosk still shows text on a bare machine.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ),
}


def find_font_file(bold: bool) -> str | None:
    for candidate in FONT_FILES[bold]:
        if Path(candidate).is_file():
            return candidate
    found = pygame.font.match_font("dejavusans", bold=bold)
    if found is None:
        log.warning("DejaVu Sans not found; install fonts-dejavu-core. Using pygame's font.")
    return found


class Fonts:
    """Fonts by size and weight, opened once each."""

    def __init__(self) -> None:
        pygame.font.init()
        self._files = {bold: find_font_file(bold) for bold in (False, True)}
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(self._files[bold], size)
        return self._fonts[key]

    def measure(self, text: str, size: int) -> int:
        """Width of `text` in pixels: the `TextMeasure` the layout needs."""
        return self.font(size).size(drawable(text))[0]

    def measure_bold(self, text: str, size: int) -> int:
        """Width of `text` in bold: the measure of the buttons' labels."""
        return self.font(size, bold=True).size(drawable(text))[0]

    def render(
        self, text: str, size: int, colour: tuple[int, int, int], bold: bool = False
    ) -> pygame.Surface:
        return self.font(size, bold).render(drawable(text), True, colour)


def drawable(text: str) -> str:
    """`text` with what SDL_ttf cannot take (a lone surrogate, a NUL) replaced, so one odd
    character in a caption costs that character, never the slide."""
    cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")
    return cleaned
