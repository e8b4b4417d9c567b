"""How far the narration now playing has got, for the sentence highlight.

The mixer says nothing of a sound's position, so the desk notes when it started and how long
it was paused, on the show's real-time clock (the sound plays in real time whatever the
show's speed). The cues come from the cue file beside a synthesized sound
(kiosk.sound.speech), or from a WebVTT file beside a recording (kiosk.sound.cue_files); a
sound without one (a narration text that is not the caption, say) is not highlighted.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.show.sentences import Cue, next_cue_after, sentence_at


class NarrationTimer:
    """Seconds into the narration now playing, pauses left out."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.cues: tuple[Cue, ...] = ()
        self._started: float | None = None
        self._paused_at: float | None = None

    def start(self, cues: tuple[Cue, ...]) -> None:
        self.cues, self._started, self._paused_at = cues, self.clock(), None

    def stop(self) -> None:
        self.cues, self._started, self._paused_at = (), None, None

    def pause(self) -> None:
        if self._started is not None and self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._started is not None and self._paused_at is not None:
            self._started += self.clock() - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float | None:
        if self._started is None:
            return None
        now = self._paused_at if self._paused_at is not None else self.clock()
        return now - self._started

    def sentence(self) -> int | None:
        """The index of the sentence being spoken, None when none is (or none is known)."""
        return sentence_at(self.cues, self.elapsed())

    def seconds_to_next_cue(self) -> float | None:
        """Until the highlight moves on; None while paused or with no sentence to come."""
        if self._paused_at is not None:
            return None
        return next_cue_after(self.cues, self.elapsed())
