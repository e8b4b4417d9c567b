"""Breaking a text into lines of a given width, where Unicode allows it.

Where a line may end is the Unicode Line Breaking Algorithm's answer (UAX #14): never before
; ! ? » , . ) or inside "30 000" and "2 septembre" once kiosk.show.typography has made their
spaces non-breaking, and after a slash or a hyphen where spaces are few. Captions in Latin
letters get it from kiosk.show.line_break_rules (a fraction of a millisecond); any other text
from the pure-Python uniseg (about 10 ms a caption, and as much again to import it), which is
only imported when such a text comes. How wide a line is stays the caller's measure, so the
screen and `kiosk validate` break the same text at the same places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kiosk.show.line_break_rules import is_latin, latin_units

TextMeasure = Callable[[str, int], int]
"""Width in pixels of `text` set at `size` pixels."""

_TYPED_SPACES = re.compile("[ \t\f\v]+")


def wrap(text: str, width: int, size: int, measure: TextMeasure) -> tuple[str, ...]:
    """Lines no wider than `width`, each as full as the break opportunities allow. A line
    break in `text` is kept (an empty line too); runs of typed spaces count as one, and a
    word too long for any line (a URL) is split between two characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph, width, size, measure))
    return tuple(lines)


def _wrap_paragraph(paragraph: str, width: int, size: int, measure: TextMeasure) -> list[str]:
    lines: list[str] = []
    line = ""
    for unit in breakable_units(paragraph):
        if measure((line + unit).rstrip(), size) <= width:
            line += unit
            continue
        if line:
            lines.append(line.rstrip())
        line = unit
        while measure(line.rstrip(), size) > width and len(_clusters(line.rstrip())) > 1:
            cut = _longest_prefix(line.rstrip(), width, size, measure)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line.rstrip())
    return lines


@lru_cache(maxsize=1024)
def breakable_units(paragraph: str) -> tuple[str, ...]:
    """The pieces of `paragraph` between which a line may break, each with its trailing
    spaces. Cached: the layout tries the same caption at a dozen type sizes."""
    tidy = _TYPED_SPACES.sub(" ", paragraph).strip(" ")
    units = latin_units(tidy)
    if units is None:
        from uniseg.linebreak import line_break_units

        units = tuple(line_break_units(tidy))
    return units


@lru_cache(maxsize=1024)
def _clusters(text: str) -> tuple[str, ...]:
    if is_latin(text):  # no combining marks: each character stands alone
        return tuple(text)
    from uniseg.graphemecluster import grapheme_clusters

    return tuple(grapheme_clusters(text))


def _longest_prefix(word: str, width: int, size: int, measure: TextMeasure) -> int:
    """Where to split a piece too wide for a line: after as many whole characters (grapheme
    clusters: an accent stays on its letter) as fit, and at least one."""
    ends = []
    position = 0
    for cluster in _clusters(word):
        position += len(cluster)
        ends.append(position)
    for end in reversed(ends[:-1]):
        if measure(word[:end], size) <= width:
            return end
    return ends[0]
