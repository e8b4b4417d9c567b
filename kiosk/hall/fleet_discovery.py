"""Home Assistant's MQTT discovery for one kiosk: a device with its sensors (deck, slide,
language, problems, up since), a binary sensor (a visitor is there), buttons (next, previous,
reload, restart, screenshot) and switches (narration, display).

Each entity is one retained message on <prefix>/<component>/<kiosk id>/<object>/config, the
form Home Assistant has read since MQTT discovery began and still reads beside its newer
device-wide form (as home-assistant.io documents the MQTT sensor, button and switch). Every
entity names the kiosk's availability topic, so a kiosk gone silent (its last will,
`offline`) shows as unavailable. The entity id is suggested with `default_entity_id`, which
replaced `object_id` in the payload (Home Assistant 2025.10; `object_id` stops working in
2026.4).
Buttons and switches publish ordinary commands (kiosk.show.remote_commands) on the kiosk's
command topic, so Home Assistant needs no rights that `kiosk fleet` does not have.
"""

from __future__ import annotations

import json

from kiosk.hall.fleet_state import OFFLINE, ONLINE, Topics

Message = tuple[str, dict[str, object]]

SENSORS: tuple[tuple[str, str, str, dict[str, object]], ...] = (
    ("deck", "Deck", "{{ value_json.deck }}", {"icon": "mdi:book-open-variant"}),
    ("slide", "Slide", "{{ value_json.slide }}", {"icon": "mdi:image"}),
    ("language", "Language", "{{ value_json.language }}", {"icon": "mdi:translate"}),
    (
        "problems",
        "Problems",
        "{{ value_json.problems.count }}",
        {"icon": "mdi:alert", "state_class": "measurement", "entity_category": "diagnostic"},
    ),
    (
        "uptime",
        "Up since",
        "{{ value_json.started }}",
        {"device_class": "timestamp", "entity_category": "diagnostic"},
    ),
)
BUTTONS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("next", "Next slide", {"icon": "mdi:skip-next"}),
    ("previous", "Previous slide", {"icon": "mdi:skip-previous"}),
    ("reload", "Reload the exhibition", {"icon": "mdi:reload", "entity_category": "config"}),
    ("restart", "Restart", {"device_class": "restart", "entity_category": "config"}),
    ("screenshot", "Screenshot", {"icon": "mdi:camera", "entity_category": "diagnostic"}),
)
SWITCHES: tuple[tuple[str, str, str], ...] = (
    ("narration", "Narration", "{{ 'ON' if value_json.narration else 'OFF' }}"),
    ("display", "Display", "{{ 'ON' if value_json.display == 'on' else 'OFF' }}"),
)


def discovery_messages(kiosk_id: str, prefix: str, version: str) -> list[Message]:
    """Every entity's (topic, config) for the kiosk `kiosk_id`."""
    topics = Topics(kiosk_id)
    common = _common(kiosk_id, topics, version)
    messages: list[Message] = []

    def entity(component: str, key: str, name: str, **fields: object) -> None:
        entity_id = f"{component}.kiosk_{kiosk_id.replace('-', '_')}_{key}"
        config = {
            **common,
            "name": name,
            "unique_id": f"kiosk_{kiosk_id}_{key}",
            "default_entity_id": entity_id,
            **fields,
        }
        messages.append((f"{prefix}/{component}/{kiosk_id}/{key}/config", config))

    for key, name, template, extra in SENSORS:
        entity("sensor", key, name, state_topic=topics.state, value_template=template, **extra)
    entity(
        "binary_sensor",
        "visitor",
        "Visitor present",
        state_topic=topics.state,
        value_template="{{ 'ON' if value_json.visitor_present else 'OFF' }}",
        device_class="occupancy",
    )
    for key, name, extra in BUTTONS:
        press = json.dumps({"action": key})
        entity("button", key, name, command_topic=topics.command, payload_press=press, **extra)
    for key, name, template in SWITCHES:
        entity(
            "switch",
            key,
            name,
            command_topic=topics.command,
            payload_on=json.dumps({"action": key, "on": True}),
            payload_off=json.dumps({"action": key, "on": False}),
            state_topic=topics.state,
            value_template=template,
            state_on="ON",
            state_off="OFF",
        )
    return messages


def _common(kiosk_id: str, topics: Topics, version: str) -> dict[str, object]:
    return {
        "availability_topic": topics.availability,
        "payload_available": ONLINE,
        "payload_not_available": OFFLINE,
        "has_entity_name": True,
        "device": {
            "identifiers": [f"kiosk_{kiosk_id}"],
            "name": f"Kiosk {kiosk_id}",
            "manufacturer": "kiosk",
            "model": "Museum kiosk",
            "sw_version": version,
        },
        "origin": {"name": "kiosk", "sw_version": version},
    }
