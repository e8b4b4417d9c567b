"""The screen side of a run, assembled: photos decoded off the loop, the renderer, and taps and
keys mapped to commands, all sized for the screen that opened."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pygame

from kiosk.content.config import Config
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache
from kiosk.screen.input_map import InputMapper
from kiosk.screen.renderer import Renderer
from kiosk.screen.renditions import Renditions
from kiosk.screen.waiting import EventWaiter
from kiosk.show.layout import usual_photo_area


class ScreenParts(NamedTuple):
    waiter: EventWaiter
    photos: PhotoCache
    renderer: Renderer
    mapper: InputMapper


class ScreenAssembly(NamedTuple):
    """How to make the screen's parts, kept so they can be made again for a new surface:
    when a compositor resizes the window or a monitor with another mode is plugged in, SDL
    replaces the display surface, and drawing on the old one would crash."""

    config: Config
    fullscreen: bool
    renditions_dir: Path

    def assemble(self, screen: pygame.Surface) -> ScreenParts:
        return assemble_screen(screen, *self)


def assemble_screen(
    screen: pygame.Surface, config: Config, fullscreen: bool, renditions_dir: Path
) -> ScreenParts:
    """The parts the loop drives; renditions of the scans are kept under `renditions_dir`
    (relative to the exhibition folder), and pruned in the background."""
    width, height = screen.get_size()
    waiter = EventWaiter()
    fonts = Fonts()
    area = usual_photo_area(width, height, config.languages, config.screen, fonts.measure_bold)
    renditions = Renditions(config.resolve(renditions_dir), write_behind=True)
    renditions.prune_in_background()
    photos = PhotoCache((area.w, area.h), on_ready=waiter.wake, renditions=renditions)
    renderer = Renderer(
        screen,
        fonts,
        photos,
        config.languages,
        config.default_language,
        config.transition_seconds,
        config.title,
        config.screen,
    )
    mapper = InputMapper(
        (width, height),
        renderer.buttons,
        config.staff_exit,
        not fullscreen,
        tap_targets=lambda: renderer.tap_targets,  # those of the frame on screen at each tap
    )
    return ScreenParts(waiter, photos, renderer, mapper)
