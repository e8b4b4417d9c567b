"""`kind: timeline` and `kind: map` entries of a deck's `slides:`, each expanded into one step
slide per event, consecutive where the entry is written.

    - kind: timeline
      id: liberation-days              # required: every step has it as its slide id
      title: {fr: "…", en: "…"}
      duration: 10                     # optional: seconds per event
      transition: crossfade            # optional
      events: [...]                    # kiosk.content.event_reader
    - kind: map
      id: liberation-map
      title: {fr: "…", en: "…"}
      map: drome-liberation/drome-map.png   # reference points beside it (map_reader)
      events_from: liberation-days     # a timeline of this deck; or its own events: list

A panel is read in two passes: each entry here first, then, once the whole deck is read, its
steps (kiosk.content.panel_steps), so a map may take its events from a timeline written after
it. A problem in an event costs that event while its panel keeps two; a problem in the panel
itself costs the panel (all its steps), never the deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from kiosk.content.config import Config
from kiosk.content.event_reader import EventDraft, EventReader
from kiosk.content.hints import did_you_mean
from kiosk.content.languages import LanguageReader
from kiosk.content.map_reader import MapDraft, MapReader
from kiosk.content.problems import error
from kiosk.content.slide_ids import read_slide_id
from kiosk.content.slide_motion import MotionReader
from kiosk.content.slide_timing import SlideTiming, read_timing
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.deck import LocalizedText, Mark, Slide
from kiosk.show.events import PanelKind

KINDS: tuple[PanelKind, ...] = ("timeline", "map")
TIMELINE_KEYS = frozenset({"kind", "id", "title", "duration", "transition", "events"})
MAP_KEYS = TIMELINE_KEYS | {"map", "events_from"}
PANEL_KEYS = {"timeline": TIMELINE_KEYS, "map": MAP_KEYS}
MIN_EVENTS = 2


def is_panel(node: Node) -> bool:
    """Whether a `slides:` item says `kind:`: a timeline or map (or a wrong kind)."""
    return isinstance(node, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "kind" for key, _ in node.value
    )


@dataclass(frozen=True)
class PanelDraft:
    """A timeline or map as read, before its steps are made."""

    kind: PanelKind
    id: str
    id_where: Mark
    where: Mark
    title: LocalizedText
    timing: SlideTiming
    events: tuple[EventDraft, ...]
    written: int
    """How many events were written (some may have been left out)."""
    events_from: tuple[str, Node] | None = None
    base_map: MapDraft | None = None


Item = Slide | PanelDraft


@dataclass
class PanelReader:
    """Reads the panels of one deck; problems go to the deck's reader."""

    reader: NodeReader
    config: Config
    texts: LanguageReader
    motions: MotionReader
    events: EventReader
    maps: MapReader
    left_out: dict[str, tuple[PanelKind, Mark]] = field(default_factory=dict)
    """Panels with an id that are left out for a problem, for events_from's messages."""

    def sources(self) -> tuple[Path, ...]:
        """The files read besides the deck: the maps' reference points, the places file."""
        places = (self.config.places_path,) if self.events.names_places else ()
        return tuple(dict.fromkeys((*self.maps.read_files, *places)))

    def read(self, node: MappingNode, defaults: SlideTiming) -> PanelDraft | None:
        reader = self.reader
        before = len(reader.problems)
        kind = self.kind(node)
        entries = reader.entries(node, f"a {kind}", PANEL_KEYS[kind]) if kind else None
        if kind is None or entries is None:
            return None
        what, where = f"this {kind}", reader.first_key_mark(node)
        panel_id = self.panel_id(node, entries.get("id"), what)
        title = self.title(node, entries, what, PANEL_KEYS[kind])
        timing = read_timing(reader, self.motions, entries, defaults)
        base_map = self.base_map(node, entries) if kind == "map" else None
        events_from = self.source(node, entries, kind)
        broken = any(problem.is_error for problem in reader.problems[before:])
        events, written = ([], 0)
        if "events" in entries:
            events, written = self.events.events(entries["events"].value)
        if broken or panel_id is None or title is None:
            if panel_id is not None:
                self.left_out[panel_id] = (kind, where)
            return None
        id_where = reader.mark(entries["id"].value)
        return PanelDraft(
            kind,
            panel_id,
            id_where,
            where,
            title,
            timing,
            tuple(events),
            written,
            events_from,
            base_map,
        )

    def kind(self, node: MappingNode) -> PanelKind | None:
        value = next(v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "kind")
        kind = self.reader.text(value, "kind", "; write timeline or map, or remove it")
        for known in KINDS:
            if kind == known:
                return known
        if kind is not None:
            self.reader.error(
                value,
                f"kind must be timeline or map (a photo slide has no kind), got "
                f"'{kind}'{did_you_mean(kind, KINDS)}",
            )
        return None

    def panel_id(self, node: Node, entry: Entry | None, what: str) -> str | None:
        if entry is None:
            self.missing(node, f"{what} has no 'id'; add one, such as id: liberation-days")
            return None
        return read_slide_id(self.reader, entry.value, "id")

    def title(
        self, node: Node, entries: dict[str, Entry], what: str, keys: frozenset[str]
    ) -> LocalizedText | None:
        if "title" not in entries:
            self.missing(
                node, f'{what} has no \'title\'; add one, such as title: {{fr: "…", en: "…"}}'
            )
            return None
        read = self.texts.localized(entries["title"], "the title", keys)
        return read[0] if read else None

    def base_map(self, node: Node, entries: dict[str, Entry]) -> MapDraft | None:
        if "map" not in entries:
            self.missing(
                node,
                "this map has no 'map'; name its image in media/, such as "
                "map: drome-liberation/drome-map.png",
            )
            return None
        return self.maps.base_map(entries["map"])

    def source(
        self, node: Node, entries: dict[str, Entry], kind: PanelKind
    ) -> tuple[str, Node] | None:
        """The timeline a map takes its events from, if it names one; reports a panel that
        has no events, or both its own and a timeline's."""
        borrows = entries.get("events_from")
        if borrows is not None and "events" in entries:
            self.reader.error(
                borrows.value, "give this map either its own 'events' or 'events_from', not both"
            )
            return None
        if borrows is None and "events" not in entries:
            other = ", or 'events_from:' naming a timeline of this deck" if kind == "map" else ""
            self.missing(
                node, f"this {kind} has no 'events'; add at least two under 'events:'{other}"
            )
            return None
        if borrows is None:
            return None
        name = read_slide_id(self.reader, borrows.value, "events_from")
        return (name, borrows.value) if name is not None else None

    def missing(self, node: Node, message: str) -> None:
        self.reader.problems.append(error(self.reader.first_key_mark(node), message))
