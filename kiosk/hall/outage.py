"""A file the kiosk keeps writing (the play log, the status) that cannot be written for a while:
a full disk, a folder made read-only, a USB stick pulled out.

The show goes on meanwhile. Each later write tries again, but not more often than every
`RETRY_SECONDS`, so a folder that stays read-only costs one failed system call now and then.
Staff read one line when the trouble starts and one when it ends, not one per slide.
"""

from __future__ import annotations

import time
from collections.abc import Callable

RETRY_SECONDS = 10.0


class Outage:
    """Whether the last write failed, and whether it is time to try again."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, retry_seconds: float = RETRY_SECONDS
    ) -> None:
        self.clock = clock
        self.retry_seconds = retry_seconds
        self.reason: str | None = None
        """Why the last write failed, while it has not succeeded since; None when it did."""
        self._tried_at = 0.0

    @property
    def ongoing(self) -> bool:
        return self.reason is not None

    def due(self) -> bool:
        """Whether to try writing now: always, unless a try failed less than a while ago."""
        return self.reason is None or self.clock() - self._tried_at >= self.retry_seconds

    def failed(self, error: OSError) -> bool:
        """Note a failed write; True when it starts an outage (the moment to say so)."""
        starts = self.reason is None
        self.reason = error.strerror or str(error)
        self._tried_at = self.clock()
        return starts

    def succeeded(self) -> bool:
        """Note a write that worked; True when it ends an outage (the moment to say so)."""
        ended = self.reason is not None
        self.reason = None
        return ended
