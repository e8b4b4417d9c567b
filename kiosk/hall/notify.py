"""Telling systemd how the kiosk is doing (sd_notify), with the standard library only.

Under the unit that `kiosk autostart install` writes, systemd counts the kiosk as started only
once it says READY=1 (its first frame is on screen), shows its STATUS= line in `systemctl status
kiosk`, and restarts it when the WATCHDOG=1 pings stop. The display loop pings after each pass
that completed, never a side thread, so a loop stuck anywhere stops the pings.

Each message is one datagram to $NOTIFY_SOCKET, a path or an abstract name ('@name'). The
kiosk runs inside cage, so it is not the unit's main process: the unit says NotifyAccess=all,
and drops $WATCHDOG_PID (which names cage) so that the kiosk is the one that pings.

A kiosk started by hand has no $NOTIFY_SOCKET: then nothing is sent. Nothing here raises: a
socket that is gone or full costs the message and one log line, never the show.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

STATUS_MAX_CHARS = 300
"""`systemctl status` shows one line; systemd reads at most 4096 bytes of a message."""

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")


class SystemdNotifier:
    """Messages to systemd's notification socket, and the watchdog's rhythm.

    `address` is a socket address as Python takes it (an abstract name starts with NUL), or
    None for a kiosk that no service manager watches. `watchdog_seconds` is the unit's
    WatchdogSec, when the pings are this process's to send."""

    def __init__(self, address: str | None, watchdog_seconds: float | None = None) -> None:
        self.address = address
        self.watchdog_seconds = watchdog_seconds
        self._socket: socket.socket | None = None
        self._ready_sent = False
        self._last_ping: float | None = None
        self._failing = False

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str], pid: int | None = None
    ) -> SystemdNotifier:
        """The notifier that $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID describe, as
        sd_notify(3) and sd_watchdog_enabled(3) read them; `pid` is this process's own."""
        address = notify_address(environ.get("NOTIFY_SOCKET", ""))
        watchdog = watchdog_seconds(environ, os.getpid() if pid is None else pid)
        return cls(address, watchdog)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def ready(self) -> None:
        """READY=1, the first time only: the kiosk is up and its first frame is on screen."""
        if not self._ready_sent:
            self._ready_sent = True
            self._send("READY=1")

    def status(self, text: str) -> None:
        """STATUS=: one line saying what is showing, for `systemctl status kiosk`."""
        line = " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())
        if len(line) > STATUS_MAX_CHARS:
            line = line[: STATUS_MAX_CHARS - 1] + "…"
        self._send(f"STATUS={line}")

    def stopping(self) -> None:
        """STOPPING=1: the kiosk is on its way out, so an exit is not a crash."""
        self._send("STOPPING=1")

    def watchdog_interval(self) -> float | None:
        """Seconds between two pings: half the watchdog's timeout, as sd_watchdog_enabled(3)
        recommends; None when systemd expects no pings from this process."""
        if self.address is None or self.watchdog_seconds is None:
            return None
        return self.watchdog_seconds / 2

    def ping_if_due(self, now: float) -> bool:
        """WATCHDOG=1 when an interval has passed since the last ping; whether it was due.

        `now` is in real seconds on a monotonic clock (not the show clock, which may run
        faster); the first call always pings."""
        interval = self.watchdog_interval()
        if interval is None:
            return False
        if self._last_ping is not None and now - self._last_ping < interval:
            return False
        self._last_ping = now
        self._send("WATCHDOG=1")
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def _send(self, message: str) -> bool:
        """One datagram, without ever waiting: a full queue drops the message."""
        if self.address is None:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._socket.setblocking(False)
            self._socket.sendto(message.encode("utf-8"), self.address)
        except OSError as exc:
            if not self._failing:
                log.warning("cannot tell systemd %s (%s); carrying on", message, exc)
                self._failing = True
            return False
        if self._failing:
            log.info("systemd hears the kiosk again")
            self._failing = False
        return True


def notify_address(value: str) -> str | None:
    """$NOTIFY_SOCKET as a socket address: a path as it is, '@name' as an abstract name."""
    if not value:
        return None
    if value.startswith("/"):
        return value
    if value.startswith("@") and len(value) > 1:
        return "\0" + value[1:]
    log.warning("NOTIFY_SOCKET=%s is neither a path nor an abstract name; not using it", value)
    return None


def watchdog_seconds(environ: Mapping[str, str], pid: int) -> float | None:
    """WatchdogSec when the pings are for process `pid` to send: $WATCHDOG_USEC is set and
    $WATCHDOG_PID is unset or names `pid` (it names the unit's main process otherwise)."""
    usec_text = environ.get("WATCHDOG_USEC")
    if usec_text is None:
        return None
    pid_text = environ.get("WATCHDOG_PID")
    if pid_text is not None and pid_text.strip() != str(pid):
        log.debug("the watchdog is process %s's to ping, not ours (%d)", pid_text, pid)
        return None
    try:
        usec = int(usec_text)
    except ValueError:
        usec = 0
    if usec <= 0:
        log.warning("WATCHDOG_USEC=%s is not a number of microseconds; not pinging", usec_text)
        return None
    return usec / 1_000_000
