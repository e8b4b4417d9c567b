"""The play log's files: the one being written, and the earlier ones it was rotated into.

A hall writes about 1 MB a day. At the first line of each day (local time), and when the file
passes `MAX_BYTES`, the file is renamed after the day of its lines, `play-2026-08-14.jsonl`
beside `play.jsonl` (then `play-2026-08-14.2.jsonl`, ... for a second file the same day), and
only the newest `keep` of those are kept. Whatever reads the play log reads `play_log_files`.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

MAX_BYTES = 16 * 1024 * 1024
"""A file this large is rotated before the day is out: a runaway never fills the disk."""


def play_log_files(path: Path) -> list[Path]:
    """The files of the play log written at `path`, oldest first: the rotated ones, then
    `path` itself when it is there."""
    rotated = sorted(_rotated(path))
    return [file for _, file in rotated] + ([path] if path.is_file() else [])


def rotate(path: Path, day: date, keep: int) -> Path:
    """Rename the file at `path` after `day`, the day of its lines, and remove the oldest
    rotated files beyond `keep`; the new name. Raises OSError when the rename fails."""
    number = 1
    while (target := rotated_name(path, day, number)).exists():
        number += 1
    path.rename(target)
    rotated = sorted(_rotated(path))
    for _, old in rotated[: max(0, len(rotated) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def rotated_name(path: Path, day: date, number: int = 1) -> Path:
    """`play.jsonl` of 14 August 2026 -> `play-2026-08-14.jsonl`; number 2 -> `...-14.2.jsonl`."""
    count = "" if number == 1 else f".{number}"
    return path.with_name(f"{path.stem}-{day.isoformat()}{count}{path.suffix}")


def _rotated(path: Path) -> list[tuple[tuple[str, int], Path]]:
    pattern = re.compile(
        re.escape(path.stem) + r"-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?" + re.escape(path.suffix)
    )
    found = []
    with contextlib.suppress(OSError):
        for file in path.parent.iterdir():
            match = pattern.fullmatch(file.name)
            if match is not None:
                found.append(((match[1], int(match[2] or 1)), file))
    return found
