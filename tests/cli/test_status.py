"""`kiosk status` tells staff what the kiosk shows and what is left to fix."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.cli import main
from kiosk.hall.status import StatusFile
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
