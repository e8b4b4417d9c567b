"""The status file follows what is on screen at once: a visitor's language, a visitor arriving
without turning the page, the return to the loop. Before, only a slide change wrote it, and
`kiosk status` said the old language until the next slide, up to a minute later.

The loop runs in-process with a clock the test moves; its status file is read as `kiosk
status` reads it, and `kiosk status --json` is asked too."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.cli import main
from kiosk.content.exhibition import load_exhibition
from kiosk.hall.reload import Reloader
from kiosk.hall.status_reading import read_status
from kiosk.show import player
from tests.helpers import FakeClock, post_key, post_tap
from tests.small_show import small_show


@pytest.fixture
def show(tmp_path: Path, fast_sleep, monkeypatch):
    """The small show's loop on the dummy display, its status in ROOT/logs/status.json."""
    root = small_show(tmp_path / "show", duration=20)
    monkeypatch.chdir(root)
    exhibition = load_exhibition(root / "config" / "kiosk.yaml")
    pygame.display.init()
    screen = pygame.display.set_mode((640, 360))
    pygame.event.clear()
    options = RunOptions(fullscreen=False, size=(640, 360), narration=False)
    reloader = Reloader(root / "config" / "kiosk.yaml", (), exhibition)  # as `kiosk run` has
    loop = ShowLoop(screen, exhibition.config, exhibition.decks, options, StopFlag(), reloader)
    loop.clock = FakeClock()
    yield loop
    loop.close()
    pygame.display.quit()


def showing(loop: ShowLoop) -> dict[str, object]:
    status = read_status(loop.status.path)  # type: ignore[arg-type]
    assert status is not None and status.showing is not None
    return status.showing


def passes(loop: ShowLoop, count: int = 3) -> None:
    for _ in range(count):
        loop.one_pass()


def test_a_language_switch_reaches_the_status_on_the_next_pass(show: ShowLoop, capsys) -> None:
    passes(show)
    before = showing(show)
    assert (before["deck"], before["slide"], before["lang"]) == ("town", "harbour", "fr")
    assert before["visitor"] is False and before["trigger"] == "start"
    assert (before["file"], before["line"]) == (str(Path.cwd() / "slides/town.yaml"), 4)

    show.clock.t += 5.0  # 5 s into a 20 s slide: no slide change is near
    post_key(pygame.K_l)
    show.one_pass()
    after = showing(show)
    assert (after["slide"], after["lang"], after["trigger"]) == ("harbour", "en", "key")
    assert after["visitor"] is True
    # since the switch, by the loop's clock (the start was stamped before the test's clock)
    assert after["since"] == show.clock.wall_now().astimezone().isoformat(timespec="seconds")

    assert main(["status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["running"] is True and report["pid"] == os.getpid()
    assert report["showing"] == after

    show.clock.t += 1.0
    en = next(button for button in show.renderer.buttons if button.lang == "fr")
    post_tap(en.rect.x + en.rect.w / 2, en.rect.y + en.rect.h / 2)
    show.one_pass()
    assert (showing(show)["lang"], showing(show)["trigger"]) == ("fr", "touch")


def test_a_still_slide_does_not_write_the_status_again(show: ShowLoop) -> None:
    passes(show)
    path: Path = show.status.path  # type: ignore[assignment]
    written = path.stat().st_ino  # each write replaces the file: a new inode
    show.clock.t += 2.0
    passes(show, 20)
    assert path.stat().st_ino == written


def test_a_visitor_arriving_and_the_return_to_the_loop_reach_the_status(show: ShowLoop) -> None:
    passes(show)
    show.clock.t += 2.0
    post_key(pygame.K_p)  # pause: a visitor is there, the page does not turn
    show.one_pass()
    here = showing(show)
    assert (here["slide"], here["lang"], here["visitor"]) == ("harbour", "fr", True)
    assert player.current_slide(show.state).id == "harbour"  # type: ignore[union-attr]

    post_key(pygame.K_l)
    show.one_pass()
    assert showing(show)["lang"] == "en"
    arrived = show.state.last_input_at
    assert arrived is not None
    show.clock.t = arrived + show.state.settings.idle_timeout
    show.one_pass()
    back = showing(show)
    assert (back["lang"], back["visitor"], back["trigger"]) == ("fr", False, "idle")
    assert back["slide"] == "bridge"  # the loop goes on from where the visitor left it
