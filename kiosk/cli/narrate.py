"""`kiosk narrate`: synthesize every slide's narration into the cache, ahead of the show.

With --dry-run it prints the words each slide would send to the engine (numbers written out,
pronunciations applied) and makes nothing; with --say it makes one slide's sound in a file of
the curator's choosing, to listen to, outside the exhibition's slides and media.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kiosk.cli.common import (
    UsageError,
    add_all_languages_argument,
    add_config_argument,
    add_decks_argument,
    chosen_languages,
    complain,
    open_exhibition,
)
from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import has_errors
from kiosk.show.narration import Recorded, Synthesis, every_synthesis, plan_narration
from kiosk.sound.speech import (
    find_engine,
    prune,
    render_missing,
    synthesize,
    voice_problem,
    wav_seconds,
)

COMMAND = "kiosk narrate"


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
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print, for each slide and language, the exact words sent to the speech engine; "
        "make nothing",
    )
    parser.add_argument(
        "--say",
        metavar="SLIDE_ID",
        help="make the narration of this slide (in --lang, else the default language) in a "
        "sound file to listen to",
    )
    parser.add_argument(
        "--step",
        type=int,
        default=0,
        metavar="N",
        help="with --say on a timeline or map: its event N, counted from 0 as in the play log "
        "(default: 0)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE.wav",
        help="where --say writes (default: SLIDE_ID-LANG.wav in the current folder)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    exhibition = open_exhibition(args.config, args.decks, command=COMMAND)
    config = exhibition.config
    if args.out is not None and args.say is None:
        raise UsageError("--out goes with --say SLIDE_ID", COMMAND)
    if args.dry_run and args.say is not None:
        raise UsageError("choose --dry-run or --say, not both", COMMAND)
    if args.dry_run:
        return dry_run(exhibition, chosen_languages(args.lang, config, COMMAND))
    if args.say is not None:
        return say(exhibition, args.say, args.lang, args.out, args.step)
    languages = chosen_languages(args.lang, config)
    engine = find_engine()
    if isinstance(engine, str):
        return complain(f"no narration can be made: {engine}", command=COMMAND)
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


def dry_run(exhibition: Exhibition, languages: tuple[str, ...]) -> int:
    """Each slide's words as the engine would get them, one line per slide and language."""
    for deck in exhibition.decks:
        for slide in deck.slides:
            for lang in languages:
                plan = plan_narration(deck, slide, lang, exhibition.config)
                if isinstance(plan, Synthesis):
                    said = f"({plan.voice.voice}) {plan.text}"
                elif isinstance(plan, Recorded):
                    said = f"recording {plan.path}"
                else:
                    said = "not spoken: no voice for this language under narration: voices:"
                print(f"{slide.where}: {slide.id} [{lang}] {said}")
    return 0


def say(exhibition: Exhibition, slide_id: str, lang: str, out: Path | None, step: int = 0) -> int:
    """Make one slide's narration (of a timeline or map, its event `step`) in `out`, for a
    curator to listen to before the show."""
    config = exhibition.config
    if lang == "all":
        lang = config.default_language
    chosen_languages(lang, config, COMMAND)
    found = [(deck, slide) for deck in exhibition.decks for slide in deck.slides]
    found = [(deck, slide) for deck, slide in found if slide.id == slide_id]
    if not found:
        raise UsageError(
            f"no slide has the id '{slide_id}'; see the ids in the deck files", COMMAND
        )
    stepped = [(deck, slide) for deck, slide in found if slide.step == step]
    if not stepped:
        raise UsageError(
            f"'{slide_id}' has {len(found)} events, numbered 0 to {len(found) - 1}", COMMAND
        )
    deck, slide = stepped[0]
    if slide.panel is not None:
        slide_id = f"{slide_id}-{step}"
    plan = plan_narration(deck, slide, lang, config)
    if isinstance(plan, Recorded):
        print(f"{slide.where}: the {lang} narration of '{slide_id}' is a recording: {plan.path}")
        return 0
    if plan is None:
        return complain(f"no voice speaks '{lang}'; add one under narration: voices:", 1, COMMAND)
    out = (out if out is not None else Path(f"{slide_id}-{lang}.wav")).absolute()
    refuse_exhibition_folders(exhibition, out)
    engine = find_engine()
    if isinstance(engine, str):
        return complain(f"no narration can be made: {engine}", command=COMMAND)
    problem = voice_problem(plan, engine) or synthesize(plan, out, cues=False)
    if problem is not None:
        return complain(f"the {lang} narration of '{slide_id}' failed: {problem}", 1, COMMAND)
    print(f"{out} ({wav_seconds(out):.1f} s): {plan.text}")
    return 0


def refuse_exhibition_folders(exhibition: Exhibition, out: Path) -> None:
    """A file to listen to is not part of the exhibition: kept out of its decks' and media's
    folders, where it would be mistaken for content (or shipped)."""
    config = exhibition.config
    folders = {config.media_root.absolute(), config.resolve(Path("slides")).absolute()}
    folders |= {config.resolve(deck.path).parent.absolute() for deck in exhibition.decks}
    for folder in folders:
        if out.is_relative_to(folder):
            raise UsageError(
                f"{out} is inside {folder}; write the sound elsewhere with --out FILE.wav",
                COMMAND,
            )
