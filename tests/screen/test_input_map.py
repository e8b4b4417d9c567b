"""InputMapper: synthetic pygame events in, player commands (or exit requests) out."""

from __future__ import annotations

import pygame
import pytest

from kiosk.screen.input_map import ExitRequest, InputMapper
from kiosk.show.commands import Action, Command, Source
from kiosk.show.layout import Rect, controls
from tests.helpers import button_centre, finger_event, key_event

W, H = 1280, 720
LANGS = ("fr", "en")
BUTTONS = controls(W, H, LANGS)
LANG_BUTTONS = {b.lang: b for b in BUTTONS if b.lang is not None}
PAUSE = next(b for b in BUTTONS if b.action is Action.TOGGLE_PAUSE)


@pytest.fixture(autouse=True)
def display():
    """pygame.key.key_code and the event queue want the (dummy) video system up."""
    pygame.display.init()
    pygame.display.set_mode((W, H))
    pygame.event.clear()
    yield
    pygame.display.quit()


def make_mapper(windowed: bool = False, staff_exit: str = "ctrl+alt+q") -> InputMapper:
    return InputMapper((W, H), BUTTONS, staff_exit, windowed)


def mouse(kind: int, x: float, y: float, touch: bool = False, button: int = 1):
    return pygame.event.Event(kind, pos=(x, y), button=button, touch=touch)


def feed(mapper: InputMapper, events) -> list:
    """Every non-None outcome of a sequence of events."""
    outcomes = [mapper.map_event(event) for event in events]
    return [outcome for outcome in outcomes if outcome is not None]


def mouse_tap(x: float, y: float):
    return [mouse(pygame.MOUSEBUTTONDOWN, x, y), mouse(pygame.MOUSEBUTTONUP, x, y)]


def finger_tap(x: float, y: float, finger_id: int = 0):
    """A tap at pixel (x, y), sent as SDL does: normalised to the window."""
    return [
        finger_event(pygame.FINGERDOWN, x / W, y / H, finger_id),
        finger_event(pygame.FINGERUP, x / W, y / H, finger_id),
    ]


# --- taps -----------------------------------------------------------------------------------

TAP_ZONES = [
    pytest.param(40, 300, Action.PREVIOUS, id="left-edge"),
    pytest.param(W / 3 - 2, 300, Action.PREVIOUS, id="left-third"),
    pytest.param(W / 3 + 2, 300, Action.PRESENCE, id="middle-start"),
    pytest.param(W / 2, 100, Action.PRESENCE, id="middle"),
    pytest.param(W * 2 / 3 + 2, 300, Action.NEXT, id="right-third"),
    pytest.param(W - 10, 100, Action.NEXT, id="right-edge"),
]


@pytest.mark.parametrize(("x", "y", "action"), TAP_ZONES)
@pytest.mark.parametrize("device", ["mouse", "finger"])
def test_tap_zones(device, x, y, action):
    events = mouse_tap(x, y) if device == "mouse" else finger_tap(x, y)
    assert feed(make_mapper(), events) == [Command(action, Source.TOUCH)]


@pytest.mark.parametrize("device", ["mouse", "finger"])
@pytest.mark.parametrize("lang", LANGS)
def test_tap_on_language_button_sets_that_language(device, lang):
    x, y = button_centre(LANG_BUTTONS[lang])
    events = mouse_tap(x, y) if device == "mouse" else finger_tap(x, y)
    assert feed(make_mapper(), events) == [Command(Action.SET_LANGUAGE, Source.TOUCH, lang)]


@pytest.mark.parametrize("device", ["mouse", "finger"])
def test_tap_on_pause_button_toggles_pause(device):
    x, y = button_centre(PAUSE)
    events = mouse_tap(x, y) if device == "mouse" else finger_tap(x, y)
    assert feed(make_mapper(), events) == [Command(Action.TOGGLE_PAUSE, Source.TOUCH)]


@pytest.mark.parametrize("size", [(1080, 1920), (768, 1366)])
@pytest.mark.parametrize("languages", [("fr", "en"), ("fr", "en", "de", "es", "it", "nl")])
def test_on_a_portrait_screen_each_finger_finds_its_button_in_the_bar(size, languages):
    """The buttons moved to a bar under the text: touch follows them there."""
    width, height = size
    buttons = controls(width, height, languages)
    mapper = InputMapper(size, buttons, "ctrl+alt+q", False)
    assert min(b.rect.x for b in buttons) < width / 3  # the bar starts at the left edge
    for button in buttons:
        x, y = button_centre(button)
        down = finger_event(pygame.FINGERDOWN, x / width, y / height)
        up = finger_event(pygame.FINGERUP, x / width, y / height)
        assert feed(mapper, [down, up]) == [Command(button.action, Source.TOUCH, button.lang)]


def test_finger_coordinates_are_scaled_to_the_window():
    # The same normalised point means another pixel on another screen size: at 0.5 of a
    # 1280-wide window the tap is in the middle, at 0.1 in the left third.
    mapper = make_mapper()
    outcome = feed(
        mapper, [finger_event(pygame.FINGERDOWN, 0.5, 0.3), finger_event(pygame.FINGERUP, 0.5, 0.3)]
    )
    assert outcome == [Command(Action.PRESENCE, Source.TOUCH)]
    outcome = feed(
        mapper, [finger_event(pygame.FINGERDOWN, 0.1, 0.3), finger_event(pygame.FINGERUP, 0.1, 0.3)]
    )
    assert outcome == [Command(Action.PREVIOUS, Source.TOUCH)]


def test_tap_is_judged_where_the_finger_went_down():
    # A small slide of the finger (shorter than a swipe) from the right third into the middle
    # is still a tap in the right third.
    mapper = make_mapper()
    events = [
        finger_event(pygame.FINGERDOWN, 0.70, 0.4),
        finger_event(pygame.FINGERUP, 0.66, 0.4),
    ]
    assert feed(mapper, events) == [Command(Action.NEXT, Source.TOUCH)]


def test_press_alone_does_nothing_until_release():
    mapper = make_mapper()
    assert mapper.map_event(mouse(pygame.MOUSEBUTTONDOWN, 10, 10)) is None
    assert mapper.map_event(mouse(pygame.MOUSEBUTTONUP, 10, 10)) == Command(
        Action.PREVIOUS, Source.TOUCH
    )
    # A release with no press before it (the press went to another window) does nothing.
    assert mapper.map_event(mouse(pygame.MOUSEBUTTONUP, 10, 10)) is None


def test_right_and_middle_mouse_buttons_are_ignored():
    mapper = make_mapper()
    for button in (pygame.BUTTON_RIGHT, pygame.BUTTON_MIDDLE):
        events = [
            mouse(pygame.MOUSEBUTTONDOWN, 1200, 300, button=button),
            mouse(pygame.MOUSEBUTTONUP, 1200, 300, button=button),
        ]
        assert feed(mapper, events) == []


# --- a timeline's or a map's markers --------------------------------------------------------

MARKERS = ((Rect(60, 300, 60, 60), 0), (Rect(600, 300, 60, 60), 1), (Rect(1150, 300, 60, 60), 2))
"""Three markers' targets, one in each third of the screen."""


@pytest.mark.parametrize("device", ["finger", "mouse"])
@pytest.mark.parametrize("step", [0, 1, 2])
def test_a_tap_on_a_marker_shows_its_step_before_the_thirds_turn_the_page(device, step):
    mapper = InputMapper((W, H), BUTTONS, "ctrl+alt+q", False, lambda: MARKERS)
    rect = MARKERS[step][0]
    tap = finger_tap if device == "finger" else mouse_tap
    assert feed(mapper, tap(rect.x + 5, rect.y + 55)) == [
        Command(Action.SHOW_STEP, Source.TOUCH, step=step)
    ]
    assert feed(mapper, tap(30, 200)) == [Command(Action.PREVIOUS, Source.TOUCH)]


def test_the_markers_asked_for_are_those_on_screen_at_the_tap():
    on_screen: list = [()]
    mapper = InputMapper((W, H), BUTTONS, "ctrl+alt+q", False, lambda: on_screen[0])
    assert feed(mapper, finger_tap(90, 330)) == [Command(Action.PREVIOUS, Source.TOUCH)]
    on_screen[0] = MARKERS
    assert feed(mapper, finger_tap(90, 330)) == [Command(Action.SHOW_STEP, Source.TOUCH, step=0)]


def test_a_button_wins_over_a_marker_under_it_and_a_swipe_over_markers_still_turns():
    under_pause = ((PAUSE.rect, 4),)
    mapper = InputMapper((W, H), BUTTONS, "ctrl+alt+q", False, lambda: under_pause + MARKERS)
    assert feed(mapper, finger_tap(*button_centre(PAUSE))) == [
        Command(Action.TOGGLE_PAUSE, Source.TOUCH)
    ]
    swipe = [
        finger_event(pygame.FINGERDOWN, 630 / W, 330 / H),
        finger_event(pygame.FINGERUP, 90 / W, 330 / H),
    ]
    assert feed(mapper, swipe) == [Command(Action.NEXT, Source.TOUCH)]


# --- swipes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x0", "x1", "action"),
    [
        pytest.param(0.8, 0.3, Action.NEXT, id="leftwards-brings-next"),
        pytest.param(0.2, 0.7, Action.PREVIOUS, id="rightwards-brings-previous"),
        # A swipe that starts in the left third still turns forward: direction wins over place.
        pytest.param(0.3, 0.05, Action.NEXT, id="leftwards-from-left-third"),
        pytest.param(0.9, 0.95, Action.NEXT, id="too-short-is-a-tap-in-right-third"),
    ],
)
def test_finger_swipes(x0, x1, action):
    events = [finger_event(pygame.FINGERDOWN, x0, 0.4), finger_event(pygame.FINGERUP, x1, 0.42)]
    assert feed(make_mapper(), events) == [Command(action, Source.TOUCH)]


@pytest.mark.parametrize(
    ("x0", "x1", "action"),
    [(1000, 300, Action.NEXT), (300, 1000, Action.PREVIOUS)],
)
def test_mouse_swipes(x0, x1, action):
    events = [
        mouse(pygame.MOUSEBUTTONDOWN, x0, 300),
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=((x0 + x1) / 2, 300), rel=(0, 0), buttons=(1, 0, 0)
        ),
        mouse(pygame.MOUSEBUTTONUP, x1, 310),
    ]
    assert feed(make_mapper(), events) == [Command(action, Source.TOUCH)]


def test_mostly_vertical_drag_is_not_a_swipe():
    # dx is a swipe's length, but dy is more than half of it: not a page turn by swipe.
    events = [finger_event(pygame.FINGERDOWN, 0.5, 0.1), finger_event(pygame.FINGERUP, 0.2, 0.9)]
    outcome = feed(make_mapper(), events)
    assert outcome == [Command(Action.PRESENCE, Source.TOUCH)]


# --- one tap acts once ----------------------------------------------------------------------


@pytest.mark.parametrize("order", ["finger-first", "mouse-first", "finger-tap-then-mouse-tap"])
def test_finger_tap_with_sdl_synthetic_mouse_events_acts_once(order):
    x, y = 1200, 300
    fingers = finger_tap(x, y)
    mice = [
        mouse(pygame.MOUSEBUTTONDOWN, x, y, touch=True),
        mouse(pygame.MOUSEBUTTONUP, x, y, touch=True),
    ]
    if order == "finger-first":
        events = [fingers[0], mice[0], fingers[1], mice[1]]
    elif order == "mouse-first":  # SDL's own order: the synthetic mouse event comes first
        events = [mice[0], fingers[0], mice[1], fingers[1]]
    else:
        events = [*fingers, *mice]
    assert feed(make_mapper(), events) == [Command(Action.NEXT, Source.TOUCH)]


def test_finger_swipe_with_synthetic_mouse_events_acts_once():
    events = [
        finger_event(pygame.FINGERDOWN, 0.8, 0.4),
        mouse(pygame.MOUSEBUTTONDOWN, 0.8 * W, 0.4 * H, touch=True),
        finger_event(pygame.FINGERUP, 0.2, 0.4),
        mouse(pygame.MOUSEBUTTONUP, 0.2 * W, 0.4 * H, touch=True),
    ]
    assert feed(make_mapper(), events) == [Command(Action.NEXT, Source.TOUCH)]


def test_mouse_click_with_sdl_synthetic_finger_events_acts_once():
    # With SDL_MOUSE_TOUCH_EVENTS, SDL makes finger events up from the mouse, touch_id -1.
    x, y = 40, 300
    events = [
        mouse(pygame.MOUSEBUTTONDOWN, x, y),
        finger_event(pygame.FINGERDOWN, x / W, y / H, touch_id=-1),
        mouse(pygame.MOUSEBUTTONUP, x, y),
        finger_event(pygame.FINGERUP, x / W, y / H, touch_id=-1),
    ]
    assert feed(make_mapper(), events) == [Command(Action.PREVIOUS, Source.TOUCH)]


def test_finger_events_made_up_from_the_mouse_are_ignored():
    mapper = make_mapper()
    events = [
        finger_event(pygame.FINGERDOWN, 0.9, 0.4, touch_id=-1),
        finger_event(pygame.FINGERUP, 0.9, 0.4, touch_id=-1),
    ]
    assert feed(mapper, events) == []
    # ... and they leave nothing half-pressed behind: a real tap afterwards still acts.
    assert feed(mapper, finger_tap(1200, 300)) == [Command(Action.NEXT, Source.TOUCH)]


def test_second_finger_during_a_tap_does_not_act_twice():
    events = [
        finger_event(pygame.FINGERDOWN, 0.9, 0.4, finger_id=1),
        finger_event(pygame.FINGERDOWN, 0.1, 0.4, finger_id=2),
        finger_event(pygame.FINGERUP, 0.1, 0.4, finger_id=2),
        finger_event(pygame.FINGERUP, 0.9, 0.4, finger_id=1),
    ]
    # One action only: the newest press is the gesture; the first finger's release is ignored.
    assert feed(make_mapper(), events) == [Command(Action.PREVIOUS, Source.TOUCH)]


def test_a_lost_release_does_not_lock_touch():
    mapper = make_mapper()
    assert feed(mapper, [finger_event(pygame.FINGERDOWN, 0.9, 0.4, finger_id=7)]) == []
    events = [
        finger_event(pygame.FINGERDOWN, 0.9, 0.4, finger_id=8),
        finger_event(pygame.FINGERUP, 0.9, 0.4, finger_id=8),
    ]
    assert feed(mapper, events) == [Command(Action.NEXT, Source.TOUCH)]


def test_a_long_vertical_drag_turns_no_page():
    events = [
        finger_event(pygame.FINGERDOWN, 0.9, 0.1, finger_id=1),
        finger_event(pygame.FINGERUP, 0.9, 0.6, finger_id=1),
    ]
    assert feed(make_mapper(), events) == [Command(Action.PRESENCE, Source.TOUCH)]


# --- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "action"),
    [
        (pygame.K_RIGHT, Action.NEXT),
        (pygame.K_SPACE, Action.NEXT),
        (pygame.K_LEFT, Action.PREVIOUS),
        (pygame.K_l, Action.CYCLE_LANGUAGE),
        (pygame.K_p, Action.TOGGLE_PAUSE),
        (pygame.K_HOME, Action.FIRST),
        (pygame.K_t, Action.LARGER_TEXT),
        (pygame.K_c, Action.HIGH_CONTRAST),
    ],
)
@pytest.mark.parametrize("windowed", [False, True])
def test_keys(code, action, windowed):
    assert make_mapper(windowed).map_event(key_event(code)) == Command(action, Source.KEY)


def test_other_keys_do_nothing():
    mapper = make_mapper()
    for code in (pygame.K_a, pygame.K_RETURN, pygame.K_F4, pygame.K_TAB, pygame.K_UP):
        assert mapper.map_event(key_event(code)) is None
    assert mapper.map_event(key_event(pygame.K_F4, pygame.KMOD_LALT)) is None


@pytest.mark.parametrize(
    "event",
    [
        pytest.param(key_event(pygame.K_ESCAPE), id="escape"),
        pytest.param(pygame.event.Event(pygame.QUIT), id="quit"),
        pytest.param(pygame.event.Event(pygame.WINDOWCLOSE, window=None), id="windowclose"),
    ],
)
def test_escape_and_close_exit_only_in_a_window(event):
    assert make_mapper(windowed=False).map_event(event) is None
    assert isinstance(make_mapper(windowed=True).map_event(event), ExitRequest)


@pytest.mark.parametrize("windowed", [False, True])
@pytest.mark.parametrize(
    "mod",
    [
        pygame.KMOD_LCTRL | pygame.KMOD_LALT,
        pygame.KMOD_RCTRL | pygame.KMOD_RALT,
        pygame.KMOD_LCTRL | pygame.KMOD_RALT,
    ],
)
def test_staff_combination_exits_in_both_modes(windowed, mod):
    outcome = make_mapper(windowed).map_event(key_event(pygame.K_q, mod))
    assert isinstance(outcome, ExitRequest)


@pytest.mark.parametrize("windowed", [False, True])
@pytest.mark.parametrize(
    "mod",
    [
        pytest.param(pygame.KMOD_NONE, id="q"),
        pytest.param(pygame.KMOD_LCTRL, id="ctrl+q"),
        pytest.param(pygame.KMOD_LALT, id="alt+q"),
        pytest.param(pygame.KMOD_LSHIFT | pygame.KMOD_LCTRL, id="ctrl+shift+q"),
    ],
)
def test_incomplete_staff_combination_does_not_exit(windowed, mod):
    assert make_mapper(windowed).map_event(key_event(pygame.K_q, mod)) is None


def test_ctrl_alt_with_another_key_does_not_exit():
    mod = pygame.KMOD_LCTRL | pygame.KMOD_LALT
    assert make_mapper().map_event(key_event(pygame.K_w, mod)) is None


def test_custom_staff_combination():
    mapper = make_mapper(staff_exit="ctrl+shift+x")
    assert isinstance(
        mapper.map_event(key_event(pygame.K_x, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT)), ExitRequest
    )
    assert mapper.map_event(key_event(pygame.K_x, pygame.KMOD_LCTRL)) is None
    assert mapper.map_event(key_event(pygame.K_x, pygame.KMOD_LSHIFT)) is None
    assert mapper.map_event(key_event(pygame.K_x)) is None
    # The default combination no longer exits once another one is configured.
    assert mapper.map_event(key_event(pygame.K_q, pygame.KMOD_LCTRL | pygame.KMOD_LALT)) is None


def test_staff_combination_with_a_digit():
    mapper = make_mapper(staff_exit="alt+shift+9")
    assert isinstance(
        mapper.map_event(key_event(pygame.K_9, pygame.KMOD_LALT | pygame.KMOD_RSHIFT)), ExitRequest
    )
    assert mapper.map_event(key_event(pygame.K_9, pygame.KMOD_LALT)) is None


# --- through SDL's own queue ----------------------------------------------------------------


def test_events_posted_to_the_sdl_queue_map_to_commands():
    mapper = make_mapper()
    posted = [
        *finger_tap(1200, 300),
        mouse(pygame.MOUSEBUTTONDOWN, 1200, 300, touch=True),
        mouse(pygame.MOUSEBUTTONUP, 1200, 300, touch=True),
        *mouse_tap(*button_centre(LANG_BUTTONS["en"])),
        key_event(pygame.K_LEFT),
        key_event(pygame.K_ESCAPE),
        key_event(pygame.K_q, pygame.KMOD_LCTRL | pygame.KMOD_LALT),
    ]
    pygame.event.clear()
    for event in posted:
        assert pygame.event.post(event)
    received = pygame.event.get()
    assert [e.type for e in received if e.type != pygame.WINDOWSHOWN][: len(posted)] == [
        e.type for e in posted
    ]
    outcomes = feed(mapper, received)
    assert outcomes == [
        Command(Action.NEXT, Source.TOUCH),
        Command(Action.SET_LANGUAGE, Source.TOUCH, "en"),
        Command(Action.PREVIOUS, Source.KEY),
        ExitRequest("staff combination"),
    ]
