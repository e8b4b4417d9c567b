"""What a curator probably meant: the key, language, value or file closest to what was written.

Pure functions over names, plus one bounded walk of a folder, so that the validator can end a
message with "did you mean 'caption'?" instead of a list to search. Closeness is difflib's
ratio, with case ignored (a capital is the commonest slip of all) and a few words a French- or
English-speaking curator might write for a key mapped to the key itself.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from kiosk.content.file_names import same_name

CUTOFF = 0.6
"""difflib's default: 'captoin' and 'caption' are close, 'de' and 'en' are not."""
MAX_FILES = 20000
"""A media folder is walked at most this far, so a mistaken media_dir (such as '/') is cheap."""
MAX_LISTED = 8
"""A folder holding at most this many files is listed when no name is close."""

SYNONYMS = {
    "titre": "title",
    "légende": "caption",
    "legende": "caption",
    "texte": "caption",
    "text": "caption",
    "diapositives": "slides",
    "diapos": "slides",
    "photo": "image",
    "picture": "image",
    "img": "image",
    "fichier": "image",
    "durée": "duration",
    "duree": "duration",
    "crédit": "credit",
    "credits": "credit",
    "crédits": "credit",
    "identifiant": "id",
    "nom": "name",
    "lieu": "place",
    "ville": "place",
    "carte": "map",
    "type": "kind",
    "événements": "events",
    "evenements": "events",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
}
"""Words a curator may write for a key; used only when the key they stand for is allowed."""


def close_match(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word` (case ignored), or None when nothing is close enough."""
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    lower = word.lower()
    if lower in by_lower:
        return by_lower[lower]
    synonym = SYNONYMS.get(lower)
    if synonym is not None and synonym in by_lower:
        return by_lower[synonym]
    found = difflib.get_close_matches(lower, list(by_lower), n=1, cutoff=CUTOFF)
    return by_lower[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest choice, or '' when none is close."""
    match = close_match(word, choices)
    return f"; did you mean '{match}'?" if match is not None and match != word else ""


def list_files(root: Path, suffixes: frozenset[str] | None = None) -> list[str]:
    """Files under `root` as relative paths with '/', hidden ones left out; [] on any failure.

    Only `suffixes` (lowercase, with the dot) when given. Links are listed but not followed
    into folders, so the walk ends even in a folder that links to itself."""
    found: list[str] = []
    try:
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            base = PurePosixPath(Path(folder).relative_to(root).as_posix())
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if suffixes is not None and PurePosixPath(name).suffix.lower() not in suffixes:
                    continue
                found.append(str(base / name) if str(base) != "." else name)
                if len(found) >= MAX_FILES:
                    return found
    except (OSError, ValueError, RuntimeError):
        return found
    return found


def missing_file_hint(requested: str, files: Sequence[str], folder_label: str) -> str:
    """What to say after "'x' not found in media/": the file meant, or what is there.

    `files` are the candidates, relative to the folder shown as `folder_label` ('media/').
    A name that differs only by capitals says so; otherwise the closest by difflib over the
    bare file names and over the relative paths (both without their extension, which would
    make every '.jpg' look alike); failing that, the files of a small folder.

    A file whose name is the requested one with its accents spelt otherwise (kiosk/content/
    file_names.py) is never offered: it looks identical, so retyping could not help, and
    whoever looks a name up finds such a file anyway."""
    wanted = PurePosixPath(requested)
    files = [name for name in files if not same_name(name, requested)]
    by_lower = {_folded(name): name for name in files}
    same_but_case = by_lower.get(_folded(requested))
    if same_but_case is not None:
        return f"; did you mean '{same_but_case}'? Capitals count: write the name exactly"
    best = _closest(requested, files)
    if best is not None:
        return f"; did you mean '{best}'?"
    folder = str(wanted.parent)
    if folder == ".":
        return _listing(files, "", folder_label)
    folders = {str(PurePosixPath(name).parent) for name in files}
    if folder in folders:
        return _listing(files, folder, folder_label)
    return f"; there is no folder '{folder}'{did_you_mean(folder, folders)}"


def _closest(requested: str, files: Sequence[str]) -> str | None:
    """The file whose name is closest; among names alike, the one whose whole path is (the
    same photo in another folder, a folder misspelt). Names must be close on their own: two
    paths in one folder always look alike."""
    wanted = PurePosixPath(_folded(requested))
    by_stem = difflib.SequenceMatcher(b=wanted.stem)
    by_path = difflib.SequenceMatcher(b=str(wanted.with_suffix("")))
    best: tuple[float, float, str] | None = None
    for name in files:
        path = PurePosixPath(_folded(name))
        score = _ratio(by_stem, path.stem)
        if score < CUTOFF:
            continue
        by_path.set_seq1(str(path.with_suffix("")))
        candidate = (score, by_path.ratio(), name)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def _folded(name: str) -> str:
    """A name compared without its capitals, its accents spelt one way (composed)."""
    return unicodedata.normalize("NFC", name).lower()


def _ratio(matcher: difflib.SequenceMatcher, text: str) -> float:
    """difflib's ratio, skipping the costly part when the cheap bounds already fall short."""
    matcher.set_seq1(text)
    if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
        return 0.0
    return matcher.ratio()


def _listing(files: Sequence[str], folder: str, folder_label: str) -> str:
    prefix = f"{folder}/" if folder else ""
    names = [
        name[len(prefix) :]
        for name in files
        if name.startswith(prefix) and "/" not in name[len(prefix) :]
    ]
    if not names or len(names) > MAX_LISTED:
        return "; check the spelling and the folder"
    return f"; {folder_label}{prefix} holds: {', '.join(names)}"


def slug(text: str) -> str:
    """A slide id made from `text`: 'Le Pont Neuf' -> 'le-pont-neuf' (ASCII letters only)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words)
