"""The caption's sentences and the moments narration reaches them (the sentence highlight)."""

from __future__ import annotations

import pytest

from kiosk.show.sentences import (
    Cue,
    cues_from_json,
    cues_to_json,
    next_cue_after,
    sentence_at,
    split_sentences,
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le pont. Le train!", ["Le pont.", "Le train!"]),
        ("One? Two… Three", ["One?", "Two…", "Three"]),
        ("Wait... what?!  Yes.", ["Wait...", "what?!", "Yes."]),
        ('He said "Go." Then left.', ['He said "Go."', "Then left."]),
        ("Version 1.5 of 3.14 is out.", ["Version 1.5 of 3.14 is out."]),
        ("Un train blindé.\nLe pont.", ["Un train blindé.", "Le pont."]),
        ("  ", []),
        ("", []),
        ("Sans point final", ["Sans point final"]),
    ],
)
def test_the_caption_splits_after_a_sentence_mark_and_a_space(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_spans_point_into_the_caption_without_the_spaces_between() -> None:
    assert split_sentences("  A b.  C d. ") == [(2, 6), (8, 12)]


def test_french_spaces_before_marks_keep_the_sentence_whole() -> None:
    assert sentences("Où\u202f? Ici\u202f! Voilà.") == ["Où\u202f?", "Ici\u202f!", "Voilà."]


CUES = (Cue(0.0, (0, 8)), Cue(1.25, (9, 18)), Cue(2.5, (19, 30)))


@pytest.mark.parametrize(
    ("elapsed", "index"),
    [(None, None), (-0.1, None), (0.0, 0), (1.249, 0), (1.25, 1), (2.49, 1), (2.5, 2), (99.0, 2)],
)
def test_the_sentence_spoken_is_the_last_cue_begun(elapsed: float | None, index: int) -> None:
    assert sentence_at(CUES, elapsed) == index


def test_without_cues_no_sentence_is_spoken() -> None:
    assert sentence_at((), 1.0) is None
    assert next_cue_after((), 1.0) is None


def test_the_next_cue_is_how_long_until_the_next_sentence() -> None:
    assert next_cue_after(CUES, 0.5) == pytest.approx(0.75)
    assert next_cue_after(CUES, 1.25) == pytest.approx(1.25)
    assert next_cue_after(CUES, 2.5) is None
    assert next_cue_after(CUES, None) is None


def test_cues_survive_their_file_and_a_bad_file_is_refused() -> None:
    assert cues_from_json(cues_to_json(CUES)) == CUES
    assert cues_from_json({"cues": [{"start": "x", "span": [0, 1]}]}) is None
    assert cues_from_json({"nothing": []}) is None
    assert cues_from_json([1, 2]) is None
    backwards = {"cues": [{"start": 2.0, "span": [0, 1]}, {"start": 1.0, "span": [2, 3]}]}
    assert cues_from_json(backwards) is None
