"""A line of text in any script, cut into runs that one font shapes in one direction.

SDL_ttf (built with HarfBuzz in pygame-ce's wheels) shapes one string in one font, for one
script and one direction. A caption may hold several: an Arabic sentence naming the Louvre and a
year, a French one with an emoji. So a line is cut wherever the font, the script or the
direction changes. The Unicode Bidirectional Algorithm (python-bidi's implementation) gives each
character its direction level, and its rule L2 orders the runs on the line; inside a
right-to-left run HarfBuzz itself lays the glyphs right to left, joins Arabic letters and
mirrors brackets.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.screen.font_chain import NEUTRAL_SCRIPTS, FontChain, is_ignorable
from kiosk.show.line_break_rules import is_latin


@dataclass(frozen=True)
class TextRun:
    """Characters drawn together: `text` in reading (logical) order, the font file that has
    them, their script (an ISO 15924 code such as "Arab") and their bidi level (odd: right
    to left)."""

    text: str
    font: str
    script: str
    level: int

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


def paragraph_is_rtl(text: str) -> bool:
    """Whether `text` reads right to left: its first letter is Arabic, Hebrew, etc. (rules P2
    and P3). A caption's lines all take the direction of the whole caption."""
    if is_latin(text):
        return False  # Latin letters read left to right; the rest is neutral
    from bidi import get_base_level

    return bool(text) and get_base_level(text) == 1


def line_runs(text: str, chain: FontChain, bold: bool, rtl: bool) -> list[TextRun]:
    """The runs of one line of a paragraph (right to left when `rtl`), left to right as they
    show on the screen."""
    if not text:
        return []
    levels = bidi_levels(text, rtl)
    written_in = resolved_scripts(text)
    runs: list[TextRun] = []
    for index, char in enumerate(text):
        script, level = written_in[index], levels[index]
        if runs and is_ignorable(char):
            font = runs[-1].font  # a joiner or a variation selector stays with its character
        else:
            font = chain.font_for(char, script, bold) or chain.primary[bold] or ""
        last = runs[-1] if runs else None
        if last is not None and (last.font, last.script, last.level) == (font, script, level):
            runs[-1] = TextRun(last.text + char, font, script, level)
        else:
            runs.append(TextRun(char, font, script, level))
    return visual_order(runs)


def resolved_scripts(text: str) -> list[str]:
    """Each character's script, where spaces, digits, punctuation and combining marks take
    the script of the letters before them (or, at the start, after them): they then stay in
    the run of the words around them."""
    from fontTools import unicodedata as scripts

    own = [scripts.script(char) for char in text]
    current = next((script for script in own if script not in NEUTRAL_SCRIPTS), "Zyyy")
    resolved = []
    for script in own:
        if script not in NEUTRAL_SCRIPTS:
            current = script
        resolved.append(current)
    return resolved


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of a line (rules X1 to I2, then L1),
    from python-bidi's own steps, which its get_display runs before reordering characters.
    Joiners and embedding controls (removed by rule X9) take the level before them."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    # A code point Unicode has not assigned has no bidi type, which python-bidi cannot take.
    known = "".join(char if unicodedata.bidirectional(char) else "\ufffd" for char in text)
    uba.get_embedding_levels(known, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)  # for L1; the order it makes is not used
    found: dict[int, int] = {char["index"]: char["level"] for char in storage["chars"]}
    levels, level = [], int(rtl)
    for index in range(len(text)):
        level = found.get(index, level)
        levels.append(level)
    return levels


def visual_order(runs: list[TextRun]) -> list[TextRun]:
    """Rule L2 on whole runs: from the highest level down to the lowest odd one, reverse each
    stretch of runs at that level or above. (The characters inside a run at an odd level are
    reversed too, by the shaping of a right-to-left run.)"""
    order = list(runs)
    odd = [run.level for run in runs if run.rtl]
    if not odd:
        return order
    for level in range(max(run.level for run in runs), min(odd) - 1, -1):
        start = 0
        while start < len(order):
            if order[start].level < level:
                start += 1
                continue
            end = start
            while end < len(order) and order[end].level >= level:
                end += 1
            order[start:end] = reversed(order[start:end])
            start = end
    return order
