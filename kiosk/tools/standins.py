"""Stand-in images for slides whose photograph the museum has not supplied yet.

The decks in `slides/` point at images under `media/` before any scan exists. Rather than
leave holes (which the kiosk would have to show as errors), this module draws a placeholder
for every missing image: a flat, muted archival card that says loudly that it is a stand-in
and names the slide it stands for, so a curator walking past the kiosk knows which photograph
is still owed and under which file name to drop it.

It also draws the base map of a `kind: map` slide when it is missing: a stand-in map of the
Drôme with a grey dot at each place of slides/places.yaml, and beside it the reference points
file the kiosk needs to place markers on it (kiosk/tools/standin_map.py).

Run it from the exhibition folder:

    kiosk standins [--media DIR] [--slides DIR] [--places FILE] [--force]

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
from kiosk.tools.standin_map import DROME, MapNeed, MapPlace, read_places, sidecar_text
from kiosk.tools.standin_map import is_stand_in_sidecar as is_ours
from kiosk.tools.standin_map_drawing import draw_map
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


@dataclass
class DeckNeeds:
    """What a deck names that may be missing from media/: photos (of slides and of timeline
    or map events) and base maps."""

    photos: list[StandIn]
    maps: list[MapNeed]


def read_deck(path: Path) -> DeckNeeds:
    """The stand-ins a deck may need; malformed decks raise ValueError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise ValueError(f"{path}: not a deck (no `slides` list)")
    title = pick_text(data.get("title")) or path.stem
    needs = DeckNeeds([], [])
    for number, slide in enumerate(data["slides"], start=1):
        if not isinstance(slide, dict):
            continue
        slide_id = str(slide.get("id") or f"{path.stem}-{number}")
        if isinstance(slide.get("image"), str):
            subject = subject_of(slide.get("caption"))
            needs.photos.append(StandIn(PurePosixPath(slide["image"]), slide_id, title, subject))
        needs.photos.extend(event_photos(slide, slide_id, title))
        if slide.get("kind") == "map" and isinstance(slide.get("map"), str):
            needs.maps.append(MapNeed(PurePosixPath(slide["map"]), slide_id))
    return needs


def event_photos(panel: dict, panel_id: str, title: str) -> Iterator[StandIn]:
    """One StandIn per event of a timeline or map that names an image, known on the card by
    the panel's id and the event's date."""
    events = panel.get("events")
    if panel.get("kind") not in ("timeline", "map") or not isinstance(events, list):
        return
    for event in events:
        if isinstance(event, dict) and isinstance(event.get("image"), str):
            name = f"{panel_id} {event.get('date', '')}".strip()
            subject = subject_of(event.get("caption"))
            yield StandIn(PurePosixPath(event["image"]), name, title, subject)


def is_safe(image: PurePosixPath) -> bool:
    """Refuse absolute paths and `..`: a deck must not make us write outside media/."""
    return bool(image.parts) and not image.is_absolute() and ".." not in image.parts


def write_image(
    image: Image.Image, target: Path, slide_id: str | None = None, owed: str = "photograph"
) -> None:
    """Write the image with its stand-in mark (kiosk/tools/standin_mark.py), through a
    temporary file so the kiosk never shows a half-written image."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = FORMATS[target.suffix.lower()]
    options = JPEG_OPTIONS if fmt == "JPEG" else {"optimize": True}
    encoded = io.BytesIO()
    image.save(encoded, fmt, **options)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(add_mark(encoded.getvalue(), mark_text(slide_id, owed)))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def generate(
    slides_dir: Path, media_dir: Path, force: bool = False, places_file: Path | None = None
) -> Summary:
    """Create the missing stand-ins (all of them with `force`) for every deck in slides_dir:
    photos, and base maps with the places of `places_file` (default slides_dir/places.yaml),
    which is no deck."""
    places_file = places_file or slides_dir / "places.yaml"
    summary = Summary()
    decks = [deck for deck in sorted(slides_dir.glob("*.yaml")) if not _same(deck, places_file)]
    if not decks:
        print(f"no decks found in {slides_dir}", file=sys.stderr)
        summary.problems += 1
    needs: list[tuple[Path, DeckNeeds]] = []
    for deck in decks:
        try:
            needs.append((deck, read_deck(deck)))
        except ValueError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            summary.problems += 1
    maps = {need.image: need for _, deck_needs in needs for need in deck_needs.maps}
    draw_maps(list(maps.values()), media_dir, places_file, force, summary)
    seen = set(maps)  # a base map shown as a photo too stays the map
    for deck, deck_needs in needs:
        for stand_in in deck_needs.photos:
            if stand_in.image not in seen:
                seen.add(stand_in.image)
                draw_photo(deck, stand_in, media_dir, force, summary)
    return summary


def _same(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def draw_photo(
    deck: Path, stand_in: StandIn, media_dir: Path, force: bool, summary: Summary
) -> None:
    """Draw one stand-in photo unless its file is there (or the path is unsafe)."""
    if not is_safe(stand_in.image) or stand_in.image.suffix.lower() not in FORMATS:
        print(
            f"skipped: {deck.name}: {stand_in.slide_id}: cannot make a stand-in "
            f"for image path {str(stand_in.image)!r}",
            file=sys.stderr,
        )
        summary.problems += 1
        return
    target = as_on_disk(media_dir.joinpath(*stand_in.image.parts))  # é or e + accent
    if target.exists() and not force:
        summary.kept += 1
        return
    image = render(stand_in)
    write_image(image, target, stand_in.slide_id)
    summary.written += 1
    kib = target.stat().st_size / 1024
    print(f"wrote {target} ({image.width}x{image.height}, {kib:.0f} KiB)")


def draw_maps(
    maps: list[MapNeed], media_dir: Path, places_file: Path, force: bool, summary: Summary
) -> None:
    """Draw the stand-in map, with its reference points file, for each base map missing."""
    missing = []
    for need in maps:
        target = as_on_disk(media_dir.joinpath(*need.image.parts)) if is_safe(need.image) else None
        if target is None or need.image.suffix.lower() not in FORMATS:
            print(
                f"skipped: {need.panel_id}: cannot draw a map for {str(need.image)!r}",
                file=sys.stderr,
            )
            summary.problems += 1
        elif target.exists() and not force:
            summary.kept += 1
        else:
            missing.append((need, target))
    if not missing:
        return
    try:
        places = read_places(places_file)
    except ValueError as exc:
        print(f"the stand-in map shows no towns: {exc}", file=sys.stderr)
        summary.problems += 1
        places = []
    for need, target in missing:
        draw_map_file(need, target, places, summary)


def draw_map_file(need: MapNeed, target: Path, places: list[MapPlace], summary: Summary) -> None:
    """The stand-in map at `target` and its reference points beside it, unless a curator's
    reference points are already there (they belong to the real map on its way)."""
    sidecar = target.with_suffix(".yaml")
    if sidecar.exists() and not is_ours(sidecar, DROME, target.name):
        print(
            f"skipped: {need.panel_id}: {sidecar} holds reference points that are not the "
            f"stand-in map's; drop the real map in as {target}, or remove {sidecar.name} "
            "to get the stand-in map",
            file=sys.stderr,
        )
        summary.problems += 1
        return
    image = draw_map(DROME, places, str(need.image))
    write_image(image, target, need.panel_id, owed="map")
    write_text(sidecar, sidecar_text(DROME, target.name))
    summary.written += 1
    kib = target.stat().st_size / 1024
    print(f"wrote {target} ({image.width}x{image.height}, {kib:.0f} KiB) and {sidecar.name}")


def write_text(target: Path, text: str) -> None:
    """Write a text file through a temporary one, as write_image does."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
