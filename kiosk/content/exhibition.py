"""An exhibition: the config and every deck it plays, loaded together with all their problems.

`kiosk run` and `kiosk validate` both start here, so what the validator accepts is exactly what
the kiosk plays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath

from kiosk.content.advice import PhotoSizer
from kiosk.content.calendar_checks import check_decks_can_play
from kiosk.content.config import Config, load_config
from kiosk.content.deck_loader import load_deck
from kiosk.content.file_names import as_on_disk
from kiosk.content.hints import missing_file_hint
from kiosk.content.places import load_places
from kiosk.content.problems import Problem, error
from kiosk.content.yaml.reading import read_text
from kiosk.show.deck import Deck, Mark

DEFAULT_CONFIG = Path("config/kiosk.yaml")
DECK_FOLDER = Path("slides")


@dataclass(frozen=True)
class Exhibition:
    config: Config
    decks: tuple[Deck, ...]
    problems: tuple[Problem, ...]
    caption_marks: tuple[tuple[Path, str, str, Mark], ...] = ()
    """(deck path, slide id, language, where that caption text is), when known."""


def load_exhibition(
    config_path: Path,
    deck_paths: tuple[Path, ...] = (),
    *,
    advise: bool = False,
    photo_size: PhotoSizer | None = None,
    today: date | None = None,
) -> Exhibition:
    """Load the config, then the decks given (or, if none, the config's own list).

    `advise` adds the validator's warnings about the texts, and with `photo_size` about the
    photos themselves. `today`, the date in the museum's timezone, adds a warning for each
    deck whose `plays:` leaves it no day to play from today on."""
    config, problems = load_config(config_path)
    paths = deck_paths or config.deck_paths
    if not paths:
        problems.append(no_decks_problem(config_path))
    places = load_places(config)  # once, for every deck
    problems.extend(places.problems)
    named_at = dict(zip(config.deck_paths, config.deck_where, strict=False))
    decks, marks = [], []
    for path in paths:
        where = named_at.get(path) if not deck_paths else None
        if where is not None and not _exists(path):
            problems.append(error(where, _missing_deck(config, path)))
            continue
        result = load_deck(path, config, advise=advise, photo_size=photo_size, places=places)
        problems.extend(result.problems)
        if result.deck is not None:
            decks.append(result.deck)
            marks.extend((path, *mark) for mark in result.caption_marks)
    if today is not None:
        problems.extend(check_decks_can_play(decks, config.schedule, today))
    return Exhibition(config, tuple(decks), tuple(problems), tuple(marks))


def no_decks_problem(config_path: Path, *, keeping_last_good: bool = False) -> Problem:
    """The error for a config that names no deck, at its `decks:` line if it has one.

    An emptied file says so: a full disk or a crashed editor leaves 0 bytes behind, and a
    curator must know to restore the file rather than to look for a missing deck."""
    text = read_text(config_path, [])  # a file that cannot be read has its own problem
    key = DECKS_KEY.search(text or "")
    line = (text or "").count("\n", 0, key.start()) + 1 if key else 1
    message = "no decks to play; list them under 'decks'"
    if text == "":
        message = f"the file is empty (0 bytes): {message}, or restore it from a copy"
    elif text is not None and not SETTING.search(text):
        message = f"the file holds no setting, only blanks or comments: {message}"
    if keeping_last_good:
        message += "; the last good content stays on screen until then"
    return error(Mark(str(config_path), line), message)


DECKS_KEY = re.compile(r"^decks\s*:", re.MULTILINE)
SETTING = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def _exists(path: Path) -> bool:
    try:
        return as_on_disk(path).exists()
    except (OSError, ValueError):
        return False


def _missing_deck(config: Config, path: Path) -> str:
    """ "deck 'slides/valance.yaml' not found; did you mean 'slides/valence.yaml'?" (the
    places file is not offered)"""
    index = config.deck_paths.index(path)
    written = config.decks[index].as_posix()
    candidates: dict[str, None] = {}
    for folder, shown in (
        (path.parent, PurePath(written).parent),
        (config.resolve(DECK_FOLDER), DECK_FOLDER),
    ):
        try:  # the places file is no deck
            names = sorted(
                child.name
                for child in folder.glob("*.yaml")
                if child.is_file() and child != config.places_path
            )
        except (OSError, ValueError):
            names = []
        candidates.update({(shown / name).as_posix(): None for name in names})
    return f"deck '{written}' not found{missing_file_hint(written, list(candidates), '')}"
