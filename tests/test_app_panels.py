"""A timeline in the show's own loop: a tap on an event's marker shows that event, and the
play log says so."""

from __future__ import annotations

import json
import time

import pygame

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.show import player
from tests.helpers import FakeClock, post_tap
from tests.show.drome_panels import deck, liberation_events, steps, timeline

SIZE = (1280, 720)


def settle(show: ShowLoop, clock: FakeClock, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        show.one_pass()
        if not show.photos.busy and not show.renderer.draw(show.state, clock.t):
            return
        assert time.monotonic() < deadline, "the loop never finished drawing"


def test_a_tap_on_a_timeline_marker_shows_its_event(tmp_path, shipped_copy, fast_sleep) -> None:
    config = load_exhibition(shipped_copy / "config" / "kiosk.yaml").config
    the_deck = deck(*steps(timeline(liberation_events())))
    pygame.display.init()
    screen = pygame.display.set_mode(SIZE)
    pygame.event.clear()
    options = RunOptions(fullscreen=False, size=SIZE, play_log=tmp_path / "play.jsonl")
    show = ShowLoop(screen, config, (the_deck,), options, StopFlag())
    try:
        show.clock = clock = FakeClock()
        settle(show, clock)
        assert player.current_slide(show.state).step == 0
        targets = dict((step, rect) for rect, step in show.renderer.tap_targets)
        assert sorted(targets) == list(range(9))
        rect = targets[4]
        clock.t += 1.0
        post_tap(rect.x + rect.w / 2, rect.y + rect.h / 2)
        settle(show, clock)
        assert player.current_slide(show.state).step == 4
        assert dict(show.renderer.tap_targets)  # the new frame's markers, ready for the next tap
        lines = (tmp_path / "play.jsonl").read_text(encoding="utf-8").splitlines()
        last = json.loads(lines[-1])
        assert (last["slide"], last["step"], last["trigger"]) == ("liberation-days", 4, "touch")
    finally:
        show.close()
        pygame.display.quit()
