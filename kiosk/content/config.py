"""The kiosk's configuration: defaults in code, overrides from `config/kiosk.yaml`.

The defaults live in the `Config` dataclass and nowhere else; the shipped YAML file only
documents them. Relative paths in the file are relative to the exhibition folder, the folder
that holds `config/`, so the same file works wherever the exhibition is copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple

from yaml.nodes import Node

from kiosk.content.fleet_config import FleetConfig, read_fleet
from kiosk.content.narration_config import NarrationConfig, read_narration
from kiosk.content.problems import Problem
from kiosk.content.schedule_config import read_schedule
from kiosk.content.screen_config import read_screen, read_window_size
from kiosk.content.title_config import read_title
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.content.yaml.reading import compose, read_text
from kiosk.show.calendar import Schedule
from kiosk.show.deck import LocalizedText, Mark
from kiosk.show.layout_physical import ScreenSpec
from kiosk.show.narration import Voice
from kiosk.show.player_state import PlayerSettings

TRANSITIONS = ("crossfade", "cut")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
STAFF_EXIT = re.compile(r"^((ctrl|alt|shift)\+)*[a-z0-9]$")


@dataclass(frozen=True)
class Config:
    """Every setting the kiosk reads, with the default that applies when the file is silent."""

    exhibition_dir: Path = field(default_factory=Path.cwd)
    decks: tuple[Path, ...] = ()
    places: Path = Path("slides/places.yaml")
    """The places timelines and maps name (kiosk.content.places)."""
    media_dir: Path = Path("media")
    languages: tuple[str, ...] = ("fr", "en")
    default_language: str = "fr"
    slide_duration: float = 12.0
    transition: str = "crossfade"
    transition_seconds: float = 1.0
    idle_timeout: float = 60.0
    reduced_motion: bool = False
    fullscreen: bool = True
    window_size: tuple[int, int] = (1920, 1080)
    screen: ScreenSpec = field(default_factory=ScreenSpec)
    """The physical screen: its diagonal and how far visitors read it from."""
    staff_exit: str = "ctrl+alt+q"
    framebuffer_acceleration: bool = False
    play_log: Path | None = Path("logs/play.jsonl")
    play_log_keep: int = 30
    """How many earlier play-log files (one a day) are kept beside the one being written."""
    narration: NarrationConfig = field(default_factory=NarrationConfig)
    title: LocalizedText | None = None
    """The exhibition's name, on the title card shown on a day no deck plays."""
    schedule: Schedule = field(default_factory=Schedule)
    """When the museum is open, quiet or closed (kiosk.content.schedule_config reads it)."""
    fleet: FleetConfig | None = None
    """The kiosk on an MQTT broker (kiosk.content.fleet_config); None: no fleet link."""
    source: Path | None = None
    deck_where: tuple[Mark, ...] = field(default=(), compare=False, repr=False)
    """Where each of `decks` is named in the config file, for messages about it."""

    def resolve(self, path: Path) -> Path:
        """A path from the config, made absolute against the exhibition folder."""
        return path if path.is_absolute() else self.exhibition_dir / path

    @property
    def media_root(self) -> Path:
        return self.resolve(self.media_dir)

    @property
    def places_path(self) -> Path:
        return self.resolve(self.places)

    @property
    def deck_paths(self) -> tuple[Path, ...]:
        return tuple(self.resolve(deck) for deck in self.decks)

    @property
    def narration_cache(self) -> Path:
        return self.resolve(self.narration.cache_dir)

    def player_settings(self, narration_override: bool | None = None) -> PlayerSettings:
        """What the player needs of this config; `narration_override` is a run's own choice
        (kiosk run --narration / --no-narration), None to follow the config."""
        return PlayerSettings(
            self.languages,
            self.default_language,
            self.idle_timeout,
            narration_autoplay=self.narration.loop_narrates(narration_override),
            settle_seconds=self.transition_seconds,
            narration_pause=self.narration.pause_after,
            volume=self.narration.volume,
            reduced_motion=self.reduced_motion,
        )

    def voice_for(self, lang: str) -> Voice | None:
        """The voice that speaks `lang`, or None: what `plan_narration` asks of the config."""
        return self.narration.voice_for(lang)

    @property
    def status_path(self) -> Path:
        """Where the running kiosk says what it shows, for `kiosk status`."""
        return self.resolve(Path("logs/status.json"))

    @property
    def play_log_path(self) -> Path | None:
        return None if self.play_log is None else self.resolve(self.play_log)


LOADER_FILLED = frozenset({"exhibition_dir", "source", "deck_where"})
"""`Config` fields the loader sets itself, from where the file is; the file cannot set them."""

CONFIG_KEYS = frozenset(setting.name for setting in fields(Config)) - LOADER_FILLED
"""The keys a config file may hold: every other `Config` field, named as in the file."""


def exhibition_dir_for(config_path: Path) -> Path:
    """The folder holding `config/`; for a config file elsewhere, the file's own folder."""
    folder = config_path.resolve().parent
    return folder.parent if folder.name == "config" else folder


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Load the config file; a bad key is reported and its default used instead."""
    problems: list[Problem] = []
    config = Config(exhibition_dir=exhibition_dir_for(path), source=path)
    text = read_text(path, problems)
    if text is None:
        return config, problems
    root = compose(text, str(path), problems)
    if root is None:
        return config, problems
    reader = NodeReader(str(path), problems)
    entries = reader.entries(root, "the kiosk configuration", CONFIG_KEYS)
    if entries:
        changes = {key: _read_key(reader, key, entry.value) for key, entry in entries.items()}
        if isinstance(changes.get("decks"), _Decks):
            changes["decks"], changes["deck_where"] = changes["decks"]
        config = replace(config, **{k: v for k, v in changes.items() if v is not None})
        if isinstance(config.play_log, _NoPlayLog):
            config = replace(config, play_log=None)
        config = _check_default_language(reader, config, entries)
        if "title" in entries:  # after the languages, which it is written in
            title = read_title(reader, config, entries["title"].value, CONFIG_KEYS)
            config = replace(config, title=title)
    return config, problems


def _read_key(reader: NodeReader, key: str, node: Node) -> object:
    match key:
        case "decks":
            return _read_paths(reader, node)
        case "languages":
            return _read_languages(reader, node)
        case "default_language":
            code = reader.text(node, "default_language")
            return code if code and _is_language(reader, node, code) else None
        case "slide_duration":
            return reader.number(node, "slide_duration", 1, 3600, "seconds")
        case "transition":
            return reader.choice(node, "transition", TRANSITIONS)
        case "transition_seconds":
            return reader.number(node, "transition_seconds", 0, 10, "seconds")
        case "idle_timeout":
            return reader.number(node, "idle_timeout", 5, 86400, "seconds")
        case "fullscreen" | "reduced_motion":
            return reader.boolean(node, key)
        case "framebuffer_acceleration":
            return reader.boolean(node, "framebuffer_acceleration")
        case "window_size":
            return read_window_size(reader, node)
        case "staff_exit":
            return _read_staff_exit(reader, node)
        case "media_dir" | "places":
            return _path(reader, node, key)
        case "narration":
            return read_narration(reader, node)
        case "play_log":
            return _read_play_log(reader, node)
        case "play_log_keep":
            return _read_whole_number(reader, node, "play_log_keep", 1, 3650, "files")
        case "schedule":
            return read_schedule(reader, node)
        case "screen":
            return read_screen(reader, node)
        case "fleet":
            return read_fleet(reader, node)
    return None


def _read_play_log(reader: NodeReader, node: Node) -> object:
    """A path, or the marker for `play_log: null` (off), or None after a problem."""
    before = len(reader.problems)
    value = reader.scalar(node, "play_log")
    if len(reader.problems) > before:
        return None
    if value is None or value is False or value == "":
        return _NO_PLAY_LOG
    return _path(reader, node, "play_log")


def _read_whole_number(
    reader: NodeReader, node: Node, what: str, minimum: int, maximum: int, unit: str
) -> int | None:
    value = reader.number(node, what, minimum, maximum, unit)
    if value is not None and value != int(value):
        reader.error(node, f"{what} must be a whole number of {unit}, got {value:g}")
        return None
    return None if value is None else int(value)


class _NoPlayLog:
    """Marker for `play_log: null`, which turns the log off (None means 'keep the default')."""


_NO_PLAY_LOG = _NoPlayLog()


class _Decks(NamedTuple):
    """The deck paths, and where each is written."""

    paths: tuple[Path, ...]
    marks: tuple[Mark, ...]


def _read_paths(reader: NodeReader, node: Node) -> _Decks | None:
    items = reader.items(node, "decks")
    if items is None:
        return None
    paths, marks = [], []
    for item in items:
        path = _path(reader, item, "a deck path")
        if path is not None:
            paths.append(path)
            marks.append(reader.mark(item))
    return _Decks(tuple(paths), tuple(marks))


def _path(reader: NodeReader, node: Node, what: str) -> Path | None:
    text = reader.text(node, what)
    if text is not None and "\0" in text:
        reader.error(node, f"{what} holds a character no file name can have (\\0); retype it")
        return None
    return Path(text) if text else None


def _read_languages(reader: NodeReader, node: Node) -> tuple[str, ...] | None:
    items = reader.items(node, "languages")
    if not items:
        if items is not None:
            reader.error(node, "languages must list at least one language, such as fr")
        return None
    codes = []
    for item in items:
        code = reader.text(item, "a language code")
        if code and _is_language(reader, item, code):
            codes.append(code)
    return tuple(dict.fromkeys(codes)) or None


def _is_language(reader: NodeReader, node: Node, code: str) -> bool:
    if LANGUAGE_CODE.match(code):
        return True
    reader.error(node, f"'{code}' is not a language code; use two letters such as fr or en")
    return False


def _read_staff_exit(reader: NodeReader, node: Node) -> str | None:
    text = reader.text(node, "staff_exit")
    if not text:
        return None
    combo = text.strip().lower().replace(" ", "")
    if not STAFF_EXIT.match(combo) or "+" not in combo:
        reader.error(node, f"staff_exit must look like ctrl+alt+q, got '{text}'")
        return None
    return combo


def _check_default_language(
    reader: NodeReader, config: Config, entries: dict[str, Entry]
) -> Config:
    """The default language must be one of the languages; otherwise the first one is used."""
    if config.default_language in config.languages:
        return config
    entry = entries.get("default_language") or entries["languages"]
    reader.error(
        entry.value,
        f"default_language '{config.default_language}' is not in languages "
        f"({', '.join(config.languages)}); add it there, or choose one of them",
    )
    return replace(config, default_language=config.languages[0])
