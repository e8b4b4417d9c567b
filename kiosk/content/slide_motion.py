"""`motion:` and `focus:` in a deck: the photo's slow pan and zoom, as the curator wrote it.

    motion: auto                 # a gentle zoom towards the focus (or the centre)
    motion: none                 # the photo stays still (the default)
    motion: {from: [0.5, 0.5, 1], to: [0.3, 0.4, 1.4]}   # x, y as fractions; zoom 1..3
    focus: [0.3, 0.4]            # the photo's centre of interest, for `auto`

`motion` may be a deck default (under `defaults:`) or a slide's own; `focus` is a slide's.
Every problem names its file, line and column; a slide with a bad value is left out, as for
any other slide error.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode

from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.motion import MAX_ZOOM, MIN_ZOOM, Motion, View, auto_motion

MOTION_CHOICES = ("auto", "none")
MOTION_ENDS = frozenset({"from", "to"})
MotionSetting = Motion | str
"""What `motion:` says before the slide's focus is known: a Motion, 'auto' or 'none'."""


@dataclass
class MotionReader:
    reader: NodeReader

    def setting(self, entry: Entry) -> MotionSetting | None:
        """`motion:` read, or None after reporting what is wrong with it."""
        node = entry.value
        if isinstance(node, MappingNode):
            return self.path(node)
        if isinstance(node, ScalarNode):
            return self.reader.choice(node, "motion", MOTION_CHOICES)
        self.reader.error(
            node, "motion must be auto, none, or {from: [x, y, zoom], to: [x, y, zoom]}"
        )
        return None

    def path(self, node: MappingNode) -> Motion | None:
        entries = self.reader.entries(node, "motion", MOTION_ENDS)
        if entries is None:
            return None
        missing = sorted(MOTION_ENDS - entries.keys())
        if missing:
            self.reader.error(
                node, f"motion needs both 'from' and 'to'; add '{missing[0]}: [x, y, zoom]'"
            )
            return None
        start = self.view(entries["from"].value, "motion 'from'")
        end = self.view(entries["to"].value, "motion 'to'")
        return Motion(start, end) if start is not None and end is not None else None

    def view(self, node: Node, what: str) -> View | None:
        values = self.fractions(node, what, 3, "[x, y, zoom], such as [0.5, 0.5, 1.2]")
        if len(values) != 3:
            return None
        zoom = self.reader.number(node.value[2], f"the zoom in {what}", MIN_ZOOM, MAX_ZOOM)
        if values[0] is None or values[1] is None or zoom is None:
            return None
        return View(values[0], values[1], zoom)

    def focus(self, entry: Entry | None, setting: MotionSetting) -> tuple[float, float] | None:
        """A slide's `focus:`; only `motion: auto` uses it, and the curator is told so."""
        if entry is None:
            return None
        x, y = self.fractions(entry.value, "focus", 2, "[x, y], such as [0.3, 0.4]") or (None, None)
        if x is None or y is None:
            return None
        if setting != "auto":
            self.reader.warning(
                entry.value, "focus is used only with 'motion: auto'; add it, or remove focus"
            )
        return x, y

    def fractions(self, node: Node, what: str, count: int, form: str) -> list[float | None]:
        """The first two of a list of `count` numbers, fractions of the photo (0 to 1), each
        None if it is not one; an empty list if the list itself is not right."""
        items = self.reader.items(node, what)
        if items is None:
            return []
        if len(items) != count:
            self.reader.error(node, f"{what} must be {form}; got {len(items)} numbers")
            return []
        names = ("x (across, 0 = left, 1 = right)", "y (down, 0 = top, 1 = bottom)")
        return [
            self.reader.number(item, f"{name} in {what}", 0, 1)
            for name, item in zip(names, items, strict=False)
        ] + [None] * (count - 2)


def resolve(setting: MotionSetting, focus: tuple[float, float] | None) -> Motion | None:
    """The slide's motion from its (or its deck's) setting and its focus."""
    if isinstance(setting, Motion):
        return setting
    return auto_motion(focus) if setting == "auto" else None
