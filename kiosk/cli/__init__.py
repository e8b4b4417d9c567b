"""The `kiosk` command: one module per subcommand, each with `register` and `main`.

A subcommand returns its exit status; nothing a user types or puts in a file ends in a
traceback on the terminal.
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
    autostart,
    import_captions,
    narrate,
    preview,
    run,
    status,
    validate,
)

SUBCOMMANDS = (run, validate, narrate, status, import_captions, preview, autostart)


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
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
