"""The play log starts a new file each day and when one grows too large, keeps a set number of
earlier files, and `play_log_files` lists them all, oldest first."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

from kiosk.hall.playlog import PlayLog
from kiosk.hall.playlog_files import play_log_files, rotated_name


class Calendar:
    """The local date, as the test sets it."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day


def numbers(files: list[Path]) -> list[int]:
    return [json.loads(line)["n"] for file in files for line in file.read_text().splitlines()]


def test_a_new_file_each_day_named_after_the_day_of_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "play.jsonl"
    calendar = Calendar(date(2026, 8, 14))
    log = PlayLog(path, today=calendar.today)
    log.record({"n": 0})
    log.record({"n": 1})
    calendar.day = date(2026, 8, 15)
    log.record({"n": 2})
    calendar.day = date(2026, 8, 17)
    log.record({"n": 3})
    log.close()
    assert play_log_files(path) == [
        tmp_path / "logs" / "play-2026-08-14.jsonl",
        tmp_path / "logs" / "play-2026-08-15.jsonl",
        path,
    ]
    assert [numbers([file]) for file in play_log_files(path)] == [[0, 1], [2], [3]]


def test_a_log_left_from_an_earlier_day_is_rotated_at_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "play.jsonl"
    path.write_text('{"n": 0}\n')
    yesterday = datetime(2026, 8, 13, 22, 30).timestamp()
    os.utime(path, (yesterday, yesterday))
    log = PlayLog(path, today=Calendar(date(2026, 8, 14)).today)
    log.record({"n": 1})
    log.close()
    assert play_log_files(path) == [tmp_path / "play-2026-08-13.jsonl", path]
    assert numbers(play_log_files(path)) == [0, 1]


def test_a_file_that_grows_too_large_is_rotated_the_same_day(tmp_path: Path) -> None:
    path = tmp_path / "play.jsonl"
    log = PlayLog(path, today=Calendar(date(2026, 8, 14)).today, max_bytes=200)
    for n in range(10):
        log.record({"n": n})  # about 50 bytes a line: three or four to a file
    log.close()
    day = date(2026, 8, 14)
    files = play_log_files(path)
    assert len(files) >= 3
    assert files == [*(rotated_name(path, day, k) for k in range(1, len(files))), path]
    assert rotated_name(path, day, 2).name == "play-2026-08-14.2.jsonl"
    assert numbers(play_log_files(path)) == list(range(10))
    assert all(file.stat().st_size <= 200 for file in play_log_files(path))


def test_only_the_newest_files_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "play.jsonl"
    calendar = Calendar(date(2026, 8, 1))
    log = PlayLog(path, keep=3, today=calendar.today)
    for n in range(12):
        calendar.day = date(2026, 8, 1 + n)
        log.record({"n": n})
    log.close()
    assert [file.name for file in play_log_files(path)] == [
        "play-2026-08-09.jsonl",
        "play-2026-08-10.jsonl",
        "play-2026-08-11.jsonl",
        "play.jsonl",
    ]
    assert numbers(play_log_files(path)) == [8, 9, 10, 11]


def test_a_rotation_that_fails_is_said_once_and_the_log_grows_on(
    tmp_path: Path, monkeypatch, caplog
) -> None:
    def refuse(*_: object) -> Path:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("kiosk.hall.playlog.rotate", refuse)
    path = tmp_path / "play.jsonl"
    log = PlayLog(path, today=Calendar(date(2026, 8, 14)).today, max_bytes=100)
    for n in range(5):
        log.record({"n": n})
    log.close()
    assert numbers(play_log_files(path)) == list(range(5))
    assert caplog.text.count("cannot rotate the play log (Operation not permitted)") == 1


def test_files_of_other_logs_are_not_listed(tmp_path: Path) -> None:
    path = tmp_path / "play.jsonl"
    assert play_log_files(path) == []
    for name in ("play-2026-08-14.json", "other-2026-08-14.jsonl", "play-yesterday.jsonl"):
        (tmp_path / name).write_text("{}\n")
    (tmp_path / "play-2026-08-14.jsonl").write_text("{}\n")
    assert play_log_files(path) == [tmp_path / "play-2026-08-14.jsonl"]


def test_the_memory_bench_counts_slides_across_a_rotation(tmp_path: Path) -> None:
    from bench.memory import _Counter, _slides_logged

    path = tmp_path / "play.jsonl"
    calendar = Calendar(date(2026, 8, 14))
    log = PlayLog(path, today=calendar.today)
    counter = _Counter(path)
    for _ in range(3):
        log.record({"event": "slide"})
    assert counter() == 3
    calendar.day = date(2026, 8, 15)
    log.record({"event": "slide"})
    log.record({"event": "language"})
    log.record({"event": "slide"})
    assert counter() == 5
    assert counter() == 5
    log.close()
    assert _slides_logged(path) == 5
