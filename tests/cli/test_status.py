"""`kiosk status` tells staff what the kiosk shows, how it is, and what is left to fix."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.status_report import LOW_DISK_BYTES
from kiosk.content.problems import error, warning
from kiosk.hall.status import StatusFile, fallback_path
from kiosk.hall.status_reading import installed_version
from kiosk.show.deck import Mark
from tests.disks import remount, small_tmpfs
from tests.helpers import write_config

KIOSK = Path(sys.executable).with_name("kiosk")  # the venv's console script
TIME = r"\d\d:\d\d:\d\d"
SHOWING = {
    "deck": "livron",
    "slide": "bridge",
    "lang": "en",
    "trigger": "touch",
    "since": "2020-05-04T10:03:12+02:00",
    "visitor": True,
    "file": "slides/livron.yaml",
    "line": 12,
}


FLEET = {"broker": "mqtt.museum.lan:8883", "id": "hall-2", "connected": True, "problem": None}


def full_status(root: Path) -> StatusFile:
    """A status with every part, written by this process (so its kiosk is running)."""
    status = StatusFile(root / "logs" / "status.json")
    status.note_reload({"file": "slides/d.yaml", "result": "rejected"})
    status.note_problems(
        [
            error(Mark("slides/d.yaml", 4, 14), "a closing quote is missing"),
            warning(Mark("slides/livron.yaml", 9, 3), "the caption has no 'de' text"),
        ]
    )
    status.note_showing(SHOWING)
    status.note_calendar({"open": True, "quiet": False, "display": "on", "until": None})
    status.note("fleet", FLEET)
    status.note_photo_failures([(root / "media/bridge.png", "cannot be read (not a picture)")])
    status.note_narration_failures(
        [
            {
                "file": "slides/livron.yaml",
                "line": 12,
                "slide": "bridge",
                "lang": "en",
                "reason": "synthesis failed: synthesis took longer than 30 s and was stopped",
            },
            {"file": None, "line": None, "slide": None, "lang": None, "reason": "no sound device"},
        ]
    )
    return status


def test_status_of_a_running_kiosk_says_everything(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    full_status(tmp_path)
    assert main(["status", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    version = installed_version()
    assert re.fullmatch(
        rf"kiosk: running \(pid {os.getpid()}\), up \d+ s since {TIME}, version {version}", out[0]
    ), out[0]
    assert re.fullmatch(
        r"showing: livron / bridge in en since 2020-05-0\d \d\d:03:12, \d+ d \d+ h ago "
        r"\(touch\)",
        out[1],
    ), out[1]
    assert out[2:6] == [
        "  slide at slides/livron.yaml:12",
        "visitor: here, using the kiosk",
        "calendar: open (display on)",
        "fleet: connected to mqtt.museum.lan:8883 as hall-2",
    ]
    assert re.fullmatch(
        r"disk free: \d+\.\d [kMGT]B of \d+\.\d [kMGT]B( \(LOW\))? for logs, cache, "
        r"narration_cache",
        out[6],
    ), out[6]
    assert out[7:-1] == [
        "reload rejected: slides/d.yaml",
        "pending problems (2):",
        "  slides/d.yaml:4:14: error: a closing quote is missing",
        "  slides/livron.yaml:9:3: warning: the caption has no 'de' text",
        "photos with a problem (1):",
        f"  {tmp_path / 'media/bridge.png'}: photo cannot be read (not a picture)",
        "narration failures (2):",
        "  slides/livron.yaml:12: bridge (en): synthesis failed: synthesis took longer than 30 s "
        "and was stopped",
        "  no sound device",
    ]
    assert re.fullmatch(rf"status written {TIME}", out[-1]), out[-1]


def test_status_json_has_the_documented_shape(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    full_status(tmp_path)
    assert main(["status", "--config", str(config), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report) == [
        "running", "pid", "version", "installed_version", "started", "uptime_seconds",
        "updated", "showing", "calendar", "fleet", "problems", "photo_failures",
        "narration_failures",
        "reloads", "disk", "status_file", "status_file_moved", "status_file_found",
        "status_file_damaged",
    ]  # fmt: skip
    assert (report["running"], report["pid"]) == (True, os.getpid())
    assert report["version"] == report["installed_version"] == installed_version()
    assert isinstance(report["uptime_seconds"], int) and 0 <= report["uptime_seconds"] < 60
    assert report["showing"] == SHOWING
    assert report["fleet"] == FLEET
    assert report["problems"][0] == {
        "file": "slides/d.yaml",
        "line": 4,
        "column": 14,
        "severity": "error",
        "message": "a closing quote is missing",
        "text": "slides/d.yaml:4:14: error: a closing quote is missing",
    }
    assert report["narration_failures"][0]["line"] == 12
    assert report["photo_failures"] == [
        {"path": str(tmp_path / "media/bridge.png"), "reason": "cannot be read (not a picture)"}
    ]
    assert report["reloads"] == [{"file": "slides/d.yaml", "result": "rejected"}]
    usage = shutil.disk_usage(tmp_path)
    assert set(report["disk"]) == {"logs", "cache", "narration_cache"}
    logs = report["disk"]["logs"]
    assert logs["path"] == str(tmp_path / "logs") and logs["total_bytes"] == usage.total
    assert abs(logs["free_bytes"] - usage.free) < 100_000_000
    assert logs["low"] == (usage.free < LOW_DISK_BYTES or usage.free < usage.total / 20)
    assert report["disk"]["cache"]["path"] == str(tmp_path / "cache")  # not made yet: measured
    assert report["disk"]["cache"]["total_bytes"] == usage.total  # on the disk above it
    assert report["status_file"] == str(tmp_path / "logs" / "status.json")
    assert (report["status_file_moved"], report["status_file_damaged"]) == (False, None)


def test_status_after_the_kiosk_stopped(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    full_status(tmp_path).stopped()
    assert main(["status", "--config", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        rf"kiosk: not running \(the last run: pid {os.getpid()}, started {TIME}\), version .+",
        out[0],
    )
    assert out[1].startswith("last showed: livron / bridge in en since ")
    assert not [line for line in out if line.startswith("visitor:")]
    assert main(["status", "--config", str(config), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["running"], report["uptime_seconds"]) == (False, None)


def test_a_kiosk_that_was_killed_is_not_running(tmp_path: Path, capsys) -> None:
    """The file still says running: the command asks whether its process is there."""
    config = write_config(tmp_path, "decks: []\n")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    status = StatusFile(tmp_path / "logs" / "status.json")
    status.fields["pid"] = int(gone.stdout)
    status.update(running=True)
    assert main(["status", "--config", str(config), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["running"], report["pid"]) == (False, int(gone.stdout))


def test_status_while_the_museum_is_closed(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    status = StatusFile(tmp_path / "logs" / "status.json")
    status.note_showing(None)
    status.note_calendar(
        {
            "open": False,
            "quiet": False,
            "display": "off",
            "display_switched_by": "backlight",
            "until": "2099-12-03T10:00+01:00",
        }
    )
    assert main(["status", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "showing: nothing (the museum is closed)"
    assert out[2] == "calendar: closed until Thu 3 Dec 10:00 (display off, switched by backlight)"


def test_status_where_no_kiosk_ever_ran(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    assert main(["status", "--config", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"kiosk: not running; no kiosk has run here yet ({tmp_path / 'logs/status.json'} not found)"
    )
    assert out[1].startswith("disk free: ")
    assert main(["status", "--config", str(config), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["running"], report["pid"], report["status_file_found"]) == (False, None, False)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "is empty"),
        ('{"pid": 12, "reloads": [{"file": "slides/d.y', "is not JSON (Unterminated string"),
        ("[]", "is not a JSON object"),
        ('{"pid": 12, "reloads": null}', "has a 'reloads' that is not list"),
    ],
    ids=["empty", "truncated", "a-list", "wrong-shape"],
)
def test_a_damaged_status_file_is_named_and_exits_3(
    tmp_path: Path, capsys, content: str, reason: str
) -> None:
    config = write_config(tmp_path, "decks: []\n")
    path = tmp_path / "logs" / "status.json"
    path.parent.mkdir()
    path.write_text(content, "utf-8")
    assert main(["status", "--config", str(config)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"kiosk status: {path} {reason}")
    assert err.endswith(
        "; the kiosk writes it afresh when it next shows a slide, and it is safe to delete\n"
    )
    assert len(err.splitlines()) == 1
    assert main(["status", "--config", str(config), "--json"]) == 3
    out, err = capsys.readouterr()
    report = json.loads(out)  # scripts get their JSON all the same
    assert report["status_file_damaged"].startswith(reason)
    assert report["running"] is False and err.startswith(f"kiosk status: {path} {reason}")


@pytest.mark.parametrize(
    "status",
    [
        {"pid": 1, "showing": None, "calendar": None},
        {"pid": 1, "showing": {"deck": 3, "slide": None, "since": 12, "visitor": "yes"}},
        {"pid": 1, "showing": {"since": "yesterday", "lang": "\x1b[2Jen"}},
        {"pid": 1, "started": "not a time", "updated": "", "version": "\x1b[31m9"},
        {"pid": 1, "started": "2026-12-02T10:00:00", "running": True},  # no offset
        {"pid": 1, "calendar": {"open": "maybe", "until": 5, "display": None}},
        {"pid": 1, "calendar": {"open": False, "until": "2026-13-45T99:00+01:00"}},
        {"pid": 1, "problems": [3, None, {"line": "x"}, {"text": ["a"]}]},
        {"pid": 1, "photo_failures": [{}], "narration_failures": [{"line": []}, {}]},
        {"pid": 1, "reloads": [{}], "running": None},
    ],
)
def test_odd_values_in_a_status_file_are_printed_never_a_traceback(
    tmp_path: Path, capsys, status: dict
) -> None:
    """A file edited by hand, or by another program: whatever its values, the command
    prints them, and no escape code reaches the terminal."""
    config = write_config(tmp_path, "decks: []\n")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "status.json").write_text(json.dumps(status), "utf-8")
    assert main(["status", "--config", str(config)]) in (0, 1)
    out = capsys.readouterr().out
    assert out.startswith("kiosk: ") and "\x1b" not in out
    assert main(["status", "--config", str(config), "--json"]) in (0, 1)
    json.loads(capsys.readouterr().out)


def test_a_damaged_status_file_is_no_traceback_from_the_console_script(tmp_path: Path) -> None:
    config = write_config(tmp_path, "decks: []\n")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "status.json").write_bytes(b'{"pid": 1, "running": tr')
    result = subprocess.run(
        [str(KIOSK), "status", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "status.json is not JSON" in result.stderr


def test_a_kiosk_whose_logs_folder_is_read_only_is_still_seen_running(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with small_tmpfs(tmp_path / "exhibition") as root:
        config = write_config(root, "decks: []\n")
        StatusFile(root / "logs" / "status.json").stopped()  # an earlier run, stopped
        remount(root, "ro")
        try:
            StatusFile(root / "logs" / "status.json").update(
                running=True, showing={"deck": "livron", "slide": "bridge", "lang": "fr"}
            )
            assert main(["status", "--config", str(config)]) == 0
            assert main(["status", "--config", str(config), "--json"]) == 0
        finally:
            remount(root, "rw")
    out, json_out = capsys.readouterr().out.split("\n{", 1)
    lines = out.splitlines()
    assert lines[0].startswith(f"kiosk: running (pid {os.getpid()})")
    assert lines[1] == "showing: livron / bridge in fr"
    assert lines[-1] == (
        f"status read from {fallback_path(root / 'logs' / 'status.json')}: "
        f"{root / 'logs' / 'status.json'} could not be written"
    )
    report = json.loads("{" + json_out)
    assert report["status_file"] == str(fallback_path(root / "logs" / "status.json"))
    assert report["status_file_moved"] is True
