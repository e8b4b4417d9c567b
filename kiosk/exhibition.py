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
from kiosk.layout import TextMeasure, controls, layout_slide
from kiosk.validation import Mark, Problem, error, warning

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


def caption_fit_warnings(exhibition: Exhibition, measure: TextMeasure) -> list[Problem]:
    """A warning for each caption that does not fit the usual panel even at the smallest
    readable size, on a screen of the configured window size: it would push the photo up."""
    config = exhibition.config
    width, height = config.window_size
    buttons = controls(width, height, config.languages)
    problems = []
    for deck in exhibition.decks:
        for slide in deck.slides:
            checked: set[str] = set()
            for lang in config.languages:
                text, _ = slide.caption.in_language(lang, config.default_language)
                if text in checked:
                    continue
                checked.add(text)
                block = layout_slide(width, height, text, True, buttons, measure).caption
                if not block.fits:
                    problems.append(
                        warning(
                            slide.where,
                            f"slide '{slide.id}': the '{lang}' caption is too long to fit "
                            f"at the smallest readable size on a {width}x{height} screen; "
                            "shorten it or split it over two slides",
                        )
                    )
    return problems
