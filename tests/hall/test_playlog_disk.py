"""The play log on a disk that fills up or turns read-only: never half a line, the show goes on,
and the log catches up when the disk takes lines again."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.hall.outage import RETRY_SECONDS
from kiosk.hall.playlog import PlayLog, cut_half_line
from tests.disks import PAGE, fill, remount, small_tmpfs
from tests.helpers import FakeClock


def numbers(path: Path) -> list[int]:
    """The "n" of each line; every line must be whole JSON."""
    return [json.loads(line)["n"] for line in path.read_bytes().decode().splitlines()]


def test_a_full_disk_never_leaves_half_a_line_and_the_log_catches_up(tmp_path, caplog):
    with small_tmpfs(tmp_path / "disk") as disk:
        clock = FakeClock()
        log = PlayLog(disk / "play.jsonl", clock=clock.now)
        with caplog.at_level(logging.INFO, logger="kiosk.hall.playlog"):
            for n in range(5):
                log.record({"event": "test", "n": n})
            filler = fill(disk)
            # the log's last page still has room for some lines, then one goes in only in part
            for n in range(5, 5 + PAGE // 40):
                clock.t += RETRY_SECONDS
                log.record({"event": "test", "n": n, "padding": "x" * 20})
            kept = numbers(disk / "play.jsonl")
            assert kept == list(range(len(kept)))
            assert 5 < len(kept) < 5 + PAGE // 40
            assert (disk / "play.jsonl").read_bytes().endswith(b"\n")

            filler.unlink()
            log.record({"event": "test", "n": 200})  # too soon after the last try: waits
            assert numbers(disk / "play.jsonl") == kept
            clock.t += RETRY_SECONDS
            log.record({"event": "test", "n": 201})
            log.close()
        everything = numbers(disk / "play.jsonl")
    assert everything == [*range(5 + PAGE // 40), 200, 201]
    said = [r.getMessage() for r in caplog.records]
    assert [m for m in said if "cannot write" in m] == [
        f"{disk}/play.jsonl: cannot write the play log (No space left on device); the show "
        f"goes on, its lines wait in memory (up to 2000) and the log is tried again every 10 s"
    ]
    assert [m for m in said if "written again" in m] == [
        f"{disk}/play.jsonl: the play log is written again ({len(everything) - len(kept)} "
        "lines that waited)"
    ]


def test_closing_on_a_full_disk_never_raises(tmp_path, caplog):
    with small_tmpfs(tmp_path / "disk") as disk:
        log = PlayLog(disk / "play.jsonl")
        log.record({"event": "test", "n": 0})
        fill(disk)
        for n in range(1, PAGE // 40):
            log.record({"event": "test", "n": n, "padding": "x" * 20})
        log.close()  # what `kiosk run` does on SIGTERM
        kept = numbers(disk / "play.jsonl")
    assert kept == list(range(len(kept)))
    lost = PAGE // 40 - len(kept)
    assert f"{lost} lines of the play log were never written (No space left on device)" in (
        caplog.text
    )


def test_a_read_only_folder_is_tried_again_and_the_log_resumes(tmp_path, caplog):
    with small_tmpfs(tmp_path / "disk") as disk:
        (disk / "logs").mkdir()
        clock = FakeClock()
        log = PlayLog(disk / "logs" / "play.jsonl", clock=clock.now)
        remount(disk, "ro")
        try:
            for n in range(4):
                log.record({"event": "test", "n": n})
                clock.t += RETRY_SECONDS / 2
        finally:
            remount(disk, "rw")
        assert not (disk / "logs" / "play.jsonl").exists()
        clock.t += RETRY_SECONDS
        log.record({"event": "test", "n": 4})
        log.close()
        assert numbers(disk / "logs" / "play.jsonl") == [0, 1, 2, 3, 4]
    assert caplog.text.count("Read-only file system") == 1


def test_only_a_bounded_number_of_lines_wait(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr("kiosk.hall.playlog.WAITING_LINES", 3)
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    clock = FakeClock()
    log = PlayLog(blocker / "play.jsonl", clock=clock.now)
    for n in range(10):
        log.record({"event": "test", "n": n})
    assert len(log._waiting) == 3
    blocker.unlink()
    clock.t += RETRY_SECONDS
    log.record({"event": "test", "n": 10})
    log.close()
    assert numbers(blocker / "play.jsonl") == [8, 9, 10]
    assert "(3 lines that waited, 8 older ones were lost)" in caplog.text


def test_a_half_line_left_by_an_earlier_run_is_cut_off(tmp_path, caplog):
    path = tmp_path / "play.jsonl"
    path.write_bytes(b'{"n": 0}\n{"n": 1}\n{"n": 2, "ev')
    log = PlayLog(path)
    log.record({"event": "test", "n": 3})
    log.close()
    assert numbers(path) == [0, 1, 3]
    assert "cut off a half-written last line (12 bytes)" in caplog.text


def test_a_file_of_one_unfinished_line_is_emptied(tmp_path):
    path = tmp_path / "play.jsonl"
    path.write_bytes(b'{"n": 0, "ev')
    with path.open("r+b") as file:
        assert cut_half_line(file.fileno()) == 12
    assert path.read_bytes() == b""
