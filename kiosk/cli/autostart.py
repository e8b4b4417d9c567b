"""`kiosk autostart install|remove|show`: start the kiosk at boot, inside cage, under systemd.

Run in the exhibition folder, with the virtual environment's kiosk command: the unit runs
that command in that folder. `show` prints what `install` would write and run, and changes
nothing; `install` and `remove` change the system, so they need root.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.cli.common import USAGE_ERROR, complain
from kiosk.content.exhibition import DEFAULT_CONFIG
from kiosk.hall.autostart import (
    MARKER,
    UNIT_NAME,
    UnitSettings,
    UnitValueError,
    unit_path,
    unit_text,
)

COMMAND = "kiosk autostart"
SYSTEM_ROOT = Path("/")
BOOTED_WITH_SYSTEMD = Path("/run/systemd/system")
"""Where sd_booted(3) looks: without it, no systemd is running to reload."""
DISPLAY_MANAGER = Path("etc/systemd/system/display-manager.service")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "autostart",
        help="start the kiosk at boot (a systemd unit running it inside cage)",
        description="Start the kiosk at boot: a systemd unit runs it fullscreen inside cage "
        "on the first console, as an ordinary user, and restarts it when it ends or hangs. "
        "Run it in the exhibition folder. Exit 0 when done, 1 when the system said no, 2 "
        "when the command itself is wrong.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, help_text in (
        ("install", "write and enable the unit (needs root)"),
        ("show", "print the unit install would write and what it would run; change nothing"),
        ("remove", "stop, disable and delete the unit (needs root)"),
    ):
        action = actions.add_parser(name, help=help_text, description=help_text)
        if name != "remove":
            action.add_argument(
                "--user",
                help="the user the kiosk runs as (default: the exhibition folder's owner)",
            )
        action.add_argument(
            "--root",
            type=Path,
            default=SYSTEM_ROOT,
            metavar="DIR",
            help="work on the system whose / is DIR, such as a mounted SD card (default: /)",
        )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    live = args.root.resolve() == SYSTEM_ROOT
    if args.action != "show":
        refusal = root_refusal(os.geteuid(), live, args.action)
        if refusal is not None:
            return complain(refusal, command=COMMAND)
    if args.action == "remove":
        return _remove(args.root, live)
    settings = _settings_or_complain(args.user, live)
    if isinstance(settings, int):
        return settings
    try:
        text = unit_text(settings)
    except UnitValueError as exc:
        return complain(str(exc), status=USAGE_ERROR, command=COMMAND)
    if args.action == "show":
        return _show(text, args.root, live)
    return _install(text, settings, args.root, live)


def root_refusal(euid: int, live: bool, action: str) -> str | None:
    """Why `action` cannot go on: it changes this system's units and we are not root."""
    if euid == 0 or not live:
        return None
    kiosk = kiosk_command()
    return (
        f"{action} changes the system's services and needs root: "
        f"sudo {shlex.quote(str(kiosk))} autostart {action}"
    )


def kiosk_command() -> Path:
    """The kiosk command beside this Python: the virtual environment's, symlinks kept."""
    return Path(os.path.abspath(sys.executable)).with_name("kiosk")


def _settings_or_complain(user: str | None, live: bool) -> UnitSettings | int:
    folder = Path.cwd()
    if not (folder / DEFAULT_CONFIG).is_file():
        return complain(
            f"no {DEFAULT_CONFIG} here; run {COMMAND} in the exhibition folder "
            "(the one that holds slides/, media/ and config/)",
            status=USAGE_ERROR,
            command=COMMAND,
        )
    kiosk = kiosk_command()
    if not kiosk.is_file():
        return complain(
            f"no kiosk command beside {sys.executable}; run this with the kiosk command "
            "of the virtual environment the kiosk is installed in (.venv/bin/kiosk)",
            command=COMMAND,
        )
    name = user or _owner(folder)
    reason = user_refusal(name, live)
    if reason is not None:
        return complain(reason, status=USAGE_ERROR, command=COMMAND)
    return UnitSettings(folder=folder, kiosk=kiosk, user=name)


def _owner(folder: Path) -> str:
    try:
        return pwd.getpwuid(folder.stat().st_uid).pw_name
    except KeyError:
        return str(folder.stat().st_uid)


def user_refusal(name: str, live: bool) -> str | None:
    """Why the kiosk cannot run as `name`: cage refuses root, and on this system the user
    must exist (the users of an SD card's system are not ours to look up)."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        uid = 0 if name == "root" else None
        if uid is None and live:
            return f"there is no user '{name}' here; give --user NAME, an existing user"
    if uid == 0:
        return (
            "the kiosk cannot run as root (cage refuses to); give --user NAME, "
            f"an ordinary user who may write to {Path.cwd()}"
        )
    return None


def _show(text: str, root: Path, live: bool) -> int:
    print(f"# {unit_path(root)}")
    print(text, end="")
    print("\n# then install runs:")
    for arguments in _enable_commands(root, live):
        print(f"#   {shlex.join(['systemctl', *arguments])}")
    return 0


def _install(text: str, settings: UnitSettings, root: Path, live: bool) -> int:
    cage = root / settings.cage.relative_to("/")
    if not cage.is_file():
        return complain(f"cage is not installed at {cage}: sudo apt install cage", command=COMMAND)
    path = unit_path(root)
    refusal = _not_ours(path)
    if refusal is not None:
        return complain(refusal, command=COMMAND)
    try:
        _write(path, text)
    except OSError as exc:
        return complain(f"cannot write {path} ({exc})", command=COMMAND)
    print(f"wrote {path}")
    if (root / DISPLAY_MANAGER).exists():
        print(
            "note: this system starts a desktop (display-manager.service), which would fight "
            "the kiosk for the screen: set it to boot to the console (raspi-config: System "
            "Options, Boot / Auto Login, Console), or use the desktop's autostart instead"
        )
    status = _systemctl(_enable_commands(root, live), f"{path} is written but not enabled")
    if status == 0 and live:
        print(
            "The kiosk starts at the next boot; to (re)start it now: sudo systemctl restart kiosk"
        )
    return status


def _remove(root: Path, live: bool) -> int:
    path = unit_path(root)
    if not path.exists():
        print(f"no {path}: nothing to remove")
        return 0
    refusal = _not_ours(path)
    if refusal is not None:
        return complain(refusal, command=COMMAND)
    booted = live and BOOTED_WITH_SYSTEMD.is_dir()
    disable = ["disable", "--now", UNIT_NAME] if booted else ["disable", UNIT_NAME]
    status = _systemctl([_rooted(disable, root, live)], f"{path} is still there")
    if status != 0:
        return status
    path.unlink()
    print(f"removed {path}")
    return _systemctl([["daemon-reload"]] if booted else [], "systemd still knows the unit")


def _not_ours(path: Path) -> str | None:
    """Why `path` is not ours to replace or delete: a unit someone else wrote."""
    try:
        first_line = path.read_text(encoding="utf-8").partition("\n")[0]
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read {path} ({exc})"
    if first_line == MARKER:
        return None
    return f"{path} was not written by {COMMAND}; move it away first if the kiosk may replace it"


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a half-written unit would be worse than none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o644)
    os.replace(temporary, path)


def _enable_commands(root: Path, live: bool) -> list[list[str]]:
    """systemctl's arguments to load and enable the unit: a running systemd reloads first;
    a system that is not running (an SD card, a chroot) is only enabled, offline."""
    enable = _rooted(["enable", UNIT_NAME], root, live)
    if live and BOOTED_WITH_SYSTEMD.is_dir():
        return [["daemon-reload"], enable]
    return [enable]


def _rooted(arguments: list[str], root: Path, live: bool) -> list[str]:
    return arguments if live else [f"--root={root}", *arguments]


def _systemctl(commands: list[list[str]], left: str) -> int:
    """Run each systemctl command, saying it first; without systemctl, say what to run."""
    systemctl = shutil.which("systemctl")
    for arguments in commands:
        shown = shlex.join(["systemctl", *arguments])
        if systemctl is None:
            print(f"systemctl is not here; run this where systemd is: {shown}")
            continue
        print(f"running: {shown}", flush=True)
        result = subprocess.run([systemctl, *arguments], check=False)
        if result.returncode != 0:
            return complain(
                f"{shown} failed (status {result.returncode}); {left}",
                command=COMMAND,
            )
    return 0
