"""The play log: one JSON line per slide shown (and per language switch), as it happens.

Museums use it to learn what visitors look at and in which language; staff use it to see that
the loop runs. Each line goes to the file in one system call as soon as it is made, so a power
cut or a kill loses at most that line, and a reader never meets half of one: on a full disk a
line is written whole or not at all. A log that cannot be written never stops the show: its
lines wait in memory (a bounded number of them) and are written when the disk takes them again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.hall.outage import Outage
from kiosk.show.effects import Effect, LanguageChanged, SlideShown

log = logging.getLogger(__name__)

WAITING_LINES = 2000
"""Lines kept in memory while the log cannot be written: about seven hours of slides."""

TAIL_BYTES = 65536
"""How far back from its end a log is read for a half-written last line."""


class PlayLog:
    def __init__(self, path: Path | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.outage = Outage(clock)
        self._fd: int | None = None
        self._waiting: deque[bytes] = deque()
        self._lost = 0

    def record(self, fields: dict[str, object]) -> None:
        if self.path is None:
            return
        line = json.dumps(
            {"t": datetime.now().astimezone().isoformat(), **fields}, ensure_ascii=False
        )
        self._keep((line + "\n").encode("utf-8", "backslashreplace"))
        if self.outage.due():
            self._write_waiting()

    def effect(self, effect: Effect) -> None:
        match effect:
            case SlideShown() | LanguageChanged():
                event = "slide" if isinstance(effect, SlideShown) else "language"
                self.record(
                    {
                        "event": event,
                        "deck": effect.deck.name,
                        "slide": effect.slide.id,
                        "lang": effect.lang,
                        "trigger": effect.trigger,
                    }
                )

    def close(self) -> None:
        """Write what waits, one last try; never raises, whatever the disk says."""
        if self._waiting:
            self._write_waiting()
        if self._waiting:
            log.warning(
                "%s: %d lines of the play log were never written (%s)",
                self.path,
                len(self._waiting) + self._lost,
                self.outage.reason,
            )
            self._waiting.clear()
        self._close_file()

    def _keep(self, line: bytes) -> None:
        if len(self._waiting) >= WAITING_LINES:
            self._waiting.popleft()
            self._lost += 1
        self._waiting.append(line)

    def _write_waiting(self) -> None:
        try:
            append_whole(self._open(), b"".join(self._waiting))
        except OSError as error:
            self._close_file()  # opened afresh next time: the folder may have been replaced
            if self.outage.failed(error):
                log.error(
                    "%s: cannot write the play log (%s); the show goes on, its lines wait in "
                    "memory (up to %d) and the log is tried again every %g s",
                    self.path,
                    self.outage.reason,
                    WAITING_LINES,
                    self.outage.retry_seconds,
                )
            return
        written = len(self._waiting)
        self._waiting.clear()
        if self.outage.succeeded():
            lost = f", {self._lost} older ones were lost" if self._lost else ""
            log.warning(
                "%s: the play log is written again (%d lines that waited%s)",
                self.path,
                written,
                lost,
            )
            self._lost = 0

    def _open(self) -> int:
        if self._fd is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
            fd = os.open(self.path, flags, 0o644)
            try:
                cut = cut_half_line(fd)
            except OSError:
                os.close(fd)
                raise
            if cut:
                log.warning("%s: cut off a half-written last line (%d bytes)", self.path, cut)
            self._fd = fd
        return self._fd

    def _close_file(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):  # nothing is buffered: every byte went or failed
                os.close(fd)


def append_whole(fd: int, data: bytes) -> None:
    """Append all of `data` to the file, or nothing: when the disk takes only part of it, the
    file is cut back to where it ended before, and the error is raised."""
    end = os.fstat(fd).st_size
    written = 0
    try:
        while written < len(data):
            written += os.write(fd, data[written:])
    except OSError:
        if written:
            os.ftruncate(fd, end)
        raise


def cut_half_line(fd: int) -> int:
    """Cut off a last line without its newline (left by a power cut, or by a kiosk older than
    this one), so every line is whole JSON; the number of bytes cut."""
    size = os.fstat(fd).st_size
    start = max(0, size - TAIL_BYTES)
    tail = os.pread(fd, size - start, start)
    if not tail or tail.endswith(b"\n"):
        return 0
    newline = tail.rfind(b"\n")
    if newline < 0 and start > 0:
        os.write(fd, b"\n")  # a line longer than the tail: end it rather than guess
        return 0
    keep = start + newline + 1
    os.ftruncate(fd, keep)
    return size - keep
