"""What the subcommands share: their --config, DECK and --lang arguments, and how they say no.

Every subcommand answers a mistake in the command itself (a config file that is not there, a
language the config does not list) with one sentence on stderr and exit status 2, before doing
anything else; these helpers keep that sentence the same wherever it is said.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.content.advice import PhotoSizer
from kiosk.content.config import Config, parse_size
from kiosk.content.exhibition import DEFAULT_CONFIG, Exhibition, load_exhibition

USAGE_ERROR = 2


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


def load_or_complain(
    config_path: Path,
    decks: Sequence[Path],
    *,
    advise: bool = False,
    photo_size: PhotoSizer | None = None,
    command: str = "kiosk",
    refusal: Callable[[Path], str | None] = missing_config,
) -> Exhibition | int:
    """The exhibition, or the exit status after saying why the config cannot be used.

    `refusal` words that reason; `advise` and `photo_size` are `load_exhibition`'s."""
    reason = refusal(config_path)
    if reason is not None:
        return complain(reason, status=USAGE_ERROR, command=command)
    return load_exhibition(config_path, tuple(decks), advise=advise, photo_size=photo_size)


def not_a_language(lang: str, config: Config) -> str | None:
    """Why `lang` cannot be asked for: it is not one of the config's languages."""
    if lang in config.languages:
        return None
    return f"--lang {lang} is not one of {', '.join(config.languages)}"


def chosen_languages(lang: str, config: Config, command: str) -> tuple[str, ...] | None:
    """The languages `--lang` asks for ('all', or one of the config's); None after saying
    why, when it is neither."""
    if lang == "all":
        return config.languages
    if lang not in config.languages:
        choices = ", ".join((*config.languages, "all"))
        complain(f"--lang must be one of {choices}", status=USAGE_ERROR, command=command)
        return None
    return (lang,)


def screen_size(text: str) -> tuple[int, int]:
    """An argparse type: '1920x1080' -> (1920, 1080)."""
    size = parse_size(text)
    if size is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1920x1080")
    return size
