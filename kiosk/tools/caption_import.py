"""Turn a text of captions, one per paragraph, into the text of a deck.

A curator often receives captions as a plain text file: one caption per paragraph, paragraphs
separated by blank lines. This module reads such a text and writes the deck YAML for it, with
one slide per paragraph, an id made from the caption's first words and an image name to fill
in. It is pure (no files, no pygame): `kiosk import-captions` does the reading and writing.

Exactness. Each caption must come back from `load_deck` exactly as the paragraph was written,
typos included. The rules:

- Lines end with LF, CRLF or a lone CR; all three are read as one line break. That is the only
  change made to the text: a line break inside a paragraph comes back as "\\n".
- A line that is empty or holds only whitespace (as `str.strip` sees it, the same test the deck
  loader uses for an empty caption) separates paragraphs; any number of them in a row make one
  separator. Every other line belongs to a paragraph, kept whole: leading indentation, trailing
  spaces, quotes, `#`, backslashes, accents and control characters included.
- A UTF-8 byte order mark at the very start of the file is not text and is dropped.

Every caption is written as a YAML double-quoted scalar on one line, escaping whatever YAML
would otherwise read differently (see `quote` in
kiosk/tools/yaml_writing.py), so any Python string survives a round trip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.content.deck_loader import MAX_SLIDES
from kiosk.content.yaml.reading import MAX_FILE_BYTES
from kiosk.tools.yaml_writing import comment_safe, quote, scalar

ID_WORDS = 6
"""At most this many words of the caption make its slide id..."""
ID_LENGTH = 40
"""...and at most this many characters (a single longer word is cut)."""

# Small words that make an id read as cut short ("autour-de"): dropped from its end.
_TRAILING_WORDS = frozenset(
    {
        *("a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les"),
        *("par", "pour", "sur", "un", "une"),
        *("an", "and", "at", "by", "for", "in", "of", "on", "the", "to"),
    }
)

# Letters that NFKD does not split into an ASCII letter and an accent.
_TRANSLITERATION = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
    }
)

_SAFE_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class CaptionImportError(ValueError):
    """The captions text cannot make a deck; the message is one sentence for the curator."""


@dataclass(frozen=True)
class ImportedSlide:
    id: str
    image: str
    """Path of the photo inside media/, with '/' between folders."""
    caption: str


@dataclass(frozen=True)
class ImportedDeck:
    slides: tuple[ImportedSlide, ...]
    text: str
    """The deck file's content."""


def import_captions(
    text: str,
    *,
    source: str,
    deck_stem: str,
    lang: str,
    title: str | None = None,
    translate_into: Sequence[str] = (),
) -> ImportedDeck:
    """The deck for a captions text, one slide per paragraph; `source` names the text in
    messages and in the deck's opening note. The title defaults to the deck's stem."""
    captions = split_paragraphs(text)
    if not captions:
        raise CaptionImportError(
            f"{source} holds no caption; write one caption per paragraph, "
            "with a blank line between paragraphs"
        )
    if len(captions) > MAX_SLIDES:
        raise CaptionImportError(
            f"{source} holds {len(captions)} captions, but a deck holds at most "
            f"{MAX_SLIDES} slides; split it into several files"
        )
    slides = tuple(plan_slides(captions, deck_stem))
    deck = render_deck(
        slides,
        title=deck_stem if title is None else title,
        lang=lang,
        source=source,
        translate_into=translate_into,
    )
    size = len(deck.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise CaptionImportError(
            f"the deck would be {size} bytes, over the {MAX_FILE_BYTES // 1024 // 1024} MB "
            f"a deck file may hold; split {source} into several files"
        )
    return ImportedDeck(slides, deck)


def decode(data: bytes, name: str) -> str:
    """The text of a captions file: UTF-8, with a leading byte order mark dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CaptionImportError(
            f"{name} is not UTF-8 text (line {line}); save it as UTF-8 and try again"
        ) from None


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, each exactly as written, with "\\n" between its lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            lines.append(line)
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs


def slugify(text: str, max_words: int = ID_WORDS, max_length: int = ID_LENGTH) -> str:
    """The first words of a text in ASCII lowercase joined by hyphens; '' if it has none."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    words = re.findall(r"[a-z0-9]+", ascii_text.encode("ascii", "ignore").decode().lower())
    kept: list[str] = []
    for word in words[:max_words]:
        if len("-".join([*kept, word])) > max_length:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in _TRAILING_WORDS:
        kept.pop()
    if not kept and words:
        kept = [words[0][:max_length]]
    return "-".join(kept)


def slide_ids(captions: Sequence[str]) -> list[str]:
    """One id per caption, unique: a slug of its first words, slide-N when it has none, and
    -2, -3… added to a slug already taken."""
    used: set[str] = set()
    ids = []
    for number, caption in enumerate(captions, start=1):
        base = slugify(caption) or f"slide-{number}"
        candidate, count = base, 1
        while candidate in used:
            count += 1
            candidate = f"{base}-{count}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def image_folder(deck_stem: str) -> str:
    """The folder of media/ for a deck's photos: the deck file's stem when it is a plain
    name (letters, digits, '.', '_', '-'), else a slug of it, else 'deck'."""
    if _SAFE_FOLDER.fullmatch(deck_stem) and ".." not in deck_stem:
        return deck_stem
    return slugify(deck_stem, max_words=ID_LENGTH) or "deck"


def plan_slides(captions: Sequence[str], deck_stem: str) -> list[ImportedSlide]:
    folder = image_folder(deck_stem)
    return [
        ImportedSlide(slide_id, f"{folder}/{slide_id}.jpg", caption)
        for slide_id, caption in zip(slide_ids(captions), captions, strict=True)
    ]


def render_deck(
    slides: Sequence[ImportedSlide],
    *,
    title: str,
    lang: str,
    source: str,
    translate_into: Sequence[str] = (),
) -> str:
    """The deck file's text: a note on where it came from and what is left to do, the title
    and the slides, a blank line between slides (as in the shipped decks)."""
    header = opening_note(slides, lang=lang, source=source, translate_into=translate_into)
    out = [*header, f"title: {{{scalar(lang)}: {quote(title)}}}", "slides:"]
    for index, slide in enumerate(slides):
        if index:
            out.append("")
        out += [
            f"  - id: {scalar(slide.id)}",
            f"    image: {scalar(slide.image)}",
            "    caption:",
            f"      {scalar(lang)}: {quote(slide.caption)}",
        ]
    return "\n".join(out) + "\n"


def opening_note(
    slides: Sequence[ImportedSlide], *, lang: str, source: str, translate_into: Sequence[str]
) -> list[str]:
    """The comment lines at the top of the deck: where it came from, then a numbered list of
    what is left to do before it goes live."""
    folder = slides[0].image.split("/", 1)[0] if slides else "…"
    count = f"{len(slides)} caption{'' if len(slides) == 1 else 's'}"
    todo = [
        (
            f"Photos: save one photo per slide under media/{folder}/, with the name on its",
            "`image:` line. Until they arrive, `kiosk standins` draws a clearly",
            "marked stand-in for each missing photo.",
        )
    ]
    if translate_into:
        keys = " and ".join(f"`{comment_safe(code)}:`" for code in translate_into)
        lines = f"{keys} lines" if len(translate_into) > 1 else f"an {keys} line"
        todo.append(
            (
                f"Translations: under each `{comment_safe(lang)}:` line, add {lines}",
                "with the translated text, in the title and in every caption.",
            )
        )
    todo.append(
        (
            "Then: add credits if you wish, add the deck to `decks:` in config/kiosk.yaml,",
            "and check your work with: kiosk validate",
        )
    )
    header = [
        f"# Deck made by `kiosk import-captions` from {comment_safe(source)}: {count} in",
        f"# '{comment_safe(lang)}', copied exactly as written there, typos included.",
        "# Before it goes live:",
    ]
    for number, (first, *rest) in enumerate(todo, start=1):
        header.append(f"#   {number}. {first}")
        header += [f"#      {line}" for line in rest]
    return header
