"""`kiosk status` tells staff what the kiosk shows and what is left to fix."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.hall.status import StatusFile, fallback_path
from tests.disks import remount, small_tmpfs
from tests.helpers import write_config


def test_status_of_a_running_kiosk(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    status = StatusFile(tmp_path / "logs" / "status.json")
    status.note_reload({"file": "slides/d.yaml", "result": "rejected"})
    status.update(
        running=True,
        showing={"deck": "livron", "slide": "bridge", "lang": "en", "trigger": "timer"},
        problems=["slides/d.yaml:4:14: error: a closing quote is missing"],
    )
    assert main(["status", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"kiosk: running (pid {os.getpid()})")
    assert out[1:] == [
        "showing: livron / bridge in en (timer)",
        "reload rejected: slides/d.yaml",
        "pending problems (1):",
        "  slides/d.yaml:4:14: error: a closing quote is missing",
    ]


def test_status_after_the_kiosk_stopped(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    StatusFile(tmp_path / "logs" / "status.json").stopped()
    assert main(["status", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "kiosk: not running" in out
    assert "pending problems: none" in out


def test_status_where_no_kiosk_ever_ran(tmp_path: Path, capsys) -> None:
    config = write_config(tmp_path, "decks: []\n")
    assert main(["status", "--config", str(config)]) == 1
    assert "no kiosk has run here yet" in capsys.readouterr().out


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


def test_a_damaged_status_file_is_no_traceback_from_the_console_script(tmp_path: Path) -> None:
    config = write_config(tmp_path, "decks: []\n")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "status.json").write_bytes(b'{"pid": 1, "running": tr')
    result = subprocess.run(
        [str(Path(sys.executable).with_name("kiosk")), "status", "--config", str(config)],
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
        finally:
            remount(root, "rw")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"kiosk: running (pid {os.getpid()})")
    assert out[1] == "showing: livron / bridge in fr (None)"
    assert out[-1] == (
        f"status read from {fallback_path(root / 'logs' / 'status.json')}: "
        f"{root / 'logs' / 'status.json'} could not be written"
    )
