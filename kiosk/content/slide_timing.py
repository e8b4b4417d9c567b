"""How long a slide stays and how it gives way: the deck's `defaults:`, a slide's own, or a
timeline's or map's for each of its events."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.config import TRANSITIONS
from kiosk.content.slide_motion import MotionReader, MotionSetting
from kiosk.content.yaml.nodes import Entry, NodeReader


@dataclass(frozen=True)
class SlideTiming:
    """The deck's defaults, or a slide's own."""

    duration: float
    transition: str
    motion: MotionSetting = "none"


def read_duration(reader: NodeReader, entry: Entry) -> float | None:
    return reader.number(entry.value, "duration", 1, 3600, "seconds")


def read_timing(
    reader: NodeReader, motions: MotionReader, entries: dict[str, Entry], fallback: SlideTiming
) -> SlideTiming:
    """The duration, transition and motion written among `entries`, else `fallback`'s."""
    duration, transition, motion = fallback.duration, fallback.transition, fallback.motion
    if "duration" in entries:
        duration = read_duration(reader, entries["duration"]) or duration
    if "transition" in entries:
        value = reader.choice(entries["transition"].value, "transition", TRANSITIONS)
        transition = value or transition
    if "motion" in entries:
        motion = motions.setting(entries["motion"]) or motion
    return SlideTiming(duration, transition, motion)
