"""`kiosk validate [PATH...]`: check the config and decks, print every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.exhibition import DEFAULT_CONFIG, caption_fit_warnings, load_exhibition
from kiosk.validation import has_errors, sorted_problems


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate",
        help="check decks and config; print FILE:LINE:COL: problems",
        description="Check the config and every deck it names, or only the decks given. "
        "Exit 0 when there is no error, 1 when there is one.",
    )
    parser.add_argument("decks", nargs="*", type=Path, metavar="DECK", help="deck files to check")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="config file")
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.fonts import Fonts  # the renderer's own measure, so the check is exact

    exhibition = load_exhibition(args.config, tuple(args.decks))
    fit = caption_fit_warnings(exhibition, Fonts().measure)
    problems = sorted_problems([*exhibition.problems, *fit])
    for problem in problems:
        print(problem)
    slides = sum(len(deck.slides) for deck in exhibition.decks)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    decks = _count(len(exhibition.decks), "deck")
    print(
        f"{decks}, {_count(slides, 'slide')}: "
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    )
    return 1 if has_errors(problems) else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
