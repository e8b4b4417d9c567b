"""The play log kept in SQLite for `kiosk stats`: every line read once, and only what is new.

A hall writes about a megabyte of play log a day. Each call of `kiosk stats` reads only the
lines written since the last one, and the database keeps lines whose files the rotation has
deleted since (`play_log_keep`), so the statistics outlive the log.

A file is known by its first line (a SHA-256 of it), not by its name: the kiosk's lines begin
with a timestamp to the microsecond, so no two files share a first line, and a file keeps it
when the rotation renames it (`play.jsonl` -> `play-2026-08-14.jsonl`) or when it is copied
elsewhere. So a renamed file is read on from where it was left, and never counted twice. Only
whole lines are read: a last line without its newline (the kiosk may be writing it) waits
for the next call. A line that is not the kiosk's JSON is counted (where the first is), left out.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from kiosk.hall.visits import LogLine

SCHEMA_VERSION = 1
FIRST_LINE_LIMIT = 1 << 20
"""A first line longer than this is not the kiosk's: the file is left alone."""
BATCH_LINES = 5000
"""Lines stored per transaction: a large file is read in steps, each kept whole."""
BUSY_SECONDS = 30.0

SCHEMA = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    bytes_read INTEGER NOT NULL DEFAULT 0,
    lines_read INTEGER NOT NULL DEFAULT 0,
    broken INTEGER NOT NULL DEFAULT 0,
    first_broken INTEGER,
    first_t REAL
);
CREATE TABLE lines (
    file_id INTEGER NOT NULL REFERENCES files(id),
    line_no INTEGER NOT NULL,
    t REAL NOT NULL,
    utc_offset REAL NOT NULL,
    event TEXT NOT NULL,
    deck TEXT, slide TEXT, lang TEXT, trigger TEXT, state TEXT, seconds REAL,
    PRIMARY KEY (file_id, line_no)
);
CREATE INDEX lines_by_time ON lines(t);
"""

COLUMNS = ("t", "utc_offset", "event", "deck", "slide", "lang", "trigger", "state", "seconds")


class StoreBusy(Exception):
    """Another `kiosk stats` holds the database longer than `BUSY_SECONDS`."""


@dataclass(frozen=True)
class ReadOutcome:
    new_lines: int
    broken_lines: int
    failures: tuple[str, ...]
    """Files that could not be read, each with why."""


@dataclass(frozen=True)
class Unreadable:
    """The lines that could not be read, in every file the database has seen."""

    count: int
    first: str | None
    """Where the first one is: 'logs/play.jsonl, line 40'."""


def open_store(path: Path) -> tuple[StatsStore, str | None]:
    """The database at `path`, and a sentence for staff when it could not be used as it was:
    a damaged one is moved aside and built again; where none can be kept (a read-only
    folder), one in memory reads the whole log this time."""
    try:
        return StatsStore(_connect(path)), None
    except StoreBusy:
        raise
    except sqlite3.DatabaseError as error:
        if not _is_damage(error):
            return _in_memory(path, error)
    aside = path.with_name(path.name + ".damaged")
    try:
        path.replace(aside)
        store = StatsStore(_connect(path))
    except (OSError, sqlite3.Error) as error:
        return _in_memory(path, error)
    return store, (
        f"{path} was damaged: it is moved to {aside.name} and built again from the play log "
        "(lines of files the rotation has deleted are no longer counted)"
    )


def _in_memory(path: Path, error: Exception) -> tuple[StatsStore, str]:
    store = StatsStore(_connect(Path(":memory:")), kept=False)
    reason = error.strerror if isinstance(error, OSError) else str(error)
    return store, f"cannot keep {path} ({reason}): the whole play log is read this time"


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """A file that is not a database or is corrupt, rather than one we may not open."""
    return not isinstance(error, sqlite3.OperationalError) or "malformed" in str(error)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            with connection:
                connection.execute("DROP TABLE IF EXISTS lines")
                connection.execute("DROP TABLE IF EXISTS files")
                connection.executescript(SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("BEGIN IMMEDIATE")  # fails now, not midway, if it cannot be written
        connection.rollback()
    except sqlite3.OperationalError as error:
        connection.close()
        if "locked" in str(error):
            raise StoreBusy(str(error)) from None
        raise
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class StatsStore:
    def __init__(self, connection: sqlite3.Connection, kept: bool = True) -> None:
        self.db = connection
        self.kept = kept
        """False for a database in memory: what is read now is read again next time."""

    def close(self) -> None:
        self.db.close()

    def read_files(self, paths: Iterable[Path]) -> ReadOutcome:
        """Read what is new in each file, oldest first."""
        new = broken = 0
        failures = []
        for path in paths:
            try:
                added, bad = self.read_file(path)
            except OSError as error:
                failures.append(f"{path}: {error.strerror or error}")
                continue
            new, broken = new + added, broken + bad
        return ReadOutcome(new, broken, tuple(failures))

    def read_file(self, path: Path) -> tuple[int, int]:
        """Store the whole lines `path` has beyond what was read of it before; (lines stored,
        lines that could not be read)."""
        with path.open("rb") as file:
            first = file.readline(FIRST_LINE_LIMIT)
            if not first.endswith(b"\n"):
                return 0, 0  # no whole line yet
            file_id, offset, line_no = self._file_record(first, path)
            file.seek(offset)
            stored = broken = 0
            for batch in _batches(file, offset, line_no):
                stored += self._store(file_id, path, batch)
                broken += batch.broken
            return stored, broken

    def _file_record(self, first: bytes, path: Path) -> tuple[int, int, int]:
        fingerprint = hashlib.sha256(first).hexdigest()
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO files (fingerprint, name) VALUES (?, ?)",
                (fingerprint, str(path)),
            )
            found = self.db.execute(
                "SELECT id, bytes_read, lines_read FROM files WHERE fingerprint = ?",
                (fingerprint,),
            ).fetchone()
        return found[0], found[1], found[2]

    def _store(self, file_id: int, path: Path, batch: _Batch) -> int:
        rows = [(file_id, number, *line_row(line)) for number, line in batch.lines]
        first_t = min((line.t for _, line in batch.lines), default=None)
        progress = (batch.end, batch.end_line, batch.broken, batch.first_broken, first_t)
        with self.db:
            self.db.executemany(
                f"INSERT OR REPLACE INTO lines (file_id, line_no, {', '.join(COLUMNS)}) "
                f"VALUES ({', '.join('?' * (len(COLUMNS) + 2))})",
                rows,
            )
            self.db.execute(
                "UPDATE files SET name = ?, bytes_read = ?, lines_read = ?, "
                "broken = broken + ?, first_broken = coalesce(first_broken, ?), "
                "first_t = coalesce(first_t, ?) WHERE id = ?",
                (str(path), *progress, file_id),
            )
        return len(rows)

    def lines(self, since: float, until: float) -> list[LogLine]:
        """The lines written from `since` to before `until` (seconds since the epoch), in the
        order the kiosk wrote them: file by file, each from its first line on."""
        query = (
            f"SELECT {', '.join('l.' + c for c in COLUMNS)} FROM lines l "
            "JOIN files f ON f.id = l.file_id WHERE l.t >= ? AND l.t < ? "
            "ORDER BY f.first_t, f.id, l.line_no"
        )
        return [LogLine(*row) for row in self.db.execute(query, (since, until))]

    def span(self) -> tuple[LogLine, LogLine] | None:
        """The earliest and the latest line stored, by time."""
        ends = []
        for order in ("ASC", "DESC"):
            row = self.db.execute(
                f"SELECT {', '.join(COLUMNS)} FROM lines ORDER BY t {order} LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            ends.append(LogLine(*row))
        return ends[0], ends[1]

    def unreadable(self) -> Unreadable:
        count = self.db.execute("SELECT coalesce(sum(broken), 0) FROM files").fetchone()[0]
        first = self.db.execute(
            "SELECT name, first_broken FROM files WHERE first_broken IS NOT NULL "
            "ORDER BY first_t, id LIMIT 1"
        ).fetchone()
        return Unreadable(count, None if first is None else f"{first[0]}, line {first[1]}")


@dataclass
class _Batch:
    lines: list[tuple[int, LogLine]]
    end: int
    """The offset after the batch's last whole line."""
    end_line: int
    start_line: int
    broken: int = 0
    first_broken: int | None = None


def _batches(file: BinaryIO, offset: int, line_no: int) -> Iterator[_Batch]:
    batch = _Batch([], offset, line_no, line_no)
    for raw in file:
        if not raw.endswith(b"\n"):
            break  # a half-written last line: the next call reads it whole
        batch.end += len(raw)
        batch.end_line += 1
        line = parse_line(raw)
        if line is not None:
            batch.lines.append((batch.end_line, line))
        elif raw.strip():
            batch.broken += 1
            batch.first_broken = batch.first_broken or batch.end_line
        if len(batch.lines) >= BATCH_LINES:
            yield batch
            batch = _Batch([], batch.end, batch.end_line, batch.end_line)
    if batch.end_line > batch.start_line:
        yield batch


def parse_line(raw: bytes) -> LogLine | None:
    """A play log line, or None when it is not one (not JSON, no event, no time)."""
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("event"), str):
        return None
    try:
        moment = datetime.fromisoformat(record["t"])
        if moment.tzinfo is None:
            moment = moment.astimezone()  # not the kiosk's: read as this machine's time
        t, offset = moment.timestamp(), moment.utcoffset()
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None
    seconds = record.get("seconds")
    return LogLine(
        t,
        offset.total_seconds() if offset is not None else 0.0,
        record["event"],
        *(_text(record.get(key)) for key in ("deck", "slide", "lang", "trigger", "state")),
        float(seconds) if type(seconds) in (int, float) else None,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def line_row(line: LogLine) -> tuple[object, ...]:
    return tuple(getattr(line, column) for column in COLUMNS)
