"""Whole-screen cards and short notices, drawn instead of (or over) a slide: the exhibition's
title when no deck plays today, the opening hours when a visitor touches a closed kiosk, and
the notice that narration is silent in quiet hours.

Text is centred and shrunk to fit the screen's width, never cut.
"""

from __future__ import annotations

import pygame

from kiosk.screen.fonts import Fonts
from kiosk.show import theme
from kiosk.show.layout import TypeSizes, line_height

MARGIN = 0.06
"""Of the screen's width, kept clear on each side of a line."""


def draw_title_card(
    screen: pygame.Surface, fonts: Fonts, sizes: TypeSizes, title: str, subtitle: str = ""
) -> None:
    """The exhibition's title, large, on the background."""
    screen.fill(theme.BACKGROUND)
    lines = [(title, round(sizes.title * 2.2), theme.TITLE, True)]
    if subtitle:
        lines.append((subtitle, sizes.caption, theme.SECONDARY, False))
    _draw_centred(screen, fonts, lines, screen.get_height() // 2)


def draw_message_card(screen: pygame.Surface, fonts: Fonts, sizes: TypeSizes, text: str) -> None:
    """One line of the kiosk's own, at caption size, in the middle of the background."""
    screen.fill(theme.BACKGROUND)
    lines = [(text, sizes.caption, theme.CAPTION, False)]
    _draw_centred(screen, fonts, lines, screen.get_height() // 2)


def draw_hours_card(
    screen: pygame.Surface, fonts: Fonts, sizes: TypeSizes, lines: tuple[str, ...]
) -> None:
    """The opening hours on a black screen: the first line (Closed) large, the rest below."""
    screen.fill((0, 0, 0))
    styled = [
        (line, round(sizes.title * 1.6) if i == 0 else sizes.caption, _colour(i), i == 0)
        for i, line in enumerate(lines)
    ]
    _draw_centred(screen, fonts, styled, screen.get_height() * 2 // 5)


def draw_notice(screen: pygame.Surface, fonts: Fonts, sizes: TypeSizes, text: str) -> pygame.Rect:
    """A short message in a band across the top of the slide; the band drawn."""
    width = screen.get_width()
    size = _fitting_size(fonts, text, sizes.caption, width)
    band = pygame.Rect(0, 0, width, round(line_height(size) * 2))
    pygame.draw.rect(screen, theme.PANEL, band)
    pygame.draw.line(screen, theme.TITLE, band.bottomleft, band.bottomright, 3)
    label = fonts.render(text, size, theme.CAPTION)
    screen.blit(label, label.get_rect(center=band.center))
    return band


def draw_hint(screen: pygame.Surface, fonts: Fonts, sizes: TypeSizes, text: str) -> pygame.Rect:
    """The attract loop's discreet "touch the screen", in a small plate at the top centre,
    over the photo and never over the caption; the plate drawn."""
    width = screen.get_width()
    size = _fitting_size(fonts, text, sizes.title, width)
    label = fonts.render(text, size, theme.CAPTION)
    pad = line_height(size) // 3
    plate = label.get_rect(midtop=(width // 2, pad * 2)).inflate(pad * 3, pad * 2)
    pygame.draw.rect(screen, theme.PANEL, plate, border_radius=plate.h // 2)
    pygame.draw.rect(screen, theme.BUTTON_BORDER, plate, width=2, border_radius=plate.h // 2)
    screen.blit(label, label.get_rect(center=plate.center))
    return plate


def _colour(index: int) -> tuple[int, int, int]:
    return theme.TITLE if index == 0 else theme.CAPTION if index == 1 else theme.SECONDARY


def _draw_centred(
    screen: pygame.Surface,
    fonts: Fonts,
    lines: list[tuple[str, int, tuple[int, int, int], bool]],
    centre_y: int,
) -> None:
    width = screen.get_width()
    rendered = []
    for text, size, colour, bold in lines:
        fitted = _fitting_size(fonts, text, size, width, bold)
        rendered.append((fonts.render(text, fitted, colour, bold=bold), line_height(fitted)))
    y = centre_y - sum(height for _, height in rendered) // 2
    for surface, height in rendered:
        screen.blit(surface, surface.get_rect(midtop=(width // 2, y)))
        y += height


def _fitting_size(fonts: Fonts, text: str, size: int, width: int, bold: bool = False) -> int:
    """`size`, or smaller until `text` fits the screen's width within its margins."""
    room = width * (1 - 2 * MARGIN)
    while size > 12 and fonts.measure(text, size, bold) > room:
        size = round(size * 0.9)
    return size
