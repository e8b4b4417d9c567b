"""The ways a kiosk can switch its panel off and on, each one checked rather than trusted.

Exit statuses lie here: `xset dpms force off` exits 0 on an X server without DPMS (Xvfb, most
virtual machines) after printing its usage, so each method reads the state back (`xset q`,
`wlopm`'s list, the backlight's file) before it says it worked. Programs run without a shell,
with the session's own environment and a short timeout; a program that hangs is killed with
everything it started, so the next method gets its turn at once."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

COMMAND_TIMEOUT = 2.0  # seconds; a power command answers in milliseconds when it works at all
BACKLIGHT_ON, BACKLIGHT_OFF = "0", "4"  # FB_BLANK_UNBLANK and FB_BLANK_POWERDOWN


class PowerFailed(Exception):
    """This method could not switch the panel; the message says why, for the log."""


class PowerMethod(Protocol):
    name: str

    def off(self) -> None:
        """Switch the panel off and check that it is; PowerFailed otherwise."""

    def on(self) -> None:
        """Switch the panel on; PowerFailed if the method cannot."""

    def came_back_on(self) -> bool:
        """True when the panel is lit again although this method switched it off."""


def run(command: Sequence[str], environ: Mapping[str, str], timeout: float) -> str:
    """The command's standard output; PowerFailed when it is missing, fails or hangs.

    A new session, so that a timeout kills the program and whatever it started: a shell
    script's `sleep` would otherwise keep the pipe open and the wait going long after."""
    shown = " ".join(command)
    program = shutil.which(command[0], path=environ.get("PATH", os.defpath))
    if program is None:
        raise PowerFailed(f"{command[0]} is not installed (not found on PATH)")
    try:
        process = subprocess.Popen(
            [program, *command[1:]],
            env=dict(environ),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        raise PowerFailed(f"`{shown}` could not start: {exc}") from exc
    with process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):  # one that left the group
                process.communicate(timeout=timeout)
            raise PowerFailed(f"`{shown}` did not answer within {timeout:g} s") from None
    if process.returncode != 0:
        said = err.strip().splitlines()[-1:] or ["no message"]
        raise PowerFailed(f"`{shown}` failed (exit status {process.returncode}): {said[0]}")
    return out


class Wlopm:
    """wlr-output-power-management through `wlopm`: the compositor powers the outputs down
    and keeps them in its layout, so the kiosk's window and the screen's mode stay as they
    are. labwc, sway and wayfire offer the protocol; cage does not (0.1.4 to 0.3.1)."""

    name = "wlopm"

    def __init__(self, environ: Mapping[str, str], timeout: float) -> None:
        self.environ, self.timeout = environ, timeout

    def off(self) -> None:
        run(["wlopm", "--off", "*"], self.environ, self.timeout)
        listing = self._listing()
        if not listing.strip():
            raise PowerFailed("wlopm lists no outputs: the compositor offers no power control")
        lit = sorted(name for name, on in _outputs(listing).items() if on)
        if lit:
            raise PowerFailed(f"`wlopm --off *` ran but wlopm lists {', '.join(lit)} as on")

    def on(self) -> None:
        run(["wlopm", "--on", "*"], self.environ, self.timeout)

    def came_back_on(self) -> bool:
        return any(_outputs(self._listing()).values())

    def _listing(self) -> str:
        return run(["wlopm"], self.environ, self.timeout)


def _outputs(listing: str) -> dict[str, bool]:
    """Each output's name and whether it is on, from wlopm's list ("HDMI-A-1 on"). A listing
    in a form this does not know gives nothing, and then wlopm's exit status is trusted."""
    outputs = {}
    for line in listing.splitlines():
        name, _, mode = line.strip().rpartition(" ")
        if name and mode in ("on", "off"):
            outputs[name] = mode == "on"
    return outputs


class XDpms:
    """DPMS through `xset`. On waking it also switches X's own screen saver and DPMS timers
    off (`xset s off -dpms`), so nothing blanks the screen during opening hours, and resets
    a screen saver that started while the kiosk slept (`xset s reset`)."""

    name = "x11-dpms"

    def __init__(self, environ: Mapping[str, str], timeout: float) -> None:
        self.environ, self.timeout = environ, timeout

    def off(self) -> None:
        run(["xset", "dpms", "force", "off"], self.environ, self.timeout)
        state = self._monitor()
        if state == "On":
            raise PowerFailed("`xset dpms force off` ran but xset q still says Monitor is On")

    def on(self) -> None:
        # `force on` enables DPMS as a side effect, so `-dpms` must come after it; on a server
        # without DPMS `force on` prints its usage and exits 0, and the second call still runs.
        run(["xset", "dpms", "force", "on"], self.environ, self.timeout)
        run(["xset", "s", "reset", "s", "off", "-dpms"], self.environ, self.timeout)

    def came_back_on(self) -> bool:
        return self._monitor() == "On"

    def _monitor(self) -> str:
        """ "On", "Off", "in Standby" or "in Suspend", from `xset q`'s DPMS part; PowerFailed
        when the server cannot say (no DPMS extension, a display not capable of it)."""
        report = run(["xset", "q"], self.environ, self.timeout)
        for line in report.splitlines():
            line = line.strip()
            if line.startswith("Monitor is "):
                return line.removeprefix("Monitor is ")
        dpms = report.partition("DPMS (Energy Star):")[2].strip().splitlines()
        why = dpms[-1].strip() if dpms else "no DPMS part in xset q"
        raise PowerFailed(f"the X server cannot power the monitor down ({why})")


class Backlight:
    """The panel's backlight through sysfs, `class/backlight/*/bl_power` (0 on, 4 off): the
    Raspberry Pi touch display and most laptop panels. The DRM connector's own `dpms` file
    in sysfs is read-only, so this is the one power switch outside the compositor."""

    name = "backlight"

    def __init__(self, sysfs: Path) -> None:
        self.folder = sysfs / "class" / "backlight"

    def off(self) -> None:
        switched = self._write_all(BACKLIGHT_OFF)
        still_on = [path.parent.name for path in switched if _read(path) != BACKLIGHT_OFF]
        if still_on:
            raise PowerFailed(f"wrote {BACKLIGHT_OFF} to bl_power but {still_on[0]} reads back on")

    def on(self) -> None:
        self._write_all(BACKLIGHT_ON)

    def came_back_on(self) -> bool:
        return any(_read(path) != BACKLIGHT_OFF for path in self._switches())

    def _switches(self) -> list[Path]:
        return sorted(self.folder.glob("*/bl_power"))

    def _write_all(self, value: str) -> list[Path]:
        """Every bl_power that took the value; PowerFailed when none did, naming why."""
        switches = self._switches()
        if not switches:
            raise PowerFailed(f"no backlight with a bl_power file in {self.folder}")
        written, refusals = [], []
        for path in switches:
            try:
                path.write_text(value)
            except OSError as exc:
                refusals.append(f"{path}: {exc.strerror or exc}")
            else:
                written.append(path)
        if not written:
            raise PowerFailed(
                f"cannot write {refusals[0]} (the kiosk's user needs write access: a udev rule)"
            )
        return written


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError as exc:
        raise PowerFailed(f"cannot read {path}: {exc.strerror or exc}") from exc
