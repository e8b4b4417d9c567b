"""The show's clock: the one place the time is read.

The app makes one and asks it each pass; everything else is given the time as an argument
(`now` in show seconds, `at` as a wall-clock datetime), so tests choose the time and
`--speed` and `--start-time` only change this class.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta


class ShowClock:
    """Show time in seconds since launch, running `speed` times faster than real time, and
    the wall-clock time the calendar follows."""

    def __init__(self, speed: float = 1.0, start_time: datetime | None = None) -> None:
        self.speed = speed
        self._start = time.monotonic()
        self._pretend = start_time is not None or speed != 1.0
        self._wall_start = start_time or datetime.now(UTC)

    def now(self) -> float:
        return (time.monotonic() - self._start) * self.speed

    def wall_now(self) -> datetime:
        """The time of day. Read afresh at normal speed, so a clock set by NTP after boot is
        followed; rehearsing (`--speed`, `--start-time`), it runs with the show clock."""
        if not self._pretend:
            return datetime.now(UTC)
        return self._wall_start + timedelta(seconds=self.now())

    def real_elapsed(self) -> float:
        return time.monotonic() - self._start

    def real_seconds_until(self, show_time: float) -> float:
        return max(0.0, (show_time - self.now()) / self.speed)
