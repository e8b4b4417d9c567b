"""Load and check one deck file, keeping whatever is good.

A deck with a bad slide still plays its other slides: a slide with any error is left out and
reported, so a curator's typo costs one slide, never the show. Whole-file problems (unreadable,
not YAML, no slides) leave the deck out and are reported the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from yaml.nodes import Node, ScalarNode

from kiosk.config import TRANSITIONS, Config
from kiosk.deck import Deck, LocalizedText, NarrationOverride, Slide
from kiosk.validation import Mark, Problem, error
from kiosk.yamlnodes import Entry, NodeReader, compose, read_text

DECK_KEYS = frozenset({"title", "defaults", "slides", "pronunciations"})
DEFAULTS_KEYS = frozenset({"duration", "transition"})
SLIDE_KEYS = frozenset({"id", "image", "caption", "credit", "duration", "transition", "narration"})
NARRATION_KEYS = frozenset({"text", "audio"})
AUDIO_SUFFIXES = frozenset({".ogg", ".wav", ".mp3", ".flac"})
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_SLIDES = 1000


@dataclass(frozen=True)
class SlideDefaults:
    duration: float
    transition: str


@dataclass(frozen=True)
class DeckResult:
    """What loading gave: the deck (None if nothing in it can play) and every problem."""

    deck: Deck | None
    problems: tuple[Problem, ...]


def load_deck(path: Path, config: Config) -> DeckResult:
    problems: list[Problem] = []
    text = read_text(path, problems)
    root = compose(text, str(path), problems) if text is not None else None
    if root is None:
        if text is not None and not problems:
            problems.append(_file_error(path, "the deck is empty; it needs a title and slides"))
        return DeckResult(None, tuple(problems))
    reader = NodeReader(str(path), problems)
    deck = _read_deck(reader, root, path, config)
    return DeckResult(deck, tuple(problems))


def _file_error(path: Path, message: str) -> Problem:
    return error(Mark(str(path)), message)


def _read_deck(reader: NodeReader, root: Node, path: Path, config: Config) -> Deck | None:
    entries = reader.entries(root, "the deck", DECK_KEYS)
    if entries is None:
        return None
    title = LocalizedText.same_everywhere(path.stem)
    if "title" in entries:
        title = _localized(reader, entries["title"].value, "the deck title", config) or title
    else:
        reader.error(root, "the deck has no 'title'; add one, such as title: {fr: …, en: …}")
    defaults = SlideDefaults(config.slide_duration, config.transition)
    if "defaults" in entries:
        defaults = _read_defaults(reader, entries["defaults"].value, defaults)
    if "slides" not in entries:
        reader.error(root, "the deck has no 'slides' list")
        return None
    slides = _read_slides(reader, entries["slides"].value, defaults, config)
    pronunciations = ()
    if "pronunciations" in entries:
        pronunciations = _read_pronunciations(reader, entries["pronunciations"].value, config)
    if not slides:
        return None
    return Deck(path=path, title=title, slides=tuple(slides), pronunciations=pronunciations)


def _read_pronunciations(
    reader: NodeReader, node: Node, config: Config
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Per language, how to say a word: applied before synthesis, never to the screen."""
    entries = reader.entries(node, "pronunciations", frozenset(config.languages)) or {}
    result = []
    for lang, entry in entries.items():
        pairs = reader.text_pairs(entry.value, f"the '{lang}' pronunciations")
        if pairs:
            result.append((lang, tuple(pairs)))
    return tuple(result)


def _read_defaults(reader: NodeReader, node: Node, defaults: SlideDefaults) -> SlideDefaults:
    entries = reader.entries(node, "defaults", DEFAULTS_KEYS) or {}
    duration, transition = defaults.duration, defaults.transition
    if "duration" in entries:
        duration = _duration(reader, entries["duration"]) or duration
    if "transition" in entries:
        value = reader.choice(entries["transition"].value, "transition", TRANSITIONS)
        transition = value or transition
    return SlideDefaults(duration, transition)


def _read_slides(
    reader: NodeReader, node: Node, defaults: SlideDefaults, config: Config
) -> list[Slide]:
    items = reader.items(node, "slides")
    if items is None:
        return []
    if not items:
        reader.error(node, "the slides list is empty; add at least one slide")
    if len(items) > MAX_SLIDES:
        reader.error(items[MAX_SLIDES], f"a deck holds at most {MAX_SLIDES} slides")
        items = items[:MAX_SLIDES]
    slides: list[Slide] = []
    seen: dict[str, Mark] = {}
    for item in items:
        before = len(reader.problems)
        slide = _read_slide(reader, item, defaults, config)
        if slide is not None and slide.id in seen:
            reader.error(
                item, f"slide id '{slide.id}' is already used at line {seen[slide.id].line}"
            )
            continue
        errors = [p for p in reader.problems[before:] if p.is_error]
        if slide is not None and not errors:
            seen[slide.id] = slide.where
            slides.append(slide)
    return slides


def _read_slide(
    reader: NodeReader, node: Node, defaults: SlideDefaults, config: Config
) -> Slide | None:
    entries = reader.entries(node, "a slide", SLIDE_KEYS)
    if entries is None:
        return None
    image = _read_image(reader, node, entries.get("image"), config)
    caption = None
    if "caption" in entries:
        caption = _localized(reader, entries["caption"].value, "the caption", config)
    else:
        reader.error(node, "this slide has no 'caption'")
    credit = None
    if "credit" in entries:
        credit = _localized(reader, entries["credit"].value, "the credit", config)
    duration = _duration(reader, entries["duration"]) if "duration" in entries else None
    transition = None
    if "transition" in entries:
        transition = reader.choice(entries["transition"].value, "transition", TRANSITIONS)
    narration = ()
    if "narration" in entries:
        narration = _read_narration(reader, entries["narration"].value, config)
    slide_id = _read_id(reader, entries.get("id"), image)
    if image is None or caption is None or slide_id is None:
        return None
    return Slide(
        id=slide_id,
        image=image,
        caption=caption,
        credit=credit,
        duration=duration or defaults.duration,
        transition=transition or defaults.transition,
        where=reader.mark(node),
        narration=narration,
    )


def _read_narration(
    reader: NodeReader, node: Node, config: Config
) -> tuple[tuple[str, NarrationOverride], ...]:
    """Per language, text to speak instead of the caption, or a recording that wins."""
    entries = reader.entries(node, "the narration", frozenset(config.languages)) or {}
    result = []
    for lang, entry in entries.items():
        what = f"the '{lang}' narration"
        parts = reader.entries(entry.value, what, NARRATION_KEYS)
        if parts is None:
            continue
        if len(parts) != 1:
            reader.error(entry.value, f"{what} needs either 'text' or 'audio', not both or neither")
            continue
        if "text" in parts:
            text = reader.text(parts["text"].value, f"{what} text")
            if text is not None:
                result.append((lang, NarrationOverride(text=text)))
        else:
            audio = _media_file(reader, parts["audio"].value, "the recording", config)
            if audio is not None and audio.suffix.lower() not in AUDIO_SUFFIXES:
                kinds = ", ".join(sorted(AUDIO_SUFFIXES))
                reader.error(parts["audio"].value, f"the recording must be a sound file ({kinds})")
            elif audio is not None:
                result.append((lang, NarrationOverride(audio=audio)))
    return tuple(result)


def _read_id(reader: NodeReader, entry: Entry | None, image: Path | None) -> str | None:
    if entry is None:
        return image.stem.lower() if image is not None else None
    text = reader.text(entry.value, "the slide id")
    if text is not None and not SLIDE_ID.match(text):
        reader.error(
            entry.value,
            f"slide id '{text}' may use only lowercase letters, digits and hyphens",
        )
        return None
    return text


def _read_image(
    reader: NodeReader, slide: Node, entry: Entry | None, config: Config
) -> Path | None:
    if entry is None:
        reader.error(slide, "this slide has no 'image'; name a photo file under media/")
        return None
    return _media_file(reader, entry.value, "image", config)


def _media_file(reader: NodeReader, node: Node, what: str, config: Config) -> Path | None:
    """A file named relative to media/, which must exist and stay inside media/."""
    text = reader.text(node, f"the {what}" if what == "image" else what)
    if text is None:
        return None
    relative = PurePosixPath(text.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        reader.error(node, f"{what} '{text}' must be a path inside media/, like town/1.jpg")
        return None
    media = config.media_root
    path = media / relative
    try:
        inside = path.resolve().is_relative_to(media.resolve())
    except OSError:
        inside = False
    if not inside:
        reader.error(node, f"{what} '{text}' leads outside media/")
        return None
    if not path.is_file():
        reader.error(node, f"{what} '{text}' not found in {media}")
        return None
    return path


def _duration(reader: NodeReader, entry: Entry) -> float | None:
    return reader.number(entry.value, "duration (seconds)", 1, 3600)


def _localized(reader: NodeReader, node: Node, what: str, config: Config) -> LocalizedText | None:
    """A plain string (same in all languages) or a mapping from language code to text."""
    if isinstance(node, ScalarNode):
        text = reader.text(node, what)
        return LocalizedText.same_everywhere(text) if text is not None else None
    entries = reader.entries(node, what, frozenset(config.languages))
    if entries is None:
        return None
    texts = []
    for lang, entry in entries.items():
        text = reader.text(entry.value, f"{what} in '{lang}'")
        if text is not None:
            texts.append((lang, text))
    if not texts:
        if not entries:
            reader.error(node, f"{what} has no text in any language")
        return None
    present = {lang for lang, _ in texts}
    for lang in config.languages:
        if lang not in present and lang not in entries:
            reader.warning(node, f"{what} has no '{lang}' text; '{config.default_language}' shows")
    return LocalizedText(tuple(texts))
