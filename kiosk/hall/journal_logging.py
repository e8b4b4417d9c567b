"""Log lines fit for journald when the kiosk runs as a systemd service.

systemd connects a service's stderr to the journal and says so in $JOURNAL_STREAM (the
device and inode of that stream, "DEV:INO"). Then each line begins with its syslog priority,
`<3>` for an error down to `<7>` for detail (see sd-daemon(3)), so `journalctl -p warning`
finds the warnings; the time and the program's name are left out, since journald records
both. An event is one journal entry: a traceback is folded onto its line, or each of its
lines would be an entry of its own, at the default priority. On a terminal, or in a file,
lines are as they always were.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import TextIO

PLAIN_FORMAT = "kiosk: %(levelname)s: %(message)s"

PRIORITIES = (
    (logging.CRITICAL, 2),
    (logging.ERROR, 3),
    (logging.WARNING, 4),
    (logging.INFO, 6),
)
"""Python's levels, each with the syslog priority of its least severe record; below INFO, 7."""

LINE_BREAK = " \\n "
"""What stands for a line break inside one journal line."""


def syslog_priority(level: int) -> int:
    for threshold, priority in PRIORITIES:
        if level >= threshold:
            return priority
    return 7


class JournalFormatter(logging.Formatter):
    """`<priority>message`, on one line, traceback included."""

    def __init__(self) -> None:
        super().__init__("%(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record).rstrip("\n").replace("\n", LINE_BREAK)
        return f"<{syslog_priority(record.levelno)}>{text}"


def stderr_is_journal(environ: Mapping[str, str], stream: TextIO) -> bool:
    """Whether `stream` is the journal stream systemd names in $JOURNAL_STREAM."""
    device, _, inode = environ.get("JOURNAL_STREAM", "").partition(":")
    try:
        info = os.fstat(stream.fileno())
        return (info.st_dev, info.st_ino) == (int(device), int(inode))
    except (OSError, ValueError, AttributeError):
        return False


def configure_logging(level: int, stream: TextIO, environ: Mapping[str, str] = os.environ) -> None:
    """Log to `stream`, for the journal when it is the journal."""
    handler = logging.StreamHandler(stream)
    if stderr_is_journal(environ, stream):
        handler.setFormatter(JournalFormatter())
    else:
        handler.setFormatter(logging.Formatter(PLAIN_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
