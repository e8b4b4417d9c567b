"""`kiosk validate [PATH...]`: check the config and decks, print every problem at once."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from pathlib import Path

from kiosk.cli.common import (
    add_config_argument,
    add_decks_argument,
    museum_today,
    open_config,
    open_exhibition,
    screen_size,
    shown_file,
)
from kiosk.content.caption_fit import caption_fit_warnings
from kiosk.content.caption_glyphs import undrawable_warnings
from kiosk.content.exhibition import DEFAULT_CONFIG
from kiosk.content.media_report import stand_in_note
from kiosk.content.problems import Problem, count, has_errors, sorted_problems
from kiosk.show.layout import usual_photo_area


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate",
        help="check decks and config; print FILE:LINE:COL: problems",
        description="Check the config and every deck it names, or only the decks given. "
        "Warnings and information (such as how many slides still show a stand-in image) "
        "do not fail the check. Exit 0 when there is no error, 1 when there is one, 2 when "
        "the command itself is wrong (such as a config file that is not there).",
    )
    add_decks_argument(parser, "deck files to check")
    add_config_argument(parser)
    parser.add_argument(
        "--size",
        type=screen_size,
        help="check for a screen of this size in pixels, such as 1080x1920 for a portrait "
        "screen (default: window_size); the config's screen: gives its physical size",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.screen.fonts import Fonts  # the renderer's own measure, so the check is exact
    from kiosk.screen.photo_check import VERDICTS_FILE, PhotoChecker
    from kiosk.tools.standin_mark import is_stand_in

    config = open_config(args.config, command="kiosk validate", refusal=_usage_problem)
    size = args.size or config.window_size
    fonts = Fonts()
    # as the show decodes
    area = usual_photo_area(*size, config.languages, config.screen, fonts.measure_bold)
    photos = PhotoChecker((area.w, area.h), config.resolve(VERDICTS_FILE))
    try:
        exhibition = open_exhibition(
            args.config,
            args.decks,
            advise=True,
            photo_size=photos,
            command="kiosk validate",
            today=museum_today(config.schedule),  # for the decks that can never play
        )
    finally:
        photos.close()
    with contextlib.suppress(AttributeError, ValueError, OSError):
        # A console that cannot show 'é' or '—' gets an escape, never a traceback.
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sized = replace(exhibition, config=replace(exhibition.config, window_size=size))
    fit = caption_fit_warnings(sized, fonts.measure, fonts.measure_bold)
    glyphs = undrawable_warnings(exhibition, fonts.missing)
    stand_ins = stand_in_note(exhibition.decks, is_stand_in)  # what is left to do, not wrong
    notes = [stand_ins] if stand_ins is not None else []
    problems = sorted_problems([*exhibition.problems, *fit, *glyphs, *notes])
    for problem in problems:
        print(_shown(problem))
    slides = sum(len(deck.slides) for deck in exhibition.decks)
    errors = sum(problem.is_error for problem in problems)
    warnings = sum(problem.is_warning for problem in problems)
    decks = count(len(exhibition.decks), "deck")
    print(
        f"{decks}, {count(slides, 'slide')}: {count(errors, 'error')}, {count(warnings, 'warning')}"
    )
    return 1 if has_errors(problems) else 0


def _usage_problem(config: Path) -> str | None:
    """A config that is not there is a mistake in the command, not in the exhibition."""
    if config.is_file():
        return None
    if config.is_dir():
        return f"--config {config} is a folder; give the config file, such as {DEFAULT_CONFIG}"
    if config == DEFAULT_CONFIG:
        return (
            f"no {DEFAULT_CONFIG} here; run kiosk validate in the exhibition folder "
            "(the one that holds slides/, media/ and config/), or give --config PATH"
        )
    return f"no config file at {config}; check the path given to --config"


def _shown(problem: Problem) -> str:
    """The problem with its file as a curator reads it (`shown_file`)."""
    file = problem.where.file
    return str(problem).replace(file, shown_file(file), 1)
