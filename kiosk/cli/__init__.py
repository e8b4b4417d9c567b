"""The `kiosk` command: one module per subcommand, each with `register` and `main`.

A subcommand returns its exit status, or raises `UsageError` for a mistake in the command
itself (said here in one sentence, exit status 2); nothing a user types or puts in a file
ends in a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

# pygame looks for its own data through pkg_resources whenever setuptools is installed,
# which costs the kiosk 50 ms of start-up for nothing: it falls back to its own folder.
sys.modules.setdefault("pkg_resources", None)  # type: ignore[arg-type]

from kiosk.cli.common import USAGE_ERROR, UsageError, complain  # noqa: E402
from kiosk.hall.journal_logging import configure_logging  # noqa: E402

SUBCOMMANDS = {
    "run": "run",
    "validate": "validate",
    "media": "media",
    "schedule": "schedule",
    "narrate": "narrate",
    "status": "status",
    "stats": "stats",
    "import-captions": "import_captions",
    "preview": "preview",
    "standins": "standins",
    "autostart": "autostart",
    "fleet": "fleet",
}
"""Each subcommand and its module in kiosk.cli, in the order `kiosk --help` lists them. Only
the module of the subcommand given is imported: `kiosk run` does not wait for the imports of
`kiosk stats` or `kiosk preview` before its first photo."""

INTERRUPTED = 130
"""Exit status after Ctrl+C: 128 + SIGINT, as the shell reports it."""
READER_GONE = 141
"""Exit status when the output's reader has gone: 128 + SIGPIPE, as the shell reports a
command stopped by a closed pipe, and apart from the subcommands' own 1 and 2."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: with only its subcommand when it names one, else with all."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Museum kiosk slideshow and audio guide."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = next((arg for arg in argv or () if not arg.startswith("-")), None)
    for name, module in SUBCOMMANDS.items():
        if named not in SUBCOMMANDS or name == named:
            importlib.import_module(f"kiosk.cli.{module}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # so a reader that has gone shows here, not at exit
    except BrokenPipeError:
        return _reader_gone()


def _run(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    configure_logging(logging.DEBUG if args.verbose else logging.INFO, sys.stderr)
    try:
        return int(args.handler(args))
    except UsageError as mistake:
        return complain(str(mistake), status=USAGE_ERROR, command=mistake.command)
    except KeyboardInterrupt:
        return INTERRUPTED


def _reader_gone() -> int:
    """Stop quietly when what reads the output has closed it (`kiosk status | head -1`).

    As the Python documentation recommends, what is left to write goes to /dev/null, or
    Python's own flush at exit would fail again and print a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return READER_GONE


if __name__ == "__main__":
    sys.exit(main())
