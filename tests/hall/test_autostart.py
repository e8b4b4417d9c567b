"""The boot unit's text: what systemd reads back from it, checked by systemd-analyze verify."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.hall.autostart import (
    MARKER,
    UnitSettings,
    UnitValueError,
    exec_argument,
    exec_program,
    unit_text,
)

SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_systemd_analyze = pytest.mark.skipif(
    SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed (Debian: systemd)"
)


def stand_in_cage(folder: Path) -> Path:
    """An executable where the unit says cage is: verify checks that ExecStart's program
    exists and can be run, and nothing else of the command line."""
    folder.mkdir(parents=True)
    cage = folder / "cage"
    cage.write_text('#!/bin/sh\nexec "$@"\n', encoding="utf-8")
    cage.chmod(0o755)
    return cage


def verify(unit: Path) -> tuple[int, str]:
    """systemd-analyze verify's exit status and everything it said. It only warns about an
    unknown or mistyped directive and still exits 0, so a sound unit is one it is silent on."""
    assert SYSTEMD_ANALYZE is not None
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", str(unit)], capture_output=True, text=True, check=False
    )
    return result.returncode, (result.stdout + result.stderr).strip()


def settings(tmp_path: Path, folder_name: str = "expo") -> UnitSettings:
    return UnitSettings(
        folder=tmp_path / folder_name,
        kiosk=tmp_path / "kiosk" / ".venv" / "bin" / "kiosk",
        user="museum",
        cage=stand_in_cage(tmp_path / "bin"),
    )


def write_unit(tmp_path: Path, text: str) -> Path:
    unit = tmp_path / "units" / "kiosk.service"
    unit.parent.mkdir(exist_ok=True)
    unit.write_text(text, encoding="utf-8")
    return unit


def directives(text: str) -> dict[str, dict[str, list[str]]]:
    """Section -> key -> values, as systemd reads them (keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif line and not line.startswith("#"):
            key, _, value = line.partition("=")
            current.setdefault(key, []).append(value)
    return sections


@needs_systemd_analyze
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    code, said = verify(write_unit(tmp_path, unit_text(settings(tmp_path))))
    assert (code, said) == (0, "")


@needs_systemd_analyze
@pytest.mark.parametrize(
    ("sound", "broken", "complaint"),
    [
        ("Restart=always", "Restrat=always", "Unknown key"),
        ("StandardInput=tty-fail", "StandardInput=tty-fial", "tty-fial"),
        ("WatchdogSec=30", "WatchdogSec=half a minute", "half a minute"),
    ],
)
def test_verify_speaks_up_about_a_broken_unit(
    tmp_path: Path, sound: str, broken: str, complaint: str
) -> None:
    """The check above means something: one mistyped line, and verify is no longer silent
    (it still exits 0 for these: only a fatal error changes its status)."""
    text = unit_text(settings(tmp_path))
    assert sound in text
    _, said = verify(write_unit(tmp_path, text.replace(sound, broken)))
    assert complaint in said


@needs_systemd_analyze
def test_verify_notices_a_program_that_is_not_there(tmp_path: Path) -> None:
    unit = settings(tmp_path)
    missing = UnitSettings(unit.folder, unit.kiosk, unit.user, cage=tmp_path / "no" / "cage")
    code, said = verify(write_unit(tmp_path, unit_text(missing)))
    assert code != 0
    assert "no/cage" in said


@needs_systemd_analyze
def test_paths_with_spaces_and_percent_signs_are_read_back_whole(tmp_path: Path) -> None:
    """systemd expands %-specifiers and unquotes ExecStart=: the cage stand-in is found
    under this name only if the unit wrote it right. The folder holds what a unit cannot
    quote (systemd takes WorkingDirectory= as it is)."""
    cage = stand_in_cage(tmp_path / "cage 100%n $HOME")  # %n: the unit's name, unescaped
    folder = tmp_path / 'expo "quoted" 100% $HOME \\ it\'s'
    unit = UnitSettings(folder, tmp_path / "the venv" / "kiosk", "museum", cage)
    assert verify(write_unit(tmp_path, unit_text(unit))) == (0, "")


@needs_systemd_analyze
def test_the_unit_for_the_real_cage_passes_verify(tmp_path: Path) -> None:
    if not Path("/usr/bin/cage").is_file():
        pytest.skip("cage is not installed (Debian: cage)")
    unit = UnitSettings(tmp_path / "expo", tmp_path / ".venv" / "bin" / "kiosk", "museum")
    assert verify(write_unit(tmp_path, unit_text(unit))) == (0, "")


def test_the_unit_runs_the_kiosk_in_cage_on_tty1_under_a_watchdog(tmp_path: Path) -> None:
    unit = settings(tmp_path)
    text = unit_text(unit)
    assert text.startswith(MARKER + "\n")
    read = directives(text)
    service = read["Service"]
    assert service["ExecStart"] == [f"{unit.cage} -d -s -- {unit.kiosk} run"]
    assert service["WorkingDirectory"] == [str(unit.folder)]
    assert service["User"] == ["museum"]
    assert service["Type"] == ["notify"]
    assert service["NotifyAccess"] == ["all"]
    assert service["UnsetEnvironment"] == ["WATCHDOG_PID"]
    assert service["Restart"] == ["always"]
    assert service["TTYPath"] == ["/dev/tty1"]
    assert "SDL_VIDEODRIVER=wayland" in service["Environment"]
    assert int(service["WatchdogSec"][0]) >= 10
    assert "getty@tty1.service" in read["Unit"]["Conflicts"]
    assert read["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_folder_keeps_its_percent_signs(tmp_path: Path) -> None:
    unit = settings(tmp_path)
    text = unit_text(UnitSettings(tmp_path / "100%n", unit.kiosk, unit.user, unit.cage))
    assert directives(text)["Service"]["WorkingDirectory"] == [f"{tmp_path}/100%%n"]


def test_exec_arguments_are_escaped_for_systemd() -> None:
    assert exec_argument("/usr/bin/cage") == "/usr/bin/cage"
    assert exec_argument("/srv/Le pont") == '"/srv/Le pont"'
    assert exec_argument("/srv/100%") == "/srv/100%%"
    assert exec_argument("/srv/$HOME") == "/srv/$$HOME"
    assert exec_argument('/srv/"x"\\') == '/srv/\\"x\\"\\\\'
    assert exec_argument("") == '""'
    assert exec_program("/srv/a 100% $HOME/cage") == '"/srv/a 100%% $HOME/cage"'
    for refused in ('/srv/"x"/cage', "/srv/it's/cage", "/srv/a\\b/cage"):
        with pytest.raises(UnitValueError):
            exec_program(refused)


@pytest.mark.parametrize(
    ("folder", "user"),
    [("expo\nExecStartPre=/bin/sh", "museum"), ("expo ", "museum"), ("expo", "mu seum")],
)
def test_what_a_unit_cannot_hold_is_refused(tmp_path: Path, folder: str, user: str) -> None:
    unit = settings(tmp_path)
    with pytest.raises(UnitValueError):
        unit_text(UnitSettings(tmp_path / folder, unit.kiosk, user, unit.cage))
