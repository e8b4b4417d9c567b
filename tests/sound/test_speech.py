"""Synthesis into the cache: one worker process per file, checked, renamed into place, pruned.

The real engine (pyttsx3 over espeak-ng) makes short sentences in a tenth of a second; the
failures come from a stand-in pyttsx3 put first on the workers' PYTHONPATH."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import pytest

from kiosk.show.narration import Synthesis, Voice
from kiosk.sound import speech
from kiosk.sound.speech import (
    INSTALL_ADVICE,
    Engine,
    NoAnswer,
    check_wav,
    find_engine,
    prune,
    render_missing,
    synthesize,
    wav_seconds,
)

FRENCH = Voice("roa/fr")


def job(text: str = "Le pont de Livron.", lang: str = "fr", voice: Voice = FRENCH) -> Synthesis:
    return Synthesis(text, lang, voice)


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture(scope="module")
def engine() -> Engine:
    found = find_engine()
    assert isinstance(found, Engine), found
    return found


# Checking a file


def test_a_good_wav_passes(tmp_path, make_wav) -> None:
    assert check_wav(make_wav(tmp_path / "tone.wav", 0.5)) is None
    assert wav_seconds(tmp_path / "tone.wav") == pytest.approx(0.5)


def test_silence_is_rejected(tmp_path, make_wav) -> None:
    assert check_wav(make_wav(tmp_path / "quiet.wav", 1.0, amplitude=0)) == (
        "the sound file is silent"
    )
    assert check_wav(make_wav(tmp_path / "hiss.wav", 1.0, amplitude=speech.SILENCE_PEAK - 1)) == (
        "the sound file is silent"
    )
    assert (
        check_wav(make_wav(tmp_path / "soft.wav", 1.0, amplitude=speech.SILENCE_PEAK + 5)) is None
    )


def test_too_short_is_rejected(tmp_path, make_wav) -> None:
    assert check_wav(make_wav(tmp_path / "blip.wav", 0.1)) == "the sound is too short (0.10 s)"
    assert check_wav(make_wav(tmp_path / "enough.wav", speech.MIN_SECONDS)) is None


def test_a_truncated_wav_is_rejected(tmp_path, make_wav) -> None:
    path = make_wav(tmp_path / "cut.wav", 1.0)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the header still promises a whole second
    with wave.open(str(path), "rb") as sound:
        assert sound.getnframes() == 22050
    assert check_wav(path) == "the sound file is cut short"


@pytest.mark.parametrize(
    "content",
    [b"", b"RIFF\x00\x00\x00\x00WAVEfmt ", b"OggS" + bytes(200), bytes(range(256)) * 8],
    ids=["empty", "header-only", "ogg", "garbage"],
)
def test_a_damaged_file_is_rejected(tmp_path, content: bytes) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    assert check_wav(path).startswith("the sound file is damaged")


def test_a_missing_file_is_reported(tmp_path) -> None:
    assert check_wav(tmp_path / "none.wav") == "the speech engine wrote no file"


# Synthesis with the real engine


def test_the_engine_offers_the_default_voices_and_names_its_version(engine: Engine) -> None:
    assert {"roa/fr", "gmw/en"} <= engine.voices
    assert engine.version.startswith("pyttsx3 2.99; ")
    assert "espeak" in engine.version.lower()
    assert speech.engine_version() == engine.version


def test_a_sentence_becomes_a_checked_file_and_nothing_else(tmp_path) -> None:
    out = tmp_path / "cache" / "fr-1.wav"
    assert synthesize(job(), out) is None
    assert files_in(out.parent) == ["fr-1.wav"]
    assert check_wav(out) is None
    assert 0.5 < wav_seconds(out) < 4.0


def test_a_slower_rate_makes_a_longer_file(tmp_path) -> None:
    text = "Le pont de Livron a sauté dans la nuit du seize au dix-sept août."
    fast, slow = tmp_path / "fast.wav", tmp_path / "slow.wav"
    assert synthesize(job(text, voice=Voice("roa/fr", 300)), fast) is None
    assert synthesize(job(text, voice=Voice("roa/fr", 100)), slow) is None
    assert wav_seconds(slow) > 1.8 * wav_seconds(fast)


# Synthesis that goes wrong leaves no file, not even a temporary one


def test_a_hung_engine_is_stopped_at_the_timeout(tmp_path, fake_speech_engine) -> None:
    mark = tmp_path / "engine-started"
    fake_speech_engine.use("hang")
    fake_speech_engine.monkeypatch.setenv("FAKE_PYTTSX3_MARK", str(mark))
    cache = tmp_path / "cache"
    started = time.monotonic()
    problem = synthesize(job(), cache / "fr-1.wav", timeout=1.5)
    assert time.monotonic() - started < 5
    assert problem == "synthesis took longer than 1.5 s and was stopped"
    assert mark.exists()  # the worker had begun writing its partial file
    assert files_in(cache) == []


def test_a_silent_result_is_refused(tmp_path, fake_speech_engine) -> None:
    fake_speech_engine.use("silent")
    cache = tmp_path / "cache"
    assert synthesize(job(), cache / "fr-1.wav") == "the sound file is silent"
    assert files_in(cache) == []


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("not-installed", "ModuleNotFoundError: No module named 'pyttsx3'"),
        ("no-espeak", "RuntimeError: This means you probably do not have eSpeak or eSpeak-ng"),
    ],
)
def test_an_engine_that_cannot_start_is_reported(
    tmp_path, fake_speech_engine, mode: str, reason: str
) -> None:
    fake_speech_engine.use(mode)
    cache = tmp_path / "cache"
    problem = synthesize(job(), cache / "fr-1.wav")
    assert problem.startswith(f"the speech engine failed ({reason}")
    assert files_in(cache) == []
    found = find_engine()
    assert isinstance(found, str)
    assert found.startswith(f"the speech engine cannot start ({reason}")
    assert found.endswith(INSTALL_ADVICE)
    assert "Traceback" not in found


def test_an_engine_that_does_not_answer_is_reported_as_such(fake_speech_engine) -> None:
    """A busy or stalled engine is installed: no advice to install it, and a result the
    background synthesis knows to ask again later."""
    fake_speech_engine.use("hang-at-start")
    started = time.monotonic()
    found = find_engine(timeout=0.5)
    assert found == "the speech engine did not answer within 0.5 s"
    assert isinstance(found, NoAnswer)
    assert time.monotonic() - started < 3


def test_a_failed_synthesis_keeps_the_file_already_there(tmp_path, fake_speech_engine) -> None:
    out = tmp_path / "fr-1.wav"
    assert synthesize(job(), out) is None
    before = out.read_bytes()
    fake_speech_engine.use("silent")
    assert synthesize(job(), out) == "the sound file is silent"
    assert out.read_bytes() == before


# Rendering what the cache lacks


def test_render_missing_makes_only_what_is_missing(tmp_path, engine: Engine) -> None:
    cache = tmp_path / "cache"
    cached = job("Un.")
    cached.cache_path(cache, engine.version).parent.mkdir(parents=True)
    cached.cache_path(cache, engine.version).write_bytes(b"already here")
    wanted = [
        cached,
        job("Deux."),
        job("Three.", "en", Voice("gmw/en")),
        job("Vier.", "de", Voice("gmw/no-such-voice")),
    ]
    done: list[tuple[str, str | None]] = []
    report = render_missing(
        wanted, cache, engine, on_done=lambda made, problem: done.append((made.text, problem))
    )
    assert (report.made, report.cached) == (2, 1)
    assert report.failed == [
        (
            wanted[3],
            "espeak-ng has no voice 'gmw/no-such-voice' for 'de'; choose one listed by "
            "'espeak-ng --voices' under narration: voices: in the config",
        )
    ]
    assert sorted(done) == [("Deux.", None), ("Three.", None)]
    expected = {made.cache_path(cache, engine.version).name for made in wanted[:3]}
    assert set(files_in(cache)) == expected
    for made in wanted[1:3]:
        assert check_wav(made.cache_path(cache, engine.version)) is None
    again = render_missing(wanted[:3], cache, engine)
    assert (again.made, again.cached, again.failed) == (0, 3, [])


def test_render_missing_stops_when_asked(tmp_path, engine: Engine) -> None:
    stop = threading.Event()
    stop.set()
    report = render_missing([job("Un."), job("Deux.")], tmp_path, engine, stop=stop)
    assert (report.made, report.cached, report.failed) == (0, 0, [])
    assert files_in(tmp_path) == []


# Pruning


def test_prune_removes_stale_files_and_leftovers_only(tmp_path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("fr-keep.wav", "en-keep.wav", "fr-old.wav", ".fr-x.123.456.tmp.wav", "notes.txt"):
        (cache / name).write_bytes(b"x")
    removed = prune(cache, {cache / "fr-keep.wav", cache / "en-keep.wav"})
    assert files_in(cache) == ["en-keep.wav", "fr-keep.wav", "notes.txt"]
    assert removed == 1  # the stale file; a leftover of an interrupted run is not counted


def test_prune_without_a_cache_does_nothing(tmp_path) -> None:
    assert prune(tmp_path / "none", set()) == 0
    assert not (tmp_path / "none").exists()
