"""What narration fails reaches `kiosk status` with the slide's file and line: a synthesis that
failed or took too long, a recording that cannot play, a language without a voice, no sound
device, no speech engine; and leaves it once the cause is gone."""

from __future__ import annotations

import logging

import pygame

from kiosk.hall.playlog import PlayLog
from kiosk.sound import synthesis
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.mixer import Mixer
from kiosk.sound.synthesis import BackgroundSynthesis, CacheLedger
from tests.sound.test_desk import CONFIG, DECK, broken_recording, set_up
from tests.sound.test_healing import finished, wait_until


def places(ledger: CacheLedger) -> list[tuple[object, ...]]:
    return [
        (entry["file"], entry["line"], entry["slide"], entry["lang"])
        for entry in ledger.failures.listed()
    ]


def test_a_failed_synthesis_is_listed_at_its_slide_until_it_is_made(
    exhibition, fake_speech_engine, quick, real_engine_later, caplog
) -> None:
    fake_speech_engine.use("silent")  # it answers the probe, then makes silent files
    loaded = set_up(exhibition)
    deck = str(exhibition.root / "slides" / "deck.yaml")
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.CRITICAL):
        background.start()
        assert wait_until(lambda: len(background.ledger.failures.listed()) == 4, 10)
        failures = background.ledger.failures.listed()
        assert places(background.ledger) == [
            (deck, 4, "one", "en"),
            (deck, 4, "one", "fr"),
            (deck, 7, "two", "en"),
            (deck, 7, "two", "fr"),
        ]
        assert failures[0]["reason"] == (
            "synthesis failed: the sound file is silent; trying again in 0.5 s"
        )
        real_engine_later()
        assert finished(background)
    assert background.ledger.failures.listed() == []


def test_a_synthesis_that_takes_too_long_is_listed_as_stopped(
    exhibition, fake_speech_engine, quick, monkeypatch, caplog
) -> None:
    fake_speech_engine.use("hang")
    real_synthesize = synthesis.synthesize
    monkeypatch.setattr(synthesis, "synthesize", lambda job, out: real_synthesize(job, out, 0.5))
    monkeypatch.setattr(synthesis, "JOB_RETRY_SECONDS", ())  # one try each
    loaded = set_up(exhibition, DECK.split("  - id: two")[0])
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.CRITICAL):
        background.start()
        assert finished(background)
    assert [entry["reason"] for entry in background.ledger.failures.listed()] == [
        "synthesis failed: synthesis took longer than 0.5 s and was stopped"
    ] * 2


def test_no_speech_engine_is_one_failure_of_no_slide(exhibition, fake_speech_engine) -> None:
    fake_speech_engine.use("no-espeak")
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    background.start()
    assert finished(background)
    [failure] = background.ledger.failures.listed()
    assert (failure["file"], failure["slide"]) == (None, None)
    assert str(failure["reason"]).startswith("cannot be synthesized: the speech engine cannot")


def test_after_a_reload_the_failures_of_texts_gone_are_forgotten(
    exhibition, fake_speech_engine, quick, caplog
) -> None:
    fake_speech_engine.use("silent")
    loaded = set_up(exhibition)
    ledger = CacheLedger()
    background = BackgroundSynthesis(loaded.decks, loaded.config, ledger)
    with caplog.at_level(logging.CRITICAL):
        background.start()
        assert wait_until(lambda: len(ledger.failures.listed()) == 4, 10)
        background.stop()
        edited = set_up(exhibition, DECK.split("  - id: two")[0])  # slide two is gone
        BackgroundSynthesis(edited.decks, edited.config, ledger).start()
        assert {entry["slide"] for entry in ledger.failures.listed()} == {"one"}
        ledger.at_work.stop()  # type: ignore[union-attr]


def test_a_recording_that_cannot_play_is_listed_until_it_plays(exhibition, desk, make_wav) -> None:
    recording = broken_recording(exhibition.media / "voice" / "pont.wav")
    recorded = DECK.replace(
        "    image: a.png\n", "    image: a.png\n    narration: {fr: {audio: voice/pont.wav}}\n"
    )
    loaded = set_up(exhibition, recorded)
    narration = desk(loaded)
    deck, one = loaded.decks[0], loaded.decks[0].slides[0]
    assert narration.speak(deck, one, "fr") is None
    [failure] = narration.ledger.failures.listed()
    assert places(narration.ledger) == [(str(exhibition.root / "slides/deck.yaml"), 4, "one", "fr")]
    assert str(failure["reason"]).startswith(f"cannot play {recording} (")
    make_wav(recording, 0.3)  # fixed
    assert narration.speak(deck, one, "fr") is not None
    assert narration.ledger.failures.listed() == []


def test_a_language_without_a_voice_is_listed_once_and_a_reload_forgets_it(
    exhibition, desk
) -> None:
    occitan = DECK.replace('en: "An armoured train."', 'en: "An armoured train.", oc: "Un tren."')
    config = CONFIG.replace("decks:", "languages: [fr, en, oc]\ndecks:")
    loaded = set_up(exhibition, occitan, config)
    narration = desk(loaded)
    deck = loaded.decks[0]
    for slide in (*deck.slides, *deck.slides):  # one is spoken in French, two has no voice
        narration.speak(deck, slide, "oc")
    [failure] = narration.ledger.failures.listed()
    assert (failure["slide"], failure["lang"], failure["line"]) == ("two", "oc", 7)
    assert failure["reason"] == "no voice is configured for this language"
    narration.forget_failures()
    assert narration.ledger.failures.listed() == []


def test_no_sound_device_is_one_failure_of_no_slide(
    exhibition, tmp_path, monkeypatch, caplog
) -> None:
    loaded = set_up(exhibition)
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    log = PlayLog(tmp_path / "play.jsonl")
    mixer = Mixer(0.8)
    try:
        narration = NarrationDesk(loaded.config, mixer, log)
        deck = loaded.decks[0]
        for slide in deck.slides:
            narration.speak(deck, slide, "fr")
    finally:
        log.close()
        mixer.close()
    assert narration.ledger.failures.listed() == [
        {"file": None, "line": None, "slide": None, "lang": None, "reason": "no sound device"}
    ]
