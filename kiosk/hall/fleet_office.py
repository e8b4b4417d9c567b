"""The office's side of the fleet: `kiosk fleet` on a staff PC, talking to the same broker as
the kiosks (kiosk.hall.fleet) with paho-mqtt.

It learns every kiosk from the retained messages the kiosks leave on the broker (their
availability and their last state), sends a command and waits for its reply (matched by the
`ref` it adds), and follows the play log events as they come. Each call waits at most the
seconds it is given: a kiosk that is away, or a broker that does not let this user read or
write, ends as "no reply", never as a hang.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.hall.fleet import send_at_once
from kiosk.hall.fleet_state import Topics, kiosk_of

QUIET_SECONDS = 0.5
"""The retained messages come at once after subscribing: this long without one, all came."""


class OfficeError(Exception):
    """The broker cannot be reached, or refuses this user: said in one sentence."""


@dataclass(frozen=True)
class OfficeSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: Path | None = None


@dataclass
class KioskSeen:
    """What the broker keeps of one kiosk: its availability and its last state."""

    kiosk_id: str
    availability: str | None = None
    state: dict[str, object] | None = None


@dataclass
class Answer:
    kiosk_id: str
    reply: dict[str, object] | None = None
    screenshot: bytes | None = None


@dataclass
class _Heard:
    topic: str
    payload: bytes


@dataclass
class Office:
    settings: OfficeSettings
    client: mqtt.Client = field(init=False)
    heard: queue.Queue[_Heard] = field(default_factory=queue.Queue)
    subscribed: threading.Event = field(default_factory=threading.Event)

    def connect(self, seconds: float = 5.0) -> None:
        """Connected, or OfficeError saying why not."""
        settings = self.settings
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
        if settings.username is not None:
            self.client.username_pw_set(settings.username, settings.password)
        where = f"{settings.host}:{settings.port}"
        answered, refusal = threading.Event(), []

        def connected(client, userdata, flags, reason, properties=None) -> None:
            if reason.is_failure:
                refusal.append(str(reason))
            answered.set()

        self.client.on_connect = connected
        self.client.on_message = lambda c, u, m: self.heard.put(_Heard(m.topic, m.payload))
        self.client.on_subscribe = lambda *arguments: self.subscribed.set()
        self.client.on_socket_open = send_at_once
        try:
            if settings.tls:
                self.client.tls_set(ca_certs=str(settings.ca_file) if settings.ca_file else None)
            self.client.connect(settings.host, settings.port, keepalive=30)
        except (OSError, ValueError) as error:
            raise OfficeError(f"cannot connect to the broker at {where} ({error})") from None
        self.client.loop_start()
        if not answered.wait(seconds):
            self.close()
            raise OfficeError(f"the broker at {where} did not answer within {seconds:g} s")
        if refusal:
            self.close()
            raise OfficeError(f"the broker at {where} refused the connection: {refusal[0]}")

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

    def subscribe(self, *topics: str, seconds: float = 5.0) -> None:
        self.subscribed.clear()
        self.client.subscribe([(topic, 1) for topic in topics])
        if not self.subscribed.wait(seconds):
            raise OfficeError("the broker did not confirm the subscription")

    def messages(self, seconds: float | None) -> Iterator[_Heard]:
        """What is heard within `seconds` (None: for ever), as it comes."""
        deadline = None if seconds is None else time.monotonic() + seconds
        while deadline is None or time.monotonic() < deadline:
            wait = 1.0 if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                yield self.heard.get(timeout=min(wait, 1.0))
            except queue.Empty:
                continue

    def survey(self, longest: float = 5.0) -> dict[str, KioskSeen]:
        """Every kiosk the broker keeps something of, by id."""
        self.subscribe("kiosk/+/availability", "kiosk/+/state")
        kiosks: dict[str, KioskSeen] = {}
        deadline = time.monotonic() + longest
        while time.monotonic() < deadline:
            try:
                message = self.heard.get(timeout=QUIET_SECONDS)
            except queue.Empty:
                break
            place = kiosk_of(message.topic)
            if place is None or not message.payload:
                continue
            seen = kiosks.setdefault(place[0], KioskSeen(place[0]))
            if place[1] == "availability":
                seen.availability = message.payload.decode("utf-8", "replace")
            else:
                seen.state = _json_object(message.payload)
        return dict(sorted(kiosks.items()))

    def send(
        self, kiosk_ids: list[str], payload: dict[str, object], seconds: float, picture: bool
    ) -> list[Answer]:
        """`payload` to each kiosk, and their replies (and screenshots, with `picture`) as
        they came within `seconds`; a kiosk that did not answer has `reply` None."""
        ref = uuid.uuid4().hex[:12]
        answers = {kiosk_id: Answer(kiosk_id) for kiosk_id in kiosk_ids}
        topics = ["kiosk/+/reply", *(["kiosk/+/screenshot"] if picture else [])]
        self.subscribe(*topics)
        for kiosk_id in kiosk_ids:
            text = json.dumps({**payload, "ref": ref}, ensure_ascii=False)
            self.client.publish(Topics(kiosk_id).command, text, qos=1)

        def done() -> bool:
            return all(
                a.reply is not None and (not _awaits_picture(a, picture)) for a in answers.values()
            )

        for message in self.messages(seconds):
            place = kiosk_of(message.topic)
            if place is None or place[0] not in answers:
                continue
            answer = answers[place[0]]
            if place[1] == "screenshot":
                answer.screenshot = message.payload
            else:
                reply = _json_object(message.payload)
                if reply is not None and reply.get("ref") == ref:
                    answer.reply = reply
            if done():
                break
        return list(answers.values())

    def follow(
        self,
        on_heard: Callable[[str, str, bytes], None],
        kiosk_id: str = "+",
        seconds: float | None = None,
    ) -> None:
        """Tell `on_heard(kiosk, kind, payload)` each event and availability change of the
        kiosk `kiosk_id` (+: all), for `seconds` (None: until interrupted)."""
        self.subscribe(f"kiosk/{kiosk_id}/events", f"kiosk/{kiosk_id}/availability")
        for message in self.messages(seconds):
            place = kiosk_of(message.topic)
            if place is not None:
                on_heard(place[0], place[1], message.payload)


def _awaits_picture(answer: Answer, picture: bool) -> bool:
    ok = answer.reply is not None and answer.reply.get("ok") is True
    return picture and ok and answer.screenshot is None


def _json_object(payload: bytes) -> dict[str, object] | None:
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
