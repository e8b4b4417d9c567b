"""The play log in SQLite: every line once, only new lines on the next call, a renamed file
read on where it was left, half a line left for later, a broken line counted, never raised."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from kiosk.hall.playlog_files import play_log_files
from kiosk.hall.stats_store import StatsStore, open_store, parse_line
from kiosk.hall.visits import LogLine
from tests.hall.play_week import play_week
from tests.hall.play_week_files import BROKEN, SIZE_ROTATION, LogFolder, log_items

EVERYTHING = (0.0, 1e12)

LINE = '{"t": "2026-10-20T10:00:00.000001+02:00", "event": "slide", "deck": "d", "slide": "s"}\n'


def read(store: StatsStore, log: Path) -> tuple[int, int]:
    outcome = store.read_files(play_log_files(log))
    assert outcome.failures == ()
    return outcome.new_lines, outcome.broken_lines


def kiosk_lines(folder: LogFolder, upto: int | None = None) -> list[LogLine]:
    """The kiosk's own lines among the first `upto` written."""
    lines = (parse_line(data) for _, data in folder.items[:upto])
    return [line for line in lines if line is not None]


def stored(store: StatsStore) -> list[LogLine]:
    return store.lines(*EVERYTHING)


def test_the_whole_week_is_read_once_with_its_broken_lines_counted(tmp_path: Path) -> None:
    folder = LogFolder(play_week(), tmp_path / "logs")
    folder.finish()
    assert [file.name for file in play_log_files(folder.path)][3:5] == [
        "play-2026-10-22.jsonl",
        "play-2026-10-22.2.jsonl",
    ]
    store, warning = open_store(tmp_path / "logs" / "stats.sqlite")
    assert warning is None
    assert read(store, folder.path) == (len(play_week().lines), len(BROKEN))
    assert stored(store) == kiosk_lines(folder)
    unreadable = store.unreadable()
    assert unreadable.count == len(BROKEN)
    name, number = (unreadable.first or "").split(", line ")
    first_broken = min(BROKEN.items())[1]
    assert Path(name).read_bytes().splitlines(keepends=True)[int(number) - 1] == first_broken
    assert read(store, folder.path) == (0, 0)  # nothing new: nothing read again
    store.close()


def test_reading_as_the_log_grows_and_rotates_counts_each_line_once(tmp_path: Path) -> None:
    """Read four times while the week is written: a step ends in the middle of a line, and
    play.jsonl is renamed (after its day, and on Thursday for its size) between reads."""
    folder = LogFolder(play_week(), tmp_path / "logs")
    database = tmp_path / "logs" / "stats.sqlite"
    thursday = folder.index_at(SIZE_ROTATION) - 40
    steps = [thursday // 3, thursday, thursday + 80, None]
    total = 0
    for upto in steps:
        folder.write(upto, half=upto is not None)
        store, _ = open_store(database)
        new, _ = read(store, folder.path)
        written = folder.written - (1 if upto is not None else 0)  # the half line waits
        assert new == len(kiosk_lines(folder, written)) - total
        total += new
        assert stored(store) == kiosk_lines(folder, written)
        store.close()
    assert total == len(play_week().lines)


def test_a_half_written_last_line_is_read_once_it_is_whole(tmp_path: Path) -> None:
    log = tmp_path / "play.jsonl"
    log.write_text(LINE + LINE[:30])
    store, _ = open_store(tmp_path / "stats.sqlite")
    assert read(store, log) == (1, 0)
    with log.open("a") as file:
        file.write(LINE[30:].replace("slide", "language", 1))
    assert read(store, log) == (1, 0)
    assert [line.event for line in store.lines(*EVERYTHING)] == ["slide", "language"]


def test_a_file_with_no_whole_line_yet_is_left_for_later(tmp_path: Path) -> None:
    log = tmp_path / "play.jsonl"
    log.write_text(LINE[:20])
    store, _ = open_store(tmp_path / "stats.sqlite")
    assert read(store, log) == (0, 0)
    log.write_text(LINE)
    assert read(store, log) == (1, 0)


def test_a_copy_of_a_file_is_the_same_file(tmp_path: Path) -> None:
    """Known by its first line: a file copied elsewhere (or renamed) is never counted twice."""
    log = tmp_path / "play.jsonl"
    log.write_text(LINE + LINE.replace("slide", "closed", 1))
    copy = tmp_path / "copy" / "play-2026-10-20.jsonl"
    copy.parent.mkdir()
    shutil.copy(log, copy)
    store, _ = open_store(tmp_path / "stats.sqlite")
    assert store.read_files([log, copy]).new_lines == 2
    with copy.open("a") as file:
        file.write(LINE.replace("00.000001", "01.000001"))
    assert store.read_files([log, copy]).new_lines == 1
    assert len(store.lines(*EVERYTHING)) == 3


def test_the_store_keeps_lines_whose_files_were_deleted(tmp_path: Path) -> None:
    log = tmp_path / "play.jsonl"
    log.write_text(LINE)
    database = tmp_path / "stats.sqlite"
    store, _ = open_store(database)
    read(store, log)
    store.close()
    log.unlink()
    store, _ = open_store(database)
    assert read(store, log) == (0, 0)
    assert len(store.lines(*EVERYTHING)) == 1


@pytest.mark.parametrize(
    "text",
    [
        b"not json\n",
        b'{"t": "2026-10-20T10:00:00+02:00"}\n',
        b'{"t": 12, "event": "slide"}\n',
        b'{"t": "soon", "event": "slide"}\n',
        b'{"t": "9999-12-31T23:59:59-23:59", "event": "slide"}\n',
        b'"just a string"\n',
        b"\xff\xfe\n",
        b"[" * 100_000 + b"\n",
    ],
    ids=["not json", "no event", "number time", "bad time", "far time", "string", "bytes", "deep"],
)
def test_a_line_that_is_not_the_kiosks_is_counted_never_raised(tmp_path: Path, text: bytes) -> None:
    log = tmp_path / "play.jsonl"
    log.write_bytes(LINE.encode() + text + b"\n" + LINE.replace("slide", "open", 1).encode())
    store, _ = open_store(tmp_path / "stats.sqlite")
    far = parse_line(text)
    broken = 0 if far is not None else 1
    assert read(store, log) == (3 - broken, broken)
    if broken:
        assert store.unreadable().first == f"{log}, line 2"


def test_a_time_without_an_offset_is_read_as_this_machines(tmp_path: Path) -> None:
    line = parse_line(b'{"t": "2026-10-20T10:00:00", "event": "slide"}')
    assert line is not None
    assert (line.local.hour, line.local.minute) == (10, 0)


def test_a_damaged_database_is_moved_aside_and_built_again(tmp_path: Path) -> None:
    log = tmp_path / "play.jsonl"
    log.write_text(LINE)
    database = tmp_path / "stats.sqlite"
    database.write_bytes(b"this is not a database" * 100)
    store, warning = open_store(database)
    assert warning is not None and "damaged" in warning and "stats.sqlite.damaged" in warning
    assert read(store, log) == (1, 0)
    assert (tmp_path / "stats.sqlite.damaged").read_bytes().startswith(b"this is not")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_reads_the_whole_log_in_memory(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "play.jsonl"
    log.parent.mkdir()
    log.write_text(LINE)
    log.parent.chmod(0o555)
    try:
        store, warning = open_store(log.parent / "stats.sqlite")
        assert warning is not None and "cannot keep" in warning
        assert read(store, log) == (1, 0)
    finally:
        log.parent.chmod(0o755)


def test_a_database_file_that_cannot_be_opened_reads_in_memory(tmp_path: Path) -> None:
    """A folder where the database should be: no traceback, the log is read all the same."""
    log = tmp_path / "play.jsonl"
    log.write_text(LINE)
    (tmp_path / "stats.sqlite").mkdir()
    store, warning = open_store(tmp_path / "stats.sqlite")
    assert warning is not None
    assert read(store, log) == (1, 0)


def test_an_older_schema_is_built_again(tmp_path: Path) -> None:
    database = tmp_path / "stats.sqlite"
    with sqlite3.connect(database) as old:
        old.execute("CREATE TABLE lines (x)")
    old.close()
    log = tmp_path / "play.jsonl"
    log.write_text(LINE)
    store, warning = open_store(database)
    assert warning is None
    assert read(store, log) == (1, 0)


def test_the_week_items_hold_every_broken_line() -> None:
    items = log_items(play_week())
    assert sum(1 for _, data in items if data.strip() and parse_line(data) is None) == len(BROKEN)
