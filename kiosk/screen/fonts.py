"""Type for the screen: one sans-serif family, cached per size, with fonts for every script.

DejaVu Sans is preferred (Debian's fonts-dejavu-core): it has every French accent, stays
legible at distance and is on nearly every Linux kiosk. Without it, pygame's bundled font is
used, so the kiosk still shows text on a bare machine.

Text in other scripts is drawn by the fonts of `font_chain` (Debian's Noto fonts), shaped and
laid right to left where it must be by SDL_ttf's HarfBuzz (`text_runs`). Plain Latin text
takes the short way: one font, as before; text made only of the Latin letters, digits and
punctuation kiosk.show.line_break_rules knows is plain without asking fontTools or
python-bidi, which are imported only when other text comes (40 ms of start-up saved).
"""

from __future__ import annotations

import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pygame

from kiosk.screen.font_chain import (
    DEJAVU_SCRIPTS,
    NEUTRAL_SCRIPTS,
    PICTOGRAPHS,
    FontChain,
    bitmap_size,
)
from kiosk.screen.text_runs import TextRun, line_runs, paragraph_is_rtl
from kiosk.show.line_break_rules import is_latin

log = logging.getLogger(__name__)

FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ),
}
LEFT_TO_RIGHT_TYPES = frozenset({"L", "EN", "ES", "ET", "CS", "NSM", "BN", "B", "S", "WS", "ON"})
CACHED_TEXTS = 4096


def find_font_file(bold: bool) -> str | None:
    for candidate in FONT_FILES[bold]:
        if Path(candidate).is_file():
            return candidate
    found = pygame.font.match_font("dejavusans", bold=bold)
    if found is None:
        log.warning("DejaVu Sans not found; install fonts-dejavu-core. Using pygame's font.")
    return found


def shaping_support() -> tuple[bool, bool]:
    """Whether SDL_ttf can be told the script and the direction of a run. pygame-ce's wheels
    build it with HarfBuzz and can do both; pygame (not -ce) only the script. Without the
    direction, right-to-left runs get their letters reversed, unshaped: readable for Hebrew,
    not for Arabic."""
    probe = pygame.font.Font(None, 12)
    abilities = []
    for setting in (lambda: probe.set_script("Latn"), lambda: probe.set_direction(0)):
        try:
            setting()
        except (AttributeError, pygame.error):
            abilities.append(False)
        else:
            abilities.append(True)
    return abilities[0], abilities[1]


def pygame_font_file() -> str:
    """The file of pygame's bundled font, which `pygame.font.Font(None, size)` opens."""
    return str(Path(pygame.__file__).parent / pygame.font.get_default_font())


OPEN_FONTS = 24
"""Fonts kept open at once, of each kind. Each holds its file open (a descriptor) and a FreeType
face; fitting a label tries sizes one by one, so without a bound a one-hour soak ended with 30
descriptors open and the count still climbing (bench/RESULTS.md, the soaks)."""


def _kept(cache: OrderedDict, key: object, open_font: Callable[[], pygame.font.Font]):
    """The cached font for `key`, opened if need be; the least recently used one is let go
    (closed as soon as nothing else holds it) once more than OPEN_FONTS are kept."""
    font = cache.get(key)
    if font is not None:
        cache.move_to_end(key)
        return font
    font = cache[key] = open_font()
    if len(cache) > OPEN_FONTS:
        cache.popitem(last=False)
    return font


class Fonts:
    """Fonts by size and weight, opened once each; text measured and drawn in any script."""

    def __init__(self) -> None:
        pygame.font.init()
        self._files = {bold: find_font_file(bold) for bold in (False, True)}
        self.chain = FontChain(
            {bold: self._files[bold] or pygame_font_file() for bold in (False, True)}
        )
        self._fonts: OrderedDict[tuple[int, bool], pygame.font.Font] = OrderedDict()
        self._shapers: OrderedDict[tuple[str, int, str, bool], pygame.font.Font] = OrderedDict()
        self._plain: dict[str, bool] = {}
        self._runs: dict[tuple[str, bool, bool], list[TextRun]] = {}
        self._dejavu = self._files[False] is not None and "DejaVuSans" in self._files[False]
        self.shapes_script, self.shapes_direction = shaping_support()

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        return _kept(self._fonts, (size, bold), lambda: pygame.font.Font(self._files[bold], size))

    def measure(self, text: str, size: int, bold: bool = False) -> int:
        """Width of `text` in pixels: the `TextMeasure` the layout needs."""
        text = drawable(text)
        if self._is_plain(text):
            return self.font(size, bold).size(text)[0]
        runs = self._line_runs(text, bold, paragraph_is_rtl(text))
        return sum(self._run_size(run, size)[0] for run in runs)

    def measure_bold(self, text: str, size: int) -> int:
        """Width of `text` in bold: the measure of the buttons' labels."""
        return self.measure(text, size, bold=True)

    def render(
        self,
        text: str,
        size: int,
        colour: tuple[int, int, int],
        bold: bool = False,
        rtl: bool | None = None,
    ) -> pygame.Surface:
        """`text` drawn on a transparent surface as wide as `measure` says and at least as
        tall as the caption font's line. `rtl` is the direction of the paragraph the line belongs to
        (`is_rtl` of the whole caption); by default, that of `text` itself."""
        text = drawable(text)
        rtl = paragraph_is_rtl(text) if rtl is None else rtl
        font = self.font(size, bold)
        if not rtl and self._is_plain(text):
            if font.size(text)[0] == 0:  # only joiners: SDL_ttf refuses to draw nothing
                return pygame.Surface((0, font.get_height()), pygame.SRCALPHA)
            return font.render(text, True, colour)
        return self._composed(self._line_runs(text, bold, rtl), size, colour, font)

    def _composed(
        self,
        runs: list[TextRun],
        size: int,
        colour: tuple[int, int, int],
        line: pygame.font.Font,
    ) -> pygame.Surface:
        """`runs` drawn side by side on the baseline of `line` (the caption font). Marks that
        reach past its height (Thai tone marks above, Arabic dots below) are kept: the surface
        grows to hold them rather than cutting them off."""
        placed = [
            (piece, line.get_ascent() - ascent)
            for piece, ascent in (self._draw_run(run, size, colour) for run in runs)
        ]
        inks = [(piece.get_bounding_rect(), y) for piece, y in placed]
        top = min([0, *(y + ink.top for ink, y in inks if ink.h)])
        bottom = max([line.get_height(), *(y + ink.bottom for ink, y in inks if ink.h)])
        surface = pygame.Surface(
            (sum(piece.get_width() for piece, _ in placed), bottom - top), pygame.SRCALPHA
        )
        x = 0
        for piece, y in placed:
            surface.blit(piece, (x, y - top))
            x += piece.get_width()
        return surface

    def is_rtl(self, text: str) -> bool:
        """Whether a caption reads right to left (Arabic, Hebrew...): its lines are aligned
        right and each is laid out as part of a right-to-left paragraph."""
        return paragraph_is_rtl(drawable(text))

    def missing(self, text: str) -> str:
        """The characters of `text` no installed font can draw (they would show as boxes):
        the check `kiosk validate` makes on each caption."""
        return self.chain.missing(text)

    def _is_plain(self, text: str) -> bool:
        """Whether DejaVu alone draws `text` left to right with no shaping: French, English,
        German... the way the kiosk drew all text before it knew other scripts."""
        if self._dejavu and is_latin(text):
            return True  # DejaVu Sans has every Latin letter (tests/screen/test_fonts.py)
        for char in text:
            if char not in self._plain:
                self._plain[char] = self.plain_character(char)
            if not self._plain[char]:
                return False
        return True

    def plain_character(self, char: str) -> bool:
        """Whether DejaVu alone draws `char`, left to right, with no shaping."""
        from fontTools import unicodedata as scripts

        return (
            ord(char) not in PICTOGRAPHS
            and unicodedata.bidirectional(char) in LEFT_TO_RIGHT_TYPES
            and (scripts.script(char) in DEJAVU_SCRIPTS | NEUTRAL_SCRIPTS)
            and self.chain.covers(self.chain.primary[False], char)
        )

    def _line_runs(self, text: str, bold: bool, rtl: bool) -> list[TextRun]:
        key = (text, bold, rtl)
        if key not in self._runs:
            if len(self._runs) >= CACHED_TEXTS:
                self._runs.clear()
            self._runs[key] = line_runs(text, self.chain, bold, rtl)
        return self._runs[key]

    def _shaper(self, run: TextRun, size: int) -> pygame.font.Font:
        """The font for `run` at `size`, set for its script and direction."""
        # Latin, Greek and Cyrillic are shaped as in plain text, with no script set (which in
        # DejaVu also leaves kerning off), so a word measures the same in any line.
        shaped = (
            self.shapes_script
            and run.script not in NEUTRAL_SCRIPTS | DEJAVU_SCRIPTS
            and (self.shapes_direction or not run.rtl)
        )
        rtl = run.rtl and self.shapes_direction

        def open_font() -> pygame.font.Font:
            font = pygame.font.Font(run.font, size)
            if shaped:
                font.set_script(run.script)
            if rtl:
                font.set_direction(pygame.DIRECTION_RTL)
            return font

        return _kept(self._shapers, (run.font, size, run.script if shaped else "", rtl), open_font)

    def _run_size(self, run: TextRun, size: int) -> tuple[int, int, float]:
        """Width and height `run` takes at `size`, and the scale its pictures are drawn at
        (below 1 for a bitmap font, whose only size is larger)."""
        font = self._shaper(run, size)
        width, height = font.size(self._shaped_text(run))
        pictures = bitmap_size(run.font)
        scale = size / pictures if pictures else 1.0
        return round(width * scale), round(height * scale), scale

    def _draw_run(
        self, run: TextRun, size: int, colour: tuple[int, int, int]
    ) -> tuple[pygame.Surface, int]:
        """`run` drawn, and the height of its baseline from its top."""
        font = self._shaper(run, size)
        width, height, scale = self._run_size(run, size)
        if width == 0:  # joiners, direction marks: SDL_ttf refuses to draw nothing
            return pygame.Surface((0, height), pygame.SRCALPHA), round(font.get_ascent() * scale)
        drawn = font.render(self._shaped_text(run), True, colour)
        if scale != 1.0:
            drawn = pygame.transform.smoothscale(drawn, (width, height))
        return drawn, round(font.get_ascent() * scale)

    def _shaped_text(self, run: TextRun) -> str:
        """What SDL_ttf is given for `run`: its text, or (when it cannot lay a run right to
        left itself) its characters reversed."""
        if run.rtl and not self.shapes_direction:
            from bidi import get_display

            return get_display(run.text, base_dir="R")
        return run.text


def drawable(text: str) -> str:
    """`text` with what SDL_ttf cannot take (a lone surrogate, a NUL) replaced, so one odd
    character in a caption costs that character, never the slide."""
    cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")
    return cleaned
