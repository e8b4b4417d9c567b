"""`kiosk preview --out DIR`: each slide as the kiosk shows it, and a contact sheet per deck,
as PNG files, with no screen needed (see kiosk/preview.py for what goes where)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config import parse_size
from kiosk.exhibition import DEFAULT_CONFIG, load_exhibition
from kiosk.validation import sorted_problems


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "preview",
        help="draw every slide and a contact sheet per deck as PNG files, with no screen",
        description="Draw each slide exactly as the kiosk shows it, in each language, into "
        "DIR/<deck>/<NN>-<slide-id>-<lang>.png, and a contact sheet per deck and language "
        "into DIR/<deck>-contact-<lang>.png: thumbnails with slide numbers, ids, durations "
        "and warnings, and the deck's errors at the bottom. Needs no display. "
        "Exit 0, or 1 when a deck or the config has errors (what can be drawn still is).",
    )
    parser.add_argument("decks", nargs="*", type=Path, metavar="DECK", help="only these decks")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="config file")
    parser.add_argument("--lang", default="all", help="a language code, or all (default)")
    parser.add_argument(
        "--size", type=_size, help="screen size such as 1920x1080 (default: window_size)"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write the PNG files in"
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    import pygame

    from kiosk import preview

    if not args.config.is_file():
        print(f"kiosk: no config file at {args.config}; pass --config PATH", file=sys.stderr)
        return 2
    exhibition = load_exhibition(args.config, tuple(args.decks))
    config = exhibition.config
    if args.lang != "all" and args.lang not in config.languages:
        choices = ", ".join((*config.languages, "all"))
        print(f"kiosk preview: --lang must be one of {choices}", file=sys.stderr)
        return 2
    languages = config.languages if args.lang == "all" else (args.lang,)
    deck_paths = tuple(args.decks) or config.deck_paths
    refused = preview.refusal(args.out, config, deck_paths)
    if refused is not None:
        print(f"kiosk preview: {refused}", file=sys.stderr)
        return 2
    size = args.size or config.window_size
    try:
        with preview.offscreen():
            reports = preview.preview_exhibition(exhibition, deck_paths, args.out, size, languages)
    except OSError as exc:
        reason = f"{exc.strerror}: {exc.filename}" if exc.strerror else str(exc)
        print(f"kiosk preview: cannot write the preview: {reason}", file=sys.stderr)
        return 1
    except pygame.error as exc:
        print(
            f"kiosk preview: SDL cannot draw off screen ({exc}); unset SDL_VIDEODRIVER "
            "and the preview uses SDL's dummy driver, which needs no display",
            file=sys.stderr,
        )
        return 2

    for report in reports:
        for path in (*report.images, *report.sheets):
            print(f"wrote {path}")
        for path in report.removed:
            print(f"removed {path} (no such slide any more)")
    problems = sorted_problems(
        [
            *preview.other_problems(exhibition, deck_paths),
            *(problem for report in reports for problem in report.problems),
        ]
    )
    for problem in problems:
        print(problem)
    errors = sum(problem.is_error for problem in problems)
    slides = sum(len(report.deck.slides) for report in reports if report.deck is not None)
    images = sum(len(report.images) for report in reports)
    sheets = sum(len(report.sheets) for report in reports)
    print(
        f"preview: {_count(len(reports), 'deck')}, {_count(slides, 'slide')}, "
        f"{_count(len(languages), 'language')} at {size[0]}x{size[1]}: "
        f"{_count(images, 'slide image')} and {_count(sheets, 'contact sheet')} in {args.out}; "
        f"{_count(errors, 'error')}, {_count(len(problems) - errors, 'warning')}"
    )
    broken = [report.name for report in reports if report.has_errors]
    if broken:
        print(
            f"preview: errors in {', '.join(broken)}: what they name is left out of the show; "
            "they are listed at the bottom of the deck's contact sheets"
        )
    return 1 if errors else 0


def _size(text: str) -> tuple[int, int]:
    size = parse_size(text)
    if size is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1920x1080")
    return size


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
