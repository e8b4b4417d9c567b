"""The config's `fleet:` section: optional, defaults in code, problems placed, no password."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.config import load_config
from kiosk.content.fleet_config import FleetConfig, split_broker, topic_id
from tests.helpers import write_config


def load(root: Path, text: str) -> tuple[FleetConfig | None, list[str], Path]:
    path = write_config(root, text)
    config, problems = load_config(path)
    return config.fleet, [str(problem) for problem in problems], path


def test_without_a_fleet_section_there_is_no_fleet_link(tmp_path: Path) -> None:
    fleet, problems, _ = load(tmp_path, "slide_duration: 10\n")
    assert (fleet, problems) == (None, [])


def test_the_issues_example_reads_as_written(tmp_path: Path) -> None:
    fleet, problems, _ = load(
        tmp_path,
        """\
        fleet:
          broker: mqtt.museum.lan:8883
          id: hall-2-convoy
          tls: true
          username: kiosk-hall-2
          password_file: /etc/kiosk/mqtt-password
        """,
    )
    assert problems == []
    assert fleet == FleetConfig(
        broker="mqtt.museum.lan:8883",
        id="hall-2-convoy",
        tls=True,
        username="kiosk-hall-2",
        password_file=Path("/etc/kiosk/mqtt-password"),
    )
    assert (fleet.host, fleet.port) == ("mqtt.museum.lan", 8883)


def test_an_empty_section_is_a_link_to_a_local_broker(tmp_path: Path) -> None:
    fleet, problems, _ = load(tmp_path, "fleet: {}\n")
    assert problems == []
    assert fleet == FleetConfig()
    assert (fleet.host, fleet.port, fleet.id) == ("localhost", 1883, None)


def test_the_port_follows_tls_unless_given() -> None:
    assert FleetConfig(broker="b", tls=True).port == 8883
    assert FleetConfig(broker="b:1999", tls=True).port == 1999
    assert FleetConfig(broker="[::1]:1884").host == "::1"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("mqtt.museum.lan", ("mqtt.museum.lan", None)),
        ("10.0.0.2:1883", ("10.0.0.2", 1883)),
        ("[fe80::1]:8883", ("fe80::1", 8883)),
        ("host:0", None),
        ("host:70000", None),
        ("two words", None),
        ("mqtt://host", None),
        ("", None),
    ],
)
def test_split_broker(text: str, parts: tuple[str, int | None] | None) -> None:
    assert split_broker(text) == parts


def test_a_password_in_the_config_is_refused_with_what_to_do(tmp_path: Path) -> None:
    fleet, problems, path = load(tmp_path, "fleet:\n  username: k\n  password: hunter2\n")
    assert problems == [
        f"{path}:3:3: error: 'password': never write the password in the config; put it "
        "alone in a file that only the kiosk's user can read, and name that file in "
        "password_file"
    ]
    assert fleet == FleetConfig(username="k")


def test_bad_values_are_placed_and_their_defaults_kept(tmp_path: Path) -> None:
    fleet, problems, path = load(
        tmp_path,
        """\
        fleet:
          broker: "mqtt://museum"
          id: Hall 2
          keepalive: 2
          heartbeat: 30.5
          tls: yes please
          brokr: x
        """,
    )
    assert problems == [
        f"{path}:7:3: error: unknown key 'brokr' in fleet; did you mean 'broker'?",
        f"{path}:2:11: error: fleet broker must be HOST or HOST:PORT (such as "
        "mqtt.museum.lan:8883), got 'mqtt://museum'",
        f"{path}:3:7: error: fleet id may hold only small letters, digits, - and _ (at most "
        "64), such as 'hall-2'; got 'Hall 2'",
        f"{path}:4:14: error: fleet keepalive must be between 5 and 3600 seconds, got 2",
        f"{path}:5:14: error: fleet heartbeat must be a whole number of seconds, got 30.5",
        f"{path}:6:8: error: fleet tls must be true or false, got 'yes please'",
    ]
    assert fleet == FleetConfig()


def test_all_is_no_kiosk_id(tmp_path: Path) -> None:
    _, problems, path = load(tmp_path, "fleet: {id: all}\n")
    assert problems == [
        f"{path}:1:13: error: fleet id cannot be 'all': `kiosk fleet send all` means every "
        "kiosk; choose another name"
    ]


def test_keys_that_need_another_are_warned_about(tmp_path: Path) -> None:
    fleet, problems, path = load(
        tmp_path, "fleet:\n  password_file: secret.txt\n  ca_file: ca.pem\n"
    )
    assert problems == [
        f"{path}:2:18: warning: fleet password_file is sent only with a username; add username",
        f"{path}:3:12: warning: fleet ca_file is used only with tls: true; add tls: true",
    ]
    assert fleet is not None and fleet.password_file == Path("secret.txt")


def test_null_is_the_default_for_the_optional_texts(tmp_path: Path) -> None:
    fleet, problems, _ = load(tmp_path, "fleet: {id: null, username: ~, ca_file: null}\n")
    assert (fleet, problems) == (FleetConfig(), [])


def test_a_topic_character_in_the_user_name_is_refused(tmp_path: Path) -> None:
    fleet, problems, path = load(tmp_path, "fleet: {username: 'kiosk/#'}\n")
    assert problems == [
        f"{path}:1:19: error: fleet username cannot hold spaces, '+', '#', '/' or '\\0'"
    ]
    assert fleet == FleetConfig()


@pytest.mark.parametrize(
    ("host", "wanted"),
    [
        ("kiosk-hall-2", "kiosk-hall-2"),
        ("Kiosk Hall 2.local", "kiosk-hall-2-local"),
        ("MUSÉE_1", "mus-e_1"),
        ("all", "kiosk"),
        ("---", "kiosk"),
        ("", "kiosk"),
    ],
)
def test_a_host_name_made_fit_for_topics(host: str, wanted: str) -> None:
    assert topic_id(host) == wanted
