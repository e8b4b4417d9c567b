"""Display power: the methods in order, the fallbacks, the checks that do not trust an exit
status, and a real Xvfb (which has no DPMS, like most virtual machines).

The Wayland and DPMS-capable X11 programs are shell scripts on a PATH of their own, keeping
the panel's state in a file and writing down each call; the backlight is a folder in tmp."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from kiosk.screen.display_power import DisplayPower, methods_for, session_kind
from kiosk.screen.power_methods import PowerFailed

SHORT_TIMEOUT = 0.5

# Like wlopm 0.1: `--off NAME`/`--on NAME`, "*" for every output; no operation lists the
# outputs, one "NAME on|off" a line. FAKE_WLOPM picks how it behaves.
FAKE_WLOPM = """#!/bin/sh
echo "$*" >> "$FAKE_CALLS"
case "$FAKE_WLOPM" in
  unsupported)
    echo "ERROR: Wayland compositor does not support wlr-output-power-management-v1." >&2
    exit 1 ;;
  hangs)
    /bin/sleep 30 &
    echo $! > "$FAKE_STATE.sleeper"
    wait
    exit 0 ;;
esac
case "$1" in
  --off) [ "$FAKE_WLOPM" = lies ] || echo off > "$FAKE_STATE" ;;
  --on) echo on > "$FAKE_STATE" ;;
  "") [ "$FAKE_WLOPM" = no-outputs ] || { read -r mode < "$FAKE_STATE"; echo "HDMI-A-1 $mode"; } ;;
esac
"""

# An X server with DPMS, answering `xset q` the way xset prints it (the DPMS part only);
# FAKE_XSET=stubborn: a driver that accepts `force off` and leaves the monitor on.
FAKE_XSET = """#!/bin/sh
echo "$*" >> "$FAKE_CALLS"
case "$*" in
  "dpms force off") [ "$FAKE_XSET" = stubborn ] || echo Off > "$FAKE_STATE" ;;
  "dpms force on") echo On > "$FAKE_STATE" ;;
  *-dpms*) echo On > "$FAKE_STATE" ;;
  q)
    read -r mode < "$FAKE_STATE"
    echo "DPMS (Energy Star):"
    echo "  Standby: 600    Suspend: 600    Off: 600"
    echo "  DPMS is Enabled"
    echo "  Monitor is $mode" ;;
esac
"""


class Panel:
    """A fake session: programs on their own PATH, a sysfs folder, the calls they received."""

    def __init__(self, root: Path) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        self.sysfs = root / "sys"
        self.state = root / "state"
        self.calls = root / "calls"
        self.calls.touch()
        self.screensaver: list[bool] = []

    def program(self, name: str, script: str, state: str) -> None:
        path = self.bin / name
        path.write_text(script)
        path.chmod(0o755)
        self.state.write_text(state + "\n")

    def backlight(self, name: str = "rpi_backlight", value: str = "0") -> Path:
        folder = self.sysfs / "class" / "backlight" / name
        folder.mkdir(parents=True)
        (folder / "bl_power").write_text(value + "\n")
        return folder / "bl_power"

    def environ(self, **session: str) -> dict[str, str]:
        return {
            "PATH": str(self.bin),
            "FAKE_CALLS": str(self.calls),
            "FAKE_STATE": str(self.state),
            **session,
        }

    def power(self, **session: str) -> DisplayPower:
        return DisplayPower.for_this_session(
            self.environ(**session), self.sysfs, SHORT_TIMEOUT, self.screensaver.append
        )

    def received(self) -> list[str]:
        return self.calls.read_text().splitlines()

    def shows(self) -> str:
        return self.state.read_text().strip()


@pytest.fixture
def panel(tmp_path: Path) -> Panel:
    return Panel(tmp_path)


WAYLAND = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}


def test_the_session_decides_which_methods_are_tried(tmp_path):
    assert session_kind({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland"
    assert session_kind({"XDG_SESSION_TYPE": "wayland"}) == "wayland"
    assert session_kind({"DISPLAY": ":0"}) == "x11"
    assert session_kind({"XDG_SESSION_TYPE": "tty"}) == "console"
    names = {
        kind: [method.name for method in methods_for(environ, tmp_path)]
        for kind, environ in [
            ("wayland", WAYLAND),
            ("x11", {"DISPLAY": ":0"}),
            ("console", {}),
        ]
    }
    assert names == {
        "wayland": ["wlopm", "backlight"],
        "x11": ["x11-dpms", "backlight"],
        "console": ["backlight"],
    }


def test_wlopm_switches_every_output_off_and_on_and_the_screensaver_follows(panel):
    panel.program("wlopm", FAKE_WLOPM, "on")
    power = panel.power(**WAYLAND, FAKE_WLOPM="works")

    assert power.switch_off() is True
    assert (power.method, panel.shows()) == ("wlopm", "off")
    assert panel.received() == ["--off *", ""]  # the listing checks it really is off
    power.switch_on()
    assert panel.shows() == "on"
    assert panel.received()[-1] == "--on *"
    assert power.method is None
    assert panel.screensaver == [True, False]


@pytest.mark.parametrize(
    "behaviour, reason",
    [
        ("unsupported", "does not support wlr-output-power-management"),  # cage 0.1.4
        ("lies", "lists HDMI-A-1 as on"),
        ("no-outputs", "lists no outputs"),
    ],
)
def test_wlopm_that_fails_or_does_not_power_down_hands_over_to_the_backlight(
    panel, caplog, behaviour, reason
):
    panel.program("wlopm", FAKE_WLOPM, "on")
    switch = panel.backlight()
    power = panel.power(**WAYLAND, FAKE_WLOPM=behaviour)
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")

    assert power.switch_off() is True
    assert power.method == "backlight"
    assert switch.read_text().strip() == "4"
    assert reason in caplog.text
    power.switch_on()
    assert switch.read_text().strip() == "0"
    assert panel.received()[-1] == "--on *"  # wlopm is asked too: every method wakes


def test_a_method_that_hangs_is_killed_with_what_it_started_and_the_next_one_works(panel):
    panel.program("wlopm", FAKE_WLOPM, "on")
    switch = panel.backlight()
    power = panel.power(**WAYLAND, FAKE_WLOPM="hangs")

    started = time.monotonic()
    assert power.switch_off() is True
    took = time.monotonic() - started
    assert power.method == "backlight" and switch.read_text().strip() == "4"
    assert took < SHORT_TIMEOUT + 1.5
    sleeper = int(Path(f"{panel.state}.sleeper").read_text())
    assert ended_within(sleeper, 2.0), "the hanging program's own child outlived the timeout"


def ended_within(pid: int, seconds: float) -> bool:
    """Gone or a zombie (a container's first process may never reap orphans) within the
    time a killed process takes to finish dying; a process left alive sleeps for 30 s."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if status.rpartition(")")[2].split()[0] == "Z":
            return True
        time.sleep(0.02)
    return False


def test_when_nothing_works_switch_off_says_so_once_and_waking_stays_safe(panel, caplog):
    power = panel.power(**WAYLAND)  # no wlopm on PATH, no backlight
    caplog.set_level(logging.DEBUG, logger="kiosk.screen.display_power")

    for _night in range(3):
        assert power.switch_off() is False
        assert power.method is None
        power.keep_off()
        power.switch_on()
    said = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert [r.levelno for r in said] == [logging.INFO, logging.INFO, logging.WARNING]
    assert "wlopm is not installed" in said[0].getMessage()
    assert "no backlight" in said[1].getMessage()
    assert "black screen" in said[2].getMessage()
    assert panel.screensaver == [True, False] * 3


def test_x11_keep_off_puts_a_monitor_that_came_back_on_off_again(panel, caplog):
    panel.program("xset", FAKE_XSET, "On")
    power = panel.power(DISPLAY=":0")
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")

    assert power.switch_off() is True
    assert (power.method, panel.shows()) == ("x11-dpms", "Off")
    before = len(panel.received())
    power.keep_off()
    assert panel.received()[before:] == ["q"]  # still off: one look, nothing else

    panel.state.write_text("On\n")  # a visitor touched the screen at night
    power.keep_off()
    power.keep_off()
    assert panel.shows() == "Off"
    assert panel.received().count("dpms force off") == 2
    assert caplog.text.count("came back on") == 1
    assert caplog.text.count("x11-dpms switched the panel off") == 1

    power.switch_on()
    assert panel.received()[-2:] == ["dpms force on", "s reset s off -dpms"]
    assert panel.shows() == "On"
    power.keep_off()  # awake: keep_off does nothing
    assert panel.received()[-1] == "s reset s off -dpms"


def test_an_x11_monitor_that_stays_on_after_force_off_hands_over_to_the_backlight(panel, caplog):
    panel.program("xset", FAKE_XSET, "On")
    switch = panel.backlight()
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")

    power = panel.power(DISPLAY=":0", FAKE_XSET="stubborn")
    assert power.switch_off() is True and power.method == "backlight"
    assert "still says Monitor is On" in caplog.text
    assert switch.read_text().strip() == "4"


def test_the_backlight_is_switched_off_kept_off_and_woken(panel):
    first, second = panel.backlight("panel-a"), panel.backlight("panel-b")
    power = panel.power()

    assert power.switch_off() is True
    assert [first.read_text().strip(), second.read_text().strip()] == ["4", "4"]
    second.write_text("0\n")  # something else lit it
    power.keep_off()
    assert second.read_text().strip() == "4"
    power.switch_on()
    assert [first.read_text().strip(), second.read_text().strip()] == ["0", "0"]


def test_a_backlight_the_kiosk_cannot_write_is_a_failure_that_names_the_file(panel, caplog):
    folder = panel.sysfs / "class" / "backlight" / "rpi_backlight" / "bl_power"
    folder.mkdir(parents=True)  # unwritable even for root, unlike a chmod
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")

    assert panel.power().switch_off() is False
    assert f"cannot write {folder}" in caplog.text and "udev rule" in caplog.text


def test_switch_on_wakes_what_someone_else_put_to_sleep(panel):
    panel.program("wlopm", FAKE_WLOPM, "off")
    switch = panel.backlight(value="4")

    panel.power(**WAYLAND, FAKE_WLOPM="works").switch_on()
    assert panel.shows() == "on" and switch.read_text().strip() == "0"


class Broken:
    name = "broken"

    def off(self) -> None:
        raise RuntimeError("a bug in a method")

    on = off

    def came_back_on(self) -> bool:
        raise RuntimeError("a bug in a method")


class Works:
    name = "works"
    lit = True

    def off(self) -> None:
        self.lit = False

    def on(self) -> None:
        self.lit = True

    def came_back_on(self) -> bool:
        raise PowerFailed("cannot tell")


def test_an_unexpected_error_in_a_method_never_reaches_the_loop(caplog):
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")
    works = Works()
    power = DisplayPower([Broken(), works], screensaver=lambda allowed: None)
    assert power.switch_off() is True and power.method == "works" and not works.lit
    power.keep_off()  # cannot tell: switches off again rather than guessing
    assert power.method == "works"
    power.switch_on()
    assert works.lit

    power.switch_off()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [  # with the traceback, once each
        "display power: broken failed switching the panel off",
        "display power: broken failed switching the panel on",
    ]
    assert all(r.exc_info is not None for r in errors)

    failing_screensaver = DisplayPower([Broken()], screensaver=Broken().off)
    assert failing_screensaver.switch_off() is False
    failing_screensaver.keep_off()
    failing_screensaver.switch_on()


def test_the_real_screensaver_switch_is_allowed_while_asleep(panel):
    pygame.display.init()
    try:
        power = DisplayPower.for_this_session(panel.environ(), panel.sysfs, SHORT_TIMEOUT)
        assert pygame.display.get_allow_screensaver() is False  # SDL's default
        power.switch_off()
        assert pygame.display.get_allow_screensaver() is True
        power.switch_on()
        assert pygame.display.get_allow_screensaver() is False
    finally:
        pygame.display.quit()
    power.switch_off()  # no display open: nothing to switch, and no error


# --- a real X server --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    if not shutil.which("Xvfb"):
        pytest.skip("needs Xvfb (apt-get install xvfb)")
    if not shutil.which("xset"):
        pytest.skip("needs xset (apt-get install x11-xserver-utils)")
    # -noreset: an X server resets its settings when its last client leaves, and here no
    # kiosk stays connected between two xset calls.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-noreset",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "320x240x24",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        number = answer.readline().strip()
    try:
        assert number, "Xvfb did not say which display it took"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def xset_query(display: str) -> str:
    return subprocess.run(
        ["xset", "-display", display, "q"], capture_output=True, text=True, check=True
    ).stdout


def test_xvfb_has_no_dpms_so_xset_is_not_trusted_and_waking_still_sets_up_x(xvfb, tmp_path, caplog):
    environ = {"DISPLAY": xvfb, "PATH": os.environ["PATH"]}
    power = DisplayPower.for_this_session(environ, tmp_path, screensaver=lambda allowed: None)
    caplog.set_level(logging.INFO, logger="kiosk.screen.display_power")

    assert power.switch_off() is False  # `xset dpms force off` exits 0 all the same
    assert "Server does not have the DPMS Extension" in caplog.text
    assert "timeout:  600" in xset_query(xvfb)  # X's own screen saver, on by default
    power.switch_on()
    assert "timeout:  0" in xset_query(xvfb)


def test_a_headless_display_has_no_switch_so_tests_never_touch_a_real_screen():
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert DisplayPower.for_the_display("dummy", environ) is None
    assert DisplayPower.for_the_display("offscreen", environ) is None
    assert DisplayPower.for_the_display("x11", environ) is not None
