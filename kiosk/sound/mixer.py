"""The sound card, through pygame.mixer: one narration at a time, and silence without a device.

A missing or busy sound device is reported once and `available` turns False; every later call
is then a quiet no-op, so the show goes on with its captions.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame

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

    def probe(self) -> bool:
        """Whether there is a sound device, asked once at start so the speaker buttons can be
        honest; the device is closed again unless the loop narrates."""
        opened_before = self._open
        if self._ensure_open() and not opened_before:
            self.suspend()
        return self.available

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
