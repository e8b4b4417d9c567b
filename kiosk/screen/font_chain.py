"""Which installed font draws each character: DejaVu Sans first, then Debian's Noto fonts.

DejaVu Sans is the caption typeface (Latin with every French accent, Greek, Cyrillic). For a
script it lacks, or draws less well, the Noto font made for that script is asked first: Noto
Sans Arabic, Hebrew, Thai, Devanagari... (fonts-noto-core), Noto Sans CJK for Chinese, Japanese
and Korean (fonts-noto-cjk), Noto Color Emoji for emoji (fonts-noto-color-emoji). Keeping a
whole word in one font matters: Arabic letters only join within one font's run.

Whether a font has a character is read from its cmap table with fontTools, once per file and
only when a character first needs it: SDL_ttf's own metrics answer with the empty box's size for
a character a font lacks, so they cannot tell. fontTools is imported then too, not before: plain
Latin captions never need it.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

NOTO_FOLDERS = (
    "/usr/share/fonts/truetype/noto",  # Debian: fonts-noto-core, fonts-noto-color-emoji
    "/usr/share/fonts/opentype/noto",  # Debian: fonts-noto-cjk
    "/usr/share/fonts/noto",  # Arch Linux
    "/usr/share/fonts/noto-cjk",
)
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})
# Scripts DejaVu Sans draws well, and those whose characters take the script around them.
DEJAVU_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl"})
NEUTRAL_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz"})
# Pictographs (emoji) have a colour font of their own; DejaVu's few would look out of place.
PICTOGRAPHS = range(0x1F000, 0x1FB00)
EMOJI_FILE = "NotoColorEmoji.ttf"


def weight_name(bold: bool) -> str:
    return "Bold" if bold else "Regular"


@cache
def noto_files() -> dict[str, str]:
    """Every font file in the Noto folders, by its name in lower case."""
    found: dict[str, str] = {}
    for folder in NOTO_FOLDERS:
        if Path(folder).is_dir():
            for path in sorted(Path(folder).iterdir()):
                found.setdefault(path.name.lower(), str(path))
    return found


def noto_file(*names: str) -> str | None:
    """The first of `names` (file names, any case) that is installed."""
    files = noto_files()
    return next((files[name.lower()] for name in names if name.lower() in files), None)


def is_ignorable(char: str) -> bool:
    """Characters no font needs to draw: controls, joiners, direction marks, variation
    selectors. Text shaping handles them; they never show as a box."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class FontChain:
    """The fonts to try for each character, in order, and which of them has it."""

    def __init__(self, primary: dict[bool, str | None]) -> None:
        self.primary = primary
        self._cmaps: dict[str, frozenset[int]] = {}
        self._chosen: dict[tuple[str, str, bool], str | None] = {}

    def covers(self, path: str, char: str) -> bool:
        if path not in self._cmaps:
            self._cmaps[path] = _cmap(path)
        return ord(char) in self._cmaps[path]

    def font_for(self, char: str, script: str, bold: bool) -> str | None:
        """The first font of the chain for `script` that has `char`; None when none has."""
        key = (char, script, bold)
        if key not in self._chosen:
            candidates = self.candidates(char, script, bold)
            self._chosen[key] = next((p for p in candidates if self.covers(p, char)), None)
        return self._chosen[key]

    def candidates(self, char: str, script: str, bold: bool) -> list[str]:
        first = [noto_file(EMOJI_FILE)] if ord(char) in PICTOGRAPHS else []
        chain = [*first, *script_fonts(script, bold), self.primary[bold], *general_fonts(bold)]
        return list(dict.fromkeys(path for path in chain if path is not None))

    def missing(self, text: str) -> str:
        """The characters of `text` that no installed font can draw, each once, in order."""
        absent = (char for char in text if not is_ignorable(char) and not self._drawable(char))
        return "".join(dict.fromkeys(absent))

    def _drawable(self, char: str) -> bool:
        """Whether some font has `char`, asking the fonts of every script that uses it: the
        danda "।" is punctuation (script Common) of Devanagari, Bengali..."""
        from fontTools import unicodedata as scripts

        used_by = sorted(scripts.script_extension(char) | {scripts.script(char)})
        return any(self.font_for(char, script, False) is not None for script in used_by)


@cache
def script_fonts(script: str, bold: bool) -> tuple[str, ...]:
    """The Noto fonts made for `script` (an ISO 15924 code such as "Arab"), if installed."""
    if script in DEJAVU_SCRIPTS or script in NEUTRAL_SCRIPTS:
        return ()
    weights = dict.fromkeys((weight_name(bold), "Regular"))
    if script in CJK_SCRIPTS:
        found = [noto_file(f"NotoSansCJK-{weight}.ttc") for weight in weights]
    else:
        from fontTools import unicodedata as scripts

        name = scripts.script_name(script, default="").replace(" ", "").replace("_", "")
        found = [
            noto_file(f"Noto{style}{name}-{weight}.ttf")
            for style in ("Sans", "Serif")
            for weight in weights
        ]
    return tuple(dict.fromkeys(path for path in found if path is not None))


@cache
def general_fonts(bold: bool) -> tuple[str, ...]:
    """After DejaVu, for symbols and for characters of any script: Noto Sans, its symbols and
    maths, CJK (which has many symbols too), emoji."""
    weight = weight_name(bold)
    names = (
        (f"NotoSans-{weight}.ttf", "NotoSans-Regular.ttf"),
        ("NotoSansSymbols2-Regular.ttf",),
        (f"NotoSansSymbols-{weight}.ttf", "NotoSansSymbols-Regular.ttf"),
        ("NotoSansMath-Regular.ttf",),
        (f"NotoSansCJK-{weight}.ttc", "NotoSansCJK-Regular.ttc"),
        (EMOJI_FILE,),
    )
    return tuple(path for path in (noto_file(*choice) for choice in names) if path is not None)


def _cmap(path: str) -> frozenset[int]:
    """The code points `path` has a glyph for (the first face of a collection, the one
    SDL_ttf opens); none for a file that cannot be read."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError, KeyError) as problem:
        log.warning("cannot read the characters of %s: %s", path, problem)
        return frozenset()


@cache
def bitmap_size(path: str) -> int | None:
    """The pixel size of the one set of pictures in a bitmap font (Noto Color Emoji draws its
    emoji at 109 pixels), which SDL_ttf uses whatever size is asked; None for outline fonts."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            if "CBLC" not in font:
                return None
            return int(font["CBLC"].strikes[0].bitmapSizeTable.ppemY)
    except (OSError, TTLibError, AssertionError, KeyError, IndexError):
        return None
