"""The control icons, drawn as shapes rather than font glyphs, so they look the same whatever
fonts a kiosk has installed."""

from __future__ import annotations

import math

import pygame

Colour = tuple[int, int, int]


def play_or_pause(surface: pygame.Surface, r: pygame.Rect, ink: Colour, show_play: bool) -> None:
    size = r.h // 2
    cx, cy = r.center
    if show_play:
        points = [
            (cx - size // 3, cy - size // 2),
            (cx - size // 3, cy + size // 2),
            (cx + size // 2, cy),
        ]
        pygame.draw.polygon(surface, ink, points)
        return
    bar = max(4, size // 4)
    for dx in (-size // 4 - bar // 2, size // 4 - bar // 2):
        pygame.draw.rect(surface, ink, (cx + dx, cy - size // 2, bar, size))


def speaker(surface: pygame.Surface, r: pygame.Rect, ink: Colour, on: bool) -> None:
    """A loudspeaker with sound waves when narration is on, struck through when it is off."""
    size = r.h // 2
    cx, cy = r.centerx - size // 4, r.centery
    unit = size / 6
    body = [
        (cx - 3 * unit, cy - 1.2 * unit),
        (cx - 1.5 * unit, cy - 1.2 * unit),
        (cx + 0.5 * unit, cy - 3 * unit),
        (cx + 0.5 * unit, cy + 3 * unit),
        (cx - 1.5 * unit, cy + 1.2 * unit),
        (cx - 3 * unit, cy + 1.2 * unit),
    ]
    pygame.draw.polygon(surface, ink, body)
    width = max(2, round(unit * 0.6))
    if on:
        for radius in (2.2 * unit, 3.6 * unit):
            box = pygame.Rect(0, 0, 2 * radius, 2 * radius)
            box.center = (round(cx + 0.5 * unit), cy)
            pygame.draw.arc(surface, ink, box, -math.pi / 4, math.pi / 4, width)
    else:
        x = cx + 2 * unit
        pygame.draw.line(surface, ink, (x, cy - 1.5 * unit), (x + 3 * unit, cy + 1.5 * unit), width)
        pygame.draw.line(surface, ink, (x, cy + 1.5 * unit), (x + 3 * unit, cy - 1.5 * unit), width)


def repeat(surface: pygame.Surface, r: pygame.Rect, ink: Colour) -> None:
    """A circular arrow: hear it again."""
    radius = r.h // 4
    width = max(3, radius // 4)
    box = pygame.Rect(0, 0, 2 * radius, 2 * radius)
    box.center = r.center
    pygame.draw.arc(surface, ink, box, math.pi * 0.6, math.pi * 2.2, width)
    tip_angle = math.pi * 0.6
    tx = r.centerx + radius * math.cos(tip_angle)
    ty = r.centery - radius * math.sin(tip_angle)
    head = radius * 0.55
    pygame.draw.polygon(
        surface,
        ink,
        [
            (tx - head, ty - head * 0.9),
            (tx + head * 0.9, ty - head * 0.2),
            (tx - head * 0.2, ty + head),
        ],
    )


def strike(surface: pygame.Surface, r: pygame.Rect, ink: Colour) -> None:
    """A diagonal bar across an icon: this control cannot work here."""
    inset = r.h // 4
    width = max(3, r.h // 16)
    start = (r.centerx - inset, r.centery + inset)
    end = (r.centerx + inset, r.centery - inset)
    pygame.draw.line(surface, ink, start, end, width)


def contrast(surface: pygame.Surface, r: pygame.Rect, ink: Colour, fill: Colour) -> None:
    """A circle, its left half filled and its right half empty: the usual sign for contrast.
    `fill` is the button's own colour, inside the empty half."""
    radius = r.h // 4
    width = max(3, radius // 5)
    cx, cy = r.center
    pygame.draw.circle(surface, fill, (cx, cy), radius)
    pygame.draw.circle(surface, ink, (cx, cy), radius, draw_top_left=True, draw_bottom_left=True)
    pygame.draw.circle(surface, ink, (cx, cy), radius, width)
