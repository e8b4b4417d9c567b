"""An exhibition: the config and every deck it plays, loaded together with all their problems.

`kiosk run` and `kiosk validate` both start here, so what the validator accepts is exactly what
the kiosk plays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config, load_config
from kiosk.deck import Deck
from kiosk.deck_loader import load_deck
from kiosk.validation import Mark, Problem, error

DEFAULT_CONFIG = Path("config/kiosk.yaml")


@dataclass(frozen=True)
class Exhibition:
    config: Config
    decks: tuple[Deck, ...]
    problems: tuple[Problem, ...]


def load_exhibition(config_path: Path, deck_paths: tuple[Path, ...] = ()) -> Exhibition:
    """Load the config, then the decks given (or, if none, the config's own list)."""
    config, problems = load_config(config_path)
    paths = deck_paths or config.deck_paths
    if not paths:
        problems.append(error(Mark(str(config_path)), "no decks to play; list them under 'decks'"))
    decks = []
    for path in paths:
        result = load_deck(path, config)
        problems.extend(result.problems)
        if result.deck is not None:
            decks.append(result.deck)
    return Exhibition(config, tuple(decks), tuple(problems))
