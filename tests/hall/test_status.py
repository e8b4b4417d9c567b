"""The status file: written whole, read back, and honest about a kiosk that has stopped."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.content.problems import error
from kiosk.hall.outage import RETRY_SECONDS
from kiosk.hall.status import OnScreen, StatusFile, fallback_path, newest_status_path
from kiosk.hall.status_reading import DamagedStatus, installed_version, is_running, read_status
from kiosk.show.deck import Mark
from kiosk.show.player_state import PlayerSettings, PlayerState, Position
from tests.disks import fill, small_tmpfs
from tests.helpers import FakeClock, make_deck
from tests.show.panels import drome_deck, event, panel_slides


def test_updates_are_written_whole_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "status.json"
    status = StatusFile(path)
    status.update(showing={"deck": "livron", "slide": "one", "lang": "fr"}, problems=[])
    status = read_status(path)
    assert status is not None
    assert status.pid == os.getpid()
    assert status.running
    assert status.showing == {"deck": "livron", "slide": "one", "lang": "fr"}
    assert status.updated != "?"
    assert (status.reloads, status.problems) == ((), ())
    assert [p.name for p in path.parent.iterdir()] == ["status.json"]  # no temporary left


def test_only_the_last_reloads_are_kept(tmp_path: Path) -> None:
    status = StatusFile(tmp_path / "s.json")
    for n in range(15):
        status.note_reload({"file": f"d{n}.yaml", "result": "applied"})
    status.write()
    reloads = json.loads((tmp_path / "s.json").read_text())["reloads"]
    assert [r["file"] for r in reloads] == [f"d{n}.yaml" for n in range(5, 15)]


def test_an_unwritable_status_never_raises_and_goes_elsewhere(
    tmp_path: Path, caplog, temporary_folder: Path
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where a folder should be")
    status = StatusFile(blocker / "status.json")
    with caplog.at_level(logging.ERROR, logger="kiosk.hall.status"):
        status.update(running=True)
        status.update(running=False)
    assert len([r for r in caplog.records if r.name == "kiosk.hall.status"]) == 1
    [elsewhere] = temporary_folder.glob(f"kiosk-{os.getuid()}/status-*.json")
    assert elsewhere == fallback_path(blocker / "status.json")
    assert newest_status_path(blocker / "status.json") == elsewhere
    assert read_status(elsewhere).running is False  # type: ignore[union-attr]


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch) -> Path:
    """tempfile.gettempdir() for this test: where a status goes when logs/ cannot be written."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_no_path_writes_nothing(tmp_path: Path) -> None:
    StatusFile(None).update(running=True)
    assert list(tmp_path.iterdir()) == []


def test_no_status_file_is_no_status(tmp_path: Path) -> None:
    assert read_status(tmp_path / "missing.json") is None


def test_a_stopped_kiosk_reads_as_not_running(tmp_path: Path) -> None:
    StatusFile(tmp_path / "s.json").stopped()
    status = read_status(tmp_path / "s.json")
    assert status is not None and not status.running


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"{half", "is not JSON (Expecting property name enclosed in double quotes: line 1"),
        (b'{"pid": 12, "reloads": [{"file": "a.yaml"', "is not JSON (Expecting"),
        (b"\xff\xfe{}", "is not text (not UTF-8)"),
        (b"[1, 2]", "is not a JSON object"),
        (b'{"running": true}', "has no process id ('pid')"),
        (b'{"pid": "12"}', "has no process id ('pid')"),
        (b'{"pid": 12, "reloads": null}', "has a 'reloads' that is not list"),
        (b'{"pid": 12, "reloads": ["a.yaml"]}', "has a reload that is not a JSON object"),
        (b'{"pid": 12, "problems": "none"}', "has a 'problems' that is not list"),
        (b'{"pid": 12, "running": "no"}', "has a 'running' that is not true or false"),
        (b'{"pid": 12, "showing": "livron"}', "has a 'showing' that is not JSON object"),
    ],
    ids=[
        "empty",
        "not-json",
        "truncated",
        "not-utf8",
        "a-list",
        "no-pid",
        "pid-text",
        "reloads-null",
        "reload-text",
        "problems-text",
        "running-text",
        "showing-text",
    ],
)
def test_a_damaged_status_file_says_what_is_wrong(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    (tmp_path / "s.json").write_bytes(content)
    with pytest.raises(DamagedStatus) as damage:
        read_status(tmp_path / "s.json")
    assert str(damage.value).startswith(reason)


def test_a_folder_where_the_status_file_should_be_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "s.json").mkdir()
    with pytest.raises(DamagedStatus, match=r"^cannot be read \(Is a directory\)$"):
        read_status(tmp_path / "s.json")


def test_is_running() -> None:
    assert is_running(os.getpid())
    assert not is_running(None)
    assert not is_running(-5)
    assert not is_running(2**22 + 12345)


def test_a_full_disk_keeps_the_last_status_whole_and_it_comes_back(
    tmp_path: Path, caplog, temporary_folder: Path
) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        clock = FakeClock()
        path = disk / "logs" / "status.json"
        status = StatusFile(path, clock=clock.now)
        status.update(showing={"slide": "first"}, problems=[])
        filler = fill(disk)
        status.update(showing={"slide": "second"}, problems=["a problem " * 200] * 10)
        assert read_status(path).showing == {"slide": "first"}  # type: ignore[union-attr]
        assert [p.name for p in path.parent.iterdir()] == ["status.json"]  # no temporary left
        assert newest_status_path(path) == fallback_path(path)
        assert read_status(fallback_path(path)).showing == {"slide": "second"}  # type: ignore[union-attr]

        filler.unlink()
        status.update(showing={"slide": "third"})  # soon after the failure: not tried yet
        assert read_status(path).showing == {"slide": "first"}  # type: ignore[union-attr]
        clock.t += RETRY_SECONDS
        status.update(showing={"slide": "fourth"})
        assert read_status(path).showing == {"slide": "fourth"}  # type: ignore[union-attr]
        assert not fallback_path(path).exists()
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        f"{path}: cannot write the status (No space left on device); it goes to "
        f"{fallback_path(path)} until it can, and kiosk status reads it there",
        f"{path}: the status is written here again",
    ]


def test_a_fallback_folder_someone_else_made_is_not_used(
    tmp_path: Path, caplog, temporary_folder: Path
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where a folder should be")
    (temporary_folder / f"kiosk-{os.getuid()}").symlink_to(tmp_path)
    StatusFile(blocker / "status.json").update(running=True)
    assert "cannot write the status there either" in caplog.text
    assert list(tmp_path.glob("status-*.json")) == []
    assert newest_status_path(blocker / "status.json") == blocker / "status.json"


def test_photo_failures_are_written_when_they_change_and_read_back(tmp_path):
    path = tmp_path / "status.json"
    status = StatusFile(path)
    status.note_photo_failures([(Path("media/a.png"), "is not a picture")])
    assert read_status(path).photo_failures == (
        {"path": "media/a.png", "reason": "is not a picture"},
    )
    path.unlink()
    status.note_photo_failures([(Path("media/a.png"), "is not a picture")])
    assert not path.exists()  # unchanged: not written again
    status.note_photo_failures([])
    assert read_status(path).photo_failures == ()


def test_the_status_says_when_the_kiosk_started_and_its_version(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    StatusFile(path).write()
    status = read_status(path)
    assert status is not None and status.version == installed_version() != ""
    started = datetime.fromisoformat(status.started)  # type: ignore[arg-type]
    assert abs((datetime.now(UTC) - started).total_seconds()) < 60
    assert started.utcoffset() is not None  # with its offset: readable from any timezone


def test_nothing_showing_while_the_museum_is_closed_reads_back(tmp_path: Path) -> None:
    """`showing: null` is what a closed museum writes: not a damaged file."""
    path = tmp_path / "status.json"
    status = StatusFile(path)
    status.note_showing({"deck": "livron", "slide": "one", "lang": "fr"})
    status.note_showing(None)
    assert read_status(path).showing is None  # type: ignore[union-attr]


def test_problems_are_written_with_their_place_and_an_older_kiosk_s_lines_still_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "status.json"
    StatusFile(path).note_problems([error(Mark("slides/d.yaml", 4, 14), "a quote is missing")])
    assert read_status(path).problems == (  # type: ignore[union-attr]
        {
            "file": "slides/d.yaml",
            "line": 4,
            "column": 14,
            "severity": "error",
            "message": "a quote is missing",
            "text": "slides/d.yaml:4:14: error: a quote is missing",
        },
    )
    path.write_text(json.dumps({"pid": 12, "problems": ["slides/d.yaml:4:14: error: x"]}))
    older = read_status(path)
    assert older is not None and older.problems == ({"text": "slides/d.yaml:4:14: error: x"},)


def test_a_reload_is_written_even_when_the_problems_stay_the_same(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    status = StatusFile(path)
    status.note_problems([])
    status.note_reload({"file": "slides/d.yaml", "result": "applied"})
    status.note_problems([])  # as the loop does after each reload
    written = read_status(path)
    assert written is not None
    assert written.reloads == ({"file": "slides/d.yaml", "result": "applied"},)


def test_what_is_on_screen_follows_the_player_and_the_loop(tmp_path: Path) -> None:
    deck = make_deck()
    settings = PlayerSettings(("fr", "en"), "fr", idle_timeout=60)
    state = PlayerState((deck,), settings, Position(0, 1), "en", due_at=0, last_input_at=3.0)
    on_screen = OnScreen()
    on_screen.changed("touch", datetime(2026, 12, 2, 9, 30, 5, tzinfo=UTC))
    entry = on_screen.entry(state)
    assert entry is not None
    since = datetime.fromisoformat(str(entry.pop("since")))
    assert since == datetime(2026, 12, 2, 9, 30, 5, tzinfo=UTC)
    assert entry == {
        "deck": "livron",
        "slide": "retreat",
        "lang": "en",
        "trigger": "touch",
        "visitor": True,
        "file": "livron.yaml",
        "line": 2,
    }
    assert on_screen.entry(replace(state, closed=True)) is None
    assert on_screen.entry(replace(state, decks=())) is None


def test_a_timeline_step_on_screen_is_in_the_status_with_its_step() -> None:
    slides = panel_slides("liberation-days", (event(16, "livron"), event(21, "buis")))
    settings = PlayerSettings(("fr", "en"), "fr", idle_timeout=60)
    state = PlayerState((drome_deck(*slides),), settings, Position(0, 1), "fr", due_at=0)
    entry = OnScreen().entry(state)
    assert entry is not None
    assert (entry["slide"], entry["step"]) == ("liberation-days", 1)


def test_installed_versions_are_read_as_importlib_metadata_reads_them() -> None:
    import importlib.metadata

    from kiosk.hall.status_reading import package_version

    for name in ("pyttsx3", "PyYAML", "pillow", "kiosk"):
        try:
            expected = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            expected = None
        assert package_version(name) == expected
    assert package_version("no-such-package-here") is None


def test_the_version_of_an_installed_package_costs_no_import_of_importlib_metadata() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from kiosk.hall.status_reading import package_version; "
        "print(package_version('pyttsx3'), 'importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    version, imported = done.stdout.split()
    assert version != "None" and imported == "False", done.stderr
