"""The `screen:` section of the config: the physical screen, from which text and button
sizes follow (kiosk.show.layout_physical).

Kept apart from `config.py`, like the other sections; the defaults are those of `ScreenSpec`.
"""

from __future__ import annotations

from dataclasses import fields, replace

from yaml.nodes import Node

from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.layout_physical import ScreenSpec

SCREEN_KEYS = frozenset(setting.name for setting in fields(ScreenSpec))
"""The keys of the `screen:` section: every `ScreenSpec` field, named as in the file."""
DIAGONAL_RANGE = (7.0, 200.0)
"""Inches: from a small tablet to a wall of screens."""
DISTANCE_RANGE = (0.2, 30.0)
"""Metres: from a face close to the glass to across a hall."""


def read_screen(reader: NodeReader, node: Node) -> ScreenSpec | None:
    entries = reader.entries(node, "screen", SCREEN_KEYS)
    if entries is None:
        return None
    changes: dict[str, float | None] = {}
    if "diagonal_inches" in entries:
        changes["diagonal_inches"] = reader.number(
            entries["diagonal_inches"].value, "screen diagonal_inches", *DIAGONAL_RANGE, "inches"
        )
    if "viewing_distance_m" in entries:
        changes["viewing_distance_m"] = reader.number(
            entries["viewing_distance_m"].value,
            "screen viewing_distance_m",
            *DISTANCE_RANGE,
            "metres",
        )
    return replace(ScreenSpec(), **{k: v for k, v in changes.items() if v is not None})
