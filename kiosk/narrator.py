"""Narration playback: the sound card through pygame.mixer, and the choice of file to play.

Fails soft at every step: no sound device, no speech engine, a file not synthesized yet, a
damaged recording. Each cause is logged once for staff and the show goes on silently, with
the captions on screen. Speech synthesis for what the cache lacks runs in the background
(`BackgroundSynthesis`), in worker processes, never on the display loop.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from kiosk.config import Config
from kiosk.deck import Deck, Slide
from kiosk.narration import Recorded, Synthesis, every_synthesis, plan_narration
from kiosk.playlog import PlayLog
from kiosk.tts import Engine, engine_version, find_engine, render_missing

log = logging.getLogger(__name__)

MIXER_FREQUENCY = 44100
MIXER_BUFFER = 512  # samples: about 12 ms, so speech starts promptly
PRELOADED_SOUNDS = 3


class Mixer:
    """One narration at a time on the sound card; `available` is False without one."""

    def __init__(self, volume: float, open_now: bool = True) -> None:
        self.volume = volume
        self.available = True
        self._channel: pygame.mixer.Channel | None = None
        self._sound: pygame.mixer.Sound | None = None
        self._paused = False
        self._loaded: OrderedDict[Path, pygame.mixer.Sound] = OrderedDict()
        self._open = False
        if open_now:  # when the loop speaks, staff learn at start that there is no device
            self._ensure_open()

    def _ensure_open(self) -> bool:
        if self._open or not self.available:
            return self._open
        try:
            pygame.mixer.init(MIXER_FREQUENCY, -16, 2, MIXER_BUFFER)
            self._open = True
        except pygame.error as exc:
            self.available = False
            log.error("no sound device (%s); the show goes on without narration", exc)
        return self._open

    def suspend(self) -> None:
        """Close the sound device while narration is off: an open device keeps SDL's audio
        thread mixing silence all day, about 0.4 % of a core. Reopening takes milliseconds."""
        if self._open:
            self.stop()
            self._loaded.clear()
            pygame.mixer.quit()
            self._open = False

    def load(self, path: Path) -> pygame.mixer.Sound | str:
        """Decode `path` ahead of need (a few kept), or say why it cannot be played."""
        if not self._ensure_open():
            return "no sound device"
        if path in self._loaded:
            self._loaded.move_to_end(path)
            return self._loaded[path]
        try:
            sound = pygame.mixer.Sound(str(path))
        except (pygame.error, FileNotFoundError, OSError) as exc:
            return f"cannot play {path} ({exc})"
        self._loaded[path] = sound
        while len(self._loaded) > PRELOADED_SOUNDS:
            self._loaded.popitem(last=False)
        return sound

    def forget(self, path: Path) -> None:
        """Drop a preloaded sound whose file has changed."""
        self._loaded.pop(path, None)

    def play(self, path: Path) -> float | str:
        """Start `path` from the beginning; its length in seconds, or why it cannot play."""
        self.stop()
        sound = self.load(path)
        if isinstance(sound, str):
            return sound
        channel = sound.play()
        if channel is None:
            return "no free sound channel"
        channel.set_volume(self.volume)
        self._sound, self._channel, self._paused = sound, channel, False
        return sound.get_length()

    def stop(self) -> bool:
        """Stop at once; True if something was playing."""
        playing = self._sound is not None
        if self._channel is not None:
            self._channel.stop()
        self._sound = self._channel = None
        self._paused = False
        return playing

    def pause(self) -> None:
        if self._channel is not None:
            self._channel.pause()
            self._paused = True

    def resume(self) -> None:
        if self._channel is not None:
            self._channel.unpause()
            self._paused = False

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._channel is not None:
            self._channel.set_volume(volume)

    def finished(self) -> bool:
        """True once, when the current narration has played to its end."""
        if self._channel is None or self._paused or self._channel.get_busy():
            return False
        self._sound = self._channel = None
        return True

    def close(self) -> None:
        self.suspend()


@dataclass(frozen=True)
class NowPlaying:
    deck: Deck
    slide: Slide
    lang: str
    source: str
    seconds: float


class NarrationDesk:
    """Turns the player's narration effects into sound and play log lines."""

    def __init__(self, config: Config, mixer: Mixer, play_log: PlayLog) -> None:
        self.config = config
        self.mixer = mixer
        self.play_log = play_log
        self.engine_version = engine_version()
        self._now: NowPlaying | None = None
        self._reported: set[str] = set()
        if not mixer.available:
            self._reported.add("no sound device")  # the mixer has said so already

    def speak(self, deck: Deck, slide: Slide, lang: str) -> float | None:
        """Start the slide's narration; its length in seconds, or None if it cannot play."""
        self.stop()
        plan = plan_narration(deck, slide, lang, self.config)
        source = plan.source if plan is not None else "tts"
        path, reason = self._file_for(plan)
        if path is not None and self.mixer.available:
            outcome = self.mixer.play(path)
            if not isinstance(outcome, str):
                self._now = NowPlaying(deck, slide, lang, source, outcome)
                self._record(self._now, "start")
                return outcome
            reason = outcome
        elif not self.mixer.available:
            reason = "no sound device"
        self._note_once(reason or "narration unavailable", f"{slide.where}: {slide.id} ({lang})")
        self._record(NowPlaying(deck, slide, lang, source, 0.0), "unavailable")
        return None

    def prepare(self, deck: Deck, slide: Slide, lang: str) -> None:
        """Load the slide's sound while its transition runs, so speech starts at once."""
        path, _ = self._file_for(plan_narration(deck, slide, lang, self.config))
        if path is not None and self.mixer.available:
            self.mixer.load(path)

    @property
    def playing(self) -> bool:
        return self._now is not None

    def stop(self) -> None:
        if self.mixer.stop() and self._now is not None:
            self._record(self._now, "stopped")
        self._now = None

    def poll(self) -> None:
        if self.mixer.finished() and self._now is not None:
            self._record(self._now, "end")
            self._now = None

    def _file_for(self, plan: Recorded | Synthesis | None) -> tuple[Path | None, str | None]:
        if plan is None:
            return None, "no voice is configured for this language"
        if isinstance(plan, Recorded):
            return plan.path, None
        path = plan.cache_path(self.config.narration_cache, self.engine_version)
        if path.is_file():
            return path, None
        return None, "not synthesized yet (kiosk narrate makes every file ahead of time)"

    def _record(self, playing: NowPlaying, state: str) -> None:
        self.play_log.record(
            {
                "event": "narration",
                "state": state,
                "deck": playing.deck.name,
                "slide": playing.slide.id,
                "lang": playing.lang,
                "source": playing.source,
                "seconds": round(playing.seconds, 3),
            }
        )

    def _note_once(self, reason: str, where: str) -> None:
        """One log line per cause, not one per slide, so a silent hall does not flood the log."""
        cause = reason.split(" (")[0]
        if cause not in self._reported:
            self._reported.add(cause)
            log.warning("narration unavailable: %s; first at %s", reason, where)


class BackgroundSynthesis:
    """Makes the narration files the cache lacks, in play order, while the show runs."""

    def __init__(self, decks: tuple[Deck, ...], config: Config) -> None:
        self.jobs = [job for _, _, job in every_synthesis(decks, config, config.languages)]
        self.cache_dir = config.narration_cache
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="narration-synthesis", daemon=True)

    def start(self) -> None:
        if self.jobs:
            self._thread.start()

    def _run(self) -> None:
        engine: Engine | str = find_engine()
        if isinstance(engine, str):
            log.error("narration cannot be synthesized: %s", engine)
            return
        report = render_missing(self.jobs, self.cache_dir, engine, workers=1, stop=self._stop)
        if report.made or report.failed:
            log.info(
                "narration: %d made in the background, %d failed", report.made, len(report.failed)
            )
        for job, reason in report.failed[:5]:
            log.error("narration of %r (%s) failed: %s", job.text[:40], job.lang, reason)

    def stop(self) -> None:
        self._stop.set()
