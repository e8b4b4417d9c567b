"""Stand-in images for slides whose photograph the museum has not supplied yet.

The decks in `slides/` point at images under `media/` before any scan exists. Rather than
leave holes (which the kiosk would have to show as errors), this module draws a placeholder
for every missing image: a flat, muted archival card that says loudly that it is a stand-in
and names the slide it stands for, so a curator walking past the kiosk knows which photograph
is still owed and under which file name to drop it.

Run it from the exhibition folder:

    kiosk standins [--media DIR] [--slides DIR] [--force]

Existing files are never overwritten unless `--force` is given, because a file with the
expected name may well be the real scan a curator has just dropped in.

Only Pillow, PyYAML and the standard library are used, so the tool runs on a machine that
has no display; of the rest of the kiosk package it needs only modules that use the standard
library alone: kiosk/content/file_names.py, so that a photo whose name the disk spells with
decomposed accents (as from a Mac) is found like the show finds it, and the stand-in mark
(kiosk/tools/standin_mark.py). The drawing is in kiosk/tools/standin_drawing.py.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from PIL import Image

from kiosk.content.file_names import as_on_disk
from kiosk.tools.standin_drawing import StandIn, render
from kiosk.tools.standin_mark import add_mark, mark_text

SUBJECT_WORDS = 12
"""How many words of the caption name the subject: enough to recognise the slide."""

JPEG_OPTIONS = {"quality": 80, "optimize": True}
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@dataclass
class Summary:
    """Counts for the closing line, and whether anything went wrong (for the exit status)."""

    written: int = 0
    kept: int = 0
    problems: int = 0


def pick_text(value: object, language: str = "fr") -> str:
    """Return the wanted language of a plain string or an fr/en mapping, else any language."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        preferred = value.get(language)
        if isinstance(preferred, str):
            return preferred
        for text in value.values():
            if isinstance(text, str):
                return text
    return ""


def subject_of(caption: object) -> str:
    """The first words of the French caption: enough to tell which photograph is owed."""
    words = pick_text(caption).split()
    if len(words) <= SUBJECT_WORDS:
        return " ".join(words)
    return " ".join(words[:SUBJECT_WORDS]).rstrip(",;:.") + " …"


def read_deck(path: Path) -> Iterator[StandIn]:
    """Yield one StandIn per slide with an image; malformed decks raise ValueError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise ValueError(f"{path}: not a deck (no `slides` list)")
    title = pick_text(data.get("title")) or path.stem
    for number, slide in enumerate(data["slides"], start=1):
        if not isinstance(slide, dict) or not isinstance(slide.get("image"), str):
            continue
        slide_id = str(slide.get("id") or f"{path.stem}-{number}")
        yield StandIn(
            PurePosixPath(slide["image"]), slide_id, title, subject_of(slide.get("caption"))
        )


def is_safe(image: PurePosixPath) -> bool:
    """Refuse absolute paths and `..`: a deck must not make us write outside media/."""
    return bool(image.parts) and not image.is_absolute() and ".." not in image.parts


def write_image(image: Image.Image, target: Path, slide_id: str | None = None) -> None:
    """Write the image with its stand-in mark (kiosk/tools/standin_mark.py), through a
    temporary file so the kiosk never shows a half-written image."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = FORMATS[target.suffix.lower()]
    options = JPEG_OPTIONS if fmt == "JPEG" else {"optimize": True}
    encoded = io.BytesIO()
    image.save(encoded, fmt, **options)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(add_mark(encoded.getvalue(), mark_text(slide_id)))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def generate(slides_dir: Path, media_dir: Path, force: bool = False) -> Summary:
    """Create the missing stand-ins (all of them with `force`) for every deck in slides_dir."""
    summary = Summary()
    seen: set[PurePosixPath] = set()
    decks = sorted(slides_dir.glob("*.yaml"))
    if not decks:
        print(f"no decks found in {slides_dir}", file=sys.stderr)
        summary.problems += 1
    for deck in decks:
        try:
            stand_ins = list(read_deck(deck))
        except ValueError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            summary.problems += 1
            continue
        for stand_in in stand_ins:
            if stand_in.image in seen:
                continue
            seen.add(stand_in.image)
            if not is_safe(stand_in.image) or stand_in.image.suffix.lower() not in FORMATS:
                print(
                    f"skipped: {deck.name}: {stand_in.slide_id}: cannot make a stand-in "
                    f"for image path {str(stand_in.image)!r}",
                    file=sys.stderr,
                )
                summary.problems += 1
                continue
            target = as_on_disk(media_dir.joinpath(*stand_in.image.parts))  # é or e + accent
            if target.exists() and not force:
                summary.kept += 1
                continue
            image = render(stand_in)
            write_image(image, target, stand_in.slide_id)
            summary.written += 1
            kib = target.stat().st_size / 1024
            print(f"wrote {target} ({image.width}x{image.height}, {kib:.0f} KiB)")
    return summary
