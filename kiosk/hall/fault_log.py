"""The display loop's unexpected errors, told to staff without flooding the hall's log.

The loop carries on after an error and tries again half a second later, so one fault that
stays (a photo that makes the renderer fail, say) would log a traceback twice a second all
day. Here each error is logged in full the first time; while it keeps coming back, only a
count is logged, at most once every SUMMARY_SECONDS. An error counts as the same when it has
the same type and message, or comes from the same place in the code (its message may carry
a changing number). Time is given by the caller, from the loop's own clock.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

log = logging.getLogger(__name__)

SUMMARY_SECONDS = 300.0
MAX_KNOWN = 20
"""Distinct errors remembered at once; the oldest is forgotten (its count logged) first."""


@dataclass(frozen=True)
class Fault:
    """What makes two errors the same: their text, and where in the code they were raised."""

    text: str
    place: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, error: BaseException) -> Fault:
        frames = traceback.extract_tb(error.__traceback__)
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return cls(text, tuple((frame.filename, frame.lineno or 0) for frame in frames))

    def same_as(self, other: Fault) -> bool:
        return self.text == other.text or (bool(self.place) and self.place == other.place)


@dataclass
class _Repeats:
    fault: Fault
    count: int
    since: float


class FaultLog:
    """Logs an error in full once, then a count of its repeats now and then."""

    def __init__(self, summary_seconds: float = SUMMARY_SECONDS) -> None:
        self.summary_seconds = summary_seconds
        self._known: list[_Repeats] = []

    def report(self, error: BaseException, now: float) -> None:
        """An error the loop caught at `now` (seconds, on the caller's clock)."""
        fault = Fault.of(error)
        for known in self._known:
            if fault.same_as(known.fault):
                known.count += 1
                self.tick(now)
                return
        log.error("unexpected error in the display loop; carrying on", exc_info=error)
        self._known.append(_Repeats(fault, 0, now))
        if len(self._known) > MAX_KNOWN:
            self._summarise(self._known.pop(0), now)

    def tick(self, now: float) -> None:
        """Log the counts whose time has come; call it on every pass of the loop."""
        for known in self._known:
            if known.count and now - known.since >= self.summary_seconds:
                self._summarise(known, now)

    def flush(self, now: float) -> None:
        """Log every count still untold, whatever its age: when the show stops."""
        for known in self._known:
            self._summarise(known, now)

    @staticmethod
    def _summarise(known: _Repeats, now: float) -> None:
        if known.count:
            log.error(
                "the same error again, %s in the last %s: %s",
                _counted(known.count, "time"),
                _span(now - known.since),
                known.fault.text,
            )
        known.count, known.since = 0, now


def _span(seconds: float) -> str:
    """'45 seconds', '5 minutes': how long a count was gathered over, in round numbers."""
    if seconds < 120:
        return _counted(max(0, round(seconds)), "second")
    return _counted(round(seconds / 60), "minute")


def _counted(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
