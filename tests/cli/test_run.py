"""`kiosk run` as a real process under SDL's dummy driver: timing, signals, language, no display."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.exhibition import load_exhibition

REPO = Path(__file__).resolve().parents[2]
KIOSK = Path(sys.executable).with_name("kiosk")  # the venv's console script
FIELDS = {"t", "event", "deck", "slide", "lang", "trigger"}


def headless_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILE=str(tmp_path / "audio.raw"),
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_kiosk(tmp_path: Path, *args: str, timeout: float = 60, **env_changes):
    return subprocess.run(
        [str(KIOSK), "run", *args],
        cwd=REPO,
        env=headless_env(tmp_path, **env_changes),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def wait_for_log(path: Path, process: subprocess.Popen, seconds: float = 20) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text(encoding="utf-8").endswith("\n"):
            return read_log(path)
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the kiosk never wrote its first play-log line")


def test_shipped_show_advances_on_its_timer_across_decks(tmp_path):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
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

    decks = load_exhibition(REPO / "config" / "kiosk.yaml").decks
    order = [(deck.name, slide.id) for deck in decks for slide in deck.slides]
    records = read_log(log)
    for record in records:
        assert set(record) == FIELDS
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
def test_signal_ends_a_windowed_run_promptly_and_cleanly(tmp_path, signum):
    log = tmp_path / "play.jsonl"
    process = subprocess.Popen(
        [str(KIOSK), "run", "--windowed", "--size", "640x480", "--play-log", str(log)],
        cwd=REPO,
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
    assert read_log(log)[0]["trigger"] == "start"


def test_lang_option_starts_in_that_language(tmp_path):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
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
    records = read_log(log)
    assert records[0]["trigger"] == "start"
    assert records[0]["lang"] == "en"
    assert {r["lang"] for r in records} == {"en"}


def test_no_display_exits_2_with_one_clear_sentence(tmp_path):
    log = tmp_path / "play.jsonl"
    result = run_kiosk(
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


def test_unknown_language_is_refused_before_opening_a_window(tmp_path):
    result = run_kiosk(tmp_path, "--windowed", "--lang", "de", "--play-log", str(tmp_path / "p"))
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
