"""`kiosk run`: play the exhibition, fullscreen unless told otherwise."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import FrameType

from kiosk.cli.common import (
    USAGE_ERROR,
    UsageError,
    add_config_argument,
    add_decks_argument,
    open_exhibition,
    require_language,
    screen_size,
)
from kiosk.content.config import Config
from kiosk.hall.lock import ExhibitionBusy, ExhibitionLock
from kiosk.hall.resume import interrupted_show
from kiosk.show.calendar_zone import zone

log = logging.getLogger("kiosk")

NO_DISPLAY = (
    "kiosk: no display is available ({reason}). Run it on the kiosk's screen, "
    "with --windowed under a desktop, or under Xvfb (xvfb-run kiosk run)."
)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run",
        help="play the exhibition",
        description="Play the decks named in the config, or only the DECK files given.",
    )
    add_decks_argument(parser, "decks to play")
    add_config_argument(parser)
    parser.add_argument("--lang", help="language to start in (default: the config's)")
    parser.add_argument("--windowed", action="store_true", help="play in a window")
    parser.add_argument("--size", type=screen_size, help="window or screen size, such as 1920x1080")
    parser.add_argument(
        "--exit-after", type=_positive, metavar="SECONDS", help="stop after SECONDS real seconds"
    )
    parser.add_argument(
        "--speed",
        type=_positive,
        default=1.0,
        metavar="FACTOR",
        help="run the show's clock FACTOR times faster, to rehearse timing",
    )
    parser.add_argument(
        "--start-time",
        type=_moment,
        metavar="'YYYY-MM-DD HH:MM'",
        help="pretend the show starts at this time of the museum's calendar, to rehearse "
        "opening and closing (with --speed to go faster)",
    )
    parser.add_argument("--play-log", type=Path, metavar="PATH", help="write the play log here")
    speech = parser.add_mutually_exclusive_group()
    speech.add_argument(
        "--narration",
        action="store_true",
        default=None,
        help="the unattended loop narrates every slide (overrides the config)",
    )
    speech.add_argument(
        "--no-narration",
        dest="narration",
        action="store_false",
        help="the loop stays silent until a visitor asks (overrides the config)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _stopped_while_starting)  # run_show installs its own
    from kiosk.app import RunOptions, run_show
    from kiosk.screen.display import DisplayUnavailable

    exhibition = open_exhibition(args.config, args.decks)
    config = exhibition.config
    for problem in exhibition.problems:
        log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)
    if args.lang:
        require_language(args.lang, config)
    options = RunOptions(
        fullscreen=config.fullscreen and not args.windowed,
        size=args.size,
        lang=args.lang,
        speed=args.speed,
        exit_after=args.exit_after,
        play_log=args.play_log or config.play_log_path,
        narration=args.narration,
        start_time=_in_museum_time(args.start_time, config),
    )
    lock = _lock_exhibition(config.exhibition_dir)
    # Read with the lock held: no other kiosk can be writing the status now.
    options = replace(options, resume=interrupted_show(config.status_path))
    try:
        reason = run_show(exhibition, options, args.config, tuple(args.decks))
    except DisplayUnavailable as exc:
        print(NO_DISPLAY.format(reason=exc), file=sys.stderr)
        return USAGE_ERROR
    finally:
        lock.release()
    log.info("stopped: %s", reason)
    return 0


def _stopped_while_starting(signum: int, frame: FrameType | None) -> None:
    """SIGTERM before the show's loop is up (systemd stopping a kiosk that is still loading
    its decks, say) ends it as cleanly as later: status 0, nothing half done."""
    log.info("stopped while starting: %s", signal.Signals(signum).name)
    raise SystemExit(0)


def _lock_exhibition(folder: Path) -> ExhibitionLock:
    """The folder's lock, before the display opens: a second kiosk on it refuses to start."""
    try:
        return ExhibitionLock.take(folder)
    except ExhibitionBusy as busy:
        raise UsageError(str(busy)) from None


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        wanted = "a time like '2026-12-24 17:55'"
        raise argparse.ArgumentTypeError(f"'{text}' is not {wanted}") from None


def _in_museum_time(moment: datetime | None, config: Config) -> datetime | None:
    """A time without a timezone is read in the museum's (the calendar's) timezone."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone(config.schedule))


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive number")
    return value
