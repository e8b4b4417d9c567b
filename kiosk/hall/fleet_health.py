"""Whether the fleet link is connected, or why not, and what of it deserves a line in the
journal: one line when an outage begins and one when it ends, never one per attempt.

One failure is told apart: a broker that closes each connection as soon as it is made. With
MQTT that is what two clients with the same id get, each taking the other's place in turn,
and the usual cause is kiosks cloned from one SD card, same host name and so the same
default `fleet: id`. It is said once, as an error naming the id, instead of two lines a
second for as long as it lasts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("kiosk.hall.fleet")

SHORT_SECONDS = 10.0
"""A connection that ends sooner than this counts as closed at once."""
SHORT_IN_A_ROW = 3


class LinkHealth:
    def __init__(
        self, where: str, kiosk_id: str, retry_seconds: int, clock: Callable[[], float]
    ) -> None:
        self.where, self.kiosk_id, self.retry_seconds = where, kiosk_id, retry_seconds
        self.clock = clock
        self.connected = False
        self.problem: str | None = None
        """Why the link is not connected, as said in the journal; None while it is."""
        self._ever_connected = False
        self._since: float | None = None
        self._short = 0
        self._taken_over = False

    def up(self) -> None:
        self.connected, self.problem, self._since = True, None, self.clock()
        if not self._taken_over:
            again = " again" if self._ever_connected else ""
            level = logging.WARNING if self._ever_connected else logging.INFO
            log.log(level, "fleet: connected%s to %s as %s", again, self.where, self.kiosk_id)
        self._ever_connected = True

    def down(self, why: str) -> None:
        """The connection ended, or an attempt failed, because `why`."""
        self.connected = False
        if self._since is not None:
            lasted, self._since = self.clock() - self._since, None
            self._short = self._short + 1 if lasted < SHORT_SECONDS else 0
            if self._short == 0:
                self._taken_over = False
            elif self._short >= SHORT_IN_A_ROW and not self._taken_over:
                self._taken_over = True
                log.error("fleet: %s: %s", self.where, self.taken_over())
        if self._taken_over:
            self.problem = self.taken_over()
            return
        if self.problem is None:
            log.warning(
                "fleet: %s: %s; trying again every %d s at most, the show goes on",
                self.where,
                why,
                self.retry_seconds,
            )
        self.problem = self.problem or why

    def taken_over(self) -> str:
        return (
            f"the broker closes each connection at once: another kiosk is probably using the "
            f"id '{self.kiosk_id}' (kiosks copied from one SD card share their host name); "
            "give each kiosk its own `fleet: id`"
        )
