"""The `kiosk` command: one module per subcommand, each with `register` and `main`.

A subcommand returns its exit status, or raises `UsageError` for a mistake in the command
itself (said here in one sentence, exit status 2); nothing a user types or puts in a file
ends in a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

# pygame looks for its own data through pkg_resources whenever setuptools is installed,
# which costs the kiosk 50 ms of start-up for nothing: it falls back to its own folder.
sys.modules.setdefault("pkg_resources", None)  # type: ignore[arg-type]

from kiosk.cli import (  # noqa: E402
    import_captions,
    narrate,
    preview,
    run,
    standins,
    status,
    validate,
)
from kiosk.cli.common import USAGE_ERROR, UsageError, complain  # noqa: E402

SUBCOMMANDS = (run, validate, narrate, status, import_captions, preview, standins)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Museum kiosk slideshow and audio guide."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="kiosk: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args))
    except UsageError as mistake:
        return complain(str(mistake), status=USAGE_ERROR, command=mistake.command)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
