"""A real Mosquitto for the fleet tests, on a free local port with a config file of its own,
and a small MQTT client that records what it hears.

The `mosquitto` fixture (tests/conftest.py) skips a test, saying why, where the mosquitto
program is missing; CI installs Debian's package (.ci/run). Nothing here touches a broker
the machine may run as a service: every broker is started and stopped by its test.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion


def mosquitto_program() -> str | None:
    """The broker's program: on the PATH, or where Debian puts it (/usr/sbin, not on every
    user's PATH)."""
    found = shutil.which("mosquitto")
    if found is None and Path("/usr/sbin/mosquitto").is_file():
        found = "/usr/sbin/mosquitto"
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Broker:
    """`mosquitto -c FOLDER/mosquitto.conf`, listening on 127.0.0.1:`port`; `settings` are
    written before the listener (anonymous clients are allowed unless they say otherwise),
    `listener_settings` after it (TLS). It runs as the test's user: started as root,
    mosquitto would otherwise become the user `mosquitto`, who cannot read the test's
    files."""

    program: str
    folder: Path
    port: int = field(default_factory=free_port)
    settings: str = "allow_anonymous true\n"
    listener_settings: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.folder / "mosquitto.log"

    def start(self) -> Broker:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "mosquitto.conf"
        user = pwd.getpwuid(os.getuid()).pw_name
        config.write_text(
            f"user {user}\npersistence false\nlog_dest file {self.log}\nlog_type all\n"
            f"{self.settings}\n"
            f"listener {self.port} 127.0.0.1\n{self.listener_settings}",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [self.program, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 10
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                said = self.process.communicate()[1].decode(errors="replace")
                self.process = None
                raise AssertionError(f"mosquitto did not start: {said} {self.log_text()}")
            time.sleep(0.02)
        return self

    def _listening(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 1):
            return True
        return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.is_file() else "(no log)"


@dataclass
class Heard:
    topic: str
    payload: bytes
    retain: bool
    at: float

    @property
    def text(self) -> str:
        return self.payload.decode("utf-8", "replace")

    def json(self) -> object:
        return json.loads(self.payload)


class Listener:
    """An MQTT client subscribed to `topics`, recording every message with when it came."""

    def __init__(
        self, port: int, *topics: str, username: str | None = None, password: str | None = None
    ) -> None:
        self.heard: list[Heard] = []
        self.lock = threading.Lock()
        self.refused: str | None = None
        self.ready = threading.Event()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
        if username is not None:
            self.client.username_pw_set(username, password)
        self.client.on_message = self._message
        self.client.on_connect = self._connected
        self.client.on_subscribe = lambda *args: self.ready.set()
        self.topics = topics
        self.client.connect("127.0.0.1", port, keepalive=10)
        self.client.loop_start()

    def _connected(self, client, userdata, flags, reason, properties=None) -> None:
        if reason.is_failure:
            self.refused = str(reason)
            self.ready.set()
            return
        if self.topics:
            client.subscribe([(topic, 1) for topic in self.topics])
        else:
            self.ready.set()

    def _message(self, client, userdata, message) -> None:
        with self.lock:
            self.heard.append(
                Heard(message.topic, message.payload, message.retain, time.monotonic())
            )

    def wait_ready(self, seconds: float = 10) -> Listener:
        assert self.ready.wait(seconds), "the listener never connected"
        return self

    def messages(self, topic: str | None = None) -> list[Heard]:
        with self.lock:
            return [
                m for m in self.heard if topic is None or mqtt.topic_matches_sub(topic, m.topic)
            ]

    def wait_for(
        self,
        topic: str,
        wanted: Callable[[Heard], bool] = lambda m: True,
        seconds: float = 15,
        after: float = 0.0,
    ) -> Heard:
        """The first message on `topic` (heard after `after`, monotonic) that is `wanted`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for message in self.messages(topic):
                if message.at >= after and wanted(message):
                    return message
            time.sleep(0.02)
        seen = [(m.topic, m.text[:200]) for m in self.messages(topic)][-5:]
        raise AssertionError(f"nothing wanted on {topic} within {seconds} s; last: {seen}")

    def publish(self, topic: str, payload: object, retain: bool = False) -> None:
        text = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        self.client.publish(topic, text, qos=1, retain=retain).wait_for_publish(5)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()
