"""The caption's lines, with the sentence being spoken in a brighter colour.

Only the colour changes, never the layout: each line is drawn whole in the caption colour,
exactly as without a highlight, then the same line drawn in the highlight colour is copied
over it only across the highlighted characters' columns. Glyphs therefore keep their places
to the pixel. A right-to-left caption is not highlighted: its columns do not follow the
order of its characters.
"""

from __future__ import annotations

import pygame

from kiosk.screen.fonts import Fonts
from kiosk.show.layout import CaptionBlock, Rect
from kiosk.show.sentences import Span, split_sentences
from kiosk.show.theme import Colour


def sentence_span(text: str, index: int | None) -> Span | None:
    """The span of sentence `index` of the caption as shown, None without one. The caption
    on screen is split again (its spaces may differ from the curator's text: French
    non-breaking spaces) and the sentence is found by its place, not its characters."""
    if index is None:
        return None
    spans = split_sentences(text)
    return spans[index] if 0 <= index < len(spans) else None


def line_starts(text: str, lines: tuple[str, ...]) -> list[int | None]:
    """Where each laid-out line starts in `text`; None from the first line that is not a
    piece of it (a word split or a last line cut short with '…')."""
    starts: list[int | None] = []
    cursor = 0
    for line in lines:
        found = text.find(line, cursor) if starts[-1:] != [None] else -1
        starts.append(None if found < 0 else found)
        cursor = found + len(line) if found >= 0 else cursor
    return starts


def draw_caption(
    frame: pygame.Surface,
    fonts: Fonts,
    block: CaptionBlock,
    box: Rect,
    text: str,
    colours: tuple[Colour, Colour, Colour],
    highlight: Span | None = None,
    plain_drawn: bool = False,
) -> None:
    """The caption's lines on the panel: `colours` are the panel's, the caption's and the
    highlight's; the `highlight` span's characters are drawn in the last. With
    `plain_drawn`, `frame` has the plain caption already: only the highlight is drawn."""
    panel, plain, bright = colours
    rtl = fonts.is_rtl(text)  # Arabic, Hebrew...: every line from the right
    starts = line_starts(text, block.lines) if highlight and not rtl else []
    for index, line in enumerate(block.lines):
        rendered = fonts.render(line, block.size, plain, rtl=rtl)
        x = box.right - rendered.get_width() if rtl else box.x
        y = box.y + index * block.line_height
        if not plain_drawn:
            frame.blit(rendered, (x, y))
        start = starts[index] if index < len(starts) else None
        if highlight is None or start is None:
            continue
        first = max(highlight[0], start) - start
        last = min(highlight[1], start + len(line)) - start
        if first < last:
            left = fonts.measure(line[:first], block.size)
            right = fonts.measure(line[:last], block.size)
            lit = fonts.render(line, block.size, bright, rtl=False)
            area = pygame.Rect(left, 0, right - left, lit.get_height())
            frame.fill(panel, (x + left, y, right - left, lit.get_height()))
            frame.blit(lit, (x + left, y), area)
