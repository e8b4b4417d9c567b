"""The screen in the config: `screen:`, the physical screen, from which text and button
sizes follow (kiosk.show.layout_physical), and `window_size` (also `--size` on the command
line, through `parse_size`).

Kept apart from `config.py`, like the other sections; the defaults are those of `ScreenSpec`.
"""

from __future__ import annotations

import re
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


def read_window_size(reader: NodeReader, node: Node) -> tuple[int, int] | None:
    text = reader.text(node, "window_size")
    size = parse_size(text) if text else None
    if text and size is None:
        reader.error(node, f"window_size must look like 1920x1080, got '{text}'")
    return size


def parse_size(text: str) -> tuple[int, int] | None:
    """'1920x1080' -> (1920, 1080); None for anything else or an absurd size."""
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not match:
        return None
    width, height = int(match[1]), int(match[2])
    return (width, height) if 160 <= width <= 16384 and 120 <= height <= 16384 else None
