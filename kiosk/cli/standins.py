"""`kiosk standins`: a clearly marked stand-in for every photo a deck names that is not there
yet, and a stand-in map for a map slide's missing base map (the drawing is in
kiosk/tools/standins.py, standin_drawing.py and standin_map*.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "standins",
        help="draw a marked stand-in for every missing photo or base map the decks name",
        description="Draw clearly marked stand-in images for slides whose photograph is "
        "missing, from the decks in --slides into --media, and for a map slide whose base "
        "map is missing, a stand-in map of the Drôme with a dot at each place of --places and, "
        "beside it, the reference points file that ties its pixels to latitudes and "
        "longitudes. A file already there is kept "
        "(it may be the real scan) unless --force is given. Every stand-in carries a mark "
        "in the file (a JPEG comment or a PNG text) by which kiosk media and kiosk validate "
        "know it; --mark FILE... adds that mark to stand-ins drawn before there was one, "
        "leaving their pixels as they are. Exit 0, or 1 when a deck, an image path or a "
        "file to mark had a problem.",
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
        "--places",
        type=Path,
        metavar="FILE",
        help="the places file whose towns the stand-in map shows (default: SLIDES/places.yaml)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="redraw every stand-in, overwriting files that already exist",
    )
    parser.add_argument(
        "--mark",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="only mark these existing stand-ins (JPEG or PNG) as stand-ins; draw nothing",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    if args.mark:
        return mark(args.mark)
    from kiosk.tools.standins import generate  # Pillow, only for this command

    summary = generate(args.slides, args.media, force=args.force, places_file=args.places)
    print(
        f"{summary.written} stand-in(s) written, {summary.kept} existing image(s) kept, "
        f"{summary.problems} problem(s)"
    )
    return 1 if summary.problems else 0


def mark(files: list[Path]) -> int:
    """Mark stand-ins drawn before stand-ins carried a mark, so that kiosk media lists them."""
    from kiosk.tools.standin_mark import NotMarkable, mark_file

    marked = problems = 0
    for file in files:
        try:
            if mark_file(file):
                marked += 1
                print(f"marked {file}")
        except (NotMarkable, OSError) as exc:
            problems += 1
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(f"kiosk standins: cannot mark {file}: {reason}", file=sys.stderr)
    kept = len(files) - marked - problems
    print(f"{marked} stand-in(s) marked, {kept} already marked, {problems} problem(s)")
    return 1 if problems else 0
