"""Load and check one deck file, keeping whatever is good.

A deck with a bad slide still plays its other slides: a slide with any error is left out and
reported, so a curator's typo costs one slide, never the show. Whole-file problems (unreadable,
not YAML, no slides) leave the deck out and are reported the same way.

`kiosk validate` also asks for advice (`advise=True`): warnings about texts no screen can show
or a visitor would wait for, and, given a `photo_size` reader, about photos that cannot be
opened or are too small for the screen. The kiosk does not repeat those at every load.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from kiosk.content.advice import PhotoSizer, warn_about_photo
from kiosk.content.config import Config
from kiosk.content.deck_dates import read_plays
from kiosk.content.event_reader import EventReader
from kiosk.content.languages import LanguageReader, Localized
from kiosk.content.map_reader import MapReader
from kiosk.content.media_paths import MediaPaths, media_label
from kiosk.content.panel_reader import Item, PanelReader, is_panel
from kiosk.content.panel_steps import PanelSteps
from kiosk.content.places import Places, load_places
from kiosk.content.problems import Problem, error
from kiosk.content.slide_ids import read_slide_id, repeated_id
from kiosk.content.slide_motion import MotionReader, resolve
from kiosk.content.slide_narration import NarrationReader
from kiosk.content.slide_timing import SlideTiming, read_timing
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.content.yaml.reading import compose, read_text
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide

DECK_KEYS = frozenset({"title", "defaults", "slides", "pronunciations", "plays"})
DEFAULTS_KEYS = frozenset({"duration", "transition", "motion"})
SLIDE_KEYS = frozenset(
    {"id", "image", "caption", "credit", "duration", "transition", "narration", "motion", "focus"}
)
MAX_SLIDES = 1000


@dataclass(frozen=True)
class DeckResult:
    """What loading gave: the deck (None if nothing in it can play) and every problem."""

    deck: Deck | None
    problems: tuple[Problem, ...]
    caption_marks: tuple[tuple[str, str, Mark], ...] = ()
    """(slide id, language, where that caption text is) for every photo slide that plays; a
    caption written once for every language has the language '*'. The steps of a timeline or
    map, which share their id, are placed by their own `Slide.caption_where`."""
    sources: tuple[Path, ...] = ()
    """The other files the deck's slides were read from (the places file, a map's reference
    points), so that an edit to one reloads the deck."""


def load_deck(
    path: Path,
    config: Config,
    *,
    advise: bool = False,
    photo_size: PhotoSizer | None = None,
    places: Places | None = None,
) -> DeckResult:
    """The deck at `path`. `places` are the exhibition's (kiosk.content.places), read once for
    every deck; without them the file the config names is read for this deck alone."""
    problems: list[Problem] = []
    text = read_text(path, problems)
    root = compose(text, str(path), problems) if text is not None else None
    if root is None:
        if text is not None and not problems:
            problems.append(
                error(Mark(str(path)), "the deck is empty; it needs a title and slides")
            )
        return DeckResult(None, tuple(problems))
    sizer = photo_size if advise else None
    places = places if places is not None else load_places(config)
    loader = _DeckLoader(NodeReader(str(path), problems), path, config, advise, sizer, places)
    deck = loader.deck(root)
    marks = tuple(loader.caption_marks) if deck is not None else ()
    return DeckResult(deck, tuple(problems), marks, loader.panels.sources())


@dataclass
class _DeckLoader:
    """Walks one deck's nodes; every problem goes to `reader`, the deck's one list."""

    reader: NodeReader
    path: Path
    config: Config
    advise: bool
    photo_size: PhotoSizer | None
    places: Places
    caption_marks: list[tuple[str, str, Mark]] = field(default_factory=list)
    texts: LanguageReader = field(init=False)
    media: MediaPaths = field(init=False)
    narrations: NarrationReader = field(init=False)
    motions: MotionReader = field(init=False)
    panels: PanelReader = field(init=False)

    def __post_init__(self) -> None:
        self.texts = LanguageReader(self.reader, self.config, self.advise)
        self.media = MediaPaths(self.reader, self.config)
        self.motions = MotionReader(self.reader)
        self.narrations = NarrationReader(
            self.reader, self.texts, self.media, self.config.default_language, self.advise
        )
        events = EventReader(
            self.reader, self.config, self.texts, self.media, self.places, self.photo_size
        )
        maps = MapReader(self.reader, self.config, self.media, self.photo_size)
        self.panels = PanelReader(self.reader, self.config, self.texts, self.motions, events, maps)

    def deck(self, root: Node) -> Deck | None:
        reader = self.reader
        entries = reader.entries(root, "the deck", DECK_KEYS)
        if entries is None:
            return None
        title = self.title(root, entries)
        timing = SlideTiming(self.config.slide_duration, self.config.transition)
        if "defaults" in entries:
            defaults = reader.entries(entries["defaults"].value, "defaults", DEFAULTS_KEYS)
            timing = self.timing(defaults or {}, timing)
        if "slides" not in entries:
            reader.problems.append(
                error(
                    reader.first_key_mark(root),
                    "the deck has no 'slides' list; add 'slides:' with one '- ' item per slide",
                )
            )
            return None
        slides = self.slides(entries["slides"].value, timing)
        pronunciations = ()
        if "pronunciations" in entries:
            pronunciations = self.texts.pronunciations(entries["pronunciations"].value, DECK_KEYS)
        plays, plays_where = read_plays(reader, root, entries.get("plays"))
        if not slides:
            return None
        return Deck(
            path=self.path,
            title=title,
            slides=tuple(slides),
            pronunciations=pronunciations,
            plays=plays,
            plays_where=plays_where,
        )

    def title(self, root: Node, entries: dict[str, Entry]) -> LocalizedText:
        """The deck's title; without one, the file's name, so the deck still plays."""
        title = LocalizedText.same_everywhere(self.path.stem)
        if "title" not in entries:
            self.reader.problems.append(
                error(
                    self.reader.first_key_mark(root),
                    "the deck has no 'title'; add one, such as title: {fr: …, en: …}",
                )
            )
            return title
        read = self.texts.localized(entries["title"], "the deck title", DECK_KEYS)
        return read[0] if read else title

    def timing(self, entries: dict[str, Entry], fallback: SlideTiming) -> SlideTiming:
        return read_timing(self.reader, self.motions, entries, fallback)

    # Slides

    def slides(self, node: Node, defaults: SlideTiming) -> list[Slide]:
        reader = self.reader
        items = reader.items(node, "slides")
        if items is None:
            return []
        if not items:
            reader.error(node, "the slides list is empty; add at least one slide")
        if len(items) > MAX_SLIDES:
            reader.error(items[MAX_SLIDES], f"a deck holds at most {MAX_SLIDES} slides")
            items = items[:MAX_SLIDES]
        slides: list[Item] = []
        seen: dict[str, Mark] = {}
        for item in items:
            if is_panel(item):
                self.panel(item, defaults, slides, seen)
                continue
            before = len(reader.problems)
            marks_before = len(self.caption_marks)
            slide, id_node, named = self.slide(item, defaults)
            errors = [p for p in reader.problems[before:] if p.is_error]
            if slide is not None and id_node is not None and slide.id in seen:
                reader.error(id_node, repeated_id(slide.id, seen[slide.id], named))
            elif slide is not None and id_node is not None and not errors:
                seen[slide.id] = reader.mark(id_node)
                slides.append(slide)
                continue
            del self.caption_marks[marks_before:]
        return PanelSteps(reader, self.panels.left_out).expand(slides)

    def panel(
        self, node: MappingNode, defaults: SlideTiming, items: list[Item], seen: dict[str, Mark]
    ) -> None:
        """A timeline or map, added to `items` unless broken; its steps share its id."""
        draft = self.panels.read(node, defaults)
        if draft is None:
            return
        if draft.id in seen:
            message = repeated_id(draft.id, seen[draft.id], named=True)
            self.reader.problems.append(error(draft.id_where, message))
            self.panels.left_out[draft.id] = (draft.kind, draft.where)
            return
        seen[draft.id] = draft.id_where
        items.append(draft)

    def slide(self, node: Node, defaults: SlideTiming) -> tuple[Slide | None, Node | None, bool]:
        """The slide, the node its id comes from (the id, or else the image), and whether the
        id was written."""
        entries = self.reader.entries(node, "a slide", SLIDE_KEYS)
        if entries is None:
            return None, None, False
        image_entry = entries.get("image")
        image = self.image(node, image_entry)
        caption = self.caption(node, entries)
        credit = None
        if "credit" in entries:
            read = self.texts.localized(entries["credit"], "the credit", SLIDE_KEYS)
            credit = read[0] if read else None
        timing = self.timing(entries, defaults)
        focus = self.motions.focus(entries.get("focus"), timing.motion)
        narration = ()
        if "narration" in entries:
            narration = self.narrations.overrides(entries["narration"].value, caption, SLIDE_KEYS)
        id_entry = entries.get("id")
        slide_id = self.slide_id(id_entry, image)
        id_node = id_entry.value if id_entry is not None else getattr(image_entry, "value", None)
        if image is None or caption is None or slide_id is None:
            return None, None, False
        text, marks = caption
        self.caption_marks.extend((slide_id, lang, mark) for lang, mark in marks.items())
        default = self.config.default_language
        slide = Slide(
            id=slide_id,
            image=image,
            caption=text,
            credit=credit,
            duration=timing.duration,
            transition=timing.transition,
            where=self.reader.mark(node),
            narration=narration,
            caption_where=marks.get(default) or marks.get("*") or next(iter(marks.values())),
            motion=resolve(timing.motion, focus),
        )
        return slide, id_node, id_entry is not None

    def image(self, node: Node, entry: Entry | None) -> Path | None:
        """The slide's photo; `kiosk validate` also looks at the photo itself."""
        if entry is None:
            self.reader.problems.append(
                error(
                    self.reader.first_key_mark(node),
                    f"this slide has no 'image'; name a photo file in {media_label(self.config)}",
                )
            )
            return None
        image = self.media.media_file(entry.value, "image")
        if image is not None and self.photo_size is not None:
            size = self.photo_size(image)
            warn_about_photo(self.reader, entry.value, size, self.config.window_size)
        return image

    def caption(self, node: Node, entries: dict[str, Entry]) -> Localized | None:
        """The slide's caption; a slide without one is an error, as a visitor needs it."""
        if "caption" in entries:
            return self.texts.localized(entries["caption"], "the caption", SLIDE_KEYS)
        self.reader.problems.append(
            error(
                self.reader.first_key_mark(node),
                "this slide has no 'caption'; add one, such as caption: \"…\"",
            )
        )
        return None

    def slide_id(self, entry: Entry | None, image: Path | None) -> str | None:
        if entry is None:  # from the photo's name, the same however the disk spells accents
            return unicodedata.normalize("NFC", image.stem.lower()) if image is not None else None
        return read_slide_id(self.reader, entry.value)
