"""The status file: written whole, read back, and honest about a kiosk that has stopped."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from kiosk.hall.status import StatusFile, is_running, read_status


def test_updates_are_written_whole_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "status.json"
    status = StatusFile(path)
    status.update(showing={"deck": "livron", "slide": "one", "lang": "fr"}, problems=[])
    data = read_status(path)
    assert data is not None
    assert data["pid"] == os.getpid()
    assert data["showing"] == {"deck": "livron", "slide": "one", "lang": "fr"}
    assert "updated" in data
    assert [p.name for p in path.parent.iterdir()] == ["status.json"]  # no temporary left


def test_only_the_last_reloads_are_kept(tmp_path: Path) -> None:
    status = StatusFile(tmp_path / "s.json")
    for n in range(15):
        status.note_reload({"file": f"d{n}.yaml", "result": "applied"})
    status.write()
    reloads = json.loads((tmp_path / "s.json").read_text())["reloads"]
    assert [r["file"] for r in reloads] == [f"d{n}.yaml" for n in range(5, 15)]


def test_an_unwritable_status_never_raises(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where a folder should be")
    status = StatusFile(blocker / "status.json")
    with caplog.at_level(logging.ERROR, logger="kiosk.hall.status"):
        status.update(running=True)
        status.update(running=False)
    assert len([r for r in caplog.records if r.name == "kiosk.hall.status"]) == 1


def test_no_path_writes_nothing(tmp_path: Path) -> None:
    StatusFile(None).update(running=True)
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_status_file_reads_as_none(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text("{half")
    assert read_status(tmp_path / "s.json") is None
    assert read_status(tmp_path / "missing.json") is None


def test_is_running() -> None:
    assert is_running(os.getpid())
    assert not is_running(None)
    assert not is_running(-5)
    assert not is_running(2**22 + 12345)
