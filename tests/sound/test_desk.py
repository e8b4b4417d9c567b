"""Narration on the sound card (SDL's disk driver): the mixer, the desk that picks the file and
writes the play log, the background synthesis, and the show loop that stretches a slide to
cover its narration. Every failure leaves the show running, silent, with a line saying why."""

from __future__ import annotations

import logging
import random
import shutil
import subprocess
import time
from pathlib import Path

import pygame
import pytest

import kiosk.app
from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import Exhibition, load_exhibition
from kiosk.hall.playlog import PlayLog
from kiosk.show import player
from kiosk.show.effects import PauseSpeech, ResumeSpeech, SetVolume, StopSpeech
from kiosk.show.narration import Synthesis, every_synthesis, plan_narration
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.mixer import Mixer
from kiosk.sound.speech import Engine, engine_version, find_engine, render_missing, wav_seconds
from kiosk.sound.synthesis import BackgroundSynthesis
from tests.helpers import FakeClock, button_centre, post_tap, read_jsonl, write_config

REAL_SLEEP = time.sleep
SIZE = (640, 480)

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
defaults: {duration: 3}
slides:
  - id: one
    image: a.png
    caption: {fr: "Le pont de Livron.", en: "The Livron bridge."}
  - id: two
    image: b.png
    caption: {fr: "Un train blindé.", en: "An armoured train."}
"""


def set_up(folder, deck: str = DECK, config: str = CONFIG) -> Exhibition:
    """Write the config and the deck into the test's exhibition folder, and load them."""
    path = write_config(folder.root, config)
    folder.deck(deck)
    loaded = load_exhibition(path)
    assert [str(p) for p in loaded.problems if p.is_error] == []
    return loaded


def synthesize_all(loaded: Exhibition, engine: Engine) -> None:
    config = loaded.config
    jobs = [job for _, _, job in every_synthesis(loaded.decks, config, config.languages)]
    report = render_missing(jobs, config.narration_cache, engine)
    assert report.failed == []


def tts_file(loaded: Exhibition, slide_index: int, lang: str) -> Path:
    deck = loaded.decks[0]
    plan = plan_narration(deck, deck.slides[slide_index], lang, loaded.config)
    assert isinstance(plan, Synthesis)
    return plan.cache_path(loaded.config.narration_cache, engine_version())


def narration_lines(path: Path) -> list[tuple[str, str, str, str]]:
    return [
        (r["state"], r["slide"], r["lang"], r["source"])
        for r in read_jsonl(path)
        if r["event"] == "narration"
    ]


def broken_recording(path: Path) -> Path:
    """Bytes no decoder accepts, under a sound file's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def sox_can_write_ogg() -> bool:
    if shutil.which("sox") is None:
        return False
    listed = subprocess.run(["sox", "-h"], capture_output=True, text=True, check=False).stdout
    return " ogg " in listed


@pytest.fixture(scope="module")
def engine() -> Engine:
    found = find_engine()
    assert isinstance(found, Engine), found
    return found


# The mixer


def test_the_mixer_plays_a_sound_to_its_end_once(tmp_path, mixer, make_wav) -> None:
    tone = make_wav(tmp_path / "tone.wav", 0.3)
    assert mixer.play(tone) == pytest.approx(0.3, abs=0.01)
    assert mixer.finished() is False
    deadline = time.monotonic() + 3
    while not mixer.finished():
        assert time.monotonic() < deadline, "the sound never finished"
        REAL_SLEEP(0.02)
    assert mixer.finished() is False  # once
    assert mixer.stop() is False  # nothing was playing any more


def test_a_paused_sound_is_not_finished_until_resumed_and_played_out(
    tmp_path, mixer, make_wav
) -> None:
    tone = make_wav(tmp_path / "tone.wav", 0.3)
    mixer.play(tone)
    mixer.pause()
    REAL_SLEEP(0.5)
    assert mixer.finished() is False
    mixer.resume()
    deadline = time.monotonic() + 3
    while not mixer.finished():
        assert time.monotonic() < deadline, "the resumed sound never finished"
        REAL_SLEEP(0.02)


def test_stop_and_volume(tmp_path, mixer, make_wav) -> None:
    tone = make_wav(tmp_path / "tone.wav", 2.0)
    mixer.play(tone)
    channel = mixer._channel
    assert channel.get_volume() == pytest.approx(0.8, abs=0.01)
    mixer.set_volume(0.3)
    assert channel.get_volume() == pytest.approx(0.3, abs=0.01)
    assert mixer.stop() is True
    assert not channel.get_busy()
    assert mixer.finished() is False


def test_a_missing_or_damaged_file_is_a_reason_not_an_exception(tmp_path, mixer) -> None:
    missing = mixer.play(tmp_path / "none.wav")
    assert isinstance(missing, str) and missing.startswith(f"cannot play {tmp_path / 'none.wav'}")
    damaged = mixer.play(broken_recording(tmp_path / "broken.ogg"))
    assert isinstance(damaged, str) and damaged.startswith("cannot play")


def test_without_a_sound_device_the_mixer_says_so_once(monkeypatch, caplog) -> None:
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        mixer = Mixer(0.8)
    assert mixer.available is False
    assert [r.getMessage()[:16] for r in caplog.records] == ["no sound device "]
    assert mixer.stop() is False and mixer.finished() is False
    mixer.close()


# The desk: which file, and the play log


def test_a_synthesized_narration_starts_and_stops_with_its_length(exhibition, desk, engine) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    narration = desk(loaded)
    deck, one = loaded.decks[0], loaded.decks[0].slides[0]
    seconds = narration.speak(deck, one, "en")
    assert seconds == pytest.approx(wav_seconds(tts_file(loaded, 0, "en")), abs=0.01)
    narration.poll()  # still playing: nothing to log
    narration.stop()
    narration.stop()  # nothing playing: nothing to log
    records = read_jsonl(exhibition.root / "play.jsonl")
    assert [r["state"] for r in records] == ["start", "stopped"]
    assert records[0] == records[0] | {
        "event": "narration",
        "deck": "deck",
        "slide": "one",
        "lang": "en",
        "source": "tts",
        "seconds": round(seconds, 3),
    }


def test_a_new_narration_stops_the_one_playing(exhibition, desk, engine) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    narration = desk(loaded)
    deck = loaded.decks[0]
    narration.speak(deck, deck.slides[0], "fr")
    narration.speak(deck, deck.slides[1], "fr")
    assert narration_lines(exhibition.root / "play.jsonl") == [
        ("start", "one", "fr", "tts"),
        ("stopped", "one", "fr", "tts"),
        ("start", "two", "fr", "tts"),
    ]


def test_an_untranslated_slide_is_spoken_by_the_default_voice(exhibition, desk, engine) -> None:
    deck_text = DECK.replace('{fr: "Un train blindé.", en: "An armoured train."}', '"Un"')
    deck_text = deck_text.replace('"Un"', "{fr: Un train blindé.}")
    loaded = set_up(exhibition, deck_text)
    synthesize_all(loaded, engine)
    french = tts_file(loaded, 1, "fr")
    assert tts_file(loaded, 1, "en") == french and french.name.startswith("fr-")
    narration = desk(loaded)
    seconds = narration.speak(loaded.decks[0], loaded.decks[0].slides[1], "en")
    assert seconds == pytest.approx(wav_seconds(french), abs=0.01)
    assert narration_lines(exhibition.root / "play.jsonl") == [("start", "two", "en", "tts")]


RECORDINGS = [
    pytest.param("wav", id="wav"),
    pytest.param(
        "ogg",
        id="ogg",
        marks=pytest.mark.skipif(not sox_can_write_ogg(), reason="sox cannot write OGG here"),
    ),
]


@pytest.mark.parametrize("kind", RECORDINGS)
def test_a_recording_plays_instead_of_synthesis_even_when_a_tts_file_exists(
    exhibition, desk, engine, make_wav, kind: str
) -> None:
    if kind == "wav":
        make_wav(exhibition.media / "voice" / "pont.wav", 0.6)
        length = 0.6
    else:
        (exhibition.media / "voice").mkdir(parents=True)
        out = exhibition.media / "voice" / "pont.ogg"
        sox = ["sox", "-n", "-r", "22050", "-c", "1", str(out), "synth", "1.0", "sine", "440"]
        subprocess.run(sox, check=True, capture_output=True)
        length = 1.0
    plain = set_up(exhibition)
    synthesize_all(plain, engine)  # the caption's TTS file is in the cache...
    assert tts_file(plain, 0, "fr").is_file()
    recorded = DECK.replace(
        "    image: a.png\n",
        f"    image: a.png\n    narration: {{fr: {{audio: voice/pont.{kind}}}}}\n",
    )
    loaded = set_up(exhibition, recorded)  # ...but the slide now has a recording
    narration = desk(loaded)
    deck, one = loaded.decks[0], loaded.decks[0].slides[0]
    assert narration.speak(deck, one, "fr") == pytest.approx(length, abs=0.01)
    narration.speak(deck, one, "en")  # English has no recording: synthesis
    records = [r for r in read_jsonl(exhibition.root / "play.jsonl") if r["state"] == "start"]
    assert [(r["lang"], r["source"], r["seconds"]) for r in records] == [
        ("fr", "recorded", pytest.approx(length, abs=0.01)),
        ("en", "tts", pytest.approx(wav_seconds(tts_file(loaded, 0, "en")), abs=0.01)),
    ]


def test_a_damaged_recording_is_unavailable_and_the_next_slide_speaks(
    exhibition, desk, engine, caplog
) -> None:
    broken_recording(exhibition.media / "voice" / "pont.ogg")
    recorded = DECK.replace(
        "    image: a.png\n", "    image: a.png\n    narration: {fr: {audio: voice/pont.ogg}}\n"
    )
    loaded = set_up(exhibition, recorded)
    synthesize_all(loaded, engine)
    narration = desk(loaded)
    deck = loaded.decks[0]
    with caplog.at_level(logging.WARNING, logger="kiosk.sound.desk"):
        narration.prepare(deck, deck.slides[0], "fr")  # nothing raised while preloading
        assert narration.speak(deck, deck.slides[0], "fr") is None
        assert narration.speak(deck, deck.slides[0], "fr") is None
        assert narration.speak(deck, deck.slides[1], "fr") is not None
    assert narration_lines(exhibition.root / "play.jsonl") == [
        ("unavailable", "one", "fr", "recorded"),
        ("unavailable", "one", "fr", "recorded"),
        ("start", "two", "fr", "tts"),
    ]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1
    assert warnings[0].startswith("narration unavailable: cannot play ")
    assert "pont.ogg" in warnings[0] and "one (fr)" in warnings[0]


def test_a_file_not_synthesized_yet_is_unavailable_logged_once(exhibition, desk, caplog) -> None:
    loaded = set_up(exhibition)
    narration = desk(loaded)
    deck = loaded.decks[0]
    with caplog.at_level(logging.WARNING, logger="kiosk.sound.desk"):
        for slide in deck.slides:
            assert narration.speak(deck, slide, "fr") is None
    assert narration_lines(exhibition.root / "play.jsonl") == [
        ("unavailable", "one", "fr", "tts"),
        ("unavailable", "two", "fr", "tts"),
    ]
    assert [r.getMessage() for r in caplog.records] == [
        "narration unavailable: not synthesized yet (kiosk narrate makes every file ahead of "
        f"time); first at {deck.slides[0].where}: one (fr)"
    ]
    assert not loaded.config.narration_cache.exists()


def test_a_language_without_a_voice_is_unavailable(exhibition, desk) -> None:
    config = CONFIG.replace("decks:", "languages: [fr, en, oc]\ndecks:")
    loaded = set_up(exhibition, config=config)
    narration = desk(loaded)
    deck = loaded.decks[0]
    assert narration.speak(deck, deck.slides[0], "oc") is None
    assert narration_lines(exhibition.root / "play.jsonl") == [("unavailable", "one", "oc", "tts")]


def test_without_a_sound_device_narration_is_unavailable_and_said_once(
    exhibition, tmp_path, engine, monkeypatch, caplog
) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    log = PlayLog(tmp_path / "play.jsonl")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        mixer = Mixer(0.8)
        narration = NarrationDesk(loaded.config, mixer, log)
        deck = loaded.decks[0]
        for slide in (*deck.slides, *deck.slides):
            narration.prepare(deck, slide, "fr")
            assert narration.speak(deck, slide, "fr") is None
            narration.poll()
            narration.stop()
    log.close()
    mixer.close()
    assert [state for state, *_ in narration_lines(tmp_path / "play.jsonl")] == ["unavailable"] * 4
    sound_device = [r for r in caplog.records if "no sound device" in r.getMessage()]
    assert len(sound_device) == 1, [r.getMessage() for r in caplog.records]


# Synthesis in the background, while the show runs


def test_background_synthesis_fills_the_cache(exhibition, caplog) -> None:
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    assert len(background.jobs) == 4
    with caplog.at_level(logging.INFO, logger="kiosk.sound.synthesis"):
        background.start()
        background._thread.join(timeout=20)
    assert not background._thread.is_alive()
    for index in (0, 1):
        for lang in ("fr", "en"):
            assert tts_file(loaded, index, lang).is_file()
    assert "narration: 4 made in the background, 0 failed" in caplog.text


def test_background_synthesis_without_an_engine_logs_it_and_gives_up(
    exhibition, fake_speech_engine, caplog
) -> None:
    fake_speech_engine.use("no-espeak")
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config)
    with caplog.at_level(logging.ERROR, logger="kiosk.sound.synthesis"):
        background.start()
        background._thread.join(timeout=20)
    assert not background._thread.is_alive()
    assert [r.getMessage() for r in caplog.records] == [
        "narration cannot be synthesized: the speech engine cannot start (RuntimeError: This "
        "means you probably do not have eSpeak or eSpeak-ng installed!); install espeak-ng "
        "(sudo apt-get install espeak-ng), then run kiosk narrate"
    ]
    assert not loaded.config.narration_cache.exists()


# The show loop, in-process, with a clock the test moves


@pytest.fixture
def make_show(tmp_path, monkeypatch, fast_sleep):
    monkeypatch.setattr(kiosk.app, "ShowClock", lambda *args: FakeClock())  # starts at 0
    pygame.mixer.quit()
    pygame.display.init()
    shows = []

    def factory(loaded: Exhibition, narration: bool | None = True) -> tuple[ShowLoop, FakeClock]:
        screen = pygame.display.set_mode(SIZE)
        pygame.event.clear()
        options = RunOptions(
            fullscreen=False, size=SIZE, play_log=tmp_path / "show.jsonl", narration=narration
        )
        show = ShowLoop(screen, loaded.config, loaded.decks, options, StopFlag())
        shows.append(show)
        return show, show.clock

    yield factory
    for show in shows:
        show.close()
    pygame.display.quit()


def show_log(show: ShowLoop) -> list[tuple[str, str, str, str]]:
    """(event, state or trigger, slide, lang) for each line of the show's play log."""
    return [
        (r["event"], r.get("state") or r.get("trigger"), r["slide"], r["lang"])
        for r in read_jsonl(show.options.play_log)
    ]


def pass_at(show: ShowLoop, clock: FakeClock, t: float) -> None:
    clock.t = t
    show.one_pass()


def test_narration_starts_once_the_slide_has_settled(exhibition, engine, make_show) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    show, clock = make_show(loaded)
    pass_at(show, clock, 0.49)
    assert show_log(show) == [("slide", "start", "one", "fr")]
    pass_at(show, clock, 0.5)
    assert show_log(show)[1:] == [("narration", "start", "one", "fr")]


def test_switching_language_mid_slide_stops_the_french_and_starts_the_english(
    exhibition, engine, make_show
) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    show, clock = make_show(loaded)
    pass_at(show, clock, 0.5)
    pass_at(show, clock, 0.9)
    en = next(button for button in show.renderer.buttons if button.lang == "en")
    post_tap(*button_centre(en))
    pass_at(show, clock, 1.0)
    assert show.state.lang == "en"
    assert show_log(show) == [
        ("slide", "start", "one", "fr"),
        ("narration", "start", "one", "fr"),
        ("narration", "stopped", "one", "fr"),
        ("language", "touch", "one", "en"),
        ("narration", "start", "one", "en"),
    ]
    english = wav_seconds(tts_file(loaded, 0, "en"))
    assert read_jsonl(show.options.play_log)[-1]["seconds"] == pytest.approx(english, abs=0.01)


def test_the_slide_stays_up_until_its_narration_is_over(exhibition, engine, make_show) -> None:
    long_caption = (
        "Dans la nuit du seize au dix-sept août, le maquis fait sauter le pont de Livron."
    )
    deck_text = DECK.replace("defaults: {duration: 3}", "defaults: {duration: 1}").replace(
        '"Le pont de Livron."', f'"{long_caption}"'
    )
    loaded = set_up(exhibition, deck_text)
    synthesize_all(loaded, engine)
    seconds = wav_seconds(tts_file(loaded, 0, "fr"))
    assert seconds > 2.0  # much longer than the slide's own second
    show, clock = make_show(loaded)
    pass_at(show, clock, 0.5)
    expected_due = 0.5 + seconds + 0.5
    assert show.state.due_at == pytest.approx(expected_due, abs=0.01)
    pass_at(show, clock, 1.0)  # the slide's own duration is over, its narration is not
    pass_at(show, clock, expected_due - 0.05)
    assert player.current_slide(show.state).id == "one"
    pass_at(show, clock, expected_due + 0.001)
    assert player.current_slide(show.state).id == "two"
    assert [line for line in show_log(show) if line[0] == "slide"] == [
        ("slide", "start", "one", "fr"),
        ("slide", "timer", "two", "fr"),
    ]


@pytest.mark.parametrize(
    ("autoplay", "option", "speaks"),
    [
        (False, None, False),
        (True, None, True),
        (False, True, True),
        (True, False, False),
    ],
    ids=["config-off", "config-on", "--narration", "--no-narration"],
)
def test_the_run_option_overrides_the_configs_autoplay(
    exhibition, engine, make_show, autoplay: bool, option: bool | None, speaks: bool
) -> None:
    config = CONFIG.replace("  pause_after", f"  autoplay: {str(autoplay).lower()}\n  pause_after")
    loaded = set_up(exhibition, config=config)
    assert loaded.config.narration.autoplay is autoplay
    synthesize_all(loaded, engine)
    show, clock = make_show(loaded, narration=option)
    assert show.state.narration_on is speaks
    for t in (0.5, 1.0, 3.0, 3.5, 4.0):
        pass_at(show, clock, t)
    spoken = [(state, slide) for event, state, slide, _ in show_log(show) if event == "narration"]
    if speaks:  # the first ends, or is stopped by the page turn on a slow machine
        assert spoken in (
            [("start", "one"), ("stopped", "one"), ("start", "two")],
            [("start", "one"), ("end", "one"), ("start", "two")],
        )
    else:
        assert spoken == []


def test_a_damaged_recording_leaves_its_slide_silent_and_the_show_going(
    exhibition, engine, make_show
) -> None:
    broken_recording(exhibition.media / "voice" / "pont.ogg")
    recorded = DECK.replace(
        "    image: a.png\n", "    image: a.png\n    narration: {fr: {audio: voice/pont.ogg}}\n"
    )
    loaded = set_up(exhibition, recorded)
    synthesize_all(loaded, engine)
    show, clock = make_show(loaded)
    pass_at(show, clock, 0.5)
    assert show.state.due_at == 3.0  # nothing to wait for
    pass_at(show, clock, 3.0)
    pass_at(show, clock, 3.5)
    assert show_log(show) == [
        ("slide", "start", "one", "fr"),
        ("narration", "unavailable", "one", "fr"),
        ("slide", "timer", "two", "fr"),
        ("narration", "start", "two", "fr"),
    ]


def test_without_a_speech_engine_the_show_runs_silent(
    exhibition, fake_speech_engine, make_show, caplog
) -> None:
    fake_speech_engine.use("no-espeak")
    loaded = set_up(exhibition)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        show, clock = make_show(loaded)
        show.synthesis._thread.join(timeout=20)
        for t in (0.5, 3.0, 3.5, 6.0):
            pass_at(show, clock, t)
    assert show_log(show) == [
        ("slide", "start", "one", "fr"),
        ("narration", "unavailable", "one", "fr"),
        ("slide", "timer", "two", "fr"),
        ("narration", "unavailable", "two", "fr"),
        ("slide", "timer", "one", "fr"),
    ]
    messages = [r.getMessage() for r in caplog.records]
    assert sum("narration cannot be synthesized" in m for m in messages) == 1
    assert sum("not synthesized yet" in m for m in messages) == 1


def test_the_desk_carries_out_the_players_pause_resume_volume_and_stop(
    exhibition, desk, mixer, engine
) -> None:
    loaded = set_up(exhibition)
    synthesize_all(loaded, engine)
    narration = desk(loaded)
    deck = loaded.decks[0]
    narration.speak(deck, deck.slides[0], "fr")
    channel = mixer._channel
    narration.control(SetVolume(0.3))
    assert channel.get_volume() == pytest.approx(0.3, abs=0.01)
    narration.control(PauseSpeech())
    assert mixer._paused and narration.playing
    narration.control(ResumeSpeech())
    assert not mixer._paused and channel.get_busy()
    narration.control(StopSpeech())
    assert not channel.get_busy() and not narration.playing
    assert narration_lines(exhibition.root / "play.jsonl") == [
        ("start", "one", "fr", "tts"),
        ("stopped", "one", "fr", "tts"),
    ]


def test_a_slide_without_the_visitors_language_is_spoken_in_the_default_not_the_first(
    exhibition, desk, engine
) -> None:
    """Languages [en, fr, de], default fr, captions written in en then fr: a German visitor
    hears the French caption, from the very file a French visitor hears, and no other file is
    made for German."""
    config = CONFIG.replace("decks:", "languages: [en, fr, de]\ndefault_language: fr\ndecks:")
    english_first = DECK.replace(
        '{fr: "Le pont de Livron.", en: "The Livron bridge."}',
        '{en: "The Livron bridge.", fr: "Le pont de Livron."}',
    ).replace(
        '{fr: "Un train blindé.", en: "An armoured train."}',
        '{en: "An armoured train.", fr: "Un train blindé."}',
    )
    loaded = set_up(exhibition, english_first, config)
    assert loaded.decks[0].slides[1].caption.languages == ("en", "fr")
    synthesize_all(loaded, engine)
    french = tts_file(loaded, 1, "fr")
    made = sorted(loaded.config.narration_cache.glob("*.wav"))
    assert made == sorted(tts_file(loaded, i, lang) for i in (0, 1) for lang in ("en", "fr"))
    narration = desk(loaded)
    seconds = narration.speak(loaded.decks[0], loaded.decks[0].slides[1], "de")
    assert seconds == pytest.approx(wav_seconds(french), abs=0.01)
    assert narration_lines(exhibition.root / "play.jsonl") == [("start", "two", "de", "tts")]
