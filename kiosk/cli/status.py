"""`kiosk status`: what the running kiosk shows now, how it is, and what staff have to fix.

The report is made by `kiosk.cli.status_report` and put in words by `kiosk.cli.status_text`;
`--json` prints the report itself for scripts, `--watch` prints it again every second.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from datetime import datetime

from kiosk.cli.common import add_config_argument, complain
from kiosk.cli.status_report import Report, status_report
from kiosk.cli.status_text import damage_line, status_lines
from kiosk.content.config import Config, load_config

RUNNING = 0
NOT_RUNNING = 1
"""Also when no kiosk has run here yet."""
DAMAGED = 3
"""The status file is there but cannot be read: not the same as a kiosk that has stopped."""

WATCH_SECONDS = 1.0
CLEAR_SCREEN = "\x1b[H\x1b[2J"
"""To the top left corner, then clear the screen: ANSI, which every terminal understands."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status",
        help="what the running kiosk shows, and what staff have to fix",
        description="Print whether the kiosk runs (and since when, and its version), what "
        "it shows now (deck, slide, language, since when, whether a visitor is there), the "
        "museum's calendar, the free disk space for logs/ and cache/, the last reloads, and "
        "what staff have to fix: problems in the files, photos and narration that fail. Exit "
        "0 when the kiosk is running, 1 when it is not (or has never run here), 3 when its "
        "status file (logs/status.json) is damaged. When logs/ cannot be written, the kiosk "
        "writes its status in the temporary folder instead, and this command reads it there.",
    )
    add_config_argument(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the status as one JSON object, for scripts (the README lists its keys)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="print the status again every second until Ctrl+C (with --json: one JSON "
        "object a line)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    config, _ = load_config(args.config)
    if args.watch:
        return watch(config, args.json)
    report = status_report(config)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report["status_file_damaged"] is None:
        print("\n".join(text_of(report, config, datetime.now().astimezone())))
    if report["status_file_damaged"] is not None:
        return complain(damage_line(report), status=DAMAGED, command="kiosk status")
    return RUNNING if report["running"] else NOT_RUNNING


def text_of(report: Report, config: Config, now: datetime) -> list[str]:
    lines = status_lines(report, now)
    if report["status_file_moved"] and report["status_file_found"]:
        lines.append(
            f"status read from {report['status_file']}: {config.status_path} could not be written"
        )
    return lines


def watch(config: Config, as_json: bool) -> int:
    """Print the status every second until Ctrl+C, which ends it with exit status 0. On a
    terminal each refresh replaces the last; piped or in a file, they follow one another,
    a separator line between two (one JSON object a line with `as_json`)."""
    on_terminal = sys.stdout.isatty()
    began = time.monotonic()
    try:
        for refresh in itertools.count():
            now = datetime.now().astimezone()
            report = status_report(config, now)
            if as_json:
                print(json.dumps(report, ensure_ascii=False))
            elif on_terminal:
                text = "\n".join(text_of(report, config, now))
                sys.stdout.write(f"{CLEAR_SCREEN}{text}\n\n(every second; Ctrl+C to stop)\n")
            else:
                if refresh:
                    print(f"-- {now:%H:%M:%S} --")
                print("\n".join(text_of(report, config, now)))
            sys.stdout.flush()
            time.sleep(WATCH_SECONDS - (time.monotonic() - began) % WATCH_SECONDS)
    except KeyboardInterrupt:
        if on_terminal and not as_json:
            print()  # the shell's prompt on a line of its own, after the ^C
    return 0
