"""A deck's contact sheet: every slide as a numbered thumbnail, and the deck file's problems.

Each thumbnail has its slide's number, id and duration under it, and the warnings that concern
the slide in an orange ink, so a curator sees at a glance which slide needs a look. At the
bottom, every problem of the deck file as `kiosk validate` reports it: errors (in red) are
slides, or a whole deck, that the kiosk leaves out and that therefore have no thumbnail.

The geometry is pure functions of the screen size, so tests can find each thumbnail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from kiosk.content.config import Config
from kiosk.content.problems import Problem, count
from kiosk.screen.fonts import Fonts
from kiosk.show import theme
from kiosk.show.deck import Deck
from kiosk.show.layout import Rect, line_height, wrap_text

# In pixels: four thumbnails a row, each a quarter of 1920 wide.
THUMB_WIDTH = 480
COLUMNS = 4
MARGIN = 32
GAP = 28
HEADING_SIZE = 34
TEXT_SIZE = 22
TAG_SIZE = 20
TAG_LINES = 3
BORDER = 3
SHEET_WIDTH = 2 * MARGIN + COLUMNS * THUMB_WIDTH + (COLUMNS - 1) * GAP

# On the sheet's background (theme.BACKGROUND), both are above 7:1, like the kiosk's own text.
WARNING_INK: theme.Colour = (255, 160, 60)
ERROR_INK: theme.Colour = (255, 125, 125)
WARNING_SIGN = "⚠"


@dataclass(frozen=True)
class Tile:
    """One slide on a contact sheet."""

    thumb: pygame.Surface
    label: str
    tags: tuple[str, ...]


def warning_sign(fonts: Fonts) -> str:
    """The sign that starts a tag: '⚠' where the kiosk's fonts have it, else '!'."""
    return "!" if fonts.missing(WARNING_SIGN) else WARNING_SIGN


class ContactSheet:
    """Draws the contact sheets of one preview, for screens of `size`."""

    def __init__(self, fonts: Fonts, config: Config, size: tuple[int, int]) -> None:
        self.fonts = fonts
        self.config = config
        self.size = size

    def draw(
        self,
        deck: Deck | None,
        deck_path: Path,
        problems: list[Problem],
        lang: str,
        tiles: list[Tile],
    ) -> pygame.Surface:
        """The sheet of one deck file in `lang`; `deck` is None when none of it can play."""
        heading, summary, summary_ink = self.heading(deck, deck_path, lang)
        notes = self.problem_lines(problems, whole_deck=deck is None)
        rows = -(-len(tiles) // COLUMNS)
        notes_top = grid_top() + rows * tile_pitch(self.size)
        height = notes_top + len(notes) * line_height(TEXT_SIZE) + MARGIN
        sheet = pygame.Surface((SHEET_WIDTH, height)).convert()
        sheet.fill(theme.BACKGROUND)
        text = self.fonts.render
        sheet.blit(text(heading, HEADING_SIZE, theme.TITLE), (MARGIN, MARGIN))
        sheet.blit(text(summary, TEXT_SIZE, summary_ink), (MARGIN, summary_top()))
        for index, tile in enumerate(tiles):
            self.draw_tile(sheet, index, tile)
        for index, (line, ink) in enumerate(notes):
            y = notes_top + index * line_height(TEXT_SIZE)
            sheet.blit(text(line, TEXT_SIZE, ink), (MARGIN, y))
        return sheet

    def heading(
        self, deck: Deck | None, deck_path: Path, lang: str
    ) -> tuple[str, str, theme.Colour]:
        """The sheet's title, and the line under it: what the deck is, or that it cannot play."""
        if deck is None:
            summary = "This deck cannot be shown: the kiosk leaves it out (see below)"
            return deck_path.stem, summary, ERROR_INK
        title = deck.title.in_language(lang, self.config.default_language)[0]
        total = sum(slide.duration for slide in deck.slides)
        summary = " · ".join(
            (
                shown_path(deck_path, self.config),
                lang.upper(),
                "x".join(map(str, self.size)),
                count(len(deck.slides), "slide"),
                _minutes(total),
            )
        )
        return title, summary, theme.SECONDARY

    def draw_tile(self, sheet: pygame.Surface, index: int, tile: Tile) -> None:
        thumb, below = tile_boxes(index, self.size)
        border, ink = (BORDER, WARNING_INK) if tile.tags else (1, theme.BUTTON_BORDER)
        frame = pygame.Rect(thumb.x, thumb.y, thumb.w, thumb.h).inflate(2 * border, 2 * border)
        sheet.fill(ink, frame)
        sheet.blit(tile.thumb, (thumb.x, thumb.y))
        label = self.fonts.render(tile.label, TEXT_SIZE, theme.CAPTION)
        sheet.blit(label, (below.x, below.y), (0, 0, below.w, label.get_height()))
        top = below.y + line_height(TEXT_SIZE)
        for number, line in enumerate(self.pack(tile.tags, below.w)):
            rendered = self.fonts.render(line, TAG_SIZE, WARNING_INK)
            y = top + number * line_height(TAG_SIZE)
            sheet.blit(rendered, (below.x, y), (0, 0, below.w, rendered.get_height()))

    def pack(self, tags: tuple[str, ...], width: int) -> list[str]:
        """Tags side by side as room allows, on at most TAG_LINES lines."""
        lines: list[str] = []
        for tag in tags:
            joined = f"{lines[-1]}   {tag}" if lines else tag
            if lines and self.fonts.measure(joined, TAG_SIZE) <= width:
                lines[-1] = joined
            elif len(lines) < TAG_LINES:
                lines.append(tag)
            else:
                lines[-1] = f"{lines[-1]} …"
                break
        return lines

    def problem_lines(
        self, problems: list[Problem], whole_deck: bool
    ) -> list[tuple[str, theme.Colour]]:
        """The bottom of a sheet: the deck file's problems, wrapped to the sheet's width."""
        width = SHEET_WIDTH - 2 * MARGIN
        if not problems:
            return [("", theme.SECONDARY), ("No errors, no warnings.", theme.SECONDARY)]
        errors = sum(problem.is_error for problem in problems)
        heading = (
            f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')} "
            "in this file, as kiosk validate reports them."
        )
        if whole_deck:
            heading += " Correct them and the deck plays again."
        elif errors:
            heading += " A slide with an error is left out of the show: it has no thumbnail."
        lines = [("", theme.SECONDARY)]
        lines += [(line, theme.CAPTION) for line in self.wrap(heading, width)]
        for problem in problems:
            ink = ERROR_INK if problem.is_error else WARNING_INK
            text = f"line {problem.where.line}: {problem.severity.value}: {problem.message}"
            lines += [(line, ink) for line in self.wrap(text, width)]
        return lines

    def wrap(self, text: str, width: int) -> tuple[str, ...]:
        return wrap_text(text, width, TEXT_SIZE, self.fonts.measure)


# --- geometry ---------------------------------------------------------------------------------


def thumbnail_size(size: tuple[int, int]) -> tuple[int, int]:
    return THUMB_WIDTH, max(1, round(THUMB_WIDTH * size[1] / size[0]))


def summary_top() -> int:
    return MARGIN + line_height(HEADING_SIZE)


def grid_top() -> int:
    return summary_top() + line_height(TEXT_SIZE) + GAP


def tile_pitch(size: tuple[int, int]) -> int:
    """From one row of thumbnails to the next: thumbnail, label, tag lines, gap."""
    below = line_height(TEXT_SIZE) + TAG_LINES * line_height(TAG_SIZE)
    return thumbnail_size(size)[1] + GAP // 2 + below + GAP


def tile_boxes(index: int, size: tuple[int, int]) -> tuple[Rect, Rect]:
    """Where the `index`th thumbnail (from 0) goes, and the box of its text below it."""
    w, h = thumbnail_size(size)
    row, column = divmod(index, COLUMNS)
    x = MARGIN + column * (w + GAP)
    y = grid_top() + row * tile_pitch(size)
    text_h = line_height(TEXT_SIZE) + TAG_LINES * line_height(TAG_SIZE)
    return Rect(x, y, w, h), Rect(x, y + h + GAP // 2, w, text_h)


# --- words ------------------------------------------------------------------------------------


def shown_path(path: Path, config: Config, folder: Path | None = None) -> str:
    """`path` as a curator knows it: inside the exhibition folder (or `folder`), else whole."""
    try:
        return path.resolve().relative_to((folder or config.exhibition_dir).resolve()).as_posix()
    except ValueError:
        return str(path)


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
