"""`kiosk narrate`: the cache made once, kept, pruned of what no caption needs; a missing
speech engine is one sentence saying what to install."""

from __future__ import annotations

import array
import math
import os
import re
import subprocess
import wave
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.exhibition import load_exhibition
from kiosk.show.narration import Synthesis, plan_narration
from kiosk.sound.speech import check_wav, engine_version
from tests.helpers import KIOSK, REPO, write_config

SUMMARY = re.compile(
    r"^narration: (?P<made>\d+) made, (?P<cached>\d+) already cached, (?P<failed>\d+) failed, "
    r"(?P<removed>\d+) stale removed \(\d+\.\d s\)$"
)

CONFIG = """\
decks: [slides/deck.yaml]
play_log: null
narration:
  cache_dir: cache
"""

DECK = """\
title: Test
slides:
  - id: one
    image: a.png
    caption: {fr: "Le pont de Livron.", en: "The Livron bridge."}
  - id: two
    image: b.png
    caption: {fr: "Un train blindé.", en: "An armoured train."}
"""


@pytest.fixture
def config_path(exhibition) -> Path:
    path = write_config(exhibition.root, CONFIG)
    exhibition.deck(DECK)
    return path


def narrate(capsys, config_path: Path, *args: str) -> tuple[int, dict[str, int], list[str]]:
    """Run the command; its status, the numbers of its summary, and its other lines."""
    status = main(["narrate", "--config", str(config_path), *args])
    out = capsys.readouterr().out.splitlines()
    summary = SUMMARY.match(out[-1])
    assert summary, out
    return status, {k: int(v) for k, v in summary.groupdict().items()}, out[:-1]


def cache_of(config_path: Path) -> Path:
    return config_path.parent.parent / "cache"


def cached(config_path: Path) -> list[str]:
    """The sound files in the cache; each caption's has its cue file beside it (checked)."""
    folder = cache_of(config_path)
    names = sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []
    sounds = [name for name in names if name.endswith(".wav")]
    assert sorted(name for name in names if name not in sounds) == sorted(
        name.removesuffix(".wav") + ".cues.json" for name in sounds
    )
    return sounds


def tts_name(config_path: Path, slide_id: str, lang: str) -> str:
    loaded = load_exhibition(config_path)
    deck = loaded.decks[0]
    slide = next(slide for slide in deck.slides if slide.id == slide_id)
    plan = plan_narration(deck, slide, lang, loaded.config)
    assert isinstance(plan, Synthesis)
    return plan.cache_path(loaded.config.narration_cache, engine_version()).name


def test_the_second_run_makes_nothing(capsys, config_path) -> None:
    status, counts, other = narrate(capsys, config_path)
    assert (status, other) == (0, [])
    assert counts == {"made": 4, "cached": 0, "failed": 0, "removed": 0}
    first = cached(config_path)
    assert len(first) == 4
    assert sorted(name[:3] for name in first) == ["en-", "en-", "fr-", "fr-"]
    modified = {name: (cache_of(config_path) / name).stat().st_mtime_ns for name in first}

    status, counts, _ = narrate(capsys, config_path)
    assert status == 0
    assert counts == {"made": 0, "cached": 4, "failed": 0, "removed": 0}
    assert {n: (cache_of(config_path) / n).stat().st_mtime_ns for n in first} == modified


def test_an_edited_caption_makes_one_file_and_removes_the_stale_one(capsys, config_path) -> None:
    narrate(capsys, config_path)
    old = tts_name(config_path, "two", "fr")
    deck = config_path.parent.parent / "slides" / "deck.yaml"
    deck.write_text(DECK.replace("Un train blindé.", "Un train blindé allemand."), "utf-8")
    new = tts_name(config_path, "two", "fr")
    assert new != old
    status, counts, _ = narrate(capsys, config_path)
    assert status == 0
    assert counts == {"made": 1, "cached": 3, "failed": 0, "removed": 1}
    assert new in cached(config_path) and old not in cached(config_path)
    assert len(cached(config_path)) == 4


def test_a_warning_in_a_deck_does_not_stop_the_pruning(capsys, config_path) -> None:
    narrate(capsys, config_path)
    old = tts_name(config_path, "two", "en")
    deck = config_path.parent.parent / "slides" / "deck.yaml"
    untranslated = DECK.replace(
        '{fr: "Un train blindé.", en: "An armoured train."}', '{fr: "Un train blindé."}'
    )
    deck.write_text(untranslated, "utf-8")
    loaded = load_exhibition(config_path)
    assert loaded.problems and not [p for p in loaded.problems if p.is_error]
    status, counts, _ = narrate(capsys, config_path)
    assert status == 0
    assert counts == {"made": 0, "cached": 3, "failed": 0, "removed": 1}
    assert old not in cached(config_path)


def test_a_deck_with_errors_keeps_the_cache_of_what_it_could_not_load(capsys, config_path) -> None:
    narrate(capsys, config_path)
    deck = config_path.parent.parent / "slides" / "deck.yaml"
    deck.write_text(DECK.replace("    image: b.png\n", "    image: b.png\n    duration: soon\n"))
    status, counts, _ = narrate(capsys, config_path)
    assert status == 0
    assert counts == {"made": 0, "cached": 2, "failed": 0, "removed": 0}
    assert len(cached(config_path)) == 4  # slide two's files wait for the deck to be fixed


def test_one_language_makes_only_its_files_and_removes_nothing(capsys, config_path) -> None:
    status, counts, _ = narrate(capsys, config_path, "--lang", "fr")
    assert status == 0
    assert counts == {"made": 2, "cached": 0, "failed": 0, "removed": 0}
    assert [name[:3] for name in cached(config_path)] == ["fr-", "fr-"]
    status, counts, _ = narrate(capsys, config_path, "--lang", "en")
    assert counts == {"made": 2, "cached": 0, "failed": 0, "removed": 0}
    assert len(cached(config_path)) == 4  # the French files were not pruned


def test_an_unknown_language_is_refused(capsys, config_path) -> None:
    assert main(["narrate", "--config", str(config_path), "--lang", "de"]) == 2
    assert "kiosk: --lang must be one of fr, en, all" in capsys.readouterr().err
    assert cached(config_path) == []


def test_a_recording_needs_no_synthesis(capsys, config_path, exhibition, make_wav) -> None:
    make_wav(exhibition.media / "voice" / "pont.wav", 0.6)
    would_be = tts_name(config_path, "one", "fr")
    deck = config_path.parent.parent / "slides" / "deck.yaml"
    deck.write_text(
        DECK.replace(
            "    image: a.png\n", "    image: a.png\n    narration: {fr: {audio: voice/pont.wav}}\n"
        ),
        "utf-8",
    )
    status, counts, _ = narrate(capsys, config_path)
    assert status == 0
    assert counts == {"made": 3, "cached": 0, "failed": 0, "removed": 0}
    assert would_be not in cached(config_path)
    assert [name[:3] for name in cached(config_path)].count("fr-") == 1


def test_each_failed_synthesis_is_reported_at_its_slide(
    capsys, config_path, fake_speech_engine
) -> None:
    fake_speech_engine.use("silent")
    status, counts, other = narrate(capsys, config_path)
    assert status == 1
    assert counts == {"made": 0, "cached": 0, "failed": 4, "removed": 0}
    deck = config_path.parent.parent / "slides" / "deck.yaml"
    assert sorted(other) == sorted(
        f"{deck}:{line}:5: error: {lang} narration of '{slide}' failed: the sound file is silent"
        for line, slide in ((3, "one"), (6, "two"))
        for lang in ("fr", "en")
    )
    assert cached(config_path) == []


def test_a_voice_espeak_does_not_have_is_reported_with_what_to_do(capsys, config_path) -> None:
    config_path.write_text(
        CONFIG + "  voices:\n    en: {voice: gmw/en-XX-nonexistent}\n", encoding="utf-8"
    )
    status, counts, other = narrate(capsys, config_path)
    assert status == 1
    assert counts == {"made": 2, "cached": 0, "failed": 2, "removed": 0}
    assert len(other) == 2
    for line in other:
        assert ": error: en narration of '" in line
        assert "no voice 'gmw/en-XX-nonexistent'" in line and "espeak-ng --voices" in line


@pytest.mark.parametrize("mode", ["no-espeak", "not-installed"])
def test_without_a_speech_engine_it_says_to_install_espeak_ng(
    config_path, fake_speech_engine, mode: str
) -> None:
    env = {**os.environ, **fake_speech_engine.env(mode)}
    result = subprocess.run(
        [str(KIOSK), "narrate", "--config", str(config_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kiosk narrate: no narration can be made: ")
    assert "install espeak-ng (sudo apt-get install espeak-ng)" in lines[0]
    assert "Traceback" not in result.stderr
    assert cached(config_path) == []


def test_a_missing_config_is_one_sentence_and_a_usage_error(tmp_path, capsys) -> None:
    from kiosk.cli import main

    assert main(["narrate", "--config", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"kiosk narrate: no config file at {tmp_path / 'nope.yaml'}; pass --config PATH"]


NUMBERS_DECK = """\
title: Test
pronunciations:
  fr: {DB: "division blindée"}
slides:
  - id: paris
    image: a.png
    caption:
      fr: "Le 12 septembre 1944, la 2e DB entre dans la ville."
      en: "On 12 September 1944, the 79th Division crossed the river."
  - id: voice
    image: b.png
    caption: {fr: "Un train blindé.", en: "An armoured train."}
    narration: {fr: {audio: voice/train.wav}}
"""


@pytest.fixture
def numbers_config(exhibition, make_wav) -> Path:
    path = write_config(exhibition.root, CONFIG)
    exhibition.deck(NUMBERS_DECK)
    make_wav(exhibition.media / "voice" / "train.wav", 0.6)
    return path


def snapshot(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_dry_run_prints_the_words_sent_to_the_engine_and_makes_nothing(
    capsys, numbers_config
) -> None:
    narrate(capsys, numbers_config, "--lang", "en")
    before = snapshot(cache_of(numbers_config))
    assert len(before) == 4  # two sounds, each with its cue file
    assert main(["narrate", "--config", str(numbers_config), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    deck = numbers_config.parent.parent / "slides" / "deck.yaml"
    media = numbers_config.parent.parent / "media"
    assert lines == [
        f"{deck}:5:5: paris [fr] (roa/fr) Le douze septembre mille neuf cent quarante-quatre, "
        "la deuxième division blindée entre dans la ville.",
        f"{deck}:5:5: paris [en] (gmw/en) On the twelfth of September nineteen forty-four, "
        "the seventy-ninth Division crossed the river.",
        f"{deck}:10:5: voice [fr] recording {media / 'voice' / 'train.wav'}",
        f"{deck}:10:5: voice [en] (gmw/en) An armoured train.",
    ]
    assert snapshot(cache_of(numbers_config)) == before


def test_a_dry_run_needs_no_speech_engine(capsys, numbers_config, fake_speech_engine) -> None:
    fake_speech_engine.use("not-installed")
    assert main(["narrate", "--config", str(numbers_config), "--dry-run", "--lang", "fr"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert not cache_of(numbers_config).exists()


def test_say_writes_one_slide_s_sound_where_the_curator_listens(
    capsys, numbers_config, tmp_path, monkeypatch
) -> None:
    listening = tmp_path / "listening"
    listening.mkdir()
    monkeypatch.chdir(listening)
    assert main(["narrate", "--config", str(numbers_config), "--say", "paris", "--lang", "en"]) == 0
    wav = listening / "paris-en.wav"
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{wav} (") and out.endswith(
        "the seventy-ninth Division crossed the river."
    )
    with wave.open(str(wav), "rb") as sound:
        seconds = sound.getnframes() / sound.getframerate()
        samples = array.array("h", sound.readframes(sound.getnframes()))
    assert seconds > 2.0  # the whole sentence, years and all, not a blip
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    assert rms > 500, rms
    assert not cache_of(numbers_config).exists()  # the cache is the show's, not touched


def test_say_writes_to_out_and_defaults_to_the_default_language(
    capsys, numbers_config, tmp_path
) -> None:
    out = tmp_path / "check" / "pont.wav"
    args = ["--say", "paris", "--out", str(out)]
    assert main(["narrate", "--config", str(numbers_config), *args]) == 0
    assert "mille neuf cent quarante-quatre" in capsys.readouterr().out
    assert check_wav(out) is None


def test_say_of_a_recording_names_the_recording(capsys, numbers_config, tmp_path) -> None:
    out = tmp_path / "x.wav"
    args = ["--say", "voice", "--lang", "fr", "--out", str(out)]
    assert main(["narrate", "--config", str(numbers_config), *args]) == 0
    assert "is a recording: " in capsys.readouterr().out
    assert not out.exists()


@pytest.mark.parametrize("inside", ["media", "slides"])
def test_say_never_writes_into_the_exhibition_s_content(
    capsys, numbers_config, inside: str
) -> None:
    out = numbers_config.parent.parent / inside / "paris.wav"
    args = ["--say", "paris", "--out", str(out)]
    assert main(["narrate", "--config", str(numbers_config), *args]) == 2
    assert "write the sound elsewhere with --out FILE.wav" in capsys.readouterr().err
    assert not out.exists()


def test_say_of_an_unknown_slide_is_a_usage_error(capsys, numbers_config, tmp_path) -> None:
    args = ["--say", "pariss", "--out", str(tmp_path / "x.wav")]
    assert main(["narrate", "--config", str(numbers_config), *args]) == 2
    assert "no slide has the id 'pariss'" in capsys.readouterr().err


def test_say_makes_one_event_of_a_timeline(capsys, tmp_path, monkeypatch) -> None:
    """The shipped Drôme timeline: event 5 is Montélimar's, said with its date (and the
    deck's pronunciation)."""
    monkeypatch.chdir(tmp_path)
    config = REPO / "config" / "kiosk.yaml"
    args = ["narrate", "--config", str(config), "--say", "liberation-days", "--step", "5"]
    assert main([*args, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "liberation-days-5-en.wav").is_file()
    assert "Mon-tay-lee-mar, the twenty-eighth of August nineteen forty-four." in out
    assert main([*args[:-1], "10"]) != 0
    assert "'liberation-days' has 10 events, numbered 0 to 9" in capsys.readouterr().err
