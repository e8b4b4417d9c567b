"""The systemd unit that starts the kiosk at boot: text only, built from a few values.

It follows cage's own documented unit (cage's wiki, "Starting Cage on boot with systemd"): a
system service that logs an unprivileged user in on tty1 and runs cage there, with the kiosk
as cage's one application. What it changes on purpose, each said again beside the directive:

- PAMName=login rather than a /etc/pam.d/cage of our own: every Debian and Raspberry Pi OS
  has the login stack, and it does what cage needs (pam_systemd registers a session on seat0,
  so logind hands over the screen and input devices and makes /run/user/UID) plus what a
  console login does (locale, limits). systemd runs its account and session parts only: no
  password is asked.
- Type=notify with a watchdog: the kiosk says when its first frame is up and pings from its
  display loop, so a hung kiosk is restarted, not only a crashed one (see kiosk.hall.notify).
- WantedBy=multi-user.target rather than graphical.target: a Raspberry Pi set to boot to the
  console (which is what this unit wants: no desktop fighting for the screen) has
  multi-user.target as its default target and never reaches graphical.target.

Screen blanking needs nothing more: cage has no idle timer (it blanks only if told to by a
tool such as swayidle, which this unit does not start), SDL holds an idle inhibitor while the
kiosk runs, and the kernel's console blanking leaves a console in graphics mode alone. The
kiosk hides the pointer itself when fullscreen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "kiosk.service"
UNIT_DIR = Path("etc/systemd/system")
"""Where system units written by the administrator live, under the system's root."""
CAGE = Path("/usr/bin/cage")
MARKER = "# Written by `kiosk autostart install`; `kiosk autostart remove` takes it away."
"""The unit's first line: install replaces, and remove deletes, only a unit that has it."""

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class UnitValueError(ValueError):
    """A path or name that a unit file cannot hold (a newline, say)."""


@dataclass(frozen=True)
class UnitSettings:
    folder: Path
    """The exhibition folder: where `kiosk run` finds config/, slides/ and media/."""
    kiosk: Path
    """The kiosk command of the virtual environment it is installed in."""
    user: str
    cage: Path = CAGE


def unit_path(root: Path) -> Path:
    return root / UNIT_DIR / UNIT_NAME


def unit_text(settings: UnitSettings) -> str:
    """The whole unit file, every directive a museum might wonder about explained."""
    folder = _plain_value(str(settings.folder))
    arguments = ("-d", "-s", "--", str(settings.kiosk), "run")
    command = " ".join([exec_program(str(settings.cage)), *map(exec_argument, arguments)])
    return _TEMPLATE.format(
        marker=MARKER,
        folder=folder,
        folder_shown=str(settings.folder),
        user=_plain_value(_user_name(settings.user)),
        command=command,
    )


def exec_program(path: str) -> str:
    """ExecStart='s program, written so that systemd reads back exactly `path`. systemd
    expands specifiers in it ('%' doubled) but not variables, and refuses to start a program
    whose path holds a quote or a backslash, however escaped (measured with systemd 252)."""
    _refuse_control_characters(path)
    if re.search(r"[\"'\\]", path):
        raise UnitValueError(
            f"{path}: systemd cannot start a program whose path holds a quote or a backslash"
        )
    escaped = path.replace("%", "%%")
    return f'"{escaped}"' if any(character.isspace() for character in escaped) else escaped


def exec_argument(text: str) -> str:
    """One ExecStart= argument, written so that systemd reads back exactly `text`: '%' and
    '$' doubled (specifiers, variables), quotes and backslashes escaped, quoted when it
    holds a space."""
    _refuse_control_characters(text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")
    escaped = escaped.replace("%", "%%").replace("$", "$$")
    if escaped == "" or any(character.isspace() for character in escaped):
        return f'"{escaped}"'
    return escaped


def _plain_value(text: str) -> str:
    """A value systemd takes as the rest of the line (WorkingDirectory=, User=): only
    specifiers are expanded there, and surrounding blanks would be lost."""
    _refuse_control_characters(text)
    if text != text.strip():
        raise UnitValueError(f"'{text}' begins or ends with a space, which a unit cannot hold")
    return text.replace("%", "%%")


def _user_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\$?", name):
        raise UnitValueError(f"'{name}' is not a user name")
    return name


def _refuse_control_characters(text: str) -> None:
    if _UNSAFE.search(text):
        raise UnitValueError(f"{text!r} holds a control character, which a unit cannot hold")


_TEMPLATE = """\
{marker}
# The museum kiosk: the exhibition in {folder_shown} played fullscreen from boot on, inside
# cage (a Wayland compositor that shows one application and nothing else) on the first
# console, as the user {user}. After editing this file: sudo systemctl daemon-reload
# Its messages: journalctl -u kiosk    Its state: systemctl status kiosk

[Unit]
Description=Museum kiosk ({folder})
# Start once logins are allowed, as the boot splash (Plymouth) goes away.
After=systemd-user-sessions.service plymouth-quit-wait.service
# logind hands cage the screen and the input devices; it is reached over D-Bus.
Wants=dbus.socket systemd-logind.service
After=dbus.socket systemd-logind.service
# The kiosk takes the first console in place of its login prompt.
Conflicts=getty@tty1.service
After=getty@tty1.service
# Only where there are consoles (a machine with a screen, not a container).
ConditionPathExists=/dev/tty0
Before=graphical.target
# A kiosk that crashes, or that the watchdog ends, is started again however often that
# happens, as long as it runs a minute or more on average. Ten starts within ten minutes
# mean it cannot start at all (a broken install, no screen): systemd then stops trying,
# so that cage no longer takes the screen back every few seconds from whoever repairs
# things on another console. A reboot, or `sudo systemctl reset-failed kiosk` then
# `sudo systemctl start kiosk`, tries again.
StartLimitIntervalSec=600
StartLimitBurst=10

[Service]
# The kiosk says READY=1 once its first frame is on screen. It runs inside cage, not as
# the main process, so systemd must listen to every process of the unit.
Type=notify
NotifyAccess=all
# Time for that first frame: a cold start on a small board takes seconds, not minutes.
TimeoutStartSec=120
# The display loop pings systemd every 15 s while it runs; after 30 s without a ping (a
# frozen screen), systemd ends the kiosk and starts it again. The loop wakes several
# times a second, so 30 s leaves a wide margin for a slow SD card or a large photo.
WatchdogSec=30
# systemd names cage, the main process, as the one to ping. The kiosk inside it pings
# instead, so that name is not passed on (sd_watchdog_enabled(3)).
UnsetEnvironment=WATCHDOG_PID
# Start again whatever ended the kiosk: a crash, the watchdog, the staff key combination.
# `sudo systemctl stop kiosk` stops it until the next boot. 5 s between two starts keeps
# a crash loop from wearing out a small board.
Restart=always
RestartSec=5
# The kiosk ends within 3 s of SIGTERM; whatever still runs after 10 s is killed.
TimeoutStopSec=10

# An ordinary user (cage refuses to run as root), who must be able to write logs/ and
# cache/ in the exhibition folder.
User={user}
# A console login for that user through the usual rules (/etc/pam.d/login): logind
# gives the session the screen, input and sound devices, and /run/user/UID for Wayland.
PAMName=login
TTYPath=/dev/tty1
# The console is reset, hung up and cleared before and after: nothing of an earlier
# session shows on it.
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
# Fail rather than start without the console.
StandardInput=tty-fail
# Shown by `who` and `w` like any login on tty1.
UtmpIdentifier=tty1
UtmpMode=user
# Messages go to the journal, not to the console under the picture.
StandardOutput=journal
StandardError=journal
SyslogIdentifier=kiosk

WorkingDirectory={folder}
# SDL (pygame's video layer) talks to cage directly, not through Xwayland.
Environment=SDL_VIDEODRIVER=wayland
# The screen stays on: cage never blanks it by itself, and SDL asks the compositor not
# to idle while the kiosk runs (SDL's default, stated here so that it stays so).
Environment=SDL_VIDEO_ALLOW_SCREENSAVER=0
# cage starts even with no keyboard, mouse or touch screen plugged in.
Environment=WLR_LIBINPUT_NO_DEVICES=1
# cage -d: no window decorations. -s: staff with a keyboard may switch to another
# console (Ctrl+Alt+F2) to log in and repair things, and come back with Ctrl+Alt+F1;
# remove -s where visitors can reach a keyboard. The kiosk hides the pointer itself.
ExecStart={command}

[Install]
WantedBy=multi-user.target
"""
