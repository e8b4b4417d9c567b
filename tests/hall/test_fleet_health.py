"""What the fleet link says in the journal: one line per outage, not one per attempt; and two
kiosks with the same id, each closing the other's connection, said once as an error."""

from __future__ import annotations

import logging
import time

from kiosk.hall.fleet import FleetLink, LinkSettings
from kiosk.hall.fleet_health import LinkHealth


def said(caplog) -> list[tuple[str, str]]:
    return [(record.levelname, record.getMessage()) for record in caplog.records]


def test_one_line_when_an_outage_begins_and_one_when_it_ends(caplog) -> None:
    clock = [0.0]
    health = LinkHealth("b:1883", "hall-2", 8, lambda: clock[0])
    with caplog.at_level(logging.INFO, logger="kiosk.hall.fleet"):
        health.down("cannot connect ([Errno 111] Connection refused)")
        health.down("cannot connect ([Errno 111] Connection refused)")
        health.up()
        clock[0] = 600
        health.down("lost the broker (Unspecified error)")
        for _ in range(5):
            health.down("cannot connect ([Errno 111] Connection refused)")
        assert health.problem == "lost the broker (Unspecified error)"
        health.up()
    assert said(caplog) == [
        ("WARNING", "fleet: b:1883: cannot connect ([Errno 111] Connection refused); trying "
         "again every 8 s at most, the show goes on"),
        ("INFO", "fleet: connected to b:1883 as hall-2"),
        ("WARNING", "fleet: b:1883: lost the broker (Unspecified error); trying again every "
         "8 s at most, the show goes on"),
        ("WARNING", "fleet: connected again to b:1883 as hall-2"),
    ]  # fmt: skip
    assert (health.connected, health.problem) == (True, None)


def test_connections_closed_at_once_again_and_again_are_said_once(caplog) -> None:
    clock = [0.0]
    health = LinkHealth("b:1883", "raspberrypi", 8, lambda: clock[0])
    with caplog.at_level(logging.INFO, logger="kiosk.hall.fleet"):
        for _ in range(20):
            health.up()
            clock[0] += 1
            health.down("lost the broker (Unspecified error)")
            clock[0] += 1
    errors = [message for level, message in said(caplog) if level == "ERROR"]
    assert errors == [f"fleet: b:1883: {health.taken_over()}"]
    assert "'raspberrypi'" in health.taken_over()
    assert len(caplog.records) < 8  # not two lines a second for ever
    assert health.problem == health.taken_over()
    health.up()  # then it lasts: the next outage is an outage again
    clock[0] += 60
    health.down("lost the broker (Unspecified error)")
    assert health.problem == "lost the broker (Unspecified error)"


def test_two_kiosks_with_the_same_id_on_a_real_broker(mosquitto, caplog) -> None:
    broker = mosquitto()
    twins = [FleetLink(LinkSettings("raspberrypi", "127.0.0.1", broker.port)) for _ in "ab"]
    with caplog.at_level(logging.INFO, logger="kiosk.hall.fleet"):
        for twin in twins:
            twin.start()
        deadline = time.monotonic() + 30
        while not any("another kiosk is probably using" in str(t.problem) for t in twins):
            assert time.monotonic() < deadline, said(caplog)
            time.sleep(0.1)
        for twin in twins:
            twin.close()
    errors = [message for level, message in said(caplog) if level == "ERROR"]
    assert 1 <= len(errors) <= 2  # once for each twin at most
