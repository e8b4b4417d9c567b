"""How frames reach the screen, per SDL video driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from kiosk.screen.display import framebuffer_acceleration


@pytest.mark.parametrize("configured", [False, True])
def test_wayland_always_goes_through_the_renderer(configured):
    # SDL's Wayland driver has no framebuffer of its own: "0" there means no window at all.
    assert framebuffer_acceleration("wayland", configured) == "1"


@pytest.mark.parametrize("driver", ["x11", "kmsdrm", "dummy", "offscreen"])
def test_elsewhere_frames_go_directly_unless_the_config_asks_for_acceleration(driver):
    assert framebuffer_acceleration(driver, accelerated=False) == "0"
    assert framebuffer_acceleration(driver, accelerated=True) == "1"


# --- a real X server, with and without a window manager ---------------------------------------

OPEN = (
    "import json, pygame; from kiosk.screen.display import open_display, window_manager_runs; "
    "runs = window_manager_runs(); screen = open_display(True, None); "
    "print(json.dumps([runs, list(screen.get_size()), list(pygame.display.get_window_position()), "
    "bool(screen.get_flags() & pygame.NOFRAME)]))"
)


@pytest.fixture
def bare_x(tmp_path):
    """An Xvfb with no window manager, as an X session started for the kiosk alone."""
    if not shutil.which("Xvfb"):
        pytest.skip("needs Xvfb (apt-get install xvfb)")
    read_end, write_end = os.pipe()
    # -noreset: the root window's properties outlive xprop's connection
    command = ["Xvfb", "-displayfd", str(write_end), "-noreset", "-nolisten", "tcp"]
    server = subprocess.Popen(
        [*command, "-screen", "0", "640x400x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        number = answer.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def open_on(display: str) -> list:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = display
    done = subprocess.run(
        [sys.executable, "-c", OPEN], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_a_window_manager_fullscreen_is_a_borderless_window_over_the_screen(bare_x):
    """SDL would wait for a window manager to confirm fullscreen (100 ms, in vain)."""
    runs, size, position, borderless = open_on(bare_x)
    assert runs is False
    assert size == [640, 400] and position == [0, 0]
    assert borderless


def test_with_a_window_manager_fullscreen_is_asked_of_it(bare_x):
    if not shutil.which("xprop"):
        pytest.skip("needs xprop (apt-get install x11-utils)")
    # What an EWMH window manager sets on the root window (it names a window of its own).
    check = "_NET_SUPPORTING_WM_CHECK"
    xprop = ["xprop", "-display", bare_x, "-root", "-f", check, "32x", "-set", check, "0x1"]
    subprocess.run(xprop, check=True)
    runs, size, _, borderless = open_on(bare_x)
    assert runs is True
    assert size == [640, 400]
    assert not borderless
