"""The one setup every test runs under, and the shared fixtures.

Before any test module is imported, `pytest_configure` makes SDL headless (SDL reads these
variables when a test starts its video or sound, not when pygame is imported) and gives the
run a temporary folder of its own for what SDL and Hypothesis write; at the end the run fails
if it added anything to the checkout. Keep fixtures small and general; add new ones at the end
of the file."""

from __future__ import annotations

import array
import math
import os
import shutil
import struct
import tempfile
import time
import types
import wave
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from textwrap import dedent

import pytest

from kiosk.content.config import Config
from tests.helpers import REPO, CheckoutWatch

RUN_FOLDER = pytest.StashKey[Path]()
CHECKOUT = pytest.StashKey[CheckoutWatch]()
ADDED = pytest.StashKey[list[Path]]()


def pytest_configure(config: pytest.Config) -> None:
    """SDL without a screen or a sound card: its sound goes to a file in this run's folder,
    as does Hypothesis's (it would otherwise keep .hypothesis/ in the current folder)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-tests-"))
    config.stash[RUN_FOLDER] = folder
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "disk"
    os.environ["SDL_DISKAUDIOFILE"] = str(folder / "audio.raw")
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(folder / "hypothesis")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(RUN_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[CHECKOUT] = CheckoutWatch(REPO)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Caches and logs of a test run belong in temporary folders: a run that added anything
    to the checkout fails, even when every test passed."""
    watch = session.config.stash.get(CHECKOUT, None)
    added = [] if watch is None else watch.added()
    session.config.stash[ADDED] = added
    if added and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    added = config.stash.get(ADDED, [])
    if added:
        terminalreporter.section("the test run wrote into the checkout", sep="!", red=True)
        for path in added:
            terminalreporter.line(f"{REPO / path}")
        terminalreporter.line("a test must write into tmp_path, or into a copy (shipped_copy)")


def tiny_png(width: int = 2, height: int = 1) -> bytes:
    """A valid grey PNG of the given size, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@dataclass
class Exhibition:
    """A throwaway exhibition folder: media/ with tiny photos, decks written on demand."""

    root: Path

    @property
    def media(self) -> Path:
        return self.root / "media"

    def photo(self, name: str, width: int = 2, height: int = 1) -> Path:
        """Put a tiny photo at media/NAME (subfolders are made as needed)."""
        path = self.media / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tiny_png(width, height))
        return path

    def deck(self, text: str, name: str = "deck.yaml") -> Path:
        """Write a deck under slides/; the text is dedented, so tests can indent it."""
        path = self.root / "slides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    def config(self, **changes: object) -> Config:
        return replace(Config(exhibition_dir=self.root), **changes)


@pytest.fixture
def exhibition(tmp_path: Path) -> Exhibition:
    """An exhibition folder in tmp_path holding media/a.png, b.png, c.png and town/1.png."""
    folder = Exhibition(tmp_path)
    for name in ("a.png", "b.png", "c.png", "town/1.png"):
        folder.photo(name)
    return folder


def sine_wav(
    path: Path, seconds: float, amplitude: int = 8000, rate: int = 22050, frequency: float = 440.0
) -> Path:
    """A mono 16-bit WAV of a steady tone (amplitude 0 gives silence)."""
    samples = array.array(
        "h",
        (
            int(amplitude * math.sin(2 * math.pi * frequency * i / rate))
            for i in range(round(seconds * rate))
        ),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(samples.tobytes())
    return path


@pytest.fixture
def make_wav():
    """sine_wav(path, seconds, amplitude=8000, rate=22050): a tone written as a WAV file."""
    return sine_wav


FAKE_PYTTSX3 = '''\
"""A stand-in for pyttsx3, found first on PYTHONPATH by the tts worker; FAKE_PYTTSX3 picks
how it misbehaves."""
import os
import sys
import time
import wave

MODE = os.environ.get("FAKE_PYTTSX3", "no-espeak")
if MODE == "not-installed":
    raise ModuleNotFoundError("No module named 'pyttsx3'")


def init(*args, **kwargs):
    if MODE == "no-espeak":  # what pyttsx3 2.99 raises without libespeak-ng
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")
    if MODE == "hang-at-start":
        time.sleep(120)
    return _Engine()


class _Voice:
    def __init__(self, voice_id):
        self.id = voice_id


class _Engine:
    def __init__(self):
        self.out, self.finished = None, None

    def connect(self, topic, callback):
        self.finished = callback

    def setProperty(self, name, value):
        pass

    def getProperty(self, name):
        return [_Voice("roa/fr"), _Voice("gmw/en")]

    def save_to_file(self, text, out):
        self.out = out

    def runAndWait(self):
        if MODE == "hang":  # a partial file, then nothing, for ever
            with open(self.out, "wb") as partial:
                partial.write(b"RIFF\\x00\\x00\\x00\\x00WAVEfmt ")
            mark = os.environ.get("FAKE_PYTTSX3_MARK")
            if mark:
                open(mark, "w").close()
            time.sleep(120)
        with wave.open(self.out, "wb") as sound:  # "silent": one second of nothing
            sound.setnchannels(1)
            sound.setsampwidth(2)
            sound.setframerate(22050)
            sound.writeframes(bytes(44100))
        self.finished("utterance", True)
'''


@dataclass
class FakeSpeechEngine:
    """A broken speech engine for the worker processes: `env(mode)` for a subprocess,
    `use(mode)` for this process's children."""

    folder: Path
    monkeypatch: pytest.MonkeyPatch

    def env(self, mode: str) -> dict[str, str]:
        path = [str(self.folder), *filter(None, [os.environ.get("PYTHONPATH")])]
        return {"PYTHONPATH": os.pathsep.join(path), "FAKE_PYTTSX3": mode}

    def use(self, mode: str) -> None:
        for name, value in self.env(mode).items():
            self.monkeypatch.setenv(name, value)


@pytest.fixture
def fake_speech_engine(tmp_path_factory, monkeypatch) -> FakeSpeechEngine:
    """Modes: not-installed, no-espeak (pyttsx3 without libespeak-ng), hang-at-start, hang
    (after writing part of a file), silent."""
    folder = tmp_path_factory.mktemp("fake-engine")
    (folder / "pyttsx3").mkdir()
    (folder / "pyttsx3" / "__init__.py").write_text(FAKE_PYTTSX3, encoding="utf-8")
    return FakeSpeechEngine(folder, monkeypatch)


@pytest.fixture(scope="session")
def shipped_copy(tmp_path_factory) -> Path:
    """A copy of the shipped exhibition (config/, slides/, media/) for tests that run it: a
    kiosk writes its caches and logs beside its config, so never into the checkout this way.
    Shared by the whole run; a test must not change its files."""
    root = tmp_path_factory.mktemp("shipped")
    for folder in ("config", "slides", "media"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def fast_sleep(monkeypatch):
    """The show loop's sleeps shortened, so a test plays many passes in little time."""
    import kiosk.app  # here, so that tests of the pure core do not load the whole show

    real_sleep = time.sleep
    fake_time = types.SimpleNamespace(
        sleep=lambda seconds: real_sleep(min(seconds, 0.002)), monotonic=time.monotonic
    )
    monkeypatch.setattr(kiosk.app, "time", fake_time)


@pytest.fixture
def mosquitto(tmp_path_factory):
    """`start(settings, listener_settings)`: a real Mosquitto on a free local port with its own
    config file (tests/broker.py), stopped after the test. Skips the test where the mosquitto
    program is missing (`apt-get install mosquitto`; CI installs it)."""
    from tests.broker import Broker, mosquitto_program  # paho only for the tests that ask

    program = mosquitto_program()
    if program is None:
        pytest.skip("the mosquitto program is missing (apt-get install mosquitto)")
    started: list[Broker] = []

    def start(settings: str = "allow_anonymous true\n", listener_settings: str = "") -> Broker:
        folder = tmp_path_factory.mktemp("mosquitto")
        broker = Broker(program, folder, settings=settings, listener_settings=listener_settings)
        broker.start()
        started.append(broker)
        return broker

    yield start
    for broker in started:
        broker.stop()
