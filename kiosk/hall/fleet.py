"""The kiosk's link to the museum's MQTT broker, with paho-mqtt: availability, state, play
log events and replies out; commands in.

The display loop never waits on the network. paho's network loop runs in a thread of its
own (`loop_start`), connecting, reconnecting with backoff (1 s, doubling to 8 s) and pinging;
a publisher thread of ours hands it what the show says. The loop only puts values in a
bounded queue (`publish_state`, `publish_event`, `reply`) and takes the commands that
arrived (`take_commands`), which paho's thread parsed (kiosk.show.remote_commands) and
answered at once when malformed. A broker that is down, slow or refuses us costs the show
nothing; what happens meanwhile is not kept, and on each connection the kiosk says again
that it is online, and its current state.

MQTT's last will does the rest: the broker publishes `offline` on kiosk/<id>/availability
(retained) for a kiosk it stops hearing from (crashed, unplugged, frozen) within 1.5 times
the keepalive; a kiosk that stops cleanly says `offline` itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.hall.fleet_discovery import Message
from kiosk.hall.fleet_health import LinkHealth
from kiosk.hall.fleet_state import OFFLINE, ONLINE, Topics, reply
from kiosk.show.remote_commands import Refusal, RemoteCommand, parse_command

log = logging.getLogger(__name__)

RECONNECT_DELAYS = (1, 8)
"""Seconds before the first attempt to reconnect, and the most between two: a kiosk is back
within 8 s of its broker's return, and fifty kiosks trying every 8 s cost a broker nothing."""
WAITING = 1000
"""Messages waiting for the publisher thread at most; more are dropped, never waited for."""
QUEUED_WHILE_AWAY = 50
"""paho's own queue of replies (QoS 1) kept while the broker is away."""
STOP = ("stop", None)


@dataclass(frozen=True)
class LinkSettings:
    kiosk_id: str
    host: str
    port: int = 1883
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: Path | None = None
    """The authority that signed the broker's certificate; None: the system's."""
    keepalive: int = 30
    heartbeat: float = 60.0
    discovery: tuple[Message, ...] = ()
    """Home Assistant's discovery, published (retained) at each connection."""
    forget: tuple[str, ...] = ()
    """Discovery topics to empty at each connection (Home Assistant then forgets them)."""


def send_at_once(client: mqtt.Client, userdata: object, sock: object) -> None:
    """No Nagle: a state published just after a reply waited for the broker's delayed ACK of
    the reply, 40 ms on Linux (bench/fleet.py, 10 kiosks: 48 ms from a command to its state
    without this, 6.4 ms with this and the broker's `set_tcp_nodelay true`)."""
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # type: ignore[attr-defined]


class FleetLink:
    """One kiosk on the broker; `start`, then feed it from the display loop, `close` at the
    end. Every method the loop calls returns at once."""

    def __init__(
        self,
        settings: LinkSettings,
        on_command: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.topics = Topics(settings.kiosk_id)
        self.on_command = on_command
        self.clock = clock
        self.started = clock()
        where = f"{settings.host}:{settings.port}"
        self.health = LinkHealth(where, settings.kiosk_id, RECONNECT_DELAYS[1], clock)
        self.dropped = 0
        self._commands: queue.SimpleQueue[RemoteCommand] = queue.SimpleQueue()
        self._outbox: queue.Queue[tuple[str, Any]] = queue.Queue(WAITING)
        self._state_lock = threading.Lock()
        self._state: dict[str, object] | None = None
        self._state_asked = False
        self._closing = False
        self.client = self._make_client()
        self._publisher = threading.Thread(target=self._publish, name="fleet", daemon=True)

    def _make_client(self) -> mqtt.Client:
        settings = self.settings
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"kiosk-{settings.kiosk_id}",
            protocol=mqtt.MQTTv311,
            clean_session=True,  # a command sent while the kiosk was away is not replayed
        )
        client.will_set(self.topics.availability, OFFLINE, qos=1, retain=True)
        client.reconnect_delay_set(*RECONNECT_DELAYS)
        client.max_queued_messages_set(QUEUED_WHILE_AWAY)
        if settings.username is not None:
            client.username_pw_set(settings.username, settings.password)
        if settings.tls:  # raises OSError or ssl.SSLError for a ca_file it cannot use
            client.tls_set(ca_certs=str(settings.ca_file) if settings.ca_file else None)
        client.on_connect = self._connected
        client.on_connect_fail = self._unreachable
        client.on_disconnect = self._disconnected
        client.on_message = self._received
        client.on_socket_open = send_at_once
        return client

    def start(self) -> None:
        """Connect in the background; nothing here waits for the broker."""
        self.client.connect_async(self.settings.host, self.settings.port, self.settings.keepalive)
        self.client.loop_start()
        self._publisher.start()

    # --- what the display loop calls -------------------------------------------------------

    def publish_state(self, state: dict[str, object]) -> None:
        """The kiosk's state changed: it is published (retained) soon; states that follow
        each other faster than the publisher are published once, the last."""
        with self._state_lock:
            self._state = state
            if self._state_asked:
                return
            self._state_asked = True
        self._put(("state", None))

    def publish_event(self, line: str) -> None:
        """A play log line, as written."""
        self._put(("event", line))

    def reply(self, answer: dict[str, object]) -> None:
        self._put(("reply", answer))

    def publish_screenshot(self, jpeg: bytes) -> None:
        """Called from the screenshot's own thread."""
        self._put(("screenshot", jpeg))

    def take_commands(self) -> list[RemoteCommand]:
        """The commands that arrived since the last call, oldest first."""
        taken = []
        with contextlib.suppress(queue.Empty):
            while True:
                taken.append(self._commands.get_nowait())
        return taken

    @property
    def connected(self) -> bool:
        return self.health.connected

    @property
    def problem(self) -> str | None:
        """Why the link is not connected, as said in the journal."""
        return self.health.problem

    def status(self) -> dict[str, object]:
        """For the status file (`kiosk status`): where, as whom, and whether it is connected,
        or why not."""
        where = f"{self.settings.host}:{self.settings.port}"
        return {
            "broker": where,
            "id": self.settings.kiosk_id,
            "connected": self.connected,
            "problem": self.problem,
        }

    def close(self, seconds: float = 1.0) -> None:
        """Say `offline` (it is no crash: the will is not needed) and disconnect, waiting
        `seconds` at most for each step: a stopping kiosk never hangs on its broker."""
        self._closing = True
        with contextlib.suppress(queue.Full):
            self._outbox.put(STOP, timeout=seconds)
        self._publisher.join(seconds)
        if self.connected:
            sent = self.client.publish(self.topics.availability, OFFLINE, qos=1, retain=True)
            with contextlib.suppress(ValueError, RuntimeError):
                sent.wait_for_publish(seconds)
        self.client.disconnect()
        stopper = threading.Thread(target=self.client.loop_stop, daemon=True)
        stopper.start()
        stopper.join(seconds)

    def _put(self, item: tuple[str, Any]) -> None:
        try:
            self._outbox.put_nowait(item)
        except queue.Full:
            self.dropped += 1

    # --- the publisher thread -----------------------------------------------------------------

    def _publish(self) -> None:
        beat = self.clock() + self.settings.heartbeat
        while True:
            try:
                kind, body = self._outbox.get(timeout=max(0.0, beat - self.clock()))
            except queue.Empty:
                kind, body = "state", None  # the heartbeat: the state again, its uptime new
            try:
                if kind == "stop":
                    return
                if kind == "state":
                    self._send_state()
                    beat = self.clock() + self.settings.heartbeat
                else:
                    self._send(kind, body)
            except Exception:  # a publisher that dies would silence the kiosk for good
                log.exception("fleet: publishing %s failed; going on", kind)

    def _send(self, kind: str, body: Any) -> None:
        topics = self.topics
        match kind:
            case "event":
                self.client.publish(topics.events, body, qos=0)
            case "reply":
                self.client.publish(topics.reply, json.dumps(body, ensure_ascii=False), qos=1)
            case "screenshot":
                self.client.publish(topics.screenshot, body, qos=0)

    def _send_state(self) -> None:
        """The latest state, with its uptime, retained. QoS 0: a state lost with its
        connection is published again at the next, and never replayed after a newer one."""
        with self._state_lock:
            state, self._state_asked = self._state, False
        if state is None or not self.client.is_connected():
            return
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        uptime = int(self.clock() - self.started)
        published = {**state, "uptime_seconds": uptime, "updated": now}
        payload = json.dumps(published, ensure_ascii=False)
        self.client.publish(self.topics.state, payload, qos=0, retain=True)

    # --- paho's thread ----------------------------------------------------------------------

    def _connected(
        self,
        client: mqtt.Client,
        userdata: object,
        flags: object,
        reason: Any,
        properties: object = None,
    ) -> None:
        if reason.is_failure:
            self.health.down(f"the broker refused the kiosk ({reason})")
            return
        self.health.up()
        client.subscribe(self.topics.command, qos=1)
        client.publish(self.topics.availability, ONLINE, qos=1, retain=True)
        for topic, config in self.settings.discovery:
            client.publish(topic, json.dumps(config, ensure_ascii=False), qos=1, retain=True)
        for topic in self.settings.forget:
            client.publish(topic, b"", qos=1, retain=True)
        self._send_state()

    def _unreachable(self, client: mqtt.Client, userdata: object) -> None:
        """paho calls this while handling the error, so the error is still at hand."""
        error = sys.exc_info()[1]
        self.health.down(f"cannot connect ({error or 'no answer'})")

    def _disconnected(
        self,
        client: mqtt.Client,
        userdata: object,
        flags: object,
        reason: Any,
        properties: object = None,
    ) -> None:
        if self._closing:
            self.health.connected = False
        else:
            self.health.down(f"lost the broker ({reason})")

    def _received(self, client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        if message.retain:  # replayed at each connection: a restart would loop for ever
            why = "a retained command is ignored; publish commands without the retain flag"
            self._answer(Refusal(why))
            return
        command = parse_command(message.payload)
        if isinstance(command, Refusal):
            self._answer(command)
            return
        self._commands.put(command)
        if self.on_command is not None:
            self.on_command()

    def _answer(self, refusal: Refusal) -> None:
        answer = reply(self.settings.kiosk_id, None, refusal.ref, refusal.message)
        self.client.publish(self.topics.reply, json.dumps(answer, ensure_ascii=False), qos=1)
