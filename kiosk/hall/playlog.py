"""The play log: one JSON line per slide shown (and per language switch), as it happens.

Museums use it to learn what visitors look at and in which language; staff use it to see that
the loop runs. Each line goes to the file in one system call as soon as it is made, so a power
cut or a kill loses at most that line, and a reader never meets half of one: on a full disk a
line is written whole or not at all. A log that cannot be written never stops the show: its
lines wait in memory (a bounded number of them) and are written when the disk takes them again.
The file is rotated daily, and earlier files are kept for a while (see playlog_files).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from kiosk.content.config import Config
from kiosk.hall.outage import Outage
from kiosk.hall.playlog_files import MAX_BYTES, rotate
from kiosk.show.effects import Effect, LanguageChanged, SlideShown

log = logging.getLogger(__name__)

WAITING_LINES = 2000
"""Lines kept in memory while the log cannot be written: about seven hours of slides."""

TAIL_BYTES = 65536
"""How far back from its end a log is read for a half-written last line."""


class PlayLog:
    """Writes the play log at `path` (None: no log), rotated daily and at `max_bytes`,
    keeping `keep` earlier files (see playlog_files)."""

    def __init__(
        self,
        path: Path | None,
        keep: int = Config.play_log_keep,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.path = path
        self.keep = keep
        self.outage = Outage(clock)
        self.today = today
        self.max_bytes = max_bytes
        self._day: date | None = None
        """The day of the open file's lines."""
        self._rotate_at = max_bytes
        self._rotation_failing = False
        self._fd: int | None = None
        self._waiting: deque[bytes] = deque()
        self._lost = 0
        self.listener: Callable[[str], None] | None = None
        """Told each line as it is made, log file or not: the fleet link sends it on."""

    def record(self, fields: dict[str, object]) -> None:
        if self.path is None and self.listener is None:
            return
        line = json.dumps(
            {"t": datetime.now().astimezone().isoformat(), **fields}, ensure_ascii=False
        )
        if self.listener is not None:
            self.listener(line)
        if self.path is None:
            return
        self._keep((line + "\n").encode("utf-8", "backslashreplace"))
        if self.outage.due():
            self._write_waiting()

    def effect(self, effect: Effect) -> None:
        match effect:
            case SlideShown() | LanguageChanged():
                event = "slide" if isinstance(effect, SlideShown) else "language"
                slide = effect.slide
                step = {"step": slide.step} if slide.panel is not None else {}
                self.record(
                    {
                        "event": event,
                        "deck": effect.deck.name,
                        "slide": slide.id,
                        **step,
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
        data = b"".join(self._waiting)
        try:
            self._rotate_if_due(len(data))
            append_whole(self._open(), data)
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

    def _rotate_if_due(self, adding: int) -> None:
        """Start a new file at the first line of a day, or when this one grows too large."""
        size = os.fstat(self._open()).st_size
        today = self.today()
        if size == 0 or (self._day == today and size + adding <= self._rotate_at):
            self._day = today if size == 0 else self._day
            return
        assert self.path is not None and self._day is not None
        try:
            rotate(self.path, self._day, self.keep)
        except OSError as error:  # it grows on: better a large file than none
            if not self._rotation_failing:
                log.error("%s: cannot rotate the play log (%s)", self.path, error.strerror)
            self._rotation_failing = True
            self._day, self._rotate_at = today, size + self.max_bytes
            return
        self._close_file()
        self._day, self._rotate_at, self._rotation_failing = today, self.max_bytes, False

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
            if self._day is None:  # a file from an earlier run: its lines are of its last day
                self._day = date.fromtimestamp(os.fstat(fd).st_mtime)
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
