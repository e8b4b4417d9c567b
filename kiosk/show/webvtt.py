"""Sentence timing for a recorded narration, from an optional WebVTT file beside it.

Pure. A curator (or a subtitling tool) may put `NAME.vtt` beside `NAME.ogg`: its cues, in
order, are the caption's sentences in order (kiosk.show.sentences), so the first cue's start
lights the first sentence, and so on. Only the start times are read; the cue text is for
the people who edit the file. A cue beyond the caption's last sentence is ignored, and a
file that is not WebVTT gives no timing (the recording then plays without a highlight).
"""

from __future__ import annotations

import re

from kiosk.show.sentences import Cue, split_sentences

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+")


def vtt_starts(text: str) -> list[float] | None:
    """The start of each cue, in seconds, in file order; None if `text` is not WebVTT."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return None
    starts = []
    for line in text.splitlines():
        match = _TIMING.match(line)
        if match:
            starts.append(_seconds(match.group(1)))
    return starts


def _seconds(stamp: str) -> float:
    parts = [float(part) for part in stamp.split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def recorded_cues(vtt: str, caption: str) -> tuple[Cue, ...]:
    """The cues of a recording whose WebVTT file is `vtt`, tied to the sentences of
    `caption` by their order; none if the file is not WebVTT or its starts go backwards."""
    starts = vtt_starts(vtt)
    if not starts or starts != sorted(starts):
        return ()
    return tuple(Cue(s, span) for s, span in zip(starts, split_sentences(caption), strict=False))
