"""`kiosk narrate`: synthesize every slide's narration into the cache, ahead of the show."""

from __future__ import annotations

import argparse
import time

from kiosk.cli.common import (
    add_all_languages_argument,
    add_config_argument,
    add_decks_argument,
    chosen_languages,
    complain,
    open_exhibition,
)
from kiosk.content.problems import has_errors
from kiosk.show.narration import every_synthesis
from kiosk.sound.speech import find_engine, prune, render_missing


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "narrate",
        help="synthesize the narration of every deck into the cache",
        description="Render the spoken narration of every slide, in every language (or one), "
        "into the narration cache, so the kiosk can speak without delay. Files already made "
        "are kept; files no caption needs any more are removed.",
    )
    add_decks_argument(parser, "only these decks")
    add_config_argument(parser)
    add_all_languages_argument(parser)
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    exhibition = open_exhibition(args.config, args.decks, command="kiosk narrate")
    config = exhibition.config
    languages = chosen_languages(args.lang, config)
    engine = find_engine()
    if isinstance(engine, str):
        return complain(f"no narration can be made: {engine}", command="kiosk narrate")
    wanted = every_synthesis(exhibition.decks, config, languages)
    where = {job: (deck, slide) for deck, slide, job in reversed(wanted)}
    started = time.monotonic()
    report = render_missing([job for _, _, job in wanted], config.narration_cache, engine)
    elapsed = time.monotonic() - started
    for job, reason in report.failed:
        _, slide = where[job]
        print(f"{slide.where}: error: {job.lang} narration of '{slide.id}' failed: {reason}")
    removed = 0
    # A deck with errors may have left slides out: keep their files until it is fixed.
    if args.lang == "all" and not args.decks and not has_errors(exhibition.problems):
        keep = {job.cache_path(config.narration_cache, engine.version) for _, _, job in wanted}
        removed = prune(config.narration_cache, keep)
    print(
        f"narration: {report.made} made, {report.cached} already cached, "
        f"{len(report.failed)} failed, {removed} stale removed ({elapsed:.1f} s)"
    )
    return 1 if report.failed else 0
