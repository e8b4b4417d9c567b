"""Where a line may break in a caption written in Latin letters, by the rules of the Unicode
Line Breaking Algorithm (UAX #14) that can apply to its characters, without uniseg.

uniseg implements every rule for every character in pure Python: about 10 ms for one caption
of 120 characters here, 50 ms or more on a Raspberry Pi, paid for each new caption while a
visitor waits for the slide. Captions in French, English, German or Italian use a few dozen
characters whose line breaking classes are known (letters AL, digits NU, the space SP, the
no-break spaces GL, quotes QU, and the punctuation below); for those, the rules that matter
are written out here in UAX #14's order, and take a fraction of a millisecond. A text with
any other character (another script, a combining accent, an emoji, a dash this table does
not know) gets None, and kiosk.show.line_breaking asks uniseg. Generated texts check that
both always agree (tests/show/test_line_break_rules.py).
"""

from __future__ import annotations

import unicodedata

PUNCTUATION = {
    " ": "SP",
    "\u00a0": "GL",
    "\u202f": "GL",
    ",": "IS",
    ".": "IS",
    ":": "IS",
    ";": "IS",
    "!": "EX",
    "?": "EX",
    '"': "QU",
    "'": "QU",
    "«": "QI",  # QU that opens (general category Pi)
    "‘": "QI",
    "“": "QI",
    "»": "QF",  # QU that closes (Pf)
    "’": "QF",
    "”": "QF",
    "(": "OP",
    "[": "OP",
    ")": "CP",
    "]": "CP",
    "-": "HY",
    "–": "BA",
    "/": "SY",
    "%": "PO",
    "°": "PO",
    "€": "PR",
    "$": "PR",
    "£": "PR",
    "+": "PR",
    "…": "IN",
    "&": "AL",
    "*": "AL",
    "#": "AL",
    "=": "AL",
    "@": "AL",
    "·": "AL",  # AI, which rule LB1 reads as AL
}
QUOTES = ("QU", "QI", "QF")
LATIN_END = 0x250  # Basic Latin to Latin Extended-B
CLASSES = {
    **{
        char: "AL"
        for char in map(chr, range(LATIN_END))
        if unicodedata.category(char) in ("Lu", "Ll")
    },
    **{digit: "NU" for digit in "0123456789"},
    **PUNCTUATION,
}
"""The line breaking class of every character this module knows."""
KNOWN = frozenset(CLASSES)


def is_latin(text: str) -> bool:
    """Whether every character of `text` is one this module knows (a set lookup in C: the
    fonts ask it of every string they measure)."""
    return KNOWN.issuperset(text)


def latin_classes(text: str) -> list[str] | None:
    """Each character's line breaking class, or None if one is not in this module's set."""
    if not KNOWN.issuperset(text):
        return None
    return [CLASSES[char] for char in text]


def latin_units(text: str) -> tuple[str, ...] | None:
    """The pieces of `text` between which a line may break (each with its trailing spaces),
    as uniseg's line_break_units gives them; None if `text` needs uniseg."""
    classes = latin_classes(text)
    if classes is None:
        return None
    units, start = [], 0
    for index in range(1, len(text)):
        if breaks_before(classes, index):
            units.append(text[start:index])
            start = index
    if text:
        units.append(text[start:])
    return tuple(units)


def breaks_before(cls: list[str], i: int) -> bool:
    """May a line break between characters i-1 and i? UAX #14 rules 7 to 31, in order, as far
    as they concern this module's classes (the others cannot apply)."""
    prev, curr = cls[i - 1], cls[i]
    after = cls[i + 1] if i + 1 < len(cls) else None
    if curr == "SP" or prev == "GL":  # LB7, LB12
        return False
    if curr == "GL" and prev not in ("SP", "BA", "HY"):  # LB12a
        return False
    if curr in ("CP", "EX", "SY"):  # LB13
        return False
    spaced = _skip_back(cls, i, ("SP",))  # the character before the spaces
    before = cls[spaced] if spaced >= 0 else None
    if before == "OP":  # LB14
        return False
    if before == "QI" and (spaced == 0 or cls[spaced - 1] in ("OP", "GL", "SP", *QUOTES)):
        return False  # LB15a
    if curr == "QF" and after in (None, "SP", "GL", "CP", "EX", "IS", "SY", *QUOTES):
        return False  # LB15b
    if prev == "SP" and curr == "IS" and after == "NU":  # LB15c
        return True
    if curr == "IS":  # LB15d
        return False
    if prev == "SP":  # LB18
        return True
    if curr in QUOTES or prev in QUOTES:  # LB19, LB19a (none of these is East Asian)
        return False
    if curr == "AL" and prev == "HY" and (i == 1 or cls[i - 2] in ("SP", "GL")):  # LB20a
        return False
    if curr in ("BA", "HY", "IN"):  # LB21, LB22
        return False
    if (prev, curr) in (("AL", "NU"), ("NU", "AL"), ("PR", "AL"), ("PO", "AL")):  # LB23, 24
        return False
    if prev == "AL" and curr in ("PR", "PO"):  # LB24
        return False
    if _numbers_hold(cls, i, prev, curr, after):  # LB25
        return False
    if (prev, curr) in (("AL", "AL"), ("IS", "AL"), ("AL", "OP"), ("NU", "OP")):  # LB28-30
        return False
    return not (prev == "CP" and curr in ("AL", "NU"))  # LB30, else LB31


def _numbers_hold(cls: list[str], i: int, prev: str, curr: str, after: str | None) -> bool:
    """LB25: a number keeps its prefix, suffix, separators and brackets."""
    digits = _skip_back(cls, i, ("SY", "IS"))
    numeric = digits >= 0 and cls[digits] == "NU"
    if curr in ("PO", "PR"):
        if numeric:
            return True
        bracketed = _skip_back(cls, i - 1, ("SY", "IS")) if prev == "CP" else -1
        if bracketed >= 0 and cls[bracketed] == "NU":
            return True
    if prev in ("PO", "PR") and curr == "OP":
        second = cls[i + 2] if i + 2 < len(cls) else None
        if after == "NU" or (after == "IS" and second == "NU"):
            return True
    return curr == "NU" and (prev in ("PO", "PR", "HY", "IS") or numeric)


def _skip_back(cls: list[str], i: int, skipped: tuple[str, ...]) -> int:
    """The index of the last character before `i` whose class is not in `skipped`; -1 if
    there is none."""
    j = i - 1
    while j >= 0 and cls[j] in skipped:
        j -= 1
    return j
