"""sd_notify against a real AF_UNIX datagram socket that each test binds, as systemd does."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.hall.notify import STATUS_MAX_CHARS, SystemdNotifier


@dataclass
class Listener:
    """systemd's end: a bound datagram socket, and what NOTIFY_SOCKET says to reach it."""

    sock: socket.socket
    notify_socket: str

    def received(self) -> list[str]:
        """Every datagram that has arrived, without waiting for more."""
        messages = []
        while True:
            try:
                messages.append(self.sock.recv(4096).decode("utf-8"))
            except BlockingIOError:
                return messages


def bind(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.setblocking(False)
    return sock


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[Listener]:
    path = tmp_path / "notify"
    sock = bind(str(path))
    yield Listener(sock, str(path))
    sock.close()


@pytest.fixture
def abstract_listener() -> Iterator[Listener]:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    sock = bind("\0" + name)
    yield Listener(sock, "@" + name)
    sock.close()


def notifier_for(listener: Listener, **environ: str) -> SystemdNotifier:
    return SystemdNotifier.from_environment({"NOTIFY_SOCKET": listener.notify_socket, **environ})


def test_ready_status_and_stopping_reach_a_path_socket(listener: Listener) -> None:
    notifier = notifier_for(listener)
    notifier.ready()
    notifier.status("livron / bridge (en)")
    notifier.stopping()
    notifier.close()
    assert listener.received() == ["READY=1", "STATUS=livron / bridge (en)", "STOPPING=1"]


def test_an_abstract_socket_name_is_reached(abstract_listener: Listener) -> None:
    notifier = notifier_for(abstract_listener)
    notifier.ready()
    notifier.stopping()
    assert abstract_listener.received() == ["READY=1", "STOPPING=1"]


def test_ready_is_said_once(listener: Listener) -> None:
    notifier = notifier_for(listener)
    for _ in range(3):
        notifier.ready()
    assert listener.received() == ["READY=1"]


def test_a_status_stays_one_line(listener: Listener) -> None:
    """A caption's newline must not smuggle a second assignment (such as READY=1) in."""
    notifier = notifier_for(listener)
    notifier.status("Le pont\nREADY=1\x00\tde Livron")
    notifier.status("x" * (STATUS_MAX_CHARS + 50))
    first, second = listener.received()
    assert first == "STATUS=Le pont READY=1 de Livron"
    assert second == "STATUS=" + "x" * (STATUS_MAX_CHARS - 1) + "…"


def test_the_watchdog_is_pinged_at_half_its_timeout(listener: Listener) -> None:
    notifier = notifier_for(listener, WATCHDOG_USEC="2000000")
    assert notifier.watchdog_interval() == 1.0
    times = [0.0, 0.4, 0.99, 1.0, 1.5, 1.99, 2.0, 2.1, 3.5, 3.6, 4.5]
    due = [now for now in times if notifier.ping_if_due(now)]
    assert due == [0.0, 1.0, 2.0, 3.5, 4.5]
    assert listener.received() == ["WATCHDOG=1"] * 5


def test_the_pings_stop_while_the_caller_does_not_come_back(listener: Listener) -> None:
    """Only the caller's passes send pings: nothing is sent behind a blocked loop's back."""
    notifier = notifier_for(listener, WATCHDOG_USEC="200000")
    assert notifier.ping_if_due(10.0)
    threading.Event().wait(0.3)  # two intervals of real time with no pass
    assert listener.received() == ["WATCHDOG=1"]
    assert notifier.ping_if_due(10.3)
    assert listener.received() == ["WATCHDOG=1"]


def test_the_watchdog_pid_names_who_pings(listener: Listener) -> None:
    ours = notifier_for(listener, WATCHDOG_USEC="1000000", WATCHDOG_PID=str(os.getpid()))
    assert ours.watchdog_interval() == 0.5
    assert ours.ping_if_due(0.0)
    main_process = notifier_for(listener, WATCHDOG_USEC="1000000", WATCHDOG_PID="1")
    assert main_process.watchdog_interval() is None
    assert not main_process.ping_if_due(0.0)
    assert not main_process.ping_if_due(100.0)
    assert listener.received() == ["WATCHDOG=1"]


@pytest.mark.parametrize("usec", ["", "0", "-5", "soon"])
def test_a_watchdog_timeout_that_is_no_number_means_no_pings(listener: Listener, usec: str) -> None:
    notifier = notifier_for(listener, WATCHDOG_USEC=usec)
    assert notifier.watchdog_interval() is None
    assert not notifier.ping_if_due(0.0)
    assert listener.received() == []


def test_without_notify_socket_nothing_is_sent_and_nothing_fails() -> None:
    notifier = SystemdNotifier.from_environment({"WATCHDOG_USEC": "1000000"})
    assert not notifier.enabled
    assert notifier.watchdog_interval() is None
    notifier.ready()
    notifier.status("anything")
    assert not notifier.ping_if_due(0.0)
    notifier.stopping()
    notifier.close()


def test_a_notify_socket_of_another_kind_is_not_used(caplog: pytest.LogCaptureFixture) -> None:
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": "vsock:2:1234"})
    assert not notifier.enabled
    notifier.ready()
    assert "neither a path nor an abstract name" in caplog.text


def test_a_vanished_socket_costs_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "notify"
    sock = bind(str(path))
    notifier = SystemdNotifier.from_environment(
        {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000"}
    )
    sock.close()
    path.unlink()
    with caplog.at_level(logging.INFO, logger="kiosk.hall.notify"):
        notifier.ready()
        notifier.status("still going")
        assert notifier.ping_if_due(0.0)
        notifier.stopping()
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1
        assert "cannot tell systemd READY=1" in warnings[0].getMessage()
        back = Listener(bind(str(path)), str(path))  # systemd re-executed: the socket is back
        notifier.status("heard again")
        assert back.received() == ["STATUS=heard again"]
        assert "systemd hears the kiosk again" in caplog.text
        back.sock.close()


def test_a_full_socket_never_blocks_the_caller(
    listener: Listener, caplog: pytest.LogCaptureFixture
) -> None:
    """systemd busy elsewhere: its queue fills up, and the display loop must not wait on it."""
    notifier = notifier_for(listener)
    sent = threading.Thread(
        target=lambda: [notifier.status(f"{n}") for n in range(5000)], daemon=True
    )
    with caplog.at_level(logging.WARNING, logger="kiosk.hall.notify"):
        sent.start()
        sent.join(timeout=10)
    assert not sent.is_alive(), "a status blocked on a full socket"
    assert len(caplog.records) == 1
    assert "cannot tell systemd STATUS=" in caplog.records[0].getMessage()
    assert listener.received()[0] == "STATUS=0"
