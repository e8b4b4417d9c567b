"""Load and check one deck file, keeping whatever is good.

A deck with a bad slide still plays its other slides: a slide with any error is left out and
reported, so a curator's typo costs one slide, never the show. Whole-file problems (unreadable,
not YAML, no slides) leave the deck out and are reported the same way.

`kiosk validate` also asks for advice (`advise=True`): warnings that need a look at the photos
themselves, such as a scan too small for the screen. The kiosk does not repeat those at every
load.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image
from yaml.nodes import Node, ScalarNode

from kiosk.config import TRANSITIONS, Config
from kiosk.deck import Deck, LocalizedText, NarrationOverride, Slide
from kiosk.hints import close_match, list_files, missing_file_hint, slug
from kiosk.validation import Mark, Problem, error
from kiosk.yamlnodes import Entry, NodeReader, compose, read_text

DECK_KEYS = frozenset({"title", "defaults", "slides", "pronunciations"})
DEFAULTS_KEYS = frozenset({"duration", "transition"})
SLIDE_KEYS = frozenset({"id", "image", "caption", "credit", "duration", "transition", "narration"})
NARRATION_KEYS = frozenset({"text", "audio"})
AUDIO_SUFFIXES = frozenset({".ogg", ".wav", ".mp3", ".flac"})
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_SLIDES = 1000
ORIENTATION_TAG = 0x0112
LONG_NARRATION = 400
"""A narration text longer than this, and than NARRATION_RATIO times its caption, is flagged."""
NARRATION_RATIO = 3


@dataclass(frozen=True)
class SlideDefaults:
    duration: float
    transition: str


@dataclass(frozen=True)
class DeckResult:
    """What loading gave: the deck (None if nothing in it can play) and every problem."""

    deck: Deck | None
    problems: tuple[Problem, ...]
    caption_marks: tuple[tuple[str, str, Mark], ...] = ()
    """(slide id, language, where that caption text is) for every slide that plays; a caption
    written once for every language has the language '*'."""


def load_deck(path: Path, config: Config, *, advise: bool = False) -> DeckResult:
    problems: list[Problem] = []
    text = read_text(path, problems)
    root = compose(text, str(path), problems) if text is not None else None
    if root is None:
        if text is not None and not problems:
            problems.append(_file_error(path, "the deck is empty; it needs a title and slides"))
        return DeckResult(None, tuple(problems))
    loader = _DeckLoader(NodeReader(str(path), problems), path, config, advise)
    deck = loader.deck(root)
    marks = tuple(loader.caption_marks) if deck is not None else ()
    return DeckResult(deck, tuple(problems), marks)


def _file_error(path: Path, message: str) -> Problem:
    return error(Mark(str(path)), message)


def media_label(config: Config) -> str:
    """The media folder as a curator knows it: 'media/'."""
    return f"{config.media_dir.as_posix().rstrip('/')}/"


def config_label(config: Config) -> str:
    """The config file as a curator knows it: 'config/kiosk.yaml'."""
    if config.source is None:
        return "config/kiosk.yaml"
    try:
        return config.source.resolve().relative_to(config.exhibition_dir.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return config.source.name


@dataclass
class _DeckLoader:
    reader: NodeReader
    path: Path
    config: Config
    advise: bool
    caption_marks: list[tuple[str, str, Mark]] = field(default_factory=list)
    _media: dict[bool, list[str]] = field(default_factory=dict)

    def deck(self, root: Node) -> Deck | None:
        reader = self.reader
        entries = reader.entries(root, "the deck", DECK_KEYS)
        if entries is None:
            return None
        title = LocalizedText.same_everywhere(self.path.stem)
        if "title" in entries:
            read = self.localized(entries["title"], "the deck title", DECK_KEYS)
            title = read[0] if read else title
        else:
            reader.problems.append(
                error(
                    reader.first_key_mark(root),
                    "the deck has no 'title'; add one, such as title: {fr: …, en: …}",
                )
            )
        defaults = SlideDefaults(self.config.slide_duration, self.config.transition)
        if "defaults" in entries:
            defaults = self.defaults(entries["defaults"].value, defaults)
        if "slides" not in entries:
            reader.problems.append(
                error(
                    reader.first_key_mark(root),
                    "the deck has no 'slides' list; add 'slides:' with one '- ' item per slide",
                )
            )
            return None
        slides = self.slides(entries["slides"].value, defaults)
        pronunciations = ()
        if "pronunciations" in entries:
            pronunciations = self.pronunciations(entries["pronunciations"].value)
        if not slides:
            return None
        return Deck(
            path=self.path, title=title, slides=tuple(slides), pronunciations=pronunciations
        )

    # Languages

    def language_entries(
        self, node: Node, what: str, siblings: frozenset[str] = frozenset()
    ) -> dict[str, Entry] | None:
        """A mapping keyed by the config's languages; `siblings` are the keys around it, which
        a curator may have indented under it by mistake."""
        languages = self.config.languages

        def unknown(key: str) -> str:
            if key in siblings:
                return (
                    f"'{key}' is indented as part of {what}; to make it a key of its own, "
                    "line it up with the keys above"
                )
            listed = ", ".join(languages)
            match = close_match(key, languages)
            if match is not None:
                return (
                    f"'{key}' is not one of the kiosk's languages ({listed}); "
                    f"did you mean '{match}'?"
                )
            return (
                f"'{key}' is not one of the kiosk's languages ({listed}); add it to languages "
                f"in {config_label(self.config)}, or remove it"
            )

        return self.reader.entries(node, what, frozenset(languages), unknown)

    def localized(
        self, entry: Entry, what: str, siblings: frozenset[str]
    ) -> tuple[LocalizedText, dict[str, Mark]] | None:
        """A plain string (same in all languages) or a mapping from language code to text,
        with where each text is."""
        reader, node = self.reader, entry.value
        if isinstance(node, ScalarNode):
            text = reader.text(node, what, "; write its text between double quotes")
            if text is None:
                return None
            self.check_characters(node, what, text)
            return LocalizedText.same_everywhere(text), {"*": reader.mark(node)}
        entries = self.language_entries(node, what, siblings)
        if entries is None:
            return None
        texts, marks = [], {}
        for lang, item in entries.items():
            text = reader.text(
                item.value,
                f"{what} in '{lang}'",
                "; write its text between double quotes, or remove the line",
            )
            if text is not None:
                texts.append((lang, text))
                marks[lang] = reader.mark(item.value)
                self.check_characters(item.value, f"{what} in '{lang}'", text)
        if not texts:
            if not entries:
                reader.error(node, f"{what} has no text in any language")
            return None
        present = {lang for lang, _ in texts}
        default = self.config.default_language
        shown = default if default in present else texts[0][0]
        for lang in self.config.languages:
            if lang not in present and lang not in entries:
                reader.warning(node, f"{what} has no '{lang}' text; '{shown}' shows")
        return LocalizedText(tuple(texts)), marks

    def pronunciations(self, node: Node) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """Per language, how to say a word: applied before synthesis, never to the screen."""
        entries = self.language_entries(node, "pronunciations", DECK_KEYS) or {}
        result = []
        for lang, entry in entries.items():
            pairs = self.reader.text_pairs(entry.value, f"the '{lang}' pronunciations")
            if pairs:
                result.append((lang, tuple(pairs)))
        return tuple(result)

    # Slides

    def defaults(self, node: Node, defaults: SlideDefaults) -> SlideDefaults:
        entries = self.reader.entries(node, "defaults", DEFAULTS_KEYS) or {}
        duration, transition = defaults.duration, defaults.transition
        if "duration" in entries:
            duration = self.duration(entries["duration"]) or duration
        if "transition" in entries:
            value = self.reader.choice(entries["transition"].value, "transition", TRANSITIONS)
            transition = value or transition
        return SlideDefaults(duration, transition)

    def duration(self, entry: Entry) -> float | None:
        return self.reader.number(entry.value, "duration", 1, 3600, "seconds")

    def slides(self, node: Node, defaults: SlideDefaults) -> list[Slide]:
        reader = self.reader
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
            marks_before = len(self.caption_marks)
            slide, id_node, named = self.slide(item, defaults)
            errors = [p for p in reader.problems[before:] if p.is_error]
            if slide is not None and id_node is not None and slide.id in seen:
                reader.error(id_node, self.repeated_id(slide.id, seen[slide.id], named))
            elif slide is not None and id_node is not None and not errors:
                seen[slide.id] = reader.mark(id_node)
                slides.append(slide)
                continue
            del self.caption_marks[marks_before:]
        return slides

    @staticmethod
    def repeated_id(slide_id: str, first: Mark, named: bool) -> str:
        if named:
            return (
                f"slide id '{slide_id}' is already used by the slide at line {first.line}; "
                "give each slide its own id"
            )
        return (
            f"this slide has no id, and the one taken from its photo's name, '{slide_id}', "
            f"is already used by the slide at line {first.line}; add one, such as "
            f"id: {slide_id}-2"
        )

    def slide(self, node: Node, defaults: SlideDefaults) -> tuple[Slide | None, Node | None, bool]:
        """The slide, the node its id comes from (the id, or else the image), and whether the
        id was written."""
        reader = self.reader
        entries = reader.entries(node, "a slide", SLIDE_KEYS)
        if entries is None:
            return None, None, False
        image_entry = entries.get("image")
        if image_entry is None:
            reader.problems.append(
                error(
                    reader.first_key_mark(node),
                    f"this slide has no 'image'; name a photo file in {media_label(self.config)}",
                )
            )
            image = None
        else:
            image = self.media_file(image_entry.value, "image")
            if image is not None and self.advise:
                self.check_photo(image_entry.value, image)
        caption = None
        if "caption" in entries:
            caption = self.localized(entries["caption"], "the caption", SLIDE_KEYS)
        else:
            reader.problems.append(
                error(
                    reader.first_key_mark(node),
                    "this slide has no 'caption'; add one, such as caption: \"…\"",
                )
            )
        credit = None
        if "credit" in entries:
            read = self.localized(entries["credit"], "the credit", SLIDE_KEYS)
            credit = read[0] if read else None
        duration = self.duration(entries["duration"]) if "duration" in entries else None
        transition = None
        if "transition" in entries:
            transition = reader.choice(entries["transition"].value, "transition", TRANSITIONS)
        narration = ()
        if "narration" in entries:
            narration = self.narration(entries["narration"].value, caption)
        id_entry = entries.get("id")
        slide_id = self.slide_id(id_entry, image)
        id_node = id_entry.value if id_entry is not None else getattr(image_entry, "value", None)
        if image is None or caption is None or slide_id is None:
            return None, None, False
        text, marks = caption
        default = self.config.default_language
        caption_where = marks.get(default) or marks.get("*") or next(iter(marks.values()))
        self.caption_marks.extend((slide_id, lang, mark) for lang, mark in marks.items())
        slide = Slide(
            id=slide_id,
            image=image,
            caption=text,
            credit=credit,
            duration=duration or defaults.duration,
            transition=transition or defaults.transition,
            where=reader.mark(node),
            narration=narration,
            caption_where=caption_where,
        )
        return slide, id_node, id_entry is not None

    def slide_id(self, entry: Entry | None, image: Path | None) -> str | None:
        if entry is None:
            return image.stem.lower() if image is not None else None
        text = self.reader.text(entry.value, "the slide id", "; write a short name, or remove it")
        if text is not None and not SLIDE_ID.match(text):
            suggestion = slug(text)
            such_as = f", such as '{suggestion}'" if suggestion else ""
            self.reader.error(
                entry.value,
                f"slide id '{text}' may use only lowercase letters, digits and hyphens{such_as}",
            )
            return None
        return text

    def narration(
        self, node: Node, caption: tuple[LocalizedText, dict[str, Mark]] | None
    ) -> tuple[tuple[str, NarrationOverride], ...]:
        """Per language, text to speak instead of the caption, or a recording that wins."""
        reader = self.reader
        entries = self.language_entries(node, "the narration", SLIDE_KEYS) or {}
        result = []
        for lang, entry in entries.items():
            what = f"the '{lang}' narration"
            parts = reader.entries(entry.value, what, NARRATION_KEYS)
            if parts is None:
                continue
            if len(parts) != 1:
                reader.error(
                    entry.value, f"{what} needs either 'text' or 'audio', not both or neither"
                )
                continue
            if "text" in parts:
                node_text = parts["text"].value
                text = reader.text(node_text, f"{what} text", "; write it, or remove the line")
                if text is not None:
                    result.append((lang, NarrationOverride(text=text)))
                    self.check_characters(node_text, f"{what} text", text)
                    if self.advise and caption is not None:
                        self.check_narration(node_text, lang, text, caption[0])
            else:
                audio = self.media_file(parts["audio"].value, "the recording", audio=True)
                if audio is not None and audio.suffix.lower() not in AUDIO_SUFFIXES:
                    kinds = ", ".join(sorted(AUDIO_SUFFIXES))
                    reader.error(
                        parts["audio"].value, f"the recording must be a sound file ({kinds})"
                    )
                elif audio is not None:
                    result.append((lang, NarrationOverride(audio=audio)))
        return tuple(result)

    # Files under media/

    def media_file(self, node: Node, what: str, audio: bool = False) -> Path | None:
        """A file named relative to media/, which must exist and stay inside media/."""
        reader, label = self.reader, media_label(self.config)
        text = reader.text(
            node,
            f"the {what}" if what == "image" else what,
            f"; name a file in {label}, such as town/1.jpg",
        )
        if text is None:
            return None
        relative = PurePosixPath(text.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", text):
            reader.error(node, f"{what} '{text}' must be a path inside {label}, like town/1.jpg")
            return None
        media = self.config.media_root
        path = media / relative
        try:
            inside = path.resolve().is_relative_to(media.resolve())
            exists, folder = path.is_file(), path.is_dir()
        except ValueError:
            reader.error(node, f"{what} '{text}' holds a character no file name can have")
            return None
        except (OSError, RuntimeError):
            reader.error(node, f"{what} '{text}' is a link that leads in a circle; replace it")
            return None
        if not inside:
            reader.error(
                node,
                f"{what} '{text}' is a link to a file outside {label}; "
                f"copy the file itself into {label}",
            )
            return None
        if folder:
            inner = [name for name in self.media_files(audio) if name.startswith(f"{relative}/")]
            such_as = f", such as '{inner[0]}'" if inner else ""
            reader.error(
                node, f"{what} '{text}' is a folder, not a file; name a file in it{such_as}"
            )
            return None
        if not exists:
            if not media.is_dir():
                hint = (
                    f"; there is no folder {label} (see media_dir in {config_label(self.config)})"
                )
            else:
                hint = missing_file_hint(str(relative), self.media_files(audio), label)
            reader.error(node, f"{what} '{text}' not found in {label}{hint}")
            return None
        return path

    def media_files(self, audio: bool) -> list[str]:
        """The files under media/ a name could mean: sound files for a recording, every other
        file for an image. Walked once per deck, and only when a name is wrong."""
        if audio not in self._media:
            files = list_files(self.config.media_root)
            self._media[audio] = [
                name
                for name in files
                if (PurePosixPath(name).suffix.lower() in AUDIO_SUFFIXES) is audio
            ]
        return self._media[audio]

    # Advice for `kiosk validate`

    def check_photo(self, node: Node, path: Path) -> None:
        """Warn about a photo the kiosk cannot open, or one much smaller than the screen.
        Reads only the file's header: the size, and the camera's rotation tag."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(path) as image:
                    width, height = image.size
                    if image.getexif().get(ORIENTATION_TAG) in (5, 6, 7, 8):
                        width, height = height, width
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, MemoryError):
            self.reader.warning(
                node,
                "the photo cannot be read as an image; save it again as JPEG or PNG "
                "(until then the slide shows without it)",
            )
            return
        screen_w, screen_h = self.config.window_size
        if width < screen_w / 2 and height < screen_h / 2:
            wanted = (
                f"at least {screen_h} pixels tall"
                if height > width
                else f"at least {screen_w} pixels wide"
            )
            self.reader.warning(
                node,
                f"the photo is {width}x{height}, much smaller than the {screen_w}x{screen_h} "
                f"screen; it will look soft — use a scan {wanted}",
            )

    def check_characters(self, node: Node, what: str, text: str) -> None:
        """Warn about a character no screen or voice can render, such as "\\0" or "\\ud800"
        written in double quotes: invisible at best."""
        if not self.advise:
            return
        for char in text:
            kind = unicodedata.category(char)
            if (kind == "Cc" and char not in "\n\t") or kind == "Cs":
                self.reader.warning(
                    node,
                    f"{what} holds an invisible character (#x{ord(char):04x}) that cannot be "
                    "shown; delete it",
                )
                return

    def check_narration(self, node: Node, lang: str, text: str, caption: LocalizedText) -> None:
        shown, _ = caption.in_language(lang, self.config.default_language)
        if len(text) > LONG_NARRATION and len(text) > NARRATION_RATIO * len(shown):
            self.reader.warning(
                node,
                f"the '{lang}' narration text is {len(text)} characters long, over "
                f"{NARRATION_RATIO} times the caption ({len(shown)} characters); the slide stays "
                "on screen until it has been spoken, so visitors wait: shorten it",
            )
