"""How a show is asked to stop: a signal from systemd or a terminal, the staff's key
combination, or `--exit-after`. The loop checks the flag between two passes, so it always ends
cleanly, whatever it was doing."""

from __future__ import annotations

import signal
from types import FrameType


class StopFlag:
    """Set by SIGTERM, SIGINT or the staff combination; the loop checks it every pass."""

    def __init__(self) -> None:
        self.reason: str | None = None

    def set(self, reason: str) -> None:
        self.reason = self.reason or reason

    def __bool__(self) -> bool:
        return self.reason is not None

    def install_signal_handlers(self) -> None:
        def on_signal(signum: int, frame: FrameType | None) -> None:
            self.set(signal.Signals(signum).name)

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
