"""`kiosk standins`: a clearly marked stand-in for every photo a deck names that is not there
yet (the drawing is in kiosk/tools/standins.py and standin_drawing.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "standins",
        help="draw a marked stand-in for every missing photo the decks name",
        description="Draw clearly marked stand-in images for slides whose photograph is "
        "missing, from the decks in --slides into --media. A file already there is kept "
        "(it may be the real scan) unless --force is given. Exit 0, or 1 when a deck or an "
        "image path had a problem.",
    )
    parser.add_argument(
        "--media",
        type=Path,
        default=Path("media"),
        help="media folder the deck image paths are relative to (default: media)",
    )
    parser.add_argument(
        "--slides",
        type=Path,
        default=Path("slides"),
        help="folder holding the *.yaml decks (default: slides)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="redraw every stand-in, overwriting files that already exist",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.tools.standins import generate  # Pillow, only for this command

    summary = generate(args.slides, args.media, force=args.force)
    print(
        f"{summary.written} stand-in(s) written, {summary.kept} existing image(s) kept, "
        f"{summary.problems} problem(s)"
    )
    return 1 if summary.problems else 0
