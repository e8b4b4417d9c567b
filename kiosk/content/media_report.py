"""What is left to do with the exhibition's photos: `kiosk media`'s report, and the one line
`kiosk validate` gives about stand-ins.

Which slides still show a stand-in, which files in media/ no slide uses, which names differ
only by capitals or extension (one of them is likely a mistake), which photos the show cannot
decode or would blow up, and how much room it all takes. The photos themselves are read by the
edges, given here as functions (a `PhotoSizer`, a `StandInCheck`), so this module needs no
imaging library.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.content.advice import PhotoSizer, much_smaller
from kiosk.content.hints import list_files
from kiosk.content.map_reader import sidecar_of
from kiosk.content.problems import Problem, info
from kiosk.show.deck import Deck, Mark, Slide
from kiosk.show.events import Panel

StandInCheck = Callable[[Path], bool]
"""Whether a photo is a stand-in the generator drew (kiosk.tools.standin_mark.is_stand_in)."""


@dataclass(frozen=True)
class MediaFile:
    """A file in media/: its path there, with '/', and its size in bytes."""

    name: str
    size: int


@dataclass(frozen=True)
class PhotoUse:
    """A slide and the photo it shows, named relative to media/."""

    deck: Path
    slide: Slide
    name: str

    @property
    def where(self) -> Mark:
        return picture_named_at(self.slide)


def picture_named_at(slide: Slide) -> Mark:
    """Where a slide's picture is named: a map's own entry for its steps, else the slide."""
    panel = slide.panel
    if panel is not None and panel.base_map is not None and panel.where is not None:
        return panel.where
    return slide.where


@dataclass(frozen=True)
class MediaReport:
    uses: tuple[PhotoUse, ...]
    stand_ins: tuple[PhotoUse, ...]
    unused: tuple[MediaFile, ...]
    look_alikes: tuple[tuple[str, ...], ...]
    """Groups of files whose names differ only by capitals, extension or accent spelling."""
    undecodable: tuple[tuple[PhotoUse, str], ...]
    """Each with why the show cannot show it, in words that complete "the photo ..."."""
    small: tuple[tuple[PhotoUse, tuple[int, int]], ...]
    files: tuple[MediaFile, ...]

    @property
    def total_bytes(self) -> int:
        return sum(file.size for file in self.files)

    @property
    def used_files(self) -> tuple[MediaFile, ...]:
        unused = set(self.unused)
        return tuple(file for file in self.files if file not in unused)


def media_files(media_root: Path) -> list[MediaFile]:
    """Every file in media/ but hidden ones, with its size (0 when it cannot be read)."""
    found = []
    for name in list_files(media_root):
        try:
            size = (media_root / name).stat().st_size
        except (OSError, ValueError):
            size = 0
        found.append(MediaFile(name, size))
    return found


def photo_uses(decks: Iterable[Deck], media_root: Path) -> list[PhotoUse]:
    """Every slide with its photo's name under media/, in play order."""
    return [
        PhotoUse(deck.path, slide, media_name(image, media_root))
        for deck, slide, image in shown_images(decks)
    ]


def shown_images(decks: Iterable[Deck]) -> list[tuple[Deck, Slide, Path]]:
    """Each slide with the picture it shows, in play order: a timeline's step without a
    photo is left out, and a map's steps, which all show the map, count once."""
    found: dict[tuple[Path, str, Path], tuple[Deck, Slide, Path]] = {}
    for deck in decks:
        for slide in deck.slides:
            if slide.image is not None:
                found.setdefault((deck.path, slide.id, slide.image), (deck, slide, slide.image))
    return list(found.values())


def media_name(path: Path, media_root: Path) -> str:
    """A path under media/ as the decks write it: 'town/bridge.jpg'."""
    try:
        return path.relative_to(media_root).as_posix()
    except ValueError:
        return path.as_posix()


def stand_in_note(decks: Sequence[Deck], is_stand_in: StandInCheck) -> Problem | None:
    """For `kiosk validate`: how many slides still show a stand-in, as information placed at
    the first of them; None when every slide shows its photograph."""
    slides = [slide for _, slide, image in shown_images(decks) if is_stand_in(image)]
    if not slides:
        return None
    many = len(slides) != 1
    count = f"{len(slides)} slides still show" if many else "1 slide still shows"
    first = ", the first here" if many else ", this one"
    return info(
        picture_named_at(slides[0]), f"{count} a stand-in image{first}: kiosk media lists them"
    )


def media_report(
    decks: Sequence[Deck],
    media_root: Path,
    files: Sequence[MediaFile],
    photo_size: PhotoSizer,
    is_stand_in: StandInCheck,
    screen: tuple[int, int],
) -> MediaReport:
    """The report over the slides of `decks` and the `files` found in media/."""
    uses = photo_uses(decks, media_root)
    used = {use.name for use in uses} | _sound_names(decks, media_root)
    sidecars = _sidecar_names(decks, media_root)
    used |= sidecars | _event_photo_names(decks, media_root)
    looks: dict[Path | None, tuple[int, int] | str] = {}
    stand_in: dict[Path | None, bool] = {}
    for use in uses:  # each shows a picture: slide.image is never None here
        if use.slide.image not in looks and use.slide.image is not None:
            looks[use.slide.image] = photo_size(use.slide.image)
            stand_in[use.slide.image] = is_stand_in(use.slide.image)
    sizes = [(use, looks[use.slide.image]) for use in uses]
    return MediaReport(
        uses=tuple(uses),
        stand_ins=tuple(use for use in uses if stand_in[use.slide.image]),
        unused=tuple(file for file in files if file.name not in used),
        look_alikes=look_alikes(file.name for file in files if file.name not in sidecars),
        undecodable=tuple((use, size) for use, size in sizes if isinstance(size, str)),
        small=tuple(
            (use, size)
            for use, size in sizes
            if not isinstance(size, str) and much_smaller(size, screen)
        ),
        files=tuple(files),
    )


def _sound_names(decks: Iterable[Deck], media_root: Path) -> set[str]:
    """The recordings the slides play: files in media/ that are used, though not photos."""
    return {
        media_name(override.audio, media_root)
        for deck in decks
        for slide in deck.slides
        for _, override in slide.narration
        if override.audio is not None
    }


def _panels(decks: Iterable[Deck]) -> list[Panel]:
    return list(dict.fromkeys(s.panel for deck in decks for s in deck.slides if s.panel))


def _sidecar_names(decks: Iterable[Deck], media_root: Path) -> set[str]:
    """The maps' reference points files: used, though no slide shows them."""
    return {
        media_name(sidecar_of(panel.base_map.image), media_root)
        for panel in _panels(decks)
        if panel.base_map is not None
    }


def _event_photo_names(decks: Iterable[Deck], media_root: Path) -> set[str]:
    """The photos of events, used even by a map, which shows the event by its place."""
    return {
        media_name(event.image, media_root)
        for panel in _panels(decks)
        for event in panel.events
        if event.image is not None
    }


def look_alikes(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of names that differ only by capitals, by extension, or by how their accents
    are spelt: 'bridge.jpg' and 'Bridge.JPG', 'bridge.jpg' and 'bridge.png'."""
    groups: dict[str, list[str]] = {}
    for name in names:
        path = PurePosixPath(name)
        key = unicodedata.normalize("NFC", f"{path.parent}/{path.stem}").casefold()
        groups.setdefault(key, []).append(name)
    return tuple(tuple(group) for group in groups.values() if len(group) > 1)
