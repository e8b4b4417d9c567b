"""pygame events to player commands: taps, swipes, clicks and keys.

A finger on a touch screen reaches SDL twice: as FINGER events, and as mouse events SDL makes
up from them (marked `touch`). Only the finger events are used, so one tap acts once; a real
mouse click acts like a tap. Gestures are judged on release: a short movement is a tap at the
point where the finger went down, a long horizontal one a swipe. A tap on a timeline's or a
map's marker shows that event; the buttons still come first.

Nothing a visitor does ends the show. Only the staff combination does, and in a window (a
curator's desk) also Escape or the close button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from kiosk.show.commands import Action, Command, Source
from kiosk.show.layout import Button, action_for_swipe, action_for_tap, is_drag
from kiosk.show.panel_layout import TapTargets, step_at

MOUSE_TOUCH_ID = -1  # SDL_MOUSE_TOUCHID: finger events SDL made up from a mouse
MODIFIERS = {"ctrl": pygame.KMOD_CTRL, "alt": pygame.KMOD_ALT, "shift": pygame.KMOD_SHIFT}
KEY_ACTIONS = {
    pygame.K_RIGHT: Action.NEXT,
    pygame.K_SPACE: Action.NEXT,
    pygame.K_LEFT: Action.PREVIOUS,
    pygame.K_l: Action.CYCLE_LANGUAGE,
    pygame.K_p: Action.TOGGLE_PAUSE,
    pygame.K_HOME: Action.FIRST,
    pygame.K_n: Action.TOGGLE_NARRATION,
    pygame.K_r: Action.REPEAT_NARRATION,
    pygame.K_PLUS: Action.VOLUME_UP,
    pygame.K_EQUALS: Action.VOLUME_UP,
    pygame.K_KP_PLUS: Action.VOLUME_UP,
    pygame.K_MINUS: Action.VOLUME_DOWN,
    pygame.K_KP_MINUS: Action.VOLUME_DOWN,
    pygame.K_t: Action.LARGER_TEXT,
    pygame.K_c: Action.HIGH_CONTRAST,
}


@dataclass(frozen=True)
class ExitRequest:
    reason: str


@dataclass(frozen=True)
class StaffCombination:
    modifiers: int
    key: int

    @classmethod
    def parse(cls, text: str) -> StaffCombination:
        """'ctrl+alt+q' -> the modifier mask and key code (the config checked the form)."""
        *mods, key = text.lower().split("+")
        mask = 0
        for mod in mods:
            mask |= MODIFIERS[mod]
        return cls(mask, pygame.key.key_code(key))

    def matches(self, event: pygame.event.Event) -> bool:
        if event.key != self.key:
            return False
        return all(event.mod & mask for name, mask in MODIFIERS.items() if self.modifiers & mask)


class InputMapper:
    def __init__(
        self,
        size: tuple[int, int],
        buttons: tuple[Button, ...],
        staff_exit: str,
        windowed: bool,
        tap_targets: Callable[[], TapTargets] = lambda: (),
    ) -> None:
        self.width, self.height = size
        self.buttons = buttons
        self.tap_targets = tap_targets
        """The markers of the timeline or map on screen (the renderer's `tap_targets`)."""
        self.staff = StaffCombination.parse(staff_exit)
        self.windowed = windowed
        self._down: tuple[object, float, float] | None = None

    def map_event(self, event: pygame.event.Event) -> Command | ExitRequest | None:
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type in (pygame.QUIT, pygame.WINDOWCLOSE):
            return ExitRequest("window closed") if self.windowed else None
        if event.type in (pygame.FINGERDOWN, pygame.FINGERUP):
            if getattr(event, "touch_id", None) == MOUSE_TOUCH_ID:
                return None
            x, y = event.x * self.width, event.y * self.height
            return self._pointer(event.type == pygame.FINGERDOWN, ("finger", event.finger_id), x, y)
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if getattr(event, "touch", False) or event.button != pygame.BUTTON_LEFT:
                return None
            x, y = event.pos
            return self._pointer(event.type == pygame.MOUSEBUTTONDOWN, ("mouse",), x, y)
        return None

    def _key(self, event: pygame.event.Event) -> Command | ExitRequest | None:
        if self.staff.matches(event):
            return ExitRequest("staff combination")
        if event.key == pygame.K_ESCAPE and self.windowed:
            return ExitRequest("Escape in a window")
        action = KEY_ACTIONS.get(event.key)
        return Command(action, Source.KEY) if action else None

    def _pointer(self, pressed: bool, who: object, x: float, y: float) -> Command | None:
        if pressed:
            # The newest press wins: a release that never came must not lock touch forever.
            self._down = (who, x, y)
            return None
        if self._down is None or self._down[0] != who:
            return None
        _, x0, y0 = self._down
        self._down = None
        swipe = action_for_swipe(x - x0, y - y0, self.width)
        if swipe is not None:
            return Command(swipe, Source.TOUCH)
        if is_drag(x - x0, y - y0, self.width):
            return Command(Action.PRESENCE, Source.TOUCH)
        if not any(button.rect.contains(x0, y0) for button in self.buttons):
            step = step_at(self.tap_targets(), x0, y0)
            if step is not None:  # a marker on a timeline or a map, before the page turns
                return Command(Action.SHOW_STEP, Source.TOUCH, step=step)
        action, lang = action_for_tap(x0, y0, self.width, self.height, self.buttons)
        return Command(action, Source.TOUCH, lang)
