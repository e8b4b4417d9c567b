"""`kiosk preview --out DIR`: each slide as the kiosk shows it, and a contact sheet per deck,
as PNG files, with no screen needed (see kiosk/tools/preview.py for what goes where).
`--sheet FILE.html`, with or without `--out`: one page with every slide and its texts side by
side, for proofreaders (kiosk/tools/proof_sheet.py)."""

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
    museum_today,
    open_exhibition,
    screen_size,
)
from kiosk.content.config import Config
from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, count, sorted_problems

if TYPE_CHECKING:
    from kiosk.tools.preview import DeckPreview

COMMAND = "kiosk preview"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "preview",
        help="draw every slide and a contact sheet per deck as PNG files, or a proofreading "
        "sheet as one HTML page, with no screen",
        description="Draw each slide exactly as the kiosk shows it, in each language, into "
        "DIR/<deck>/<NN>-<slide-id>-<lang>.png, and a contact sheet per deck and language "
        "into DIR/<deck>-contact-<lang>.png: thumbnails with slide numbers, ids, durations "
        "and warnings, and the deck's errors at the bottom. With --sheet FILE.html, also or "
        "instead one self-contained HTML page: every slide's picture with its texts in each "
        "language side by side, for proofreading. Needs no display. "
        "Exit 0, or 1 when a deck or the config has errors (what can be drawn still is).",
    )
    add_decks_argument(parser, "only these decks")
    add_config_argument(parser)
    add_all_languages_argument(parser)
    parser.add_argument(
        "--size", type=screen_size, help="screen size such as 1920x1080 (default: window_size)"
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder to write the PNG files in")
    parser.add_argument(
        "--sheet",
        type=Path,
        metavar="FILE.html",
        help="write a proofreading sheet: one HTML page, pictures inside, that any browser opens",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.tools import preview

    if args.out is None and args.sheet is None:
        raise UsageError(
            "say what to write: --out DIR for the pictures, --sheet FILE.html for a "
            "proofreading sheet, or both",
            COMMAND,
        )
    exhibition = open_exhibition(args.config, args.decks)
    config = exhibition.config
    languages = chosen_languages(args.lang, config, COMMAND)
    deck_paths = tuple(args.decks) or config.deck_paths
    _refuse(args.out, args.sheet, config, deck_paths)
    size = args.size or config.window_size
    on_sheet = _sheet_language(config, languages) if args.sheet is not None else None
    reports = _draw(exhibition, deck_paths, args.out, size, languages, on_sheet)
    if isinstance(reports, int):
        return reports
    for report in reports:
        for path in (*report.images, *report.sheets):
            print(f"wrote {path}")
        for path in report.removed:
            print(f"removed {path} (no such slide any more)")
    others = preview.other_problems(exhibition, deck_paths)
    sheet_size: int | None = 0
    if args.sheet is not None:
        sheet_size = _write_sheet(args.sheet, exhibition, reports, others, size, languages)
        if sheet_size is None:
            return 1
        print(f"wrote {args.sheet}")
    problems = sorted_problems([*others, *(p for report in reports for p in report.problems)])
    for problem in problems:
        print(problem)
    _print_summary(reports, problems, languages, size, args, sheet_size)
    return 1 if any(problem.is_error for problem in problems) else 0


def _sheet_language(config: Config, languages: tuple[str, ...]) -> str:
    """The sheet's pictures are in the language visitors see first, if it was chosen."""
    return config.default_language if config.default_language in languages else languages[0]


def _refuse(
    out: Path | None, sheet: Path | None, config: Config, deck_paths: tuple[Path, ...]
) -> None:
    """UsageError, before anything is drawn, when a file could not or may not be written."""
    from kiosk.tools import preview_files

    refused = None
    if out is not None:
        refused = preview_files.refusal(out, config, deck_paths)
    if refused is None and sheet is not None:
        refused = preview_files.sheet_refusal(sheet, config, deck_paths)
    if refused is not None:
        raise UsageError(refused, COMMAND)


def _write_sheet(
    path: Path,
    exhibition: Exhibition,
    reports: list[DeckPreview],
    others: list[Problem],
    size: tuple[int, int],
    languages: tuple[str, ...],
) -> int | None:
    """Write the proofreading sheet; its size in bytes, or None after saying why it could not."""
    from kiosk.tools.contact_sheet import shown_path
    from kiosk.tools.preview_files import write_sheet
    from kiosk.tools.proof_sheet import SheetDeck, SheetPage, proof_sheet

    config = exhibition.config
    page = SheetPage(
        title=config.title,
        languages=languages,
        default_language=config.default_language,
        screen=size,
        made=museum_today(config.schedule).isoformat(),
        other_problems=[(shown_path(Path(p.where.file), config), p) for p in others],
    )
    decks = [
        SheetDeck(shown_path(report.path, config), report.deck, report.pictures, report.problems)
        for report in reports
    ]
    try:
        return write_sheet(path, proof_sheet(page, decks))
    except OSError as exc:
        reason = f"{exc.strerror}: {exc.filename}" if exc.strerror else str(exc)
        complain(f"cannot write the proofreading sheet: {reason}", command=COMMAND)
        return None


def _draw(
    exhibition: Exhibition,
    deck_paths: tuple[Path, ...],
    out: Path | None,
    size: tuple[int, int],
    languages: tuple[str, ...],
    sheet_language: str | None,
) -> list[DeckPreview] | int:
    """The previews written, or the exit status after saying why they could not be."""
    import pygame

    from kiosk.tools import preview

    try:
        with preview.offscreen():
            return preview.preview_exhibition(
                exhibition, deck_paths, out, size, languages, sheet_language
            )
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
    args: argparse.Namespace,
    sheet_size: int,
) -> None:
    """One line of what was made and found, and which decks the show leaves out."""
    errors = sum(problem.is_error for problem in problems)
    slides = sum(len(report.deck.slides) for report in reports if report.deck is not None)
    made = []
    if args.out is not None:
        images = sum(len(report.images) for report in reports)
        sheets = sum(len(report.sheets) for report in reports)
        made.append(
            f"{count(images, 'slide image')} and {count(sheets, 'contact sheet')} in {args.out}"
        )
    if args.sheet is not None:
        made.append(f"a proofreading sheet of {_kilobytes(sheet_size)} in {args.sheet}")
    print(
        f"preview: {count(len(reports), 'deck')}, {count(slides, 'slide')}, "
        f"{count(len(languages), 'language')} at {size[0]}x{size[1]}: "
        f"{', '.join(made)}; {count(errors, 'error')}, {count(len(problems) - errors, 'warning')}"
    )
    broken = [report.name for report in reports if report.has_errors]
    if broken:
        where = "at the bottom of the deck's contact sheets" if args.out else "on the sheet"
        print(
            f"preview: errors in {', '.join(broken)}: what they name is left out of the show; "
            f"they are listed {where}"
        )


def _kilobytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"
