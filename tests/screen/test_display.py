"""How frames reach the screen, per SDL video driver."""

from __future__ import annotations

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
