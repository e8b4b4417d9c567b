"""A visitor's choices through the whole loop: a tap on "Aa" or on the contrast button (or
the keys T and C) changes what the screen shows at once, and the next visitor finds the
usual screen again."""

from __future__ import annotations

import pygame

from kiosk.show import player, theme
from kiosk.show.commands import Action
from tests.helpers import button_centre, post_key, post_tap, snapshot
from tests.test_app import make_show as make_show
from tests.test_app import settle
from tests.test_app import shipped as shipped


def the_button(show, action: Action):
    return next(b for b in show.renderer.buttons if b.action is action)


def panel_corner(show) -> tuple[int, int]:
    """A pixel of the panel that no text or button covers: its bottom-left corner."""
    return 2, show.renderer.height - 2


def test_tapping_the_choices_changes_the_screen_and_the_idle_return_undoes_them(make_show):
    show, clock = make_show()
    settle(show, clock)
    first = player.current_slide(show.state)
    assert snapshot().getpixel(panel_corner(show)) == theme.PANEL

    clock.t += 1.0
    contrast = the_button(show, Action.HIGH_CONTRAST)
    post_tap(*button_centre(contrast))
    settle(show, clock)
    assert show.state.high_contrast and player.current_slide(show.state) == first
    image = snapshot()
    assert image.getpixel(panel_corner(show)) == (0, 0, 0)
    inset = contrast.rect.h // 8
    corner = (contrast.rect.x + inset, contrast.rect.y + inset)
    assert image.getpixel(corner) == theme.HIGH_CONTRAST.button_active

    clock.t += 1.0
    larger = the_button(show, Action.LARGER_TEXT)
    post_tap(*button_centre(larger))
    settle(show, clock)
    assert show.state.larger_text and show.state.high_contrast
    image = snapshot()
    inset = larger.rect.h // 8
    corner = (larger.rect.x + inset, larger.rect.y + inset)
    assert image.getpixel(corner) == theme.HIGH_CONTRAST.button_active

    clock.t += 1.0
    post_key(pygame.K_c)  # contrast off again by its key
    settle(show, clock)
    assert not show.state.high_contrast and show.state.larger_text
    assert snapshot().getpixel(panel_corner(show)) == theme.PANEL

    # Nobody touches it for idle_timeout: the next visitor gets the usual screen.
    clock.t = show.state.last_input_at + show.state.settings.idle_timeout
    settle(show, clock)
    assert not show.state.larger_text and not show.state.high_contrast
    image = snapshot()
    assert image.getpixel(corner) == theme.BUTTON
    assert image.getpixel(panel_corner(show)) == theme.PANEL
