"""An exhibition: the config and every deck it plays, loaded together with all their problems.

`kiosk run` and `kiosk validate` both start here, so what the validator accepts is exactly what
the kiosk plays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from kiosk.content.advice import PhotoSizer
from kiosk.content.config import Config, load_config
from kiosk.content.deck_loader import load_deck
from kiosk.content.hints import missing_file_hint
from kiosk.content.problems import Problem, error
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
) -> Exhibition:
    """Load the config, then the decks given (or, if none, the config's own list).

    `advise` adds the validator's warnings about the texts, and with `photo_size` about the
    photos themselves."""
    config, problems = load_config(config_path)
    paths = deck_paths or config.deck_paths
    if not paths:
        problems.append(error(Mark(str(config_path)), "no decks to play; list them under 'decks'"))
    named_at = dict(zip(config.deck_paths, config.deck_where, strict=False))
    decks, marks = [], []
    for path in paths:
        where = named_at.get(path) if not deck_paths else None
        if where is not None and not _exists(path):
            problems.append(error(where, _missing_deck(config, path)))
            continue
        result = load_deck(path, config, advise=advise, photo_size=photo_size)
        problems.extend(result.problems)
        if result.deck is not None:
            decks.append(result.deck)
            marks.extend((path, *mark) for mark in result.caption_marks)
    return Exhibition(config, tuple(decks), tuple(problems), tuple(marks))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _missing_deck(config: Config, path: Path) -> str:
    """ "deck 'slides/valance.yaml' not found; did you mean 'slides/valence.yaml'?" """
    index = config.deck_paths.index(path)
    written = config.decks[index].as_posix()
    candidates: dict[str, None] = {}
    for folder, shown in (
        (path.parent, PurePath(written).parent),
        (config.resolve(DECK_FOLDER), DECK_FOLDER),
    ):
        try:
            names = sorted(child.name for child in folder.glob("*.yaml") if child.is_file())
        except (OSError, ValueError):
            names = []
        candidates.update({(shown / name).as_posix(): None for name in names})
    return f"deck '{written}' not found{missing_file_hint(written, list(candidates), '')}"
