"""A recording's optional WebVTT cue file: its starts light the caption's sentences in order."""

from __future__ import annotations

from kiosk.show.sentences import Cue
from kiosk.show.webvtt import recorded_cues, vtt_starts

VTT = """\ufeffWEBVTT

1
00:00:00.000 --> 00:00:02.400
Le pont saute.

2
00:00:02.400 --> 00:00:05.000
Un train arrive.

01:02:03.500 --> 01:02:04.000
extra
"""


def test_the_starts_are_read_in_seconds_with_or_without_hours() -> None:
    assert vtt_starts(VTT) == [0.0, 2.4, 3723.5]
    assert vtt_starts("WEBVTT\n\n00:01.250 --> 00:02.000\nx\n") == [1.25]


def test_a_file_that_is_not_webvtt_gives_no_timing() -> None:
    assert vtt_starts("1\n00:00:00,000 --> 00:00:01,000\nan SRT file\n") is None
    assert recorded_cues("not a cue file", "A. B.") == ()


def test_cues_tie_to_the_caption_s_sentences_in_order_and_extra_cues_are_ignored() -> None:
    assert recorded_cues(VTT, "Le pont saute. Un train arrive.") == (
        Cue(0.0, (0, 14)),
        Cue(2.4, (15, 31)),
    )


def test_starts_going_backwards_give_no_highlight() -> None:
    backwards = "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n"
    assert recorded_cues(backwards, "A. B.") == ()
