"""What the loop tells systemd, heard on a real AF_UNIX datagram socket the test binds: READY=1
once a frame is on screen, STATUS= for each slide, WATCHDOG=1 at half of $WATCHDOG_USEC only
while the loop turns, and STOPPING=1 on the way out."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pytest

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.hall.notify import SystemdNotifier
from tests.helpers import KIOSK, headless_env


@dataclass
class Heard:
    """One datagram, and when it arrived (time.monotonic)."""

    at: float
    text: str


@dataclass
class NotifySocket:
    """The service manager's end: a bound datagram socket, and a thread noting what arrives
    (a thread, because a full socket queue would drop the kiosk's messages)."""

    path: Path
    sock: socket.socket
    heard: list[Heard] = field(default_factory=list)

    def listen(self) -> None:
        while True:
            try:
                data = self.sock.recv(4096)
            except OSError:  # closed at the end of the test
                return
            self.heard.append(Heard(time.monotonic(), data.decode("utf-8")))

    def texts(self) -> list[str]:
        return [message.text for message in self.heard]

    def pings(self) -> list[float]:
        return [message.at for message in self.heard if message.text == "WATCHDOG=1"]


@pytest.fixture
def notify_socket() -> Iterator[NotifySocket]:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-notify-"))  # short: socket paths are short
    path = folder / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    listener = NotifySocket(path, sock)
    thread = threading.Thread(target=listener.listen, daemon=True)
    thread.start()
    yield listener
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    thread.join(timeout=2)
    shutil.rmtree(folder, ignore_errors=True)


def settle_messages(listener: NotifySocket, count: int) -> None:
    deadline = time.monotonic() + 2
    while len(listener.heard) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_real_kiosk_tells_systemd_ready_status_pings_and_stopping(
    tmp_path, shipped_copy, notify_socket
):
    env = headless_env(
        tmp_path,
        NOTIFY_SOCKET=str(notify_socket.path),
        WATCHDOG_USEC="1000000",  # pings every 0.5 s
        WATCHDOG_PID=None,
    )
    config = shipped_copy / "config" / "kiosk.yaml"
    log = tmp_path / "play.jsonl"
    command = [str(KIOSK), "run", "--windowed", "--config", str(config)]
    command += ["--exit-after", "4", "--speed", "5", "--play-log", str(log)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    settle_messages(notify_socket, 1)
    texts = notify_socket.texts()

    assert texts.count("READY=1") == 1
    assert texts[-1] == "STOPPING=1"
    assert texts.count("STOPPING=1") == 1
    statuses = [text for text in texts if text.startswith("STATUS=")]
    assert statuses[0].startswith("STATUS=showing ") and statuses[0].endswith("(start)")
    assert texts.index(statuses[0]) < texts.index("READY=1")  # the slide, then its frame
    assert any(text.endswith("(timer)") for text in statuses)  # slides advance at speed 5
    assert all(" / " in text and " in " in text for text in statuses)

    pings = notify_socket.pings()
    assert 5 <= len(pings) <= 9, texts  # 4 s at one ping every 0.5 s
    gaps = [later - earlier for earlier, later in itertools.pairwise(pings)]
    assert min(gaps) > 0.4 and max(gaps) < 1.2, gaps


def test_without_notify_socket_nothing_is_sent_and_the_kiosk_runs(tmp_path, shipped_copy):
    env = headless_env(tmp_path, NOTIFY_SOCKET=None, WATCHDOG_USEC="1000000")
    config = shipped_copy / "config" / "kiosk.yaml"
    command = [str(KIOSK), "run", "--windowed", "--config", str(config), "--exit-after", "1"]
    command += ["--play-log", str(tmp_path / "play.jsonl")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "systemd" not in done.stderr


@pytest.fixture
def shown(shipped_copy):
    shown = load_exhibition(shipped_copy / "config" / "kiosk.yaml")
    assert not [p for p in shown.problems if p.is_error]
    return shown


@pytest.fixture
def show_with_notifier(tmp_path, shown, notify_socket, fast_sleep) -> Iterator[ShowLoop]:
    """A ShowLoop on the dummy display, telling the test's socket, with pings every 0.2 s."""
    pygame.display.init()
    screen = pygame.display.set_mode((640, 480))
    options = RunOptions(fullscreen=False, size=(640, 480), play_log=tmp_path / "p.jsonl")
    notifier = SystemdNotifier(str(notify_socket.path), watchdog_seconds=0.4)
    show = ShowLoop(screen, shown.config, shown.decks, options, StopFlag(), notifier=notifier)
    yield show
    show.close()
    notifier.close()
    pygame.display.quit()


def drain(sock: socket.socket) -> list[str]:
    """What has arrived so far, without waiting."""
    texts = []
    while True:
        try:
            texts.append(sock.recv(4096, socket.MSG_DONTWAIT).decode("utf-8"))
        except BlockingIOError:
            return texts


def test_ready_comes_once_and_only_after_the_first_frame(tmp_path, shown, fast_sleep, monkeypatch):
    folder = Path(tempfile.mkdtemp(prefix="kiosk-notify-"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(folder / "notify"))
    timeline: list[str] = []  # messages in the order sent, and "flip" for each frame shown
    real_flip = pygame.display.flip

    def flip() -> None:
        timeline.extend(drain(sock))  # the loop sends from this thread: all sent are here
        real_flip()
        timeline.append("flip")

    monkeypatch.setattr(pygame.display, "flip", flip)
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((640, 480))
        options = RunOptions(fullscreen=False, size=(640, 480), exit_after=1.0)
        notifier = SystemdNotifier(str(folder / "notify"), watchdog_seconds=0.4)
        show = ShowLoop(screen, shown.config, shown.decks, options, StopFlag(), notifier=notifier)
        show.run()
        show.close()
        timeline.extend(drain(sock))
    finally:
        pygame.display.quit()
        sock.close()
        shutil.rmtree(folder, ignore_errors=True)
    assert timeline.count("READY=1") == 1
    assert timeline.index("flip") < timeline.index("READY=1")
    assert timeline[0].startswith("STATUS=showing ") and timeline[0].endswith("(start)")


def test_the_pings_stop_while_the_loop_is_stuck_and_resume_after(show_with_notifier, notify_socket):
    show = show_with_notifier
    release = threading.Event()
    stuck: dict[str, float] = {}
    real_collect = show.photos.collect
    calls = 0

    def collect() -> None:
        nonlocal calls
        calls += 1
        if calls == 20:  # well into the run: stuck for 1.2 s, three ping intervals
            stuck["from"] = time.monotonic()
            threading.Timer(1.2, release.set).start()
            release.wait(timeout=10)
            stuck["until"] = time.monotonic()
        real_collect()

    show.photos.collect = collect
    started = time.monotonic()
    show.options = RunOptions(fullscreen=False, size=(640, 480), exit_after=3.0)
    show.run()
    settle_messages(notify_socket, 1)
    pings = notify_socket.pings()

    assert stuck, "the loop never reached the stuck pass"
    before = [at for at in pings if at < stuck["from"]]
    during = [at for at in pings if stuck["from"] + 0.05 < at < stuck["until"]]
    after = [at for at in pings if at >= stuck["until"]]
    assert before and not during, (stuck, [at - started for at in pings])
    assert after and after[0] - stuck["until"] < 0.2  # the first pass after it pings at once
    assert len(after) >= int((started + 3.0 - stuck["until"]) / 0.2) - 1


def test_a_pass_that_fails_sends_no_ping(show_with_notifier, notify_socket, monkeypatch):
    import kiosk.app

    monkeypatch.setattr(kiosk.app, "ERROR_PAUSE_SECONDS", 0.05)
    show = show_with_notifier

    def broken_draw(state, now):
        raise RuntimeError("every pass fails")

    show.renderer.draw = broken_draw
    show.options = RunOptions(fullscreen=False, size=(640, 480), exit_after=1.0)
    show.run()
    settle_messages(notify_socket, 1)
    texts = notify_socket.texts()
    assert "WATCHDOG=1" not in texts and "READY=1" not in texts


def test_an_abstract_socket_name_works_too(tmp_path, shipped_copy):
    name = f"kiosk-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(30)
    try:
        env = headless_env(tmp_path, NOTIFY_SOCKET="@" + name, WATCHDOG_USEC=None)
        config = shipped_copy / "config" / "kiosk.yaml"
        command = [str(KIOSK), "run", "--windowed", "--config", str(config)]
        command += ["--exit-after", "0.5", "--play-log", str(tmp_path / "play.jsonl")]
        process = subprocess.Popen(command, env=env)
        assert process.wait(timeout=60) == 0
        sock.settimeout(0.5)
        texts = []
        while True:
            try:
                texts.append(sock.recv(4096).decode())
            except TimeoutError:
                break
        assert "READY=1" in texts and texts[-1] == "STOPPING=1"
        assert "WATCHDOG=1" not in texts  # no WATCHDOG_USEC: no pings
    finally:
        sock.close()
