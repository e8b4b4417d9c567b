"""The narration cache heals itself while the show runs: an engine too busy to answer is asked
again later, a file found missing is made again, a failed synthesis is tried again (a few
times), and after a reload the files only the old captions needed are removed."""

from __future__ import annotations

import logging
import shutil
import time

import pytest

from kiosk.show.narration import Synthesis
from kiosk.sound import synthesis
from kiosk.sound.speech import wav_seconds
from kiosk.sound.synthesis import BackgroundSynthesis
from tests.sound.test_desk import CONFIG, DECK, set_up, tts_file

EVERY_FILE = [(index, lang) for index in (0, 1) for lang in ("fr", "en")]


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def logged(caplog, text: str) -> bool:
    return any(text in message for message in messages(caplog))


def finished(background: BackgroundSynthesis, seconds: float = 30) -> bool:
    background._thread.join(timeout=seconds)
    return not background._thread.is_alive()


def test_an_engine_too_busy_to_answer_is_asked_again_later(
    exhibition, fake_speech_engine, quick, real_engine_later, caplog
) -> None:
    fake_speech_engine.use("hang-at-start")
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.INFO, logger="kiosk.sound.synthesis"):
        background.start()
        waiting = (
            "narration waits: the speech engine did not answer within 0.5 s; trying again in 1 s"
        )
        assert wait_until(lambda: logged(caplog, waiting), 10), messages(caplog)
        real_engine_later()
        assert finished(background)
    assert messages(caplog)[0] == waiting
    assert not logged(caplog, "install")
    assert all(tts_file(loaded, index, lang).is_file() for index, lang in EVERY_FILE)
    assert messages(caplog)[-1] == "narration: 4 made in the background, 0 failed"


def test_a_deleted_cache_is_made_again_once_the_desk_misses_a_file(exhibition, desk) -> None:
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    background.start()
    assert finished(background)
    shutil.rmtree(loaded.config.narration_cache)
    narration = desk(loaded, background.ledger)
    deck = loaded.decks[0]
    assert narration.speak(deck, deck.slides[1], "en") is None  # missing: asked for
    wanted = tts_file(loaded, 1, "en")
    assert wait_until(wanted.is_file, 20)
    assert narration.speak(deck, deck.slides[1], "en") == pytest.approx(
        wav_seconds(wanted), abs=0.01
    )
    assert finished(background)
    assert all(tts_file(loaded, index, lang).is_file() for index, lang in EVERY_FILE)
    background.stop()


def test_a_failed_synthesis_is_tried_again_later(
    exhibition, fake_speech_engine, quick, real_engine_later, caplog
) -> None:
    fake_speech_engine.use("silent")  # it answers the probe, then makes silent files
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.INFO, logger="kiosk.sound.synthesis"):
        background.start()
        retry = "failed: the sound file is silent; trying again in 0.5 s"
        assert wait_until(lambda: logged(caplog, retry), 10), messages(caplog)
        real_engine_later()
        assert finished(background)
    assert all(tts_file(loaded, index, lang).is_file() for index, lang in EVERY_FILE)
    assert messages(caplog)[-1] == "narration: 4 made in the background, 0 failed"


def test_a_job_that_keeps_failing_is_tried_a_bounded_number_of_times(
    exhibition, fake_speech_engine, quick, monkeypatch, caplog
) -> None:
    fake_speech_engine.use("silent")
    loaded = set_up(exhibition)
    attempts: list[Synthesis] = []
    real_synthesize = synthesis.synthesize

    def counted(job, out, *args):
        attempts.append(job)
        return real_synthesize(job, out, *args)

    monkeypatch.setattr(synthesis, "synthesize", counted)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.INFO, logger="kiosk.sound.synthesis"):
        background.start()
        assert finished(background)
        background.request(background.jobs[0])  # the desk asks again: no more tries
        assert finished(background, 2)
    assert sorted(map(attempts.count, background.jobs)) == [3, 3, 3, 3]
    assert len(attempts) == 12
    assert messages(caplog)[-1] == "narration: 0 made in the background, 4 failed"


def test_after_a_reload_the_files_of_old_captions_are_removed(exhibition, desk, make_wav) -> None:
    """Only files this run made for captions since edited go; a recording beside them (the
    cache is the media folder here), a file the mixer is playing, and files of other runs stay."""
    config = CONFIG.replace("cache_dir: cache", "cache_dir: media")
    loaded = set_up(exhibition, DECK, config)
    recording = make_wav(exhibition.media / "welcome.wav", 1.0)
    other_run = make_wav(exhibition.media / "fr-0123456789abcdef01234567.wav", 1.0)
    first = BackgroundSynthesis(loaded.decks, loaded.config)
    first.start()
    assert finished(first)
    old = {(index, lang): tts_file(loaded, index, lang) for index, lang in EVERY_FILE}
    narration = desk(loaded, first.ledger)
    assert narration.speak(loaded.decks[0], loaded.decks[0].slides[0], "fr") is not None

    edited = DECK.replace("Le pont de Livron.", "Le pont de Livron, 1944.")
    edited = edited.replace("Un train blindé.", "Un train blindé, en gare.")
    reloaded = set_up(exhibition, edited, config)
    first.stop()
    second = BackgroundSynthesis(reloaded.decks, reloaded.config, first.ledger)
    second.start()
    assert finished(second)
    assert all(tts_file(reloaded, index, lang).is_file() for index, lang in EVERY_FILE)
    assert not old[(1, "fr")].exists()  # its caption was edited
    assert old[(0, "fr")].exists()  # edited too, but playing
    assert old[(0, "en")].exists() and old[(1, "en")].exists()  # unchanged
    assert recording.exists() and other_run.exists()
    narration.stop()
