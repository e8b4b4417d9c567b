"""A file named in a deck or the config, found whichever way the disk spells its accents.

An accented letter has two spellings in Unicode: 'é' as one character (composed, NFC, what a
keyboard on Linux or Windows types) or as 'e' followed by an accent (decomposed, NFD, what
files copied from a Mac often carry). They look the same on screen and in every message, so a
curator cannot fix a name by retyping it. Linux compares names byte by byte, so here a name
that is not found as written is looked up again among the names of its folder, each compared
in its composed form.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePath


def same_name(first: str, second: str) -> bool:
    """Whether two names are the same once their accents are spelt the same way (NFC)."""
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


def as_on_disk(path: Path) -> Path:
    """`path` as the disk spells it: each part as written when it is there, else the entry of
    its folder with the same name in another Unicode spelling. `path` itself when no such
    entry exists (whoever asked then reports a missing file, quoting the name as written)."""
    if _there(path):
        return path
    anchored = bool(path.anchor)
    found = Path(path.anchor) if anchored else Path()
    for part in path.parts[1:] if anchored else path.parts:
        if not _there(found / part):
            spelt = _spelt_otherwise(found, part)
            if spelt is None:
                return path
            part = spelt
        found = found / part
    return found


def relative_on_disk(root: Path, relative: PurePath) -> PurePath:
    """`relative` (a path under `root`) as the disk spells it under `root`."""
    found = as_on_disk(root / relative)
    try:
        return type(relative)(found.relative_to(root))
    except ValueError:
        return relative


def _spelt_otherwise(folder: Path, name: str) -> str | None:
    """The entry of `folder` whose name is `name` in another Unicode spelling, if any."""
    if name.isascii():  # one spelling only: no need to list the folder
        return None
    try:
        entries = sorted(os.listdir(folder))
    except (OSError, ValueError):
        return None
    return next((entry for entry in entries if entry != name and same_name(entry, name)), None)


def _there(path: Path) -> bool:
    """Something is there under this very spelling (a link counts, even a broken one)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False
