"""The loop's fleet desk, without importing the fleet link's modules when there is no fleet.

Most kiosks have no `fleet:` in their config; for them `open_desk` gives `NoFleet`, and
kiosk.hall.fleet_desk (its socket, commands and state mapping: about 8 ms of imports) is
never imported before the first photo, nor at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from kiosk.content.config import Config

if TYPE_CHECKING:
    from kiosk.app import ShowLoop
    from kiosk.hall.fleet_desk import Screenshooter
    from kiosk.hall.playlog import PlayLog


class Desk(Protocol):
    def serve(self, loop: ShowLoop, now: float) -> None: ...

    def note_state(self, loop: ShowLoop) -> None: ...

    def close(self) -> None: ...


class NoFleet:
    """No `fleet:` in the config (or a link that could not start): nothing to do."""

    def serve(self, loop: ShowLoop, now: float) -> None:
        pass

    def note_state(self, loop: ShowLoop) -> None:
        pass

    def close(self) -> None:
        pass


def open_desk(
    config: Config,
    play_log: PlayLog,
    wake: Callable[[], None],
    screenshot: Screenshooter,
    clock: Callable[[], float] = time.monotonic,
) -> Desk:
    """`FleetDesk.open`, imported only when the config has a `fleet:`."""
    if config.fleet is None:
        return NoFleet()
    from kiosk.hall.fleet_desk import FleetDesk

    return FleetDesk.open(config, play_log, wake, screenshot, clock)
