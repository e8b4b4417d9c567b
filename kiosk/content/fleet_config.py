"""The `fleet:` section of the config: the kiosk on an MQTT broker, for staff who watch and
steer many kiosks from one desk (kiosk.hall.fleet). Optional: without it nothing changes.

Kept apart from `config.py`, like the other sections, with its defaults here, in code. The
password is never in the config, only the file that holds it: the config is copied around
by curators, the password file stays on the kiosk, readable by the kiosk's user alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from kiosk.content.yaml.nodes import Entry, NodeReader, unknown_key

PLAIN_PORT = 1883
TLS_PORT = 8883
KIOSK_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
RESERVED_IDS = frozenset({"all"})
"""`kiosk fleet send all …` means every kiosk: no kiosk may be called that."""
BROKER = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[^\s:/\[\]]+))(?::(?P<port>\d+))?$")


@dataclass(frozen=True)
class FleetConfig:
    broker: str = "localhost"
    """HOST or HOST:PORT; the port is 1883, or 8883 with `tls`, unless given."""
    id: str | None = None
    """The kiosk's name in topics (kiosk/<id>/…); None: the machine's host name."""
    username: str | None = None
    password_file: Path | None = None
    """A file holding the password on its first line; never the password itself."""
    tls: bool = False
    ca_file: Path | None = None
    """The certificate authority that signed the broker's certificate; None: the system's."""
    keepalive: int = 30
    """Seconds between pings; the broker declares a silent kiosk offline after 1.5 times it."""
    heartbeat: int = 60
    """Seconds between two publications of an unchanged state (its uptime, a sign of life)."""
    home_assistant: bool = True
    """Publish Home Assistant's MQTT discovery, so it lists each kiosk as a device."""
    discovery_prefix: str = "homeassistant"

    @property
    def host(self) -> str:
        return (split_broker(self.broker) or (self.broker, None))[0]

    @property
    def port(self) -> int:
        given = (split_broker(self.broker) or ("", None))[1]
        return given if given is not None else TLS_PORT if self.tls else PLAIN_PORT


FLEET_KEYS = frozenset(setting.name for setting in fields(FleetConfig))
"""The keys of the `fleet:` section: every `FleetConfig` field, named as in the file."""

OPTIONAL_TEXTS = ("id", "username", "password_file", "ca_file")
"""Keys that may be written `null` (their default: none)."""


def split_broker(text: str) -> tuple[str, int | None] | None:
    """'mqtt.museum.lan:8883' -> ('mqtt.museum.lan', 8883); '[::1]' -> ('::1', None); None
    for anything that is not a host with an optional port from 1 to 65535."""
    match = BROKER.match(text.strip())
    if match is None:
        return None
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 1 <= port <= 65535:
        return None
    return match["v6"] or match["host"], port


def topic_id(name: str) -> str:
    """A host name made fit for MQTT topics and Home Assistant ids: lower case, and only
    letters, digits, - and _ ('Kiosk Hall 2.local' -> 'kiosk-hall-2-local')."""
    cleaned = re.sub(r"[^a-z0-9_-]+", "-", name.strip().lower()).strip("-_")[:64]
    return cleaned if cleaned and cleaned not in RESERVED_IDS else "kiosk"


def read_fleet(reader: NodeReader, node: Node) -> FleetConfig | None:
    entries = reader.entries(node, "fleet", FLEET_KEYS, _unknown)
    if entries is None:
        return None
    changes: dict[str, object] = {}
    for key, entry in entries.items():
        if key in OPTIONAL_TEXTS and _is_null(entry.value):
            continue  # written null: the default, none
        changes[key] = _read_key(reader, key, entry.value)
    fleet = replace(FleetConfig(), **{k: v for k, v in changes.items() if v is not None})
    _check_together(reader, fleet, entries)
    return fleet


def _read_key(reader: NodeReader, key: str, node: Node) -> object:
    what = f"fleet {key}"
    match key:
        case "broker":
            return _read_broker(reader, node)
        case "id":
            return _read_id(reader, node)
        case "username" | "discovery_prefix":
            text = reader.text(node, what)
            if text is not None and any(char in text for char in "+#/\0 "):
                reader.error(node, f"{what} cannot hold spaces, '+', '#', '/' or '\\0'")
                return None
            return text
        case "password_file" | "ca_file":
            text = reader.text(node, what)
            return Path(text) if text and "\0" not in text else None
        case "tls" | "home_assistant":
            return reader.boolean(node, what)
        case "keepalive":
            return _whole(reader, node, what, 5, 3600)
        case "heartbeat":
            return _whole(reader, node, what, 10, 86400)
    return None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _unknown(key: str) -> str:
    if "password" in key.lower() and key != "password_file":
        return (
            f"'{key}': never write the password in the config; put it alone in a file "
            "that only the kiosk's user can read, and name that file in password_file"
        )
    return unknown_key(key, "fleet", FLEET_KEYS)


def _read_broker(reader: NodeReader, node: Node) -> str | None:
    text = reader.text(node, "fleet broker")
    if text is None:
        return None
    if split_broker(text) is None:
        reader.error(
            node,
            f"fleet broker must be HOST or HOST:PORT (such as mqtt.museum.lan:8883), got '{text}'",
        )
        return None
    return text.strip()


def _read_id(reader: NodeReader, node: Node) -> str | None:
    text = reader.text(node, "fleet id")
    if text is None:
        return None
    if text in RESERVED_IDS:
        reader.error(
            node,
            f"fleet id cannot be '{text}': `kiosk fleet send all` means every "
            "kiosk; choose another name",
        )
        return None
    if not KIOSK_ID.match(text):
        reader.error(
            node,
            f"fleet id may hold only small letters, digits, - and _ (at most "
            f"64), such as '{topic_id(text)}'; got '{text}'",
        )
        return None
    return text


def _whole(reader: NodeReader, node: Node, what: str, low: int, high: int) -> int | None:
    value = reader.number(node, what, low, high, "seconds")
    if value is not None and value != int(value):
        reader.error(node, f"{what} must be a whole number of seconds, got {value:g}")
        return None
    return None if value is None else int(value)


def _check_together(reader: NodeReader, fleet: FleetConfig, entries: dict[str, Entry]) -> None:
    """Keys that mean nothing without another: said as warnings, the link still starts."""
    if fleet.password_file is not None and fleet.username is None:
        reader.warning(
            entries["password_file"].value,
            "fleet password_file is sent only with a username; add username",
        )
    if fleet.ca_file is not None and not fleet.tls:
        reader.warning(
            entries["ca_file"].value, "fleet ca_file is used only with tls: true; add tls: true"
        )
