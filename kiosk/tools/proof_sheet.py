"""The proofreading sheet: every slide of the chosen decks on one HTML page, its picture as the
kiosk draws it and, under it, its texts in each language side by side, to send to colleagues
who check the translations.

One file that any browser opens from an e-mail or a USB stick, with no server and nothing to
fetch: the pictures are JPEG data inside the page, the style is inside the page, and nothing
refers to another file. Everything curators wrote (titles, captions, credits, ids, the words
of a problem) is HTML-escaped, so a caption holding `<script>` reads as text. Each text cell
says its language (`<td lang="fr">`), so a screen reader and a spell checker read it right.
Printed, each deck starts a new page and no slide is cut in two.

Pure string work: the pictures arrive as JPEG bytes (kiosk/tools/preview.py draws them).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from kiosk.content.problems import Problem, count, printable
from kiosk.show.deck import Deck, LocalizedText, Slide
from kiosk.tools.proof_texts import (
    WARNING_SIGN,
    in_language,
    language_name,
    narration_row,
    text_row,
    texts_table,
)


@dataclass(frozen=True)
class SlidePicture:
    """One slide for the sheet: where it plays, what needs a look, and its picture."""

    number: int
    slide: Slide
    notes: tuple[str, ...]
    lang: str
    jpeg: bytes
    size: tuple[int, int]


@dataclass(frozen=True)
class SheetDeck:
    """One deck file: `deck` is None when none of it can play."""

    file: str
    deck: Deck | None
    pictures: Sequence[SlidePicture]
    problems: Sequence[Problem]


@dataclass(frozen=True)
class SheetPage:
    """What the page says about itself."""

    title: LocalizedText | None
    languages: tuple[str, ...]
    default_language: str
    screen: tuple[int, int]
    made: str
    other_problems: Sequence[tuple[str, Problem]] = ()
    """Problems outside the decks (the config's), with the file each is in."""


def proof_sheet(page: SheetPage, decks: Sequence[SheetDeck]) -> str:
    """The whole page, as text to write in UTF-8."""
    body = [_header(page, decks), _contents(page, decks), "<main>"]
    body += [_deck_section(page, index, deck) for index, deck in enumerate(decks, 1)]
    body += [_other_problems(page.other_problems), "</main>"]
    title = "Proofreading sheet"
    if page.title is not None:
        title += f" · {page.title.in_language(page.default_language, page.default_language)[0]}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *(part for part in body if part),
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(page: SheetPage, decks: Sequence[SheetDeck]) -> str:
    heading = "Proofreading sheet"
    if page.title is not None:
        heading += ": " + in_language(page.title, page.default_language, page.default_language)
    shown_in = {picture.lang for deck in decks for picture in deck.pictures}
    drawn = escape(" and ".join(sorted(map(language_name, shown_in))) or "no language")
    side_by_side = ", ".join(language_name(lang) for lang in page.languages)
    slides = sum(len(deck.pictures) for deck in decks)
    return (
        f"<header>\n<h1>{heading}</h1>\n"
        f"<p>{count(slides, 'slide')} in {count(len(decks), 'deck')}, each as the kiosk "
        f"shows it in {drawn} on a {page.screen[0]}×{page.screen[1]} screen, with its "
        f"texts side by side below it ({escape(side_by_side)}). "
        f"{WARNING_SIGN} marks what needs a look. "
        f"Made by <code>kiosk preview</code> on {escape(page.made)}.</p>\n</header>"
    )


def _contents(page: SheetPage, decks: Sequence[SheetDeck]) -> str:
    items = []
    for index, deck in enumerate(decks, 1):
        title = _deck_title(page, deck)
        items.append(
            f'<li><a href="#deck-{index}">{title}</a> '
            f'<span class="meta">{_deck_summary(deck)}</span></li>'
        )
    return (
        '<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n'
        + "\n".join(items)
        + "\n</ol>\n</nav>"
    )


def _deck_section(page: SheetPage, index: int, sheet: SheetDeck) -> str:
    anchor = f"deck-{index}"
    parts = [
        f'<section class="deck" id="{anchor}" aria-labelledby="{anchor}-title">',
        f'<h2 id="{anchor}-title">{_deck_title(page, sheet)}</h2>',
        f'<p class="meta">{_deck_summary(sheet)}</p>',
    ]
    deck = sheet.deck
    if deck is None:
        parts.append(
            '<p class="cannot">This deck cannot be shown: the kiosk leaves it out. '
            "Its errors are listed below; once they are corrected it plays again.</p>"
        )
    else:
        if any(problem.is_error for problem in sheet.problems):
            parts.append(
                '<p class="cannot">A slide with an error is left out of the show, '
                "so it is not on this sheet: see the errors below.</p>"
            )
        rows = [text_row("Deck title", deck.title, page.languages, page.default_language)]
        parts.append(texts_table(page.languages, rows, "The deck's title in each language"))
        parts += [_slide(page, anchor, picture) for picture in sheet.pictures]
    parts += [_problems(sheet), "</section>"]
    return "\n".join(part for part in parts if part)


def _slide(page: SheetPage, deck_anchor: str, picture: SlidePicture) -> str:
    slide = picture.slide
    anchor = f"{deck_anchor}-slide-{picture.number}"
    shown_in = language_name(picture.lang)
    alt = f"Slide {picture.number}, {slide.id}, as the kiosk shows it in {shown_in}"
    data = base64.b64encode(picture.jpeg).decode("ascii")
    width, height = picture.size
    flagged = " flagged" if picture.notes else ""
    columns = (page.languages, page.default_language)
    rows = [text_row("Caption", slide.caption, *columns)]
    if slide.credit is not None:
        rows.append(text_row("Credit", slide.credit, *columns))
    if slide.narration:
        rows.append(narration_row(slide, page.languages))
    return "\n".join(
        [
            f'<article class="slide{flagged}" id="{anchor}" aria-labelledby="{anchor}-title">',
            f'<h3 id="{anchor}-title">Slide {picture.number} · {escape(slide.id)}</h3>',
            f'<p class="meta">{slide.duration:g} s · line {slide.where.line}</p>',
            f'<img src="data:image/jpeg;base64,{data}" width="{width}" height="{height}" '
            f'alt="{escape(alt)}">',
            _notes(picture.notes),
            texts_table(page.languages, rows, f"Texts of slide {picture.number}"),
            "</article>",
        ]
    )


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    sign = f'<span aria-hidden="true">{WARNING_SIGN}</span>'
    items = "".join(f"<li>{sign} {escape(note)}</li>" for note in notes)
    return f'<ul class="notes" aria-label="Needs a look">{items}</ul>'


def _problems(sheet: SheetDeck) -> str:
    if not sheet.problems:
        return '<p class="meta">No errors, no warnings in this file.</p>'
    items = "\n".join(_problem_item(problem) for problem in sheet.problems)
    return (
        f'<section class="problems">\n<h3>Errors and warnings in {escape(sheet.file)}</h3>\n'
        f"<ul>\n{items}\n</ul>\n</section>"
    )


def _problem_item(problem: Problem, file: str | None = None) -> str:
    where = f"{escape(file)}, line {problem.where.line}" if file else f"line {problem.where.line}"
    severity = problem.severity.value
    message = escape(printable(problem.message))
    return f'<li class="{severity}">{where}: <strong>{severity}</strong>: {message}</li>'


def _other_problems(problems: Sequence[tuple[str, Problem]]) -> str:
    if not problems:
        return ""
    items = "\n".join(_problem_item(problem, file) for file, problem in problems)
    return (
        '<section class="problems" aria-labelledby="other">\n'
        f'<h2 id="other">Other errors and warnings</h2>\n<ul>\n{items}\n</ul>\n</section>'
    )


def _deck_title(page: SheetPage, sheet: SheetDeck) -> str:
    if sheet.deck is None:
        return escape(sheet.file)
    return in_language(sheet.deck.title, page.default_language, page.default_language)


def _deck_summary(sheet: SheetDeck) -> str:
    errors = sum(problem.is_error for problem in sheet.problems)
    warnings = len(sheet.problems) - errors
    parts = []
    if sheet.deck is not None:  # else the file is the deck's title
        parts.append(escape(sheet.file))
        parts.append(count(len(sheet.deck.slides), "slide"))
        parts.append(_minutes(sum(slide.duration for slide in sheet.deck.slides)))
    parts.append(f"{count(errors, 'error')}, {count(warnings, 'warning')}")
    return " · ".join(parts)


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


STYLE = """
body { font: 16px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #1a1a1a; background: #fff; max-width: 70rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 0 0 .25rem; }
h3 { font-size: 1.1rem; margin: 0; }
code { font-size: .95em; }
.meta { color: #505050; margin: .1rem 0 .6rem; }
nav ol { padding-left: 1.5rem; }
nav li { margin: .2rem 0; }
.deck { border-top: 3px solid #1a1a1a; margin-top: 2.5rem; padding-top: 1rem; }
.slide { border: 1px solid #c8c8c8; border-left-width: 6px; border-radius: 6px;
  margin: 1.25rem 0; padding: 1rem; }
.slide.flagged { border-left-color: #a84300; }
.slide img { display: block; max-width: 100%; height: auto; border: 1px solid #999; }
table.texts { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: .75rem; }
table.texts th, table.texts td { border: 1px solid #c8c8c8; padding: .4rem .6rem;
  text-align: left; vertical-align: top; white-space: pre-line; overflow-wrap: anywhere; }
table.texts thead th { background: #efefef; }
table.texts thead td { border: none; }
table.texts col.label { width: 8rem; }
table.texts th[scope=row] { background: #f7f7f7; }
td.missing { background: #fff1e0; }
.note { color: #505050; }
td.missing .note, .notes { color: #8a3600; }
.notes { list-style: none; margin: .6rem 0 0; padding: 0; font-weight: 600; }
.notes li { display: inline-block; margin-right: 1.25rem; }
.cannot, .problems .error { color: #a00000; }
.problems .warning { color: #8a3600; }
.problems ul { padding-left: 1.25rem; }
@page { margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .deck { break-before: page; border-top: none; margin-top: 0; }
  .slide { break-inside: avoid; margin: .6rem 0; padding: .5rem .7rem; }
  .slide img { max-width: 9.5cm; }
  table.texts { margin-top: .4rem; }
  a { color: inherit; text-decoration: none; }
}
"""
