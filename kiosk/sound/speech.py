"""Text-to-speech into a cache of WAV files, ahead of time, never on the display loop.

Each file is made by its own `kiosk.sound.speech_worker` process under a timeout (see that
module for the pyttsx3 pitfalls this avoids), checked (long enough, not silence, not
truncated), flushed to disk and only then renamed into place: a power cut or a hung engine
never leaves a file that plays as noise. Threads here only wait on those processes.

A caption is synthesized sentence by sentence and the pieces joined into the one WAV; where
each piece starts is written, with its span in the caption, to NAME.cues.json beside NAME.wav
(kiosk.show.sentences) before the WAV is renamed into place, so a WAV in the cache always has
its cue file. The timing is the engine's own, not a guess from the text's length.
"""

from __future__ import annotations

import array
import json
import logging
import os
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.hall.status_reading import is_running, package_version
from kiosk.show.narration import Synthesis, cues_path_for
from kiosk.sound.cue_files import join_wavs, write_cues
from kiosk.sound.speech_worker import PARENT_VARIABLE

log = logging.getLogger(__name__)

SYNTHESIS_TIMEOUT = 30.0
VOICES_TIMEOUT = 15.0
MIN_SECONDS = 0.2
SILENCE_PEAK = 200  # of 32767: below this the file holds no audible speech
LEFTOVER_SECONDS = 60.0  # a temporary file this old is no synthesis's: all time out sooner
INSTALL_ADVICE = "install espeak-ng (sudo apt-get install espeak-ng), then run kiosk narrate"


@dataclass(frozen=True)
class Engine:
    """The speech engine as found on this machine: its version (part of every cache key)
    and the voices it offers."""

    version: str
    voices: frozenset[str]


@dataclass
class RenderReport:
    made: int = 0
    cached: int = 0
    failed: list[tuple[Synthesis, str]] = field(default_factory=list)


class NoAnswer(str):
    """Why there is no engine, when it was only slow to answer (busy or stalled): worth asking
    again later, unlike an engine that cannot start."""


def find_engine(timeout: float | None = None) -> Engine | str:
    """The engine, or a sentence saying why there is none (and what to do, if anything helps)."""
    timeout = VOICES_TIMEOUT if timeout is None else timeout
    try:
        result = _run_worker("--voices", timeout)
    except subprocess.TimeoutExpired:
        return NoAnswer(f"the speech engine did not answer within {timeout:g} s")
    voices = frozenset(line.strip() for line in result.stdout.splitlines() if line.strip())
    if result.returncode != 0 or not voices:
        reason = _last_line(result.stderr) or "no voices found"
        return f"the speech engine cannot start ({reason}); {INSTALL_ADVICE}"
    return Engine(engine_version(), voices)


def _run_worker(argument: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """The speech worker on `argument` (--voices, or a synthesis request in JSON), in a process
    of its own: the speech engine can hang or crash, and a process can be stopped."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk.sound.speech_worker", argument],
        env={**os.environ, PARENT_VARIABLE: str(os.getpid())},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def engine_version() -> str:
    pyttsx3 = package_version("pyttsx3") or "unknown"
    try:
        espeak = (
            subprocess.run(
                ["espeak-ng", "--version"], capture_output=True, text=True, timeout=5, check=False
            )
            .stdout.split("Data at")[0]
            .strip()
        )
    except (OSError, subprocess.TimeoutExpired):
        espeak = "espeak-ng"
    return f"pyttsx3 {pyttsx3}; {espeak}"


def synthesize(
    job: Synthesis, out: Path, timeout: float = SYNTHESIS_TIMEOUT, cues: bool = True
) -> str | None:
    """Make `out` (and, for a caption and with `cues`, its cue file) from `job`; None on
    success, else what went wrong. `timeout` holds for each sentence."""
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = f".{out.stem}.{os.getpid()}.{threading.get_ident()}"  # see _writer_alive
    temporary = out.with_name(f"{writer}.tmp.wav")
    pieces = [out.with_name(f"{writer}-{i}.tmp.wav") for i in range(len(job.sentences))]
    try:
        if job.sentences:
            problem = _say_sentences(job, pieces, timeout)
            timing = None if problem else join_wavs(pieces, temporary, job)
        else:
            problem, timing = _say(job, job.text, temporary, timeout), None
        problem = problem or check_wav(temporary)
        if problem is not None:
            return problem
        _flush_to_disk(temporary)
        if timing is not None and cues:
            write_cues(timing, cues_path_for(out))
        os.replace(temporary, out)
        return None
    except subprocess.TimeoutExpired:
        return f"synthesis took longer than {timeout:g} s and was stopped"
    except (OSError, wave.Error, EOFError) as exc:
        return f"cannot write the sound file ({exc})"
    finally:
        for path in (temporary, *pieces):
            path.unlink(missing_ok=True)


def _say(job: Synthesis, text: str, out: Path, timeout: float) -> str | None:
    """One run of the speech worker saying `text` into `out`; None, or what went wrong."""
    request = {
        "text": text,
        "voice": job.voice.voice,
        "rate": job.voice.rate,
        "volume": job.voice.volume,
        "out": str(out),
    }
    result = _run_worker(json.dumps(request), timeout)
    if result.returncode != 0:
        return f"the speech engine failed ({_last_line(result.stderr) or result.returncode})"
    return None


def _say_sentences(job: Synthesis, pieces: list[Path], timeout: float) -> str | None:
    for (text, _), piece in zip(job.sentences, pieces, strict=True):
        problem = _say(job, text, piece, timeout)
        if problem is None and not piece.is_file():
            problem = "the speech engine wrote no file"
        if problem is not None:
            return problem
    return None


def check_wav(path: Path) -> str | None:
    """None if `path` is a complete WAV of audible sound, else what is wrong with it."""
    try:
        with wave.open(str(path), "rb") as sound:
            frames, rate = sound.getnframes(), sound.getframerate()
            width, channels = sound.getsampwidth(), sound.getnchannels()
            data = sound.readframes(frames)
    except FileNotFoundError:
        return "the speech engine wrote no file"
    except (wave.Error, EOFError, OSError) as exc:
        return f"the sound file is damaged ({exc})"
    if len(data) < frames * width * channels:
        return "the sound file is cut short"
    seconds = frames / rate if rate else 0.0
    if seconds < MIN_SECONDS:
        return f"the sound is too short ({seconds:.2f} s)"
    if width == 2:
        samples = array.array("h", data)
        if max(samples, default=0) < SILENCE_PEAK and -min(samples, default=0) < SILENCE_PEAK:
            return "the sound file is silent"
    return None


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as sound:
        return sound.getnframes() / sound.getframerate()


def render_missing(
    jobs: Iterable[Synthesis],
    cache_dir: Path,
    engine: Engine,
    workers: int = 2,
    stop: threading.Event | None = None,
    on_done: Callable[[Synthesis, str | None], None] | None = None,
) -> RenderReport:
    """Synthesize every job whose file is not in the cache yet, `workers` at a time."""
    report = RenderReport()
    missing = []
    for job in jobs:
        if (problem := voice_problem(job, engine)) is not None:
            report.failed.append((job, problem))
        elif job.cache_path(cache_dir, engine.version).is_file():
            report.cached += 1
        else:
            missing.append(job)

    def make(job: Synthesis) -> None:
        if stop is not None and stop.is_set():
            return
        problem = synthesize(job, job.cache_path(cache_dir, engine.version))
        if problem is None:
            report.made += 1
        else:
            report.failed.append((job, problem))
        if on_done is not None:
            on_done(job, problem)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(make, missing))
    return report


def voice_problem(job: Synthesis, engine: Engine) -> str | None:
    """Why `engine` cannot say `job` at all, or None."""
    if job.voice.voice in engine.voices:
        return None
    return (
        f"espeak-ng has no voice '{job.voice.voice}' for '{job.lang}'; choose one "
        "listed by 'espeak-ng --voices' under narration: voices: in the config"
    )


def prune(cache_dir: Path, keep: set[Path]) -> int:
    """Delete cached sound files no longer wanted (and leftovers of interrupted runs)."""
    removed = 0
    if not cache_dir.is_dir():
        return 0
    for path in cache_dir.glob("*.wav"):
        if path not in keep and not path.name.startswith("."):  # leftovers: below, uncounted
            path.unlink(missing_ok=True)
            removed += 1
    for cues in cache_dir.glob("*.cues.json"):
        if not cues.with_name(cues.name.removesuffix(".cues.json") + ".wav").exists():
            cues.unlink(missing_ok=True)
    remove_leftovers(cache_dir)
    return removed


def remove_leftovers(cache_dir: Path) -> int:
    """Delete the temporary files of syntheses that were cut short (a kill, a power cut): those
    whose writing process is gone, and any older than a synthesis can take. A live synthesis's
    file (this process's, or a `kiosk narrate` beside the show) is left alone."""
    removed = 0
    for leftover in cache_dir.glob(".*.tmp.wav") if cache_dir.is_dir() else ():
        try:
            age = time.time() - leftover.stat().st_mtime
        except FileNotFoundError:
            continue
        if age > LEFTOVER_SECONDS or not _writer_alive(leftover):
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


def _writer_alive(temporary: Path) -> bool:
    """Whether the process named in `.STEM.PID.THREAD.tmp.wav` still runs (not a zombie)."""
    parts = temporary.name.split(".")
    if len(parts) < 6 or not parts[-4].isdigit():
        return True  # not named by synthesize: only its age can condemn it
    pid = int(parts[-4])
    if pid == os.getpid():
        return True
    if not is_running(pid):
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _flush_to_disk(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
