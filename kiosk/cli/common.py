"""What the subcommands share: their --config, DECK and --lang arguments, how they open the
exhibition, and how they say no.

Every subcommand answers a mistake in the command itself (a config file that is not there, a
language the config does not list) with one sentence on stderr and exit status 2, before doing
anything else: it raises `UsageError`, which `kiosk.cli.main` turns into that sentence, so the
sentence is said the same way by every subcommand.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import zoneinfo
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.content.advice import PhotoSizer
from kiosk.content.config import Config, load_config
from kiosk.content.exhibition import DEFAULT_CONFIG, Exhibition, load_exhibition
from kiosk.content.screen_config import parse_size
from kiosk.show.calendar import Schedule

USAGE_ERROR = 2


class UsageError(Exception):
    """A mistake in the command's own words; `command` names who says so ('kiosk validate')."""

    def __init__(self, message: str, command: str = "kiosk") -> None:
        super().__init__(message)
        self.command = command


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    """--config, by default the exhibition's own file as seen from the exhibition folder."""
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="config file")


def add_decks_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Deck files named on the command line; none means the decks the config lists."""
    parser.add_argument("decks", nargs="*", type=Path, metavar="DECK", help=help_text)


def add_all_languages_argument(parser: argparse.ArgumentParser) -> None:
    """--lang for a command that works in every language unless told one."""
    parser.add_argument("--lang", default="all", help="a language code, or all (default)")


def complain(message: str, status: int = 1, command: str = "kiosk") -> int:
    """Say what is wrong in one sentence on stderr, and give the exit status to return."""
    print(f"{command}: {message}", file=sys.stderr)
    return status


def missing_config(config_path: Path) -> str | None:
    """Why the config cannot be read, when it is not a file."""
    if config_path.is_file():
        return None
    return f"no config file at {config_path}; pass --config PATH"


ConfigRefusal = Callable[[Path], str | None]
"""Words why a config path cannot be used, or None when it can."""


def require_config(
    config_path: Path, *, command: str = "kiosk", refusal: ConfigRefusal = missing_config
) -> None:
    """UsageError, worded by `refusal`, when the config cannot be used."""
    reason = refusal(config_path)
    if reason is not None:
        raise UsageError(reason, command)


def open_config(
    config_path: Path, *, command: str = "kiosk", refusal: ConfigRefusal = missing_config
) -> Config:
    """The config, its problems left to `kiosk validate`; UsageError when it is not there."""
    require_config(config_path, command=command, refusal=refusal)
    config, _ = load_config(config_path)
    return config


def open_exhibition(
    config_path: Path,
    decks: Sequence[Path],
    *,
    command: str = "kiosk",
    refusal: ConfigRefusal = missing_config,
    advise: bool = False,
    photo_size: PhotoSizer | None = None,
    today: date | None = None,
) -> Exhibition:
    """The config and its decks (or only `decks`), with their problems; UsageError when the
    config is not there. `advise`, `photo_size` and `today` are `load_exhibition`'s."""
    require_config(config_path, command=command, refusal=refusal)
    return load_exhibition(
        config_path, tuple(decks), advise=advise, photo_size=photo_size, today=today
    )


def shown_file(file: str) -> str:
    """A file as a curator reads it: relative to the current folder when it is inside it
    (slides/livron.yaml rather than a long absolute path), else as given."""
    try:
        relative = os.path.relpath(file)
    except ValueError:
        return file
    return file if relative.startswith("..") else relative


def museum_today(schedule: Schedule, now: datetime | None = None) -> date:
    """Today's date in the museum's timezone (the machine's when the schedule names none):
    the one place a command reads the calendar's clock. `now` is for tests."""
    zone = None
    if schedule.timezone is not None:
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            zone = zoneinfo.ZoneInfo(schedule.timezone)
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(zone).date()


def require_language(lang: str, config: Config, command: str = "kiosk") -> None:
    """UsageError unless `lang` is one of the config's languages."""
    if lang not in config.languages:
        raise UsageError(f"--lang {lang} is not one of {', '.join(config.languages)}", command)


def chosen_languages(lang: str, config: Config, command: str = "kiosk") -> tuple[str, ...]:
    """The languages `--lang` asks for: 'all', or one of the config's; else UsageError."""
    if lang == "all":
        return config.languages
    if lang not in config.languages:
        choices = ", ".join((*config.languages, "all"))
        raise UsageError(f"--lang must be one of {choices}", command)
    return (lang,)


def screen_size(text: str) -> tuple[int, int]:
    """An argparse type: '1920x1080' -> (1920, 1080)."""
    size = parse_size(text)
    if size is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1920x1080")
    return size
