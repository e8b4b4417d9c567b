"""`kiosk status`: what the running kiosk shows now, and the problems it is waiting on."""

from __future__ import annotations

import argparse

from kiosk.cli.common import add_config_argument
from kiosk.content.config import load_config
from kiosk.hall.status import is_running, read_status


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status",
        help="what the running kiosk shows, and any pending problems",
        description="Print what the running kiosk shows now, the last reloads, and the "
        "problems in the files that it is waiting for someone to fix.",
    )
    add_config_argument(parser)
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    config, _ = load_config(args.config)
    status = read_status(config.status_path)
    if status is None:
        print(f"kiosk status: no kiosk has run here yet ({config.status_path} not found)")
        return 1
    running = status.get("running", True) and is_running(status.get("pid"))
    print(
        f"kiosk: {'running' if running else 'not running'} (pid {status.get('pid')}), "
        f"last update {status.get('updated', '?')}"
    )
    showing = status.get("showing")
    if isinstance(showing, dict):
        print(
            f"showing: {showing.get('deck')} / {showing.get('slide')} in "
            f"{showing.get('lang')} ({showing.get('trigger')})"
        )
    for reload in status.get("reloads", [])[-5:]:
        print(f"reload {reload.get('result')}: {reload.get('file')}")
    problems = status.get("problems") or []
    if problems:
        print(f"pending problems ({len(problems)}):")
        for problem in problems:
            print(f"  {problem}")
    else:
        print("pending problems: none")
    return 0 if running else 1
