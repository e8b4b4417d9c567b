"""What the kiosk says on the broker: its state made from the status file's own fields, its
topics, and Home Assistant's discovery, whose buttons and switches send ordinary commands."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.content.problems import Problem, Severity
from kiosk.hall.fleet_discovery import discovery_messages
from kiosk.hall.fleet_state import MAX_LISTED, LoopFacts, Topics, fleet_state, kiosk_of, reply
from kiosk.hall.status import StatusFile
from kiosk.show.deck import Mark
from kiosk.show.remote_commands import RemoteAction, RemoteCommand, parse_command

SHOWING = {
    "deck": "livron",
    "slide": "bridge",
    "lang": "en",
    "trigger": "timer",
    "since": "2026-12-02T10:00:00+01:00",
    "visitor": True,
    "file": "slides/livron.yaml",
    "line": 12,
}


def status_with_problems(count: int) -> StatusFile:
    status = StatusFile(None)  # the fields, as the loop keeps them, without a file
    status.note_showing(SHOWING)
    status.note_calendar({"open": True, "quiet": False, "display": "on"})
    where = Mark("slides/livron.yaml", 3, 5)
    status.note_problems([Problem(where, Severity.ERROR, f"fix {n}") for n in range(count)])
    status.note_photo_failures([(Path("media/a.jpg"), "not a photo")])
    return status


def test_the_state_is_the_status_files_fields_and_what_the_loop_knows() -> None:
    status = status_with_problems(2)
    facts = LoopFacts(language="en", step=None, paused=False, narration=True, display="on")
    state = fleet_state(status.fields, facts)
    assert state == {
        "deck": "livron",
        "slide": "bridge",
        "step": None,
        "language": "en",
        "trigger": "timer",
        "since": "2026-12-02T10:00:00+01:00",
        "visitor_present": True,
        "paused": False,
        "narration": True,
        "sound": True,
        "display": "on",
        "schedule": {"open": True, "quiet": False, "display": "on"},
        "problems": {
            "count": 3,
            "files": [
                "slides/livron.yaml:3:5: error: fix 0",
                "slides/livron.yaml:3:5: error: fix 1",
            ],
            "photos": [{"path": "media/a.jpg", "reason": "not a photo"}],
            "narration": [],
        },
        "version": status.fields["version"],
        "started": status.fields["started"],
    }
    json.dumps(state)  # all of it is JSON


def test_closed_nothing_shows_and_many_problems_are_counted_all_listed_in_part() -> None:
    status = status_with_problems(MAX_LISTED + 5)
    status.note_showing(None)
    state = fleet_state(status.fields, LoopFacts(language="fr", step=3, display="off"))
    assert (state["deck"], state["slide"], state["step"], state["language"]) == (
        None,
        None,
        None,
        "fr",
    )
    assert state["problems"]["count"] == MAX_LISTED + 6
    assert len(state["problems"]["files"]) == MAX_LISTED
    assert state["display"] == "off"


def test_topics_and_whose_they_are() -> None:
    topics = Topics("hall-2")
    assert [topics.availability, topics.state, topics.events, topics.command] == [
        "kiosk/hall-2/availability",
        "kiosk/hall-2/state",
        "kiosk/hall-2/events",
        "kiosk/hall-2/command",
    ]
    assert [topics.reply, topics.screenshot] == ["kiosk/hall-2/reply", "kiosk/hall-2/screenshot"]
    assert kiosk_of("kiosk/hall-2/state") == ("hall-2", "state")
    assert kiosk_of("homeassistant/sensor/hall-2/deck/config") is None
    assert kiosk_of("kiosk/hall-2") is None


def test_a_reply_says_ok_or_why_not() -> None:
    assert reply("k", "next", "r", None, slide="b") == {
        "kiosk": "k",
        "ok": True,
        "action": "next",
        "ref": "r",
        "slide": "b",
    }
    assert reply("k", None, None, "no") == {
        "kiosk": "k",
        "ok": False,
        "action": None,
        "error": "no",
    }


def test_discovery_one_device_every_entity_unavailable_with_the_kiosk() -> None:
    messages = dict(discovery_messages("hall-2", "homeassistant", "1.2"))
    assert len(messages) == 5 + 1 + 5 + 2
    for topic, config in messages.items():
        component, node, key = topic.split("/")[1:4]
        assert topic == f"homeassistant/{component}/{node}/{key}/config"
        assert node == "hall-2"
        assert config["availability_topic"] == "kiosk/hall-2/availability"
        assert (config["payload_available"], config["payload_not_available"]) == (
            "online",
            "offline",
        )
        assert config["default_entity_id"] == f"{component}.kiosk_hall_2_{key}"
        assert "object_id" not in config  # replaced by default_entity_id in HA 2025.10
        assert config["device"]["identifiers"] == ["kiosk_hall-2"]
        assert config["device"]["sw_version"] == "1.2"
    assert len({config["unique_id"] for config in messages.values()}) == len(messages)
    uptime = messages["homeassistant/sensor/hall-2/uptime/config"]
    assert (uptime["device_class"], uptime["value_template"]) == (
        "timestamp",
        "{{ value_json.started }}",
    )


def test_home_assistants_buttons_and_switches_send_ordinary_commands() -> None:
    messages = dict(discovery_messages("k", "ha", "1"))
    pressed = {
        topic.split("/")[3]: parse_command(config["payload_press"].encode())
        for topic, config in messages.items()
        if topic.startswith("ha/button/")
    }
    assert pressed == {
        key: RemoteCommand(RemoteAction(key))
        for key in ("next", "previous", "reload", "restart", "screenshot")
    }
    for key in ("narration", "display"):
        switch = messages[f"ha/switch/k/{key}/config"]
        assert switch["command_topic"] == "kiosk/k/command"
        for payload, on in (("payload_on", True), ("payload_off", False)):
            assert parse_command(switch[payload].encode()) == RemoteCommand(
                RemoteAction(key), on=on
            )
        assert (switch["state_on"], switch["state_off"]) == ("ON", "OFF")
