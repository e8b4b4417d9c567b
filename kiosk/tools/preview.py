"""`kiosk preview`: every slide as the kiosk shows it, and a contact sheet per deck, as PNG files.

No screen is needed, so curators can check layouts on an office PC before a deck goes live.
SDL's dummy video driver stands in for a display (unless the caller chose a driver), and only
so that `Surface.convert()` works: slides are drawn into an off-screen surface of the preview
size. They are drawn by the renderer's own code (`Renderer.compose_still`), from photos decoded
by the kiosk's own `PhotoCache` at the size the show decodes them, with the on-screen buttons
as the attract loop shows them, so a preview is what a visitor would see, to the pixel.

Files, for each deck (named after its file, `livron.yaml` -> `livron`) and each language:

    OUT/<deck>/<NN>-<slide-id>-<lang>.png   one per slide, NN its place in the deck (01, 02 …)
    OUT/<deck>-contact-<lang>.png           the contact sheet

A contact sheet shows every slide of the deck as a thumbnail, numbered, with its id and its
duration, and under it the warnings that concern it in an orange ink: a missing translation,
a caption too long to fit, a photo that cannot be shown. At the bottom, the deck file's every
problem as `kiosk validate` reports it: errors (in red) are slides, or a whole deck, that the
kiosk leaves out and that therefore have no thumbnail. The sheet is drawn in
kiosk/tools/contact_sheet.py.

With a proofreading sheet asked for, each slide is also kept as a small JPEG in one language
(`DeckPreview.pictures`), for kiosk/tools/proof_sheet.py to embed in one HTML page; with no
`out` folder, only that language is drawn and no PNG file is written.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pygame

from kiosk.content.caption_fit import caption_fit_warnings
from kiosk.content.caption_glyphs import undrawable_warnings
from kiosk.content.config import Config
from kiosk.content.exhibition import Exhibition
from kiosk.content.problems import Problem, sorted_problems, warning
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache, PhotoFailure
from kiosk.screen.renderer import Renderer
from kiosk.show.deck import Deck, Mark, Slide
from kiosk.show.layout import usual_photo_area
from kiosk.tools.contact_sheet import ContactSheet, Tile, shown_path, thumbnail_size, warning_sign
from kiosk.tools.preview_files import (
    SHEET_PICTURE_WIDTH,
    jpeg_thumbnail,
    remove_stale,
    save_png,
    unique_name,
)
from kiosk.tools.proof_sheet import SlidePicture

PHOTO_TIMEOUT_SECONDS = 60.0
PHOTO_POLL_SECONDS = 0.002


@dataclass
class DeckPreview:
    """What was made for one deck file, and what is wrong with it."""

    name: str
    path: Path
    deck: Deck | None
    problems: list[Problem]
    images: list[Path] = field(default_factory=list)
    sheets: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    pictures: list[SlidePicture] = field(default_factory=list)
    """The slides for the proofreading sheet, when one was asked for."""

    @property
    def has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems)


@contextmanager
def offscreen() -> Iterator[None]:
    """A display that `Surface.convert()` can use, and no window: SDL's dummy driver unless
    the caller set SDL_VIDEODRIVER, and a hidden 1x1 mode. pygame.error if SDL cannot start."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    started = not pygame.display.get_init()
    if started:
        pygame.display.init()
    try:
        if pygame.display.get_surface() is None:
            pygame.display.set_mode((1, 1), pygame.HIDDEN)
        yield
    finally:
        if started:
            pygame.display.quit()


def preview_exhibition(
    exhibition: Exhibition,
    deck_paths: Sequence[Path],
    out: Path | None,
    size: tuple[int, int],
    languages: Sequence[str],
    sheet_language: str | None = None,
) -> list[DeckPreview]:
    """Write the slides and contact sheets of each deck file into `out` (unless None), and
    keep each slide's picture in `sheet_language` (when given) for the proofreading sheet;
    one report per file, in order.

    Call inside `offscreen()`. Raises OSError if `out` cannot be written."""
    config = exhibition.config
    previewer = SlidePreviewer(config, size)
    sized = replace(exhibition, config=replace(config, window_size=size))
    too_long = caption_fit_warnings(sized, previewer.fonts.measure, previewer.fonts.measure_bold)
    undrawable = undrawable_warnings(exhibition, previewer.fonts.missing)
    problems = [*exhibition.problems, *too_long, *undrawable]
    too_long_at = slides_concerned(exhibition.decks, too_long)
    reports = []
    names: set[str] = set()
    try:
        for path in deck_paths:
            deck = next((deck for deck in exhibition.decks if deck.path == path), None)
            own = [problem for problem in problems if problem.where.file == str(path)]
            report = DeckPreview(unique_name(path.stem, names), path, deck, own)
            previewer.preview_deck(report, out, languages, too_long_at, sheet_language)
            reports.append(report)
    finally:
        previewer.close()
    return reports


def slides_concerned(decks: Sequence[Deck], problems: Sequence[Problem]) -> set[Mark]:
    """The start of the slide each problem lies in: the last slide of its file that starts at
    or before it. Right whether a problem points at a slide or at a value inside it."""
    starts = sorted(slide.where for deck in decks for slide in deck.slides)
    concerned = set()
    for problem in problems:
        before = [m for m in starts if m.file == problem.where.file and m <= problem.where]
        if before:
            concerned.add(before[-1])
    return concerned


def other_problems(exhibition: Exhibition, deck_paths: Sequence[Path]) -> list[Problem]:
    """Problems that belong to no deck file given: the config's own."""
    files = {str(path) for path in deck_paths}
    return [problem for problem in exhibition.problems if problem.where.file not in files]


class SlidePreviewer:
    """The kiosk's renderer and photo cache, drawing into a surface of the preview size."""

    def __init__(self, config: Config, size: tuple[int, int]) -> None:
        self.config = config
        self.size = size
        self.fonts = Fonts()
        # as the show decodes photos
        area = usual_photo_area(*size, config.languages, config.screen, self.fonts.measure_bold)
        self.photos = PhotoCache((area.w, area.h))
        self.renderer = Renderer(
            pygame.Surface(size).convert(),
            self.fonts,
            self.photos,
            config.languages,
            config.default_language,
            config.transition_seconds,
            spec=config.screen,
        )
        self.sheets = ContactSheet(self.fonts, config, size)
        self.sign = warning_sign(self.fonts)

    def close(self) -> None:
        self.photos.close()

    def photo(self, path: Path | None) -> pygame.Surface | PhotoFailure | None:
        """Wait for the photo as the show would get it, decoded in the cache's worker; None
        for a slide without one (a timeline event): nothing to wait for."""
        if path is None:
            return None
        deadline = time.monotonic() + PHOTO_TIMEOUT_SECONDS
        while (photo := self.photos.get(path)) is None:
            if time.monotonic() > deadline:
                return PhotoFailure(path, f"took over {PHOTO_TIMEOUT_SECONDS:.0f} s to decode")
            time.sleep(PHOTO_POLL_SECONDS)
        return photo

    def slide(
        self, deck: Deck, slide: Slide, lang: str, photo: pygame.Surface | PhotoFailure | None
    ) -> pygame.Surface:
        """The screen showing `slide` in `lang` in the attract loop: nothing held, narration
        buttons as the config starts them."""
        narration_on = self.config.narration.loop_narrates()
        return self.renderer.compose_still(deck, slide, lang, photo, narration_on=narration_on)

    def preview_deck(
        self,
        report: DeckPreview,
        out: Path | None,
        languages: Sequence[str],
        too_long_at: set[Mark],
        sheet_language: str | None = None,
    ) -> None:
        """The deck's slide PNGs and contact sheets in `out` (unless None), and its pictures
        for the proofreading sheet in `sheet_language` (when given)."""
        slides = len(report.deck.slides) if report.deck is not None else 0
        files = None if out is None else SlideFiles(out / report.name, languages, slides)
        if report.deck is not None:
            self.draw_slides(report, report.deck, too_long_at, files, sheet_language)
        report.problems = sorted_problems(report.problems)
        if files is None or out is None:
            return
        report.removed = remove_stale(files.folder, report.images, languages)
        for lang in languages:
            tiles = files.tiles[lang]
            sheet = self.sheets.draw(report.deck, report.path, report.problems, lang, tiles)
            path = out / f"{report.name}-contact-{lang}.png"
            out.mkdir(parents=True, exist_ok=True)
            save_png(sheet, path)
            report.sheets.append(path)

    def draw_slides(
        self,
        report: DeckPreview,
        deck: Deck,
        too_long_at: set[Mark],
        files: SlideFiles | None,
        sheet_language: str | None,
    ) -> None:
        """Draw each slide in the languages asked for: into `files`, and into a picture for
        the proofreading sheet in `sheet_language`."""
        languages = list(files.tiles) if files is not None else []
        if sheet_language is not None and sheet_language not in languages:
            languages.append(sheet_language)
        for index, slide in enumerate(deck.slides):
            photo = self.photo(slide.image)
            upcoming = deck.slides[index + 1].image if index + 1 < len(deck.slides) else None
            if upcoming is not None:
                self.photos.request(upcoming)  # decodes while we draw
            notes = self.notes(slide, photo, too_long_at)
            if isinstance(photo, PhotoFailure):
                name = shown_path(photo.path, self.config, self.config.media_root)
                message = f"photo '{name}' {photo.reason}; the slide shows without it"
                report.problems.append(warning(slide.where, message))
            for lang in languages:
                screen = self.slide(deck, slide, lang, photo)  # the same surface each time
                if files is not None:
                    tags = tuple(f"{self.sign} {note}" for note in notes)
                    report.images.append(files.keep(screen, index, slide, lang, tags))
                if lang == sheet_language:
                    jpeg, size = jpeg_thumbnail(screen, SHEET_PICTURE_WIDTH)
                    report.pictures.append(SlidePicture(index + 1, slide, notes, lang, jpeg, size))

    def tags(
        self, slide: Slide, photo: pygame.Surface | PhotoFailure | None, too_long_at: set[Mark]
    ) -> tuple[str, ...]:
        """Short warnings for a thumbnail, the same on every language's sheet."""
        return tuple(f"{self.sign} {note}" for note in self.notes(slide, photo, too_long_at))

    def notes(
        self, slide: Slide, photo: pygame.Surface | PhotoFailure | None, too_long_at: set[Mark]
    ) -> tuple[str, ...]:
        """What needs a look on this slide, in a few words each."""
        notes = [
            f"no {lang.upper()} text"
            for lang in self.config.languages
            if slide.caption.get(lang) is None
        ]
        if slide.where in too_long_at:
            notes.append("caption too long")
        if isinstance(photo, PhotoFailure):
            notes.append("photo unavailable")
        return tuple(notes)


class SlideFiles:
    """One deck's slide PNGs, in its folder, and the thumbnails for its contact sheets."""

    def __init__(self, folder: Path, languages: Sequence[str], slides: int) -> None:
        self.folder = folder
        self.tiles: dict[str, list[Tile]] = {lang: [] for lang in languages}
        self.digits = max(2, len(str(slides)))  # 01, 02 … so that files sort in order

    def keep(
        self, screen: pygame.Surface, index: int, slide: Slide, lang: str, tags: tuple[str, ...]
    ) -> Path:
        """Save the slide's screen in `lang`, and add its thumbnail to that contact sheet."""
        path = self.folder / f"{index + 1:0{self.digits}d}-{slide.id}-{lang}.png"
        self.folder.mkdir(parents=True, exist_ok=True)
        save_png(screen, path)
        thumb = pygame.transform.smoothscale(screen, thumbnail_size(screen.get_size()))
        label = f"{index + 1} · {slide.id} · {slide.duration:g} s"
        self.tiles[lang].append(Tile(thumb, label, tags))
        return path
