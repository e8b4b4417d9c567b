"""The narration desk: which file a slide plays, and what the play log says of it.

Fails soft at every step: no sound device, no voice for a language, a file not synthesized
yet, a damaged recording. Each cause is logged once for staff and the show goes on silently,
with the captions on screen; what fails (not a file still to be made) is also noted, with the
slide's file and line, for `kiosk status`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.config import Config
from kiosk.hall.playlog import PlayLog
from kiosk.show.deck import Deck, Slide
from kiosk.show.effects import PauseSpeech, ResumeSpeech, SetVolume, StopSpeech
from kiosk.show.narration import Recorded, Synthesis, plan_narration
from kiosk.show.sentences import Cue
from kiosk.sound.cue_files import read_cues, read_recording_cues
from kiosk.sound.mixer import Mixer
from kiosk.sound.narration_timer import NarrationTimer
from kiosk.sound.speech import engine_version
from kiosk.sound.synthesis import CacheLedger

log = logging.getLogger(__name__)

SpeechControl = StopSpeech | PauseSpeech | ResumeSpeech | SetVolume
"""The player's effects on a narration already playing, which `control` carries out."""


@dataclass(frozen=True)
class NowPlaying:
    deck: Deck
    slide: Slide
    lang: str
    source: str
    seconds: float


class NarrationDesk:
    """Turns the player's narration effects into sound and play log lines."""

    def __init__(
        self,
        config: Config,
        mixer: Mixer,
        play_log: PlayLog,
        ledger: CacheLedger | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`ledger` is shared with the run's background synthesis, which makes a missing file
        the desk asks for and never prunes the one playing. `clock` (real seconds) times the
        narration for the sentence highlight."""
        self.timer = NarrationTimer(clock)
        self.ledger = ledger or CacheLedger()
        self.config = config
        self.mixer = mixer
        self.play_log = play_log
        self._engine_version: str | None = None
        self._now: NowPlaying | None = None
        self._reported: set[str] = set()
        if not mixer.available:
            self._reported.add("no sound device")  # the mixer has said so already

    @property
    def engine_version(self) -> str:
        """The speech engine's version, which names the cached files: asked when narration
        is first wanted, not at start (it runs espeak-ng)."""
        if self._engine_version is None:
            self._engine_version = engine_version()
        return self._engine_version

    def speak(self, deck: Deck, slide: Slide, lang: str) -> float | None:
        """Start the slide's narration; its length in seconds, or None if it cannot play."""
        self.stop()
        plan = plan_narration(deck, slide, lang, self.config)
        source = plan.source if plan is not None else "tts"
        path, reason = self._file_for(plan)
        failures = self.ledger.failures
        if path is not None and self.mixer.available:
            outcome = self.mixer.play(path)
            if not isinstance(outcome, str):
                failures.clear(("play", path))
                failures.clear(("device",))
                self.ledger.note_playing(path)
                self._now = NowPlaying(deck, slide, lang, source, outcome)
                self.timer.start(self._cues(plan, path, slide, lang))
                self._record(self._now, "start")
                return outcome
            reason = outcome
            failures.note(("play", path), outcome, slide, lang)
        elif not self.mixer.available:
            reason = "no sound device"
            failures.note(("device",), reason, None, None)
        elif plan is None:
            failures.note(("voice", lang), reason or "no voice", slide, lang)
        self._note_once(reason or "narration unavailable", f"{slide.where}: {slide.id} ({lang})")
        self._record(NowPlaying(deck, slide, lang, source, 0.0), "unavailable")
        return None

    def prepare(self, deck: Deck, slide: Slide, lang: str) -> None:
        """Load the slide's sound while its transition runs, so speech starts at once."""
        path, _ = self._file_for(plan_narration(deck, slide, lang, self.config))
        if path is not None and self.mixer.available:
            self.mixer.load(path)

    def control(self, effect: SpeechControl) -> None:
        """Carry out one of the player's effects on the narration already playing."""
        match effect:
            case StopSpeech():
                self.stop()
            case PauseSpeech():
                self.mixer.pause()
                self.timer.pause()
            case ResumeSpeech():
                self.mixer.resume()
                self.timer.resume()
            case SetVolume(volume=volume):
                self.mixer.set_volume(volume)

    def forget_failures(self) -> None:
        """After a reload: the recordings and voices are found afresh when next played."""
        self.ledger.failures.drop(
            lambda cause: isinstance(cause, tuple) and cause[0] in ("play", "voice")
        )

    @property
    def playing(self) -> bool:
        return self._now is not None

    def stop(self) -> None:
        if self.mixer.stop() and self._now is not None:
            self._record(self._now, "stopped")
        self._now = None
        self.timer.stop()
        self.ledger.note_playing(None)

    def poll(self) -> None:
        if self.mixer.finished() and self._now is not None:
            self._record(self._now, "end")
            self._now = None
            self.timer.stop()
            self.ledger.note_playing(None)

    def spoken_sentence(self, deck: Deck, slide: Slide, lang: str) -> int | None:
        """The caption sentence being spoken, if the narration playing is this slide's in
        `lang` (a sentence highlight on another caption would be wrong)."""
        now = self._now
        if now is None or (now.deck, now.slide, now.lang) != (deck, slide, lang):
            return None
        return self.timer.sentence()

    def _cues(
        self, plan: Recorded | Synthesis | None, path: Path, slide: Slide, lang: str
    ) -> tuple[Cue, ...]:
        """The sentence timing of the sound now starting: its cue file, if it has one."""
        if isinstance(plan, Recorded):
            caption, _ = slide.caption.in_language(lang, self.config.default_language)
            return read_recording_cues(path, caption)
        return read_cues(path)

    def _file_for(self, plan: Recorded | Synthesis | None) -> tuple[Path | None, str | None]:
        if plan is None:
            return None, "no voice is configured for this language"
        if isinstance(plan, Recorded):
            return plan.path, None
        path = plan.cache_path(self.config.narration_cache, self.engine_version)
        if path.is_file():
            return path, None
        self.ledger.ask_for(plan)  # made first, while the show goes on
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
