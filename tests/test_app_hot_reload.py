"""Hot reload in a real headless run: the play log follows a saved change, and a broken save
leaves the old content playing with a `rejected` reload line."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageChops

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.hall import reload as reload_module
from kiosk.hall.reload import Reloader
from kiosk.show import player
from tests.helpers import FakeClock, read_jsonl

DECK = """\
title: Deck
defaults: {{duration: 2}}
slides:
{slides}
"""
SLIDE = """\
  - id: {id}
    image: {id}.jpg
    caption: "{id}"
"""


def write_deck(root: Path, *ids: str, raw: str | None = None) -> None:
    text = raw if raw is not None else DECK.format(slides="".join(SLIDE.format(id=i) for i in ids))
    temporary = root / "slides" / ".d.yaml.tmp"
    temporary.write_text(text, "utf-8")
    os.replace(temporary, root / "slides" / "d.yaml")  # as editors save: write, then rename


def wait_for(predicate, path: Path, seconds: float) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        records = read_jsonl(path)
        if predicate(records):
            return records
        time.sleep(0.05)
    raise AssertionError(f"timed out; play log: {read_jsonl(path)}")


def test_a_running_kiosk_follows_a_saved_change_and_survives_a_broken_one(tmp_path: Path) -> None:
    for folder in ("config", "slides", "media"):
        (tmp_path / folder).mkdir()
    for name in ("one", "two", "three"):
        Image.new("RGB", (320, 240), (90, 60, 30)).save(tmp_path / "media" / f"{name}.jpg")
    (tmp_path / "config" / "kiosk.yaml").write_text(
        "decks: [slides/d.yaml]\ntransition_seconds: 0\n", "utf-8"
    )
    write_deck(tmp_path, "one", "two")
    log = tmp_path / "play.jsonl"
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--windowed",
        "--size",
        "320x180",
        "--speed",
        "4",
        "--exit-after",
        "30",
        "--play-log",
        str(log),
    ]
    kiosk = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda r: any(x.get("slide") == "two" for x in r), log, 6)
        write_deck(tmp_path, "one", "two", "three")
        records = wait_for(lambda r: any(x.get("slide") == "three" for x in r), log, 4)
        assert {"event": "reload", "result": "applied", "problems": []}.items() <= next(
            x for x in records if x["event"] == "reload"
        ).items()

        write_deck(tmp_path, raw='title: Deck\nslides:\n  - id: one\n    caption: "unclosed\n')
        records = wait_for(lambda r: any(x.get("result") == "rejected" for x in r), log, 4)
        rejected = next(x for x in records if x.get("result") == "rejected")
        (problem,) = rejected["problems"]  # what is wrong, where, not just how many
        assert problem.startswith(f"{tmp_path / 'slides'}") and ": error: " in problem
        rejected_at = len(records)
        later = wait_for(lambda r: len(r) >= rejected_at + 4, log, 6)[rejected_at:]
        shown = [x["slide"] for x in later if x["event"] == "slide"]
        assert shown and set(shown) <= {"one", "two", "three"}  # the last good deck goes on
    finally:
        kiosk.terminate()  # SIGTERM: the kiosk shuts down cleanly, exit status 0
        _, stderr = kiosk.communicate(timeout=20)
    assert kiosk.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "reload rejected" in stderr


# --- a photo replaced while the show runs, in-process on the dummy display ------------------

RED, BLUE, GREEN = (200, 30, 30), (30, 50, 200), (30, 180, 60)


def save_photo(path: Path, colour: tuple[int, int, int], size: tuple[int, int]) -> None:
    before = path.stat().st_mtime_ns if path.exists() else None
    Image.new("RGB", size, colour).save(path)
    if before is not None:  # seen as changed even on file systems with coarse timestamps
        os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def live_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ShowLoop]:
    """Two slides, a.jpg red and b.jpg blue, in a ShowLoop with its reloader. The reloader's
    thread never looks on its own here: the test calls `check` when it has changed a file."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setattr(reload_module, "POLL_SECONDS", 3600.0)
    monkeypatch.setattr(reload_module, "SETTLE_SECONDS", 0.05)
    for folder in ("config", "slides", "media"):
        (tmp_path / folder).mkdir()
    save_photo(tmp_path / "media" / "a.jpg", RED, (400, 300))
    save_photo(tmp_path / "media" / "b.jpg", BLUE, (400, 300))
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_text(
        "decks: [slides/d.yaml]\ntransition_seconds: 0\nplay_log: null\nidle_timeout: 30\n",
        "utf-8",
    )
    write_deck(tmp_path, "a", "b")
    exhibition = load_exhibition(config)
    assert not [problem for problem in exhibition.problems if problem.is_error]
    pygame.display.init()
    screen = pygame.display.set_mode((640, 360))
    pygame.event.clear()
    options = RunOptions(fullscreen=False, size=(640, 360))
    reloader = Reloader(config, (), exhibition)
    show = ShowLoop(screen, exhibition.config, exhibition.decks, options, StopFlag(), reloader)
    show.clock = FakeClock()
    try:
        yield show
    finally:
        show.close()
        pygame.display.quit()


def run_until_still(show: ShowLoop, seconds: float = 10.0) -> None:
    """Passes of the loop until every photo is decoded and the screen is complete."""
    deadline = time.monotonic() + seconds
    show.one_pass()
    while show.photos.busy or show.renderer.draw(show.state, show.clock.now()):
        assert time.monotonic() < deadline, "the loop never finished drawing"
        show.one_pass()


def press(show: ShowLoop, key: int) -> None:
    show.clock.t += 1.0
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    run_until_still(show)


def pixels_like(colour: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of the screen are `colour`, give or take JPEG and scaling."""
    surface = pygame.display.get_surface()
    image = Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))
    difference = ImageChops.difference(image, Image.new("RGB", image.size, colour))
    near = [band.point(lambda v: 255 if v <= tolerance else 0) for band in difference.split()]
    return ImageChops.darker(ImageChops.darker(near[0], near[1]), near[2]).histogram()[255]


def replace_photo_and_reload(show: ShowLoop, path: Path, colour: tuple[int, int, int]) -> None:
    save_photo(path, colour, (480, 360))
    assert show.reloader is not None
    result = show.reloader.check()
    assert result is not None and result.changed_media == (path,)
    run_until_still(show)


def shown_slide(show: ShowLoop) -> str:
    slide = player.current_slide(show.state)
    assert slide is not None
    return slide.id


def test_a_photo_replaced_with_nobody_there_is_shown_at_once(live_show: ShowLoop) -> None:
    run_until_still(live_show)
    assert shown_slide(live_show) == "a" and pixels_like(RED) > 10_000
    replace_photo_and_reload(live_show, live_show.state.decks[0].slides[0].image, GREEN)
    assert shown_slide(live_show) == "a"
    assert pixels_like(GREEN) > 10_000 and pixels_like(RED) == 0


def test_a_photo_replaced_under_a_visitor_waits_for_the_next_slide(live_show: ShowLoop) -> None:
    """A visitor reading slide b is not shown a new photo under their eyes; they see it when
    they come back to the slide."""
    run_until_still(live_show)
    press(live_show, pygame.K_RIGHT)
    assert shown_slide(live_show) == "b" and live_show.state.visitor_present
    assert pixels_like(BLUE) > 10_000
    replace_photo_and_reload(live_show, live_show.state.decks[0].slides[1].image, GREEN)
    for _ in range(3):  # a few more passes, as the loop would make while the visitor reads
        live_show.clock.t += 0.5
        run_until_still(live_show)
    assert shown_slide(live_show) == "b"
    assert pixels_like(BLUE) > 10_000 and pixels_like(GREEN) == 0
    press(live_show, pygame.K_LEFT)
    assert shown_slide(live_show) == "a" and pixels_like(RED) > 10_000
    press(live_show, pygame.K_RIGHT)
    assert shown_slide(live_show) == "b"
    assert pixels_like(GREEN) > 10_000 and pixels_like(BLUE) == 0


def test_a_rejected_config_leaves_the_running_show_on_the_last_good_one(
    live_show: ShowLoop,
) -> None:
    """A config with a new idle timeout next to an error is rejected: the show keeps waiting
    30 s for a visitor to come back, not the 45 s of the file it rejected."""
    run_until_still(live_show)
    assert live_show.reloader is not None
    config = live_show.reloader.config_path
    before = config.stat().st_mtime_ns
    config.write_text(
        "decks: [slides/d.yaml]\ntransition_seconds: 0\nplay_log: null\nidle_timeout: 45\n"
        "transition: swirl\n",
        "utf-8",
    )
    os.utime(config, ns=(before + 10**9, before + 10**9))
    result = live_show.reloader.check()
    assert result is not None and [o.result for o in result.outcomes] == ["rejected"]
    run_until_still(live_show)
    assert live_show.state.settings.idle_timeout == 30.0


def test_a_deleted_photo_is_logged_once_listed_in_status_and_its_slide_keeps_its_picture(
    live_show: ShowLoop, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: 'reload applied' for the photo, then the photo cache's own error about the
    missing file: two lines, one of them wrong. Now one line, the deck's problem at the
    slide's image: key, in status too, and the slide keeps the picture it had."""
    run_until_still(live_show)
    assert shown_slide(live_show) == "a" and pixels_like(RED) > 10_000
    photo = live_show.state.decks[0].slides[0].image
    photo.unlink()
    caplog.clear()
    caplog.set_level(logging.INFO)
    assert live_show.reloader is not None
    result = live_show.reloader.check()
    assert result is not None and [o.result for o in result.outcomes] == ["rejected"]
    run_until_still(live_show)
    assert shown_slide(live_show) == "a" and pixels_like(RED) > 10_000
    for _ in range(
        12
    ):  # the loop goes on, round to slide a again: the photo is not read again, nor reported again
        live_show.clock.t += 0.5
        run_until_still(live_show)
    about_it = [r.getMessage() for r in caplog.records if "a.jpg" in r.getMessage()]
    assert len(about_it) == 1, about_it
    assert "d.yaml:5:12: error: image 'a.jpg' not found" in about_it[0]
    assert about_it[0].startswith("reload rejected: ")
    [problem] = live_show.status.fields["problems"]
    assert (Path(problem["file"]).name, problem["line"], problem["column"]) == ("d.yaml", 5, 12)
    assert "d.yaml:5:12: error: image 'a.jpg' not found" in problem["text"]
    assert live_show.status.fields["reloads"][-1] == {"file": str(photo), "result": "rejected"}


def test_a_kiosk_started_on_an_emptied_config_says_so_and_plays_once_it_is_restored(
    tmp_path: Path,
) -> None:
    """No last good content to keep at start-up: the kiosk logs the error with its file and
    line, lists it in status, and waits; the restored file is played without a restart."""
    for folder in ("config", "slides", "media"):
        (tmp_path / folder).mkdir()
    Image.new("RGB", (320, 240), (90, 60, 30)).save(tmp_path / "media" / "one.jpg")
    write_deck(tmp_path, "one")
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_bytes(b"")
    log = tmp_path / "play.jsonl"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    command = [sys.executable, "-m", "kiosk", "run", "--windowed", "--size", "320x180"]
    command += ["--exit-after", "30", "--play-log", str(log), "--no-narration"]
    kiosk = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        status = tmp_path / "logs" / "status.json"
        deadline = time.monotonic() + 10
        while not (status.exists() and "problems" in status.read_text("utf-8")):
            assert time.monotonic() < deadline, "no status.json"
            time.sleep(0.05)
        time.sleep(0.3)
        problems = json.loads(status.read_text("utf-8"))["problems"]
        assert [problem["text"] for problem in problems] == [
            "config/kiosk.yaml:1:1: error: the file is empty (0 bytes): no decks to play; "
            "list them under 'decks', or restore it from a copy"
        ]
        assert (problems[0]["file"], problems[0]["line"]) == ("config/kiosk.yaml", 1)
        config.write_text("decks: [slides/d.yaml]\ntransition_seconds: 0\n", "utf-8")
        wait_for(lambda r: any(x.get("slide") == "one" for x in r), log, 6)
    finally:
        kiosk.terminate()
        _, stderr = kiosk.communicate(timeout=20)
    assert kiosk.returncode == 0, stderr
    assert "config/kiosk.yaml:1:1: error: the file is empty (0 bytes)" in stderr
