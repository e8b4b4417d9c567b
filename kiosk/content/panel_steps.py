"""A deck's timelines and maps made into their step slides, once the whole deck is read.

Timelines first, so that a map can take the events of a timeline written before or after it
(`events_from`). A map keeps the events whose place falls on it; a panel left with fewer than
two events is left out, reported, and so is a map whose timeline is.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.event_reader import EventDraft
from kiosk.content.hints import did_you_mean
from kiosk.content.map_reader import MapDraft
from kiosk.content.panel_reader import MIN_EVENTS, Item, PanelDraft
from kiosk.content.problems import error, warning
from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.deck import Mark, Slide
from kiosk.show.events import Panel, PanelKind
from kiosk.show.step_caption import step_caption


@dataclass
class PanelSteps:
    """Expands the panels of one deck; problems go to the deck's reader."""

    reader: NodeReader
    left_out: dict[str, tuple[PanelKind, Mark]]
    """Panels left out for a problem, by id (kiosk.content.panel_reader fills it first)."""

    def expand(self, items: list[Item]) -> list[Slide]:
        """Every item's slides in deck order: a photo slide as it is, a panel as its steps.
        Timelines are expanded first, so that a map can take their events."""
        kinds = {item.id: getattr(item, "kind", "photo slide") for item in reversed(items)}
        shown: dict[str, tuple[EventDraft, ...]] = {}
        steps: dict[int, list[Slide]] = {}
        for index, item in enumerate(items):
            if isinstance(item, PanelDraft) and item.kind == "timeline":
                steps[index] = self.steps(item, item.events)
                if steps[index]:
                    shown[item.id] = item.events
        for index, item in enumerate(items):
            if isinstance(item, PanelDraft) and item.kind == "map":
                events = (
                    item.events if item.events_from is None else self.borrowed(item, shown, kinds)
                )
                steps[index] = self.steps(item, events) if events is not None else []
        return [
            slide
            for index, item in enumerate(items)
            for slide in (steps[index] if isinstance(item, PanelDraft) else [item])
        ]

    def borrowed(
        self, draft: PanelDraft, shown: dict[str, tuple[EventDraft, ...]], kinds: dict[str, str]
    ) -> tuple[EventDraft, ...] | None:
        """The events of the timeline a map names, or None after saying why there are none."""
        assert draft.events_from is not None
        name, node = draft.events_from
        if name in shown:
            return shown[name]
        if name in self.left_out and self.left_out[name][0] == "timeline":
            line = self.left_out[name][1].line
            self.reader.error(
                node,
                f"the timeline '{name}' (line {line}) is left out for its problems, so this "
                "map has no events either; fix the timeline",
            )
        elif name in kinds:
            self.reader.error(
                node,
                f"events_from '{name}' names a {kinds[name]}, not a timeline; name a timeline "
                "of this deck",
            )
        else:
            timelines = [key for key, kind in kinds.items() if kind == "timeline"]
            hint = did_you_mean(name, timelines) or (
                f"; this deck's timelines: {', '.join(timelines)}"
                if timelines
                else "; add a timeline with that id (kind: timeline), or give the map its own "
                "events"
            )
            self.reader.error(node, f"events_from '{name}' names no timeline in this deck{hint}")
        self.left_out[draft.id] = (draft.kind, draft.where)
        return None

    def steps(self, draft: PanelDraft, events: tuple[EventDraft, ...]) -> list[Slide]:
        """One slide per event that can be shown; none, reported, when fewer than two can."""
        if draft.base_map is not None:
            events = self.on_the_map(draft.base_map, events)
        if len(events) < MIN_EVENTS:
            self.too_few(draft, len(events))
            self.left_out[draft.id] = (draft.kind, draft.where)
            return []
        if draft.kind == "map" and all(event.event.place is None for event in events):
            self.reader.problems.append(
                warning(
                    draft.where,
                    "none of this map's events names a place, so no marker shows on it; add "
                    "place: to its events",
                )
            )
        base_map = draft.base_map.base_map if draft.base_map is not None else None
        panel = Panel(
            draft.kind, draft.id, draft.title, tuple(e.event for e in events), base_map, draft.where
        )
        timing = draft.timing
        return [
            Slide(
                id=panel.id,
                image=base_map.image if base_map is not None else event.event.image,
                caption=step_caption(event.event),
                credit=event.event.credit,
                duration=event.duration or timing.duration,
                transition=timing.transition,
                where=event.event.where or draft.where,
                caption_where=event.caption_where,
                motion=None,
                panel=panel,
                step=step,
            )
            for step, event in enumerate(events)
        ]

    def on_the_map(
        self, base_map: MapDraft, events: tuple[EventDraft, ...]
    ) -> tuple[EventDraft, ...]:
        """The events whose place falls on the map (or that have none); the others reported."""
        kept = []
        for event in events:
            place = event.event.place
            outside = base_map.outside(place) if place is not None else None
            if outside is not None:
                self.reader.problems.append(error(event.place_where or event.event.where, outside))
            else:
                kept.append(event)
        return tuple(kept)

    def too_few(self, draft: PanelDraft, usable: int) -> None:
        if draft.events_from is not None:
            detail = f"only {usable} of the events of '{draft.events_from[0]}' fall on the map"
        elif draft.written > usable:
            shown = f"only {usable} of its {draft.written} can be shown"
            detail = f"{shown} (see the problems with its events)"
        else:
            detail = f"it has {usable or 'none'}"
        self.reader.problems.append(
            error(
                draft.where,
                f"this {draft.kind} needs at least {MIN_EVENTS} events, and {detail}; add "
                "another, or make a lone event a photo slide",
            )
        )
