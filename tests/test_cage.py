"""The real kiosk in a real Wayland session: cage, the kiosk compositor the autostart unit
uses, on wlroots' headless backend, with SDL's Wayland driver (no XWayland in between).

cage refuses to run as root, so the test runs it as an unprivileged user it creates
(`kiosk-test`), with a virtual environment that user can run (made once from the system's
Python, reused while the project's dependencies stay the same: bench/cage.py's, which the
Wayland benchmark shares) and a copy of this checkout's kiosk/ on PYTHONPATH. It needs root,
cage and grim; CI has all three (see .ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from bench.cage import USER, ensure_user, ensure_venv
from kiosk.show import theme
from kiosk.show.layout import PANEL_HEIGHT, controls, controls_left_edge
from tests.helpers import REPO, read_jsonl

RUN_SECONDS = 12

pytestmark = [
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root to create the unprivileged user cage runs as"
    ),
    pytest.mark.skipif(
        not (shutil.which("cage") and shutil.which("grim")),
        reason="needs cage and grim (apt-get install cage grim xwayland)",
    ),
]


def as_user(command: str, **env: str) -> list[str]:
    """`command` run by the test user's shell, with exactly `env` added."""
    assignments = " ".join(f"{name}={value}" for name, value in env.items())
    return ["su", "-s", "/bin/sh", USER, "-c", f"env {assignments} {command}"]


@dataclass
class Session:
    root: Path  # readable by the test user: the code, the script
    show: Path  # the exhibition copy, the user's to write
    runtime: Path  # XDG_RUNTIME_DIR, the user's, 0700
    python: Path

    def env(self) -> dict[str, str]:
        return {
            "XDG_RUNTIME_DIR": str(self.runtime),
            "WLR_BACKENDS": "headless",
            "WLR_RENDERER": "pixman",
            "WLR_HEADLESS_OUTPUTS": "1",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "SDL_VIDEODRIVER": "wayland",
            "SDL_AUDIODRIVER": "disk",
            "SDL_DISKAUDIOFILE": str(self.show / "audio.raw"),
            "PYTHONPATH": str(self.root / "src"),
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        }


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    ensure_user()
    python = ensure_venv()
    root = Path(tempfile.mkdtemp(prefix="kiosk-cage-", dir="/var/tmp"))
    try:
        os.chmod(root, 0o755)
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(REPO / "kiosk", root / "src" / "kiosk", ignore=ignore)
        show, runtime = root / "show", root / "run"
        for folder in ("config", "slides", "media"):
            shutil.copytree(REPO / folder, show / folder)
        runtime.mkdir(mode=0o700)
        subprocess.run(["chmod", "-R", "a+rX", str(root / "src")], check=True)
        subprocess.run(["chown", "-R", USER, str(show), str(runtime)], check=True)
        yield Session(root, show, runtime, python)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Outcome:
    status: int
    log: str
    shots: list[Path]


def run_in_cage(session: Session) -> Outcome:
    """The kiosk fullscreen under cage for RUN_SECONDS at speed 5, screenshots taken with
    grim while it shows its first slide. cage 0.1.4 exits 0 whatever its client did, so
    the script keeps the kiosk's own exit status.

    `-r -r` turns cage's output upside down, and grim turns its capture back. Without it,
    cage 0.1.4 hands a fullscreen client's buffer straight to the headless output (direct
    scan-out), and wlroots 0.15's screencopy then captures an empty, black frame whatever
    the client drew. A rotated output cannot take the client's buffer as it is, so cage
    composites, as it does on any screen when a second surface shows, and grim sees exactly
    what the kiosk drew. The kiosk itself is given the same landscape size either way.

    cage runs without -d (the autostart unit passes it): where libdecor is installed, SDL's
    Wayland driver would then wait for decorations cage never draws, and only the kiosk's own
    SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR=0 keeps its start from hanging."""
    config = session.show / "config" / "kiosk.yaml"
    play_log = session.show / "play.jsonl"
    script = session.root / "kiosk-in-cage.sh"
    script.write_text(
        f"{session.python} -m kiosk run --config {config} --exit-after {RUN_SECONDS}"
        f" --speed 5 --play-log {play_log} >{session.show}/kiosk.log 2>&1\n"
        f"echo $? >{session.show}/kiosk.status\n"
    )
    script.chmod(0o755)
    cage = subprocess.Popen(
        as_user(f"cage -r -r -- /bin/sh {script}", **session.env()),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    shots = []
    try:
        deadline = time.monotonic() + 20
        while not read_jsonl(play_log) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert read_jsonl(play_log) or (session.show / "kiosk.status").exists(), (
            "the kiosk never showed its first slide under cage: SDL waits in set_mode for a "
            "window cage never configures when libdecor is in use (the kiosk turns it off)"
        )
        time.sleep(1.0)  # the first photo decoded and on screen; the next slide is 2.4 s on
        for index in range(2):
            shot = session.show / f"shot-{index}.png"
            grab = as_user(f"grim {shot}", **session.env(), WAYLAND_DISPLAY="wayland-0")
            subprocess.run(grab, check=True, timeout=10, capture_output=True)
            shots.append(shot)
            time.sleep(0.3)
        cage_output, _ = cage.communicate(timeout=RUN_SECONDS + 30)
    finally:
        if cage.poll() is None:
            cage.kill()
            # su does not pass the kill on: cage and the kiosk are the test user's alone.
            subprocess.run(["pkill", "-KILL", "-u", USER], check=False)
    status_file = session.show / "kiosk.status"
    assert status_file.is_file(), f"the kiosk never ended; cage said:\n{cage_output}"
    log = (session.show / "kiosk.log").read_text() + cage_output
    return Outcome(int(status_file.read_text()), log, shots)


@pytest.fixture(scope="module")
def outcome(session) -> Outcome:
    started = time.monotonic()
    ran = run_in_cage(session)
    assert time.monotonic() - started < RUN_SECONDS + 20
    return ran


def test_the_kiosk_runs_natively_in_cage(session, outcome):
    assert outcome.status == 0, outcome.log
    slides = [line for line in read_jsonl(session.show / "play.jsonl") if line["event"] == "slide"]
    assert [line["trigger"] for line in slides][:1] == ["start"]
    assert sum(line["trigger"] == "timer" for line in slides) >= 3, slides  # 2.4 s a slide


def test_the_screen_shows_the_photo_and_the_caption(outcome):
    for shot in outcome.shots:
        with Image.open(shot) as image:
            picture = image.convert("RGB")
        assert picture.size[0] >= 640
        assert_photo_and_caption(picture)


def assert_photo_and_caption(picture: Image.Image) -> None:
    """The photo above: many colours, not one flat fill. The caption panel below, left of the
    buttons: the theme's panel colour with light caption text on it."""
    width, height = picture.size
    panel_top = height - round(height * PANEL_HEIGHT)
    photo = picture.crop((width // 4, height // 10, 3 * width // 4, panel_top - height // 10))
    colours = photo.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 500, f"the photo area has {len(colours)} colours"
    left_of_buttons = controls_left_edge(controls(width, height, ("fr", "en")))
    panel = picture.crop((0, panel_top + 8, left_of_buttons - 8, height))
    counts = sorted(panel.getcolors(maxcolors=1 << 20) or [], reverse=True)
    assert counts[0][1] == theme.PANEL, f"most of the panel is {counts[0][1]}"
    light = sum(count for count, colour in counts if min(colour) >= 200)
    assert light > 300, f"only {light} light pixels of caption text in the panel"
