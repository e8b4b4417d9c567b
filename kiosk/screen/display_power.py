"""Switching the panel off while the museum is closed, and on again before it opens.

Several ways are tried in order, the first that works is used and said once in the log, and
whatever fails (a missing program, one that hangs, a server without the feature), the kiosk
goes on: `switch_off` returns False and the caller shows black, and `switch_on` tries every
way again, so the next opening wakes the screen whatever happened at night.

The famous "the screen comes back after 20 seconds": SDL keeps the screen saver away by
resetting X's idle timer every 30 s (XResetScreenSaver), which also wakes a monitor that
DPMS switched off. So while asleep the kiosk allows the screen saver, and disallows it
again on waking; `keep_off` puts the panel back off when it came back on anyway (a touch
wakes an X11 monitor by itself)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pygame

from kiosk.screen.power_methods import (
    COMMAND_TIMEOUT,
    Backlight,
    PowerFailed,
    PowerMethod,
    Wlopm,
    XDpms,
)

log = logging.getLogger(__name__)


def session_kind(environ: Mapping[str, str]) -> str:
    """ "wayland", "x11" or "console". A Wayland session with XWayland has DISPLAY too, but
    XWayland cannot power anything down: the compositor owns the screen."""
    kind = environ.get("XDG_SESSION_TYPE", "")
    if environ.get("WAYLAND_DISPLAY") or kind == "wayland":
        return "wayland"
    if environ.get("DISPLAY") or kind == "x11":
        return "x11"
    return "console"


def methods_for(
    environ: Mapping[str, str], sysfs: Path, timeout: float = COMMAND_TIMEOUT
) -> list[PowerMethod]:
    """The ways worth trying in this session, best first. wlr-randr is left out on purpose:
    `--off` disables the output rather than powering it down, so the kiosk's window loses
    its screen and `--on` brings the output back at its preferred mode, unrotated and at
    scale 1, not as the museum set it up."""
    kind = session_kind(environ)
    methods: list[PowerMethod] = []
    if kind == "wayland":
        methods.append(Wlopm(environ, timeout))
    elif kind == "x11":
        methods.append(XDpms(environ, timeout))
    methods.append(Backlight(sysfs))
    return methods


def allow_screensaver(allowed: bool) -> None:
    """SDL's screen saver switch; without an open display there is nothing to switch."""
    try:
        pygame.display.set_allow_screensaver(allowed)
    except pygame.error as exc:
        log.debug("display power: screen saver left alone (%s)", exc)


HEADLESS_DRIVERS = frozenset({"dummy", "offscreen"})


class DisplayPower:
    """The panel's power, behind one small interface; never raises into the loop."""

    def __init__(
        self,
        methods: Sequence[PowerMethod],
        screensaver: Callable[[bool], None] = allow_screensaver,
    ) -> None:
        self.methods = list(methods)
        self.screensaver = screensaver
        self.current: PowerMethod | None = None  # what switched the panel off, if anything
        self.asleep = False
        self.said: set[str] = set()

    @classmethod
    def for_this_session(
        cls,
        environ: Mapping[str, str],
        sysfs: Path = Path("/sys"),
        timeout: float = COMMAND_TIMEOUT,
        screensaver: Callable[[bool], None] = allow_screensaver,
    ) -> DisplayPower:
        """The methods this session can try, from WAYLAND_DISPLAY, DISPLAY and
        XDG_SESSION_TYPE. The programs run with `environ` as their environment."""
        environ = dict(environ)
        return cls(methods_for(environ, sysfs, timeout), screensaver)

    @classmethod
    def for_the_display(cls, driver: str, environ: Mapping[str, str]) -> DisplayPower | None:
        """The switch for the display SDL opened with `driver`; None for SDL's dummy and
        offscreen drivers, which have no panel (a headless run, or a test, must never switch
        off the screen or the backlight of the machine it runs on)."""
        if driver in HEADLESS_DRIVERS:
            return None
        return cls.for_this_session(environ)

    @property
    def method(self) -> str | None:
        """The name of the method that switched the panel off, for the status."""
        return self.current.name if self.current is not None else None

    def switch_off(self) -> bool:
        """True if some method switched the panel off; False: the caller keeps a black
        screen (the panel stays lit)."""
        self.asleep = True
        self._screensaver(True)
        self.current = None
        for method in self.methods:
            if self._attempt(method, "off"):
                self.current = method
                self._say_once(f"display power: {method.name} switched the panel off")
                return True
        names = ", ".join(method.name for method in self.methods)
        self._say_once(
            f"display power: nothing could switch the panel off (tried {names}); "
            "the kiosk shows a black screen while closed and the panel stays lit",
            logging.WARNING,
        )
        return False

    def switch_on(self) -> None:
        """Wake the panel with every method, whatever happened before: the one that switched
        it off first, then the others, in case something else put the panel to sleep."""
        self.asleep = False
        first = [self.current] if self.current is not None else []
        for method in first + [m for m in self.methods if m is not self.current]:
            self._attempt(method, "on", quiet=method is not self.current)
        self.current = None
        self._screensaver(False)

    def keep_off(self) -> None:
        """About once a minute while asleep: switch the panel off again if it came back on.
        Cheap: one query of the method that worked, nothing when none did."""
        method = self.current
        if not self.asleep or method is None:
            return
        try:
            lit = method.came_back_on()
        except PowerFailed as why:  # cannot tell: switching off again costs the same as asking
            self._say_once(f"display power: {method.name} cannot tell: {why}", logging.WARNING)
            self.switch_off()
            return
        except Exception:
            self._say_once(f"display power: {method.name} failed asking", logging.ERROR, True)
            return
        if lit:
            self._say_once(
                f"display power: the panel came back on; {method.name} switches it off again "
                "(said once; it may happen each time someone touches a sleeping X11 screen)",
            )
            self.switch_off()

    def _attempt(self, method: PowerMethod, action: str, quiet: bool = False) -> bool:
        """Run method.off() or method.on(); False on any failure, logged once per reason.
        Not waking the panel with the method that switched it off is a warning: the museum
        opens on a dark screen."""
        try:
            getattr(method, action)()
        except PowerFailed as why:
            message = f"display power: {method.name} could not switch the panel {action}: {why}"
            if quiet:
                log.debug(message)
            else:
                self._say_once(message, logging.WARNING if action == "on" else logging.INFO)
            return False
        except Exception:
            message = f"display power: {method.name} failed switching the panel {action}"
            self._say_once(message, logging.ERROR, exc_info=True)
            return False
        return True

    def _screensaver(self, allowed: bool) -> None:
        try:
            self.screensaver(allowed)
        except Exception:
            message = f"display power: could not {_allow_word(allowed)} the screen saver"
            self._say_once(message, logging.ERROR, exc_info=True)

    def _say_once(self, message: str, level: int = logging.INFO, exc_info: bool = False) -> None:
        """Log a message the first time, at DEBUG after: the loop calls in every minute."""
        if message in self.said:
            log.debug(message)
        else:
            log.log(level, message, exc_info=exc_info)
            self.said.add(message)


def _allow_word(allowed: bool) -> str:
    return "allow" if allowed else "disallow"
