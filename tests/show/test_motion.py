"""The Ken Burns path: clamped so the letterbox never shows, easing, `auto` with a focus."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.show.motion import (
    AUTO_ZOOM,
    MAX_ZOOM,
    Motion,
    View,
    auto_motion,
    clamp_view,
    view_at,
    visible_part,
)

fraction = st.floats(-0.5, 1.5, allow_nan=False)
zoom = st.floats(0.2, 5.0, allow_nan=False)
views = st.builds(View, fraction, fraction, zoom)


@given(
    views, views, st.floats(-0.2, 1.2, allow_nan=False), st.sampled_from([(1600, 900), (700, 1000)])
)
def test_the_part_shown_always_lies_inside_the_photo(
    start: View, end: View, progress: float, size: tuple[int, int]
) -> None:
    width, height = size
    x, y, w, h = visible_part(view_at(Motion(start, end), progress), width, height)
    assert x >= -1e-9 and x + w <= width + 1e-9
    assert y >= -1e-9 and y + h <= height + 1e-9
    assert width / MAX_ZOOM - 1e-9 <= w <= width + 1e-9
    assert abs(w / h - width / height) < 1e-6  # the photo's shape: nothing stretched


def test_clamping_moves_a_view_the_least_needed() -> None:
    assert clamp_view(View(0.0, 1.0, 2.0)) == View(0.25, 0.75, 2.0)
    assert clamp_view(View(0.3, 0.3, 0.5)) == View(0.5, 0.5, 1.0)  # no zoom out past the photo
    assert clamp_view(View(0.4, 0.6, 9.0)).zoom == MAX_ZOOM
    assert clamp_view(View(0.4, 0.6, 2.0)) == View(0.4, 0.6, 2.0)


def test_the_path_runs_from_start_to_end_and_eases_at_both() -> None:
    motion = Motion(View(0.5, 0.5, 1.0), View(0.3, 0.7, 2.0))
    assert view_at(motion, 0) == motion.start
    assert view_at(motion, 1) == motion.end
    assert view_at(motion, 5) == motion.end
    early = view_at(motion, 0.05).zoom - 1.0
    middle = view_at(motion, 0.55).zoom - view_at(motion, 0.5).zoom
    assert 0 < early < middle  # slow at first, faster midway
    assert view_at(motion, 0.5).zoom == 2.0**0.5  # the zoom grows by equal ratios


def test_auto_zooms_gently_towards_the_focus_and_keeps_it_in_view() -> None:
    plain = auto_motion(None)
    assert plain.start == View(0.5, 0.5, 1.0)
    assert plain.end == View(0.5, 0.5, AUTO_ZOOM)
    for focus in [(0.02, 0.05), (0.9, 0.2), (0.35, 0.6)]:
        motion = auto_motion(focus)
        for step in range(11):
            x, y, w, h = visible_part(view_at(motion, step / 10), 1.0, 1.0)
            assert x <= focus[0] <= x + w and y <= focus[1] <= y + h
    towards = auto_motion((0.35, 0.6)).end  # as near the focus as the edges allow
    assert towards == View(0.5 - 0.1, 0.6, AUTO_ZOOM)
