"""`kiosk status`: what the running kiosk shows now, and the problems it is waiting on."""

from __future__ import annotations

import argparse

from kiosk.cli.common import add_config_argument, complain
from kiosk.content.config import load_config
from kiosk.hall.status import (
    DamagedStatus,
    KioskStatus,
    is_running,
    newest_status_path,
    read_status,
)

RUNNING = 0
NOT_RUNNING = 1
"""Also when no kiosk has run here yet."""
DAMAGED = 3
"""The status file is there but cannot be read: not the same as a kiosk that has stopped."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status",
        help="what the running kiosk shows, and any pending problems",
        description="Print what the running kiosk shows now, the last reloads, and the "
        "problems in the files that it is waiting for someone to fix. Exit 0 when the kiosk "
        "is running, 1 when it is not (or has never run here), 3 when its status file "
        "(logs/status.json) is damaged. When logs/ cannot be written, the kiosk writes its "
        "status in the temporary folder instead, and this command reads it there.",
    )
    add_config_argument(parser)
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    config, _ = load_config(args.config)
    path = newest_status_path(config.status_path)
    try:
        status = read_status(path)
    except DamagedStatus as damage:
        return complain(
            f"{path} {damage}; the kiosk writes it afresh when it next shows a slide, "
            "and it is safe to delete",
            status=DAMAGED,
            command="kiosk status",
        )
    if status is None:
        print(f"kiosk status: no kiosk has run here yet ({path} not found)")
        return NOT_RUNNING
    running = status.running and is_running(status.pid)
    _print_status(status, running)
    if path != config.status_path:
        print(f"status read from {path}: {config.status_path} could not be written")
    return RUNNING if running else NOT_RUNNING


def _print_status(status: KioskStatus, running: bool) -> None:
    print(
        f"kiosk: {'running' if running else 'not running'} (pid {status.pid}), "
        f"last update {status.updated}"
    )
    if status.calendar and (status.calendar.get("until") or not status.calendar.get("open")):
        print(f"calendar: {_calendar_line(status.calendar)}")
    showing = status.showing
    if showing is not None:
        print(
            f"showing: {showing.get('deck')} / {showing.get('slide')} in "
            f"{showing.get('lang')} ({showing.get('trigger')})"
        )
    for reload in status.reloads[-5:]:
        print(f"reload {reload.get('result')}: {reload.get('file')}")
    if status.problems:
        print(f"pending problems ({len(status.problems)}):")
        for problem in status.problems:
            print(f"  {problem}")
    else:
        print("pending problems: none")
    if status.photo_failures:
        print(f"photos with a problem ({len(status.photo_failures)}):")
        for failure in status.photo_failures:
            print(f"  {failure.get('path')}: photo {failure.get('reason')}")


def _calendar_line(calendar: dict[str, object]) -> str:
    """ "closed until 2026-12-03T10:00+01:00 (display off, switched by backlight)"."""
    state = "open" if calendar.get("open") else "closed"
    if calendar.get("quiet"):
        state += ", quiet hours"
    until = f" until {calendar['until']}" if calendar.get("until") else ""
    display = f"display {calendar.get('display', 'on')}"
    if calendar.get("display_switched_by"):
        display += f", switched by {calendar['display_switched_by']}"
    return f"{state}{until} ({display})"
