"""`kiosk preview --out DIR`: each slide as the kiosk shows it, and a contact sheet per deck,
as PNG files, with no screen needed (see kiosk/tools/preview.py for what goes where)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.common import (
    USAGE_ERROR,
    UsageError,
    add_all_languages_argument,
    add_config_argument,
    add_decks_argument,
    chosen_languages,
    complain,
    open_exhibition,
    screen_size,
)
from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, count, sorted_problems

if TYPE_CHECKING:
    from kiosk.tools.preview import DeckPreview

COMMAND = "kiosk preview"


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
    add_decks_argument(parser, "only these decks")
    add_config_argument(parser)
    add_all_languages_argument(parser)
    parser.add_argument(
        "--size", type=screen_size, help="screen size such as 1920x1080 (default: window_size)"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write the PNG files in"
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.tools import preview

    exhibition = open_exhibition(args.config, args.decks)
    config = exhibition.config
    languages = chosen_languages(args.lang, config, COMMAND)
    deck_paths = tuple(args.decks) or config.deck_paths
    refused = preview.refusal(args.out, config, deck_paths)
    if refused is not None:
        raise UsageError(refused, COMMAND)
    size = args.size or config.window_size
    reports = _draw(exhibition, deck_paths, args.out, size, languages)
    if isinstance(reports, int):
        return reports
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
    _print_summary(reports, problems, languages, size, args.out)
    return 1 if any(problem.is_error for problem in problems) else 0


def _draw(
    exhibition: Exhibition,
    deck_paths: tuple[Path, ...],
    out: Path,
    size: tuple[int, int],
    languages: tuple[str, ...],
) -> list[DeckPreview] | int:
    """The previews written, or the exit status after saying why they could not be."""
    import pygame

    from kiosk.tools import preview

    try:
        with preview.offscreen():
            return preview.preview_exhibition(exhibition, deck_paths, out, size, languages)
    except OSError as exc:
        reason = f"{exc.strerror}: {exc.filename}" if exc.strerror else str(exc)
        return complain(f"cannot write the preview: {reason}", command=COMMAND)
    except pygame.error as exc:
        return complain(
            f"SDL cannot draw off screen ({exc}); unset SDL_VIDEODRIVER "
            "and the preview uses SDL's dummy driver, which needs no display",
            status=USAGE_ERROR,
            command=COMMAND,
        )


def _print_summary(
    reports: list[DeckPreview],
    problems: list[Problem],
    languages: tuple[str, ...],
    size: tuple[int, int],
    out: Path,
) -> None:
    """One line of what was made and found, and which decks the show leaves out."""
    errors = sum(problem.is_error for problem in problems)
    slides = sum(len(report.deck.slides) for report in reports if report.deck is not None)
    images = sum(len(report.images) for report in reports)
    sheets = sum(len(report.sheets) for report in reports)
    print(
        f"preview: {count(len(reports), 'deck')}, {count(slides, 'slide')}, "
        f"{count(len(languages), 'language')} at {size[0]}x{size[1]}: "
        f"{count(images, 'slide image')} and {count(sheets, 'contact sheet')} in {out}; "
        f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')}"
    )
    broken = [report.name for report in reports if report.has_errors]
    if broken:
        print(
            f"preview: errors in {', '.join(broken)}: what they name is left out of the show; "
            "they are listed at the bottom of the deck's contact sheets"
        )
