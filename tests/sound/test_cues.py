"""Cue files: a caption synthesized sentence by sentence, joined into one WAV, each sentence's
start measured from the pieces the engine made (real espeak-ng)."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from kiosk.show.narration import Synthesis, Voice, cues_path_for
from kiosk.show.sentences import cues_from_json
from kiosk.sound.cue_files import read_cues
from kiosk.sound.narration_timer import NarrationTimer
from kiosk.sound.speech import Engine, find_engine, prune, synthesize, wav_seconds

ENGLISH = Voice("en")
SENTENCES = (
    ("The bridge at Livron was blown up in the night.", (0, 48)),
    ("A train came next morning.", (49, 75)),
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    found = find_engine()
    assert isinstance(found, Engine), found
    return found


def caption_job() -> Synthesis:
    return Synthesis(" ".join(t for t, _ in SENTENCES), "en", ENGLISH, SENTENCES)


def test_a_caption_s_sound_has_a_cue_per_sentence_at_its_measured_start(tmp_path, engine) -> None:
    out = tmp_path / "cache" / "caption.wav"
    assert synthesize(caption_job(), out) is None
    cues = read_cues(out)
    assert [cue.span for cue in cues] == [(0, 48), (49, 75)]
    assert cues[0].start == 0.0
    # The first sentence said alone lasts exactly until the second's cue.
    alone = tmp_path / "first.wav"
    first = Synthesis(SENTENCES[0][0], "en", ENGLISH)
    assert synthesize(first, alone) is None
    assert cues[1].start == pytest.approx(wav_seconds(alone), abs=0.002)
    assert 1.0 < cues[1].start < wav_seconds(out) - 0.5
    assert sorted(p.name for p in out.parent.iterdir()) == ["caption.cues.json", "caption.wav"]
    with wave.open(str(out), "rb") as joined, wave.open(str(alone), "rb") as piece:
        assert joined.getparams()[:3] == piece.getparams()[:3]


def test_a_text_without_sentences_gets_no_cue_file(tmp_path, engine) -> None:
    out = tmp_path / "plain.wav"
    assert synthesize(Synthesis("Just this.", "en", ENGLISH), out) is None
    assert not cues_path_for(out).exists()
    assert read_cues(out) == ()


def test_a_damaged_cue_file_means_no_highlight_not_a_crash(tmp_path, caplog) -> None:
    sound = tmp_path / "x.wav"
    cues_path_for(sound).write_text("{not json")
    assert read_cues(sound) == ()
    assert "cannot be read" in caplog.text
    cues_path_for(sound).write_text(json.dumps({"cues": [{"start": 1}]}))
    assert read_cues(sound) == ()


def test_pruning_a_sound_removes_its_cue_file(tmp_path) -> None:
    kept, gone = tmp_path / "kept.wav", tmp_path / "gone.wav"
    for sound in (kept, gone):
        sound.write_bytes(b"RIFF")
        cues_path_for(sound).write_text("{}")
    assert prune(tmp_path, {kept}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.cues.json", "kept.wav"]


def test_the_timer_leaves_pauses_out_and_stops_with_the_sound() -> None:
    now = [10.0]
    timer = NarrationTimer(lambda: now[0])
    cues = cues_from_json({"cues": [{"start": 0, "span": [0, 3]}, {"start": 2, "span": [4, 8]}]})
    assert cues is not None
    timer.start(cues)
    now[0] = 11.0
    assert (timer.sentence(), timer.seconds_to_next_cue()) == (0, pytest.approx(1.0))
    timer.pause()
    now[0] = 30.0
    assert (timer.sentence(), timer.seconds_to_next_cue()) == (0, None)
    timer.resume()
    now[0] = 32.0
    assert (timer.elapsed(), timer.sentence()) == (pytest.approx(3.0), 1)
    timer.stop()
    assert timer.sentence() is None and timer.elapsed() is None


def test_a_file_made_before_cue_files_is_remade_under_a_new_name(tmp_path: Path) -> None:
    old = Synthesis(caption_job().text, "en", ENGLISH)
    assert old.cache_path(tmp_path, "e") != caption_job().cache_path(tmp_path, "e")
