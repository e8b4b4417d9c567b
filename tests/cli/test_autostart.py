"""`kiosk autostart`: show, install and remove the boot unit, on a system root the test owns.

`--root DIR` works on the system whose / is DIR, as systemctl's own --root does; systemctl
runs for real with it (offline: it only makes and removes the symlinks of [Install]).
"""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.autostart import kiosk_command, root_refusal
from kiosk.hall.autostart import MARKER, UnitSettings, unit_path, unit_text

SYSTEMCTL = shutil.which("systemctl")
WANTS = Path("etc/systemd/system/multi-user.target.wants/kiosk.service")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An exhibition folder, the current one, as `kiosk autostart` is run from it."""
    expo = tmp_path / "expo"
    (expo / "config").mkdir(parents=True)
    (expo / "config" / "kiosk.yaml").write_text("decks: []\n", "utf-8")
    monkeypatch.chdir(expo)
    return expo


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A system root with cage installed in it, and nothing else."""
    system = tmp_path / "system"
    (system / "usr" / "bin").mkdir(parents=True)
    shutil.copy("/bin/true", system / "usr" / "bin" / "cage")
    return system


def autostart(*arguments: str) -> int:
    return main(["autostart", *arguments])


def test_show_prints_the_unit_and_changes_nothing(folder: Path, tmp_path: Path, capsys) -> None:
    system = tmp_path / "untouched"
    assert autostart("show", "--user", "nobody", "--root", str(system)) == 0
    out = capsys.readouterr().out
    expected = unit_text(UnitSettings(folder, kiosk_command(), "nobody"))
    assert out.startswith(f"# {unit_path(system)}\n{expected}")
    assert "User=nobody" in out
    assert f"WorkingDirectory={folder}\n" in out
    assert f"ExecStart=/usr/bin/cage -d -s -- {kiosk_command()} run\n" in out
    assert f"#   systemctl --root={system} enable kiosk.service" in out
    assert not system.exists()


def test_show_on_this_system_writes_nothing(folder: Path, capsys) -> None:
    there_before = unit_path(Path("/")).exists()
    assert autostart("show", "--user", "nobody") == 0
    out = capsys.readouterr().out
    assert out.startswith("# /etc/systemd/system/kiosk.service\n")
    assert out.endswith("#   systemctl enable kiosk.service\n")
    assert ("#   systemctl daemon-reload\n" in out) == Path("/run/systemd/system").is_dir()
    assert unit_path(Path("/")).exists() == there_before


def test_install_writes_and_enables_the_unit_then_remove_takes_it_away(
    folder: Path, root: Path, capfd
) -> None:
    assert autostart("install", "--user", "nobody", "--root", str(root)) == 0
    unit = unit_path(root)
    assert unit.read_text("utf-8") == unit_text(UnitSettings(folder, kiosk_command(), "nobody"))
    assert unit.stat().st_mode & 0o777 == 0o644
    out = capfd.readouterr().out
    assert f"wrote {unit}" in out
    if SYSTEMCTL is None:
        assert f"systemctl --root={root} enable kiosk.service" in out
    else:
        assert os.readlink(root / WANTS) == "/etc/systemd/system/kiosk.service"
    assert autostart("remove", "--root", str(root)) == 0
    assert not unit.exists()
    assert not (root / WANTS).is_symlink()
    assert f"removed {unit}" in capfd.readouterr().out


def test_install_again_replaces_its_own_unit(folder: Path, root: Path) -> None:
    assert autostart("install", "--user", "nobody", "--root", str(root)) == 0
    assert autostart("install", "--user", "daemon", "--root", str(root)) == 0
    assert "User=daemon\n" in unit_path(root).read_text("utf-8")


def test_a_unit_someone_else_wrote_is_left_alone(folder: Path, root: Path, capsys) -> None:
    unit = unit_path(root)
    unit.parent.mkdir(parents=True)
    unit.write_text("[Service]\nExecStart=/usr/local/bin/their-kiosk\n", "utf-8")
    assert autostart("install", "--user", "nobody", "--root", str(root)) == 1
    assert autostart("remove", "--root", str(root)) == 1
    assert "was not written by kiosk autostart" in capsys.readouterr().err
    assert unit.read_text("utf-8").startswith("[Service]")


def test_install_without_cage_changes_nothing(folder: Path, root: Path, capsys) -> None:
    (root / "usr" / "bin" / "cage").unlink()
    assert autostart("install", "--user", "nobody", "--root", str(root)) == 1
    assert "cage is not installed" in capsys.readouterr().err
    assert not unit_path(root).exists()


def test_remove_when_nothing_is_installed(folder: Path, root: Path, capsys) -> None:
    assert autostart("remove", "--root", str(root)) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_outside_an_exhibition_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert autostart("show", "--user", "nobody") == 2
    assert "run kiosk autostart in the exhibition folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("user", "complaint"),
    [
        ("root", "cannot run as root (cage refuses to)"),
        ("no-such-kiosk-user", "there is no user 'no-such-kiosk-user' here"),
    ],
)
def test_a_user_the_kiosk_cannot_run_as(folder: Path, capsys, user: str, complaint: str) -> None:
    assert autostart("show", "--user", user) == 2
    assert complaint in capsys.readouterr().err


def test_a_name_that_is_no_user_name_on_another_system(folder: Path, root: Path, capsys) -> None:
    """Users of another root are not looked up, but the unit still holds only a user name."""
    assert autostart("show", "--user", "two words", "--root", str(root)) == 2
    assert "'two words' is not a user name" in capsys.readouterr().err
    assert autostart("show", "--user", "someone-else", "--root", str(root)) == 0


def test_the_user_defaults_to_the_folder_owner(folder: Path, capsys) -> None:
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        owner = "nobody"
    else:
        owner = pwd.getpwuid(os.geteuid()).pw_name
    assert autostart("show") == 0
    assert f"User={owner}\n" in capsys.readouterr().out


def test_a_folder_that_belongs_to_root_needs_a_user(folder: Path, capsys) -> None:
    if folder.stat().st_uid != 0:
        pytest.skip("only root's tests make a folder that belongs to root")
    assert autostart("show") == 2
    assert "give --user NAME" in capsys.readouterr().err


def test_changing_this_system_needs_root() -> None:
    refusal = root_refusal(1000, True, "install")
    assert refusal is not None
    assert "needs root" in refusal
    assert f"sudo {kiosk_command()} autostart install" in refusal
    assert root_refusal(0, True, "install") is None
    assert root_refusal(1000, False, "remove") is None  # a root the user may write to


def test_the_unit_file_starts_with_the_marker(folder: Path, root: Path) -> None:
    assert autostart("install", "--user", "nobody", "--root", str(root)) == 0
    assert unit_path(root).read_text("utf-8").startswith(MARKER + "\n")
