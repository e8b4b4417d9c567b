"""The sentence timing files beside narration sounds: written as a caption's sentences are
joined into its WAV, read when a narration starts.

A synthesized sound's cue file is NAME.cues.json beside NAME.wav (kiosk.show.sentences); a
recording's is an optional WebVTT file NAME.vtt beside NAME.ogg (kiosk.show.webvtt). A cue file
that cannot be read costs only the highlight, never the sound: one log line says why.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import wave
from pathlib import Path

from kiosk.show.narration import Synthesis, cues_path_for
from kiosk.show.sentences import Cue, cues_from_json, cues_to_json
from kiosk.show.webvtt import recorded_cues

log = logging.getLogger(__name__)


def join_wavs(pieces: list[Path], out: Path, job: Synthesis) -> tuple[Cue, ...]:
    """Join the sentences' WAVs into `out`, one after the other; each sentence's cue starts
    where its sound does."""
    cues = []
    frames_written = 0
    with wave.open(str(out), "wb") as joined:
        for index, piece in enumerate(pieces):
            with wave.open(str(piece), "rb") as sound:
                if index == 0:
                    joined.setparams(sound.getparams())
                elif sound.getparams()[:3] != joined.getparams()[:3]:
                    raise wave.Error("the engine changed its sound format between sentences")
                rate = sound.getframerate()
                cues.append(Cue(frames_written / rate, job.sentences[index][1]))
                data = sound.readframes(sound.getnframes())
                joined.writeframes(data)
                frames_written += len(data) // (sound.getsampwidth() * sound.getnchannels())
    return tuple(cues)


def write_cues(cues: tuple[Cue, ...], path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(cues_to_json(cues), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_cues(sound: Path) -> tuple[Cue, ...]:
    """The cues of a synthesized sound, none if it has no readable cue file."""
    path = cues_path_for(sound)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        log.warning("the cue file %s cannot be read (%s); no sentence highlight", path, exc)
        return ()
    cues = cues_from_json(data)
    if cues is None:
        log.warning("the cue file %s is not as kiosk writes it; no sentence highlight", path)
    return cues or ()


def read_recording_cues(recording: Path, caption: str) -> tuple[Cue, ...]:
    """The cues of a recording from `NAME.vtt` beside it, if there is one, tied in order to
    the sentences of `caption`."""
    path = recording.with_suffix(".vtt")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        log.warning("the cue file %s cannot be read (%s); no sentence highlight", path, exc)
        return ()
    cues = recorded_cues(text, caption)
    if not cues:
        log.warning("%s is not a WebVTT file with cues in order; no sentence highlight", path)
    return cues
