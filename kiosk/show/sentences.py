"""Sentences of a caption and the moments narration reaches them: the sentence highlight.

Pure. The splitter is deliberately simple, so curators can predict it: a sentence ends at
". ", "! ", "? " or "… " (one or more of those marks, then any closing quote or bracket,
then a space or the end of the text). "M. Dupont" or "1er janv. 1944" therefore split too;
a highlight one sentence early is harmless, a wrong guess about abbreviations is not better.

Narration is synthesized sentence by sentence (kiosk.sound.speech), so each sentence's start
in the sound is measured, not guessed: a `Cue` holds that start, in seconds, and the
sentence's character span in the caption. `sentence_at` says which sentence is being
spoken, `next_cue_after` when the highlight next changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s|$)")

Span = tuple[int, int]


def split_sentences(text: str) -> list[Span]:
    """The (start, end) character spans of the sentences of `text`, in order, without the
    spaces between them; a text without a final mark ends its last sentence all the same."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _add_span(text, start, match.end(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + (len(piece) - len(piece.lstrip()))
        spans.append((first, first + len(stripped)))


@dataclass(frozen=True)
class Cue:
    """Where one sentence starts in the narration's sound, and where it is in the caption."""

    start: float
    span: Span


def sentence_at(cues: Sequence[Cue], elapsed: float | None) -> int | None:
    """The index of the sentence spoken `elapsed` seconds into the narration; None before
    the first cue, without cues, or when nothing plays (`elapsed` None)."""
    if elapsed is None:
        return None
    spoken = None
    for index, cue in enumerate(cues):
        if cue.start <= elapsed:
            spoken = index
        else:
            break
    return spoken


def next_cue_after(cues: Sequence[Cue], elapsed: float | None) -> float | None:
    """Seconds from `elapsed` to the next sentence's start, None if no sentence is to come:
    the loop sleeps until then, not a frame at a time."""
    if elapsed is None:
        return None
    for cue in cues:
        if cue.start > elapsed:
            return cue.start - elapsed
    return None


def cues_to_json(cues: Sequence[Cue]) -> dict[str, object]:
    """The cue file's contents (NAME.cues.json beside NAME.wav)."""
    return {
        "version": 1,
        "cues": [{"start": round(c.start, 4), "span": list(c.span)} for c in cues],
    }


def cues_from_json(data: object) -> tuple[Cue, ...] | None:
    """The cues in a cue file's contents, None if they are not as `cues_to_json` writes."""
    try:
        cues = tuple(
            Cue(float(item["start"]), (int(item["span"][0]), int(item["span"][1])))
            for item in data["cues"]  # type: ignore[index]
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    starts = [cue.start for cue in cues]
    return cues if starts == sorted(starts) else None
