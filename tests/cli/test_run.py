"""`kiosk run` as a real process under SDL's dummy driver: timing, signals, language, no display."""

from __future__ import annotations

import array
import itertools
import math
import signal
import subprocess
import sys
import time
import wave
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.exhibition import load_exhibition
from kiosk.show.narration import plan_narration
from kiosk.sound.speech import engine_version
from tests.helpers import KIOSK, headless_env, read_jsonl, write_config
from tests.small_show import small_show

FIELDS = {"t", "event", "deck", "slide", "lang", "trigger"}


def run_kiosk(where: Path, tmp_path: Path, *args: str, timeout: float = 60, **env_changes):
    """`kiosk run` in the exhibition folder WHERE, its sound written to TMP_PATH/audio.raw."""
    return subprocess.run(
        [str(KIOSK), "run", *args],
        cwd=where,
        env=headless_env(tmp_path, **env_changes),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_for_log(path: Path, process: subprocess.Popen, seconds: float = 20) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text(encoding="utf-8").endswith("\n"):
            return read_jsonl(path)
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the kiosk never wrote its first play-log line")


def test_shipped_show_advances_on_its_timer_across_decks(tmp_path, shipped_copy):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
        shipped_copy,
        tmp_path,
        "--windowed",
        "--size",
        "1280x720",
        "--exit-after",
        "10",
        "--speed",
        "30",
        "--play-log",
        str(log),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ": ERROR:" not in result.stderr and ": WARNING:" not in result.stderr
    assert "stopped: --exit-after" in result.stderr

    decks = load_exhibition(shipped_copy / "config" / "kiosk.yaml").decks
    order = [(deck.name, slide.id) for deck in decks for slide in deck.slides]
    records = read_jsonl(log)
    for record in records:
        assert set(record) - {"step"} == FIELDS  # a timeline's or map's steps say which
        assert record["event"] == "slide"
        assert record["lang"] == "fr"
    # 12-15 s slides at 30x: about 24 slides in 10 s; be generous with slow machines.
    assert len(decks[0].slides) + 2 <= len(records) <= len(order)
    shown = [(r["deck"], r["slide"]) for r in records]
    assert shown == order[: len(shown)]  # in order, none skipped, none repeated
    assert records[0]["trigger"] == "start"
    assert {r["trigger"] for r in records[1:]} == {"timer"}
    crossing = len(decks[0].slides)
    assert records[crossing - 1]["deck"] == decks[0].name
    assert (records[crossing]["deck"], records[crossing]["slide"]) == (
        decks[1].name,
        decks[1].slides[0].id,
    )
    assert records[crossing]["trigger"] == "timer"
    times = [r["t"] for r in records]
    assert times == sorted(times)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_ends_a_windowed_run_promptly_and_cleanly(tmp_path, shipped_copy, signum):
    log = tmp_path / "play.jsonl"
    process = subprocess.Popen(
        [str(KIOSK), "run", "--windowed", "--size", "640x480", "--play-log", str(log)],
        cwd=shipped_copy,
        env=headless_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_log(log, process)
        time.sleep(0.3)  # let it settle into its still-slide sleep
        sent = time.monotonic()
        process.send_signal(signum)
        _, err = process.communicate(timeout=10)
        elapsed = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert elapsed < 2.0
    assert f"stopped: {signal.Signals(signum).name}" in err
    assert "Traceback" not in err
    assert read_jsonl(log)[0]["trigger"] == "start"


def test_lang_option_starts_in_that_language(tmp_path, shipped_copy):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
        shipped_copy,
        tmp_path,
        "--windowed",
        "--size",
        "800x600",
        "--exit-after",
        "1",
        "--speed",
        "30",
        "--lang",
        "en",
        "--play-log",
        str(log),
    )
    assert result.returncode == 0, result.stderr
    records = read_jsonl(log)
    assert records[0]["trigger"] == "start"
    assert records[0]["lang"] == "en"
    assert {r["lang"] for r in records} == {"en"}


def test_no_display_exits_2_with_one_clear_sentence(tmp_path, shipped_copy):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
        shipped_copy,
        tmp_path,
        "--play-log",
        str(log),
        timeout=30,
        SDL_VIDEODRIVER="x11",
        DISPLAY=None,
        WAYLAND_DISPLAY=None,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0]
    assert "--windowed" in lines[0] and "Xvfb" in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not log.exists()


def test_unknown_language_is_refused_before_opening_a_window(tmp_path, shipped_copy):
    result = run_kiosk(
        shipped_copy, tmp_path, "--windowed", "--lang", "de", "--play-log", str(tmp_path / "p")
    )
    assert result.returncode == 2
    assert "--lang de is not one of fr, en" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--size", "huge"], id="bad-size"),
        pytest.param(["--speed", "0"], id="zero-speed"),
        pytest.param(["--exit-after", "-1"], id="negative-exit-after"),
    ],
)
def test_bad_options_are_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as stopped:
        main(["run", *args])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "usage: kiosk run" in err
    assert "Traceback" not in err


def test_missing_config_exits_2(capsys, tmp_path):
    status = main(["run", "--windowed", "--config", str(tmp_path / "none.yaml")])
    assert status == 2
    assert "no config file" in capsys.readouterr().err


# Narration


NARRATED_CONFIG = """\
decks: [slides/deck.yaml]
slide_duration: 1
transition_seconds: 0.5
play_log: null
narration:
  pause_after: 0.5
  cache_dir: cache
"""

NARRATED_DECK = """\
title: Test
slides:
  - id: bridge
    image: a.png
    caption:
      fr: "Dans la nuit du seize au dix-sept août, le maquis fait sauter le pont."
      en: "On the night of the sixteenth of August, the maquis blew up the bridge."
  - id: train
    image: b.png
    caption:
      fr: "Un train blindé allemand reste bloqué au sud de la Drôme pendant des jours."
      en: "A German armoured train stays stuck south of the Drome for several days."
"""


def narrated_exhibition(exhibition) -> Path:
    config = write_config(exhibition.root, NARRATED_CONFIG)
    exhibition.deck(NARRATED_DECK)
    return config


def when(record: dict) -> float:
    return datetime.fromisoformat(record["t"]).timestamp()


def test_a_narrated_run_sounds_and_logs_each_narration_for_its_length(tmp_path, exhibition, capsys):
    config = narrated_exhibition(exhibition)
    assert main(["narrate", "--config", str(config)]) == 0
    assert "4 made" in capsys.readouterr().out
    loaded = load_exhibition(config)
    lengths = {}
    for slide in loaded.decks[0].slides:
        plan = plan_narration(loaded.decks[0], slide, "fr", loaded.config)
        path = plan.cache_path(loaded.config.narration_cache, engine_version())
        with wave.open(str(path), "rb") as sound:
            lengths[slide.id] = sound.getnframes() / sound.getframerate()
    assert all(seconds > 2.5 for seconds in lengths.values())  # far longer than the slide's 1 s

    log = tmp_path / "play.jsonl"
    capture = tmp_path / "audio.raw"
    result = run_kiosk(
        exhibition.root,
        tmp_path,
        "--windowed",
        "--size",
        "1280x720",
        "--narration",
        "--exit-after",
        "10",
        "--play-log",
        str(log),
        "--config",
        str(config),
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ": ERROR:" not in result.stderr and ": WARNING:" not in result.stderr

    records = read_jsonl(log)
    spoken = [r for r in records if r["event"] == "narration"]
    pairs = [
        (start, end)
        for start, end in itertools.pairwise(spoken)
        if (start["state"], end["state"]) == ("start", "end")
    ]
    assert len(pairs) >= 2, spoken
    for start, end in pairs:
        assert start["slide"] == end["slide"] and start["lang"] == end["lang"] == "fr"
        assert start["source"] == "tts"
        assert start["seconds"] == end["seconds"]
        assert start["seconds"] == pytest.approx(lengths[start["slide"]], abs=0.01)
        assert when(end) - when(start) == pytest.approx(start["seconds"], abs=1.5)
    # The page turns only after the narration and its half second of quiet.
    for i, record in enumerate(records):
        if record["event"] == "narration" and record["state"] == "start":
            after = [r for r in records[i + 1 :] if r["event"] == "slide"]
            if after:
                waited = when(after[0]) - when(record)
                assert waited == pytest.approx(record["seconds"] + 0.5, abs=0.5)

    samples = array.array("h")
    samples.frombytes(capture.read_bytes())  # signed 16-bit, stereo, 44100 Hz
    assert len(samples) / 2 / 44100 > 8  # SDL wrote in real time
    peak = max(max(samples), -min(samples))
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    assert peak > 4000, peak
    assert rms > 300, rms


def test_without_a_sound_device_the_show_goes_on_silent(tmp_path, exhibition):
    config = narrated_exhibition(exhibition)
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
        exhibition.root,
        tmp_path,
        "--windowed",
        "--size",
        "640x480",
        "--narration",
        "--exit-after",
        "2",
        "--speed",
        "3",
        "--play-log",
        str(log),
        "--config",
        str(config),
        timeout=30,
        SDL_AUDIODRIVER="no-such-driver",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    sound_lines = [line for line in result.stderr.splitlines() if "no sound device" in line]
    assert len(sound_lines) == 1, result.stderr
    assert ": ERROR: no sound device" in sound_lines[0]
    records = read_jsonl(log)
    slides = [r for r in records if r["event"] == "slide"]
    assert len(slides) >= 3  # 1 s slides at 3x for 2 s: the loop kept turning
    spoken = [r for r in records if r["event"] == "narration"]
    assert spoken and {r["state"] for r in spoken} == {"unavailable"}


@pytest.mark.parametrize(
    ("args", "narration"),
    [([], None), (["--narration"], True), (["--no-narration"], False)],
    ids=["config", "on", "off"],
)
def test_the_narration_options_reach_the_show(monkeypatch, tmp_path, exhibition, args, narration):
    import kiosk.app  # pygame, only for this test

    config = narrated_exhibition(exhibition)
    seen = []

    def fake_run_show(*given, **named):
        seen.extend(a for a in [*given, *named.values()] if isinstance(a, kiosk.app.RunOptions))
        return "test"

    monkeypatch.setattr(kiosk.app, "run_show", fake_run_show)
    assert main(["run", "--windowed", "--config", str(config), *args]) == 0
    assert [options.narration for options in seen] == [narration]


def test_narration_and_no_narration_together_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--narration", "--no-narration"])
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_sigterm_while_the_kiosk_is_still_starting_ends_it_with_status_0(tmp_path):
    """systemd may stop a kiosk before its loop is up (still loading its decks): the stop is
    as clean as later, status 0, not death by the signal."""
    root = small_show(tmp_path / "show")
    script = (
        "import os, signal, sys\n"
        "import kiosk.cli.run as run\n"
        "real = run.open_exhibition\n"
        "def loading(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return real(*args, **kwargs)\n"
        "run.open_exhibition = loading\n"
        "from kiosk.cli import main\n"
        f"sys.exit(main(['run', '--config', {str(root / 'config' / 'kiosk.yaml')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "stopped while starting: SIGTERM" in done.stderr
    assert "Traceback" not in done.stderr
