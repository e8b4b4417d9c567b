"""The sentence highlight in a real run: the show loop in-process on its real clock, speaking
through SDL's disk audio driver (which writes what it plays to a file, at about real time).

The test reads the caption's pixels after every pass and the length of the audio file before
it, so each sample says which sentence was lit and how far the sound had got. The sound's own
start is found in the audio file (the first sample of speech, less the WAV's own leading
silence), so the comparison is with what was played, not with the kiosk's own timer."""

from __future__ import annotations

import array
import os
import time
import wave
from dataclasses import dataclass, replace
from pathlib import Path

import pygame
import pytest

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.hall.playlog import PlayLog
from kiosk.screen.slide_frame import FrameKey
from kiosk.show.effects import PauseSpeech, ResumeSpeech, StopSpeech
from kiosk.show.narration import Synthesis, every_synthesis, plan_narration
from kiosk.sound.cue_files import read_cues
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.speech import Engine, engine_version, find_engine, render_missing, wav_seconds
from tests.helpers import write_config

SIZE = (800, 600)
TOLERANCE = 0.1  # seconds: the "in step with the sound within 100 ms"
CONFIG = """\
decks: [slides/deck.yaml]
transition_seconds: 0.5
play_log: null
narration:
  pause_after: 0.5
  cache_dir: cache
"""
DECK = """\
title: Test
defaults: {duration: 1}
slides:
  - id: one
    image: a.png
    caption:
      fr: "Le pont de Livron saute dans la nuit. Un train blindé arrive au matin."
      en: "The bridge is blown up in the night. An armoured train comes at dawn."
"""
SPEECH = 400  # of 32767 in the WAV: the first sample above this is speech


@dataclass(frozen=True)
class Sample:
    played: float  # seconds of sound the device had played when the pass began
    lit: int | str | None  # the sentence lit on screen after the pass ("?": no caption match)


@pytest.fixture(scope="module")
def engine() -> Engine:
    found = find_engine()
    assert isinstance(found, Engine), found
    return found


def first_loud(samples: array.array, threshold: float, step: int) -> int:
    return next(i for i in range(0, len(samples), step) if abs(samples[i]) > threshold) // step


def sound_start_in_stream(
    raw: Path, wav: Path, volume: float, device: tuple[int, int, int]
) -> float:
    """Where, in seconds of the device's stream, the narration's WAV began."""
    frequency, _, channels = device
    stream = array.array("h", raw.read_bytes())
    with wave.open(str(wav), "rb") as sound:
        rate = sound.getframerate()
        speech = array.array("h", sound.readframes(sound.getnframes()))
    leading_silence = first_loud(speech, SPEECH, sound.getnchannels()) / rate
    first_speech = first_loud(stream, SPEECH * volume * 0.9, channels) / frequency
    return first_speech - leading_silence


def caption_of(show: ShowLoop, key: FrameKey) -> dict[bytes, int | None]:
    """The caption's pixels when plain and with each sentence lit, as the renderer draws them."""
    renderer = show.renderer
    layout, _ = renderer.composer._layout(key)
    box = layout.caption_box
    rect = pygame.Rect(box.x, box.y, box.w, box.h)
    plain = renderer._frames[key]
    looks: dict[bytes, int | None] = {pygame.image.tobytes(plain.subsurface(rect), "RGB"): None}
    for index in (0, 1):
        lit = renderer.composer.highlighted(plain, replace(key, spoken=index))
        looks[pygame.image.tobytes(lit.subsurface(rect), "RGB")] = index
    assert len(looks) == 3
    return looks


def lit_on_screen(
    show: ShowLoop, key: FrameKey, looks: dict[bytes, int | None]
) -> int | str | None:
    layout, _ = show.renderer.composer._layout(key)
    box = layout.caption_box
    shown = show.renderer.screen.subsurface(pygame.Rect(box.x, box.y, box.w, box.h))
    return looks.get(pygame.image.tobytes(shown, "RGB"), "?")


def test_the_lit_sentence_changes_when_the_sound_reaches_the_next_sentence(
    exhibition, engine, tmp_path
) -> None:
    exhibition.deck(DECK)
    loaded = load_exhibition(write_config(exhibition.root, CONFIG))
    config, deck = loaded.config, loaded.decks[0]
    jobs = [job for _, _, job in every_synthesis(loaded.decks, config, config.languages)]
    assert render_missing(jobs, config.narration_cache, engine).failed == []
    plan = plan_narration(deck, deck.slides[0], "fr", config)
    assert isinstance(plan, Synthesis)
    wav = plan.cache_path(config.narration_cache, engine_version())
    cues = read_cues(wav)
    assert len(cues) == 2 and cues[1].start > 1.0

    pygame.mixer.quit()
    pygame.display.init()
    screen = pygame.display.set_mode(SIZE)
    pygame.event.clear()
    options = RunOptions(
        fullscreen=False, size=SIZE, play_log=tmp_path / "show.jsonl", narration=True
    )
    show = ShowLoop(screen, config, loaded.decks, options, StopFlag())
    raw = Path(os.environ["SDL_DISKAUDIOFILE"])
    device = pygame.mixer.get_init()
    assert device is not None and device[1:] == (-16, 2)
    bytes_per_second = device[0] * 4  # 16-bit stereo
    key = FrameKey(deck, deck.slides[0], "fr")
    samples: list[Sample] = []
    looks: dict[bytes, int | None] = {}
    try:
        deadline = time.monotonic() + 0.5 + wav_seconds(wav) + 2.0
        while time.monotonic() < deadline:
            played = raw.stat().st_size / bytes_per_second
            show.one_pass()
            if key in show.renderer._frames:
                looks = looks or caption_of(show, key)
                samples.append(Sample(played, lit_on_screen(show, key, looks)))
                if samples[-1].lit is None and any(s.lit == 1 for s in samples):
                    break  # the narration is over (the one slide would loop and speak again)
    finally:
        show.close()
        pygame.display.quit()
    start = sound_start_in_stream(raw, wav, config.narration.volume, device)

    changes = [s for i, s in enumerate(samples) if i == 0 or s.lit != samples[i - 1].lit]
    assert [s.lit for s in changes] == [None, 0, 1, None]
    moments = {0: 0.0, 1: cues[1].start, None: wav_seconds(wav)}
    for change in changes[1:]:
        last_before = samples[samples.index(change) - 1]
        boundary = moments[change.lit]  # type: ignore[index]
        assert change.played - start <= boundary + TOLERANCE, (change, boundary)
        if change.lit != 0:  # (the first lights in the pass that starts the sound)
            assert last_before.played - start >= boundary - TOLERANCE, (last_before, boundary)
    # Only one play log line for the narration's start and one for its end: none per sentence.
    lines = (tmp_path / "show.jsonl").read_text().splitlines()
    assert sum('"narration"' in line for line in lines) == 2


def test_pause_holds_the_lit_sentence_and_repeat_lights_from_the_first_again(
    exhibition, engine, tmp_path, mixer
) -> None:
    exhibition.deck(DECK)
    loaded = load_exhibition(write_config(exhibition.root, CONFIG))
    config, deck = loaded.config, loaded.decks[0]
    jobs = [job for _, _, job in every_synthesis(loaded.decks, config, config.languages)]
    assert render_missing(jobs, config.narration_cache, engine).failed == []
    slide = deck.slides[0]
    cue = read_cues(
        plan_narration(deck, slide, "en", config).cache_path(  # type: ignore[union-attr]
            config.narration_cache, engine_version()
        )
    )[1].start
    now = [100.0]
    play_log = PlayLog(tmp_path / "play.jsonl")
    desk = NarrationDesk(config, mixer, play_log, clock=lambda: now[0])
    try:
        desk.speak(deck, slide, "en")
        assert desk.spoken_sentence(deck, slide, "en") == 0
        assert desk.spoken_sentence(deck, slide, "fr") is None  # not the caption on screen
        assert desk.timer.seconds_to_next_cue() == pytest.approx(cue)
        now[0] += cue - 0.05
        desk.control(PauseSpeech())
        now[0] += 10.0  # a long pause: still the first sentence, and no wake-up due
        assert desk.spoken_sentence(deck, slide, "en") == 0
        assert desk.timer.seconds_to_next_cue() is None
        desk.control(ResumeSpeech())
        assert desk.timer.seconds_to_next_cue() == pytest.approx(0.05)
        now[0] += 0.06
        assert desk.spoken_sentence(deck, slide, "en") == 1
        desk.speak(deck, slide, "en")  # R: the narration again, from its first sentence
        assert desk.spoken_sentence(deck, slide, "en") == 0
        desk.control(StopSpeech())
        assert desk.spoken_sentence(deck, slide, "en") is None
    finally:
        desk.stop()
        play_log.close()


def test_a_recording_is_lit_by_the_webvtt_file_beside_it_and_not_without_one(
    exhibition, tmp_path, mixer, make_wav
) -> None:
    make_wav(exhibition.media / "voice" / "pont.wav", 3.0)
    (exhibition.media / "voice" / "pont.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.500\nLe pont.\n\n00:01.500 --> 00:03.000\nLe train.\n"
    )
    make_wav(exhibition.media / "voice" / "bare.wav", 3.0)
    recorded = DECK.replace(
        "    image: a.png\n",
        "    image: a.png\n"
        "    narration: {fr: {audio: voice/pont.wav}, en: {audio: voice/bare.wav}}\n",
    )
    exhibition.deck(recorded)
    loaded = load_exhibition(write_config(exhibition.root, CONFIG))
    deck, slide = loaded.decks[0], loaded.decks[0].slides[0]
    now = [0.0]
    play_log = PlayLog(tmp_path / "play.jsonl")
    desk = NarrationDesk(loaded.config, mixer, play_log, clock=lambda: now[0])
    try:
        assert desk.speak(deck, slide, "fr") == pytest.approx(3.0, abs=0.01)
        assert desk.spoken_sentence(deck, slide, "fr") == 0
        now[0] = 1.6
        assert desk.spoken_sentence(deck, slide, "fr") == 1
        desk.speak(deck, slide, "en")
        assert desk.spoken_sentence(deck, slide, "en") is None
    finally:
        desk.stop()
        play_log.close()
