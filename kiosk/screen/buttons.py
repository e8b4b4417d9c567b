"""The buttons drawn on screen: language names, playback icons, and the visitor's choices
("Aa" for larger text, a half-filled circle for higher contrast), each showing its state
(filled when on, as the speaker is while narration plays), in the visitor's palette."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.screen import icons
from kiosk.screen.fonts import Fonts
from kiosk.show.commands import Action
from kiosk.show.layout import Button
from kiosk.show.layout_geometry import SMALLEST_TEXT_PX
from kiosk.show.theme import Palette

LARGER_TEXT_LABEL = "Aa"


@dataclass(frozen=True)
class ControlsState:
    """What the buttons show: everything that changes how one of them looks."""

    lang: str
    held: bool
    narration_on: bool
    sound: bool = True
    larger_text: bool = False
    high_contrast: bool = False

    def active(self, button: Button) -> bool:
        if button.action is Action.TOGGLE_NARRATION:
            return self.narration_on
        if button.action is Action.LARGER_TEXT:
            return self.larger_text
        if button.action is Action.HIGH_CONTRAST:
            return self.high_contrast
        return button.lang is not None and button.lang == self.lang


def draw_controls(
    screen: pygame.Surface,
    fonts: Fonts,
    buttons: tuple[Button, ...],
    state: ControlsState,
    palette: Palette,
    label_size: int,
) -> None:
    """Every button; without a sound device the two narration buttons are greyed out."""
    for button in buttons:
        draw_button(screen, fonts, button, state, palette, label_size)


def draw_button(
    screen: pygame.Surface,
    fonts: Fonts,
    button: Button,
    state: ControlsState,
    palette: Palette,
    label_size: int,
) -> None:
    """One button, its label or icon at `label_size` unless the layout measured its own."""
    r = pygame.Rect(button.rect.x, button.rect.y, button.rect.w, button.rect.h)
    narration = button.action in (Action.TOGGLE_NARRATION, Action.REPEAT_NARRATION)
    unavailable = narration and not state.sound
    active = state.active(button) and not unavailable
    fill = palette.button_active if active else palette.button
    ink = palette.button_active_text if active else palette.button_text
    border = palette.button_border
    if unavailable:
        fill, ink, border = palette.background, palette.button_unavailable, palette.button
    radius = r.h // 6
    pygame.draw.rect(screen, fill, r, border_radius=radius)
    pygame.draw.rect(screen, border, r, width=palette.border_width, border_radius=radius)
    if button.lang is not None:
        text = button.label or button.lang.upper()
        label = fonts.render(text, button.label_size or label_size, ink, bold=True)
        screen.blit(label, label.get_rect(center=r.center))
    elif button.action is Action.LARGER_TEXT:
        size = label_size  # "Aa" in a square button: no wider than most of it
        while size > SMALLEST_TEXT_PX and fonts.measure_bold(LARGER_TEXT_LABEL, size) > r.w * 0.75:
            size -= 1
        label = fonts.render(LARGER_TEXT_LABEL, size, ink, bold=True)
        screen.blit(label, label.get_rect(center=r.center))
    elif button.action is Action.HIGH_CONTRAST:
        icons.contrast(screen, r, ink, fill)
    elif button.action is Action.TOGGLE_NARRATION:
        icons.speaker(screen, r, ink, on=state.narration_on and state.sound)
    elif button.action is Action.REPEAT_NARRATION:
        icons.repeat(screen, r, ink)
        if unavailable:
            icons.strike(screen, r, ink)
    else:
        icons.play_or_pause(screen, r, ink, show_play=state.held)
