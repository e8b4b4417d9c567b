"""What a tap or a swipe asks for, from where the buttons are (kiosk.show.layout_controls):
the screen's hit testing follows the buttons wherever the arrangement put them."""

from __future__ import annotations

from kiosk.show.commands import Action
from kiosk.show.layout_geometry import Button, padding

SWIPE_MIN_DISTANCE = 0.08  # of the screen width


def action_for_tap(
    x: float, y: float, width: int, height: int, buttons: tuple[Button, ...]
) -> tuple[Action, str | None]:
    """What a tap at (x, y) asks for: a button, else the left third goes back, the right
    third goes forward, and the middle only tells that a visitor is there."""
    for button in buttons:
        if button.rect.contains(x, y):
            return button.action, button.lang
    if _near_controls(x, y, width, height, buttons):
        return Action.PRESENCE, None
    if x < width / 3:
        return Action.PREVIOUS, None
    if x >= width * 2 / 3:
        return Action.NEXT, None
    return Action.PRESENCE, None


def _near_controls(
    x: float, y: float, width: int, height: int, buttons: tuple[Button, ...]
) -> bool:
    """A near miss around the buttons does nothing rather than turn the page unasked."""
    if not buttons:
        return False
    slack = padding(width, height)
    left = min(b.rect.x for b in buttons) - slack
    top = min(b.rect.y for b in buttons) - slack
    right = max(b.rect.right for b in buttons) + slack
    bottom = max(b.rect.bottom for b in buttons) + slack
    return left <= x < right and top <= y < bottom


def is_drag(dx: float, dy: float, width: int) -> bool:
    """A finger that travelled too far to be a tap: not a page turn unless it was a swipe."""
    return max(abs(dx), abs(dy)) >= width * SWIPE_MIN_DISTANCE


def action_for_swipe(dx: float, dy: float, width: int) -> Action | None:
    """A mostly horizontal drag longer than SWIPE_MIN_DISTANCE of the width turns the page:
    dragging leftwards brings the next slide, as on a phone."""
    if abs(dx) < width * SWIPE_MIN_DISTANCE or abs(dx) < 2 * abs(dy):
        return None
    return Action.NEXT if dx < 0 else Action.PREVIOUS
