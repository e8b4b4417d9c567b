"""The recommended broker (config/mosquitto/, README "Fleet (MQTT)"): with its password file
and access list, a client without the password cannot command a kiosk, nor can one kiosk
command or speak for another, while staff and Home Assistant can; and TLS, with the museum's
own authority (`fleet: ca_file`) or, without it, the system's certificates.

The broker runs the shipped kiosk-fleet.conf's settings and the shipped kiosk-acl as they are,
on a test listener of its own; the kiosk is its own fleet link, in this process."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from kiosk.hall.fleet import FleetLink, LinkSettings
from kiosk.hall.fleet_discovery import discovery_messages
from kiosk.show.remote_commands import RemoteAction, RemoteCommand
from tests.broker import Listener
from tests.helpers import REPO

SHIPPED = REPO / "config" / "mosquitto"
USERS = {
    "hall-2": "kiosk-2-secret",
    "hall-3": "kiosk-3-secret",
    "staff": "staff-secret",
    "homeassistant": "ha-secret",
}


def recommended_settings(folder: Path) -> str:
    """The shipped kiosk-fleet.conf's settings, its password file made with mosquitto_passwd
    for USERS and its access list the shipped kiosk-acl; its listeners left to the test."""
    program = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"
    passwords, acl = folder / "kiosk-passwords", folder / "kiosk-acl"
    for number, (user, password) in enumerate(USERS.items()):
        create = ["-c"] if number == 0 else []
        subprocess.run([program, *create, "-b", str(passwords), user, password], check=True)
    shutil.copy(SHIPPED / "kiosk-acl", acl)
    settings = []
    for line in (SHIPPED / "kiosk-fleet.conf").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.split()[0] in LISTENER_KEYS:
            continue
        line = line.replace("/etc/mosquitto/kiosk-passwords", str(passwords))
        settings.append(line.replace("/etc/mosquitto/kiosk-acl", str(acl)))
    assert settings == [
        "per_listener_settings false",
        "allow_anonymous false",
        f"password_file {passwords}",
        f"acl_file {acl}",
        "set_tcp_nodelay true",
    ]
    return "\n".join(settings) + "\n"


LISTENER_KEYS = frozenset({"listener", "certfile", "keyfile"})


def kiosk_link(port: int, **changes: object) -> FleetLink:
    settings = LinkSettings(
        kiosk_id="hall-2",
        host="127.0.0.1",
        port=port,
        username="hall-2",
        password=USERS["hall-2"],
        discovery=tuple(discovery_messages("hall-2", "homeassistant", "test")),
    )
    link = FleetLink(LinkSettings(**{**settings.__dict__, **changes}))
    link.start()
    return link


def until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_without_the_password_no_command_reaches_the_kiosk(tmp_path: Path, mosquitto) -> None:
    broker = mosquitto(recommended_settings(tmp_path))
    staff = Listener(broker.port, "kiosk/#", username="staff", password=USERS["staff"])
    staff.wait_ready()
    home = Listener(
        broker.port, "homeassistant/#", username="homeassistant", password=USERS["homeassistant"]
    ).wait_ready()
    link = kiosk_link(broker.port)
    try:
        link.publish_state({"deck": "town", "slide": "harbour"})
        staff.wait_for("kiosk/hall-2/availability", lambda m: m.text == "online")
        staff.wait_for("kiosk/hall-2/state")
        home.wait_for("homeassistant/switch/hall-2/display/config")

        anonymous = Listener(broker.port).wait_ready()
        wrong = Listener(broker.port, username="staff", password="guess").wait_ready()
        assert (anonymous.refused, wrong.refused) == ("Not authorized", "Not authorized")
        for refused in (anonymous, wrong):  # nowhere to send it: not connected
            refused.client.publish("kiosk/hall-2/command", '{"action": "restart"}', qos=1)
            refused.close()

        other = Listener(broker.port, username="hall-3", password=USERS["hall-3"]).wait_ready()
        assert other.refused is None
        other.publish("kiosk/hall-2/command", {"action": "restart"})
        other.publish("kiosk/hall-2/state", {"deck": "forged"})
        other.close()
        time.sleep(1)
        assert link.take_commands() == []
        assert all(m.json().get("deck") != "forged" for m in staff.messages("kiosk/hall-2/state"))

        staff.publish("kiosk/hall-2/command", {"action": "next"})
        home.publish("kiosk/hall-2/command", {"action": "previous"})
        received: list[RemoteCommand] = []
        until(lambda: len(received.__iadd__(link.take_commands())) == 2)
        assert [c.action for c in received] == [RemoteAction.NEXT, RemoteAction.PREVIOUS]
    finally:
        link.close()
        staff.close()
        home.close()


def make_authority(folder: Path) -> tuple[Path, Path, Path]:
    """A museum's own certificate authority, and the broker's certificate it signed for
    127.0.0.1: (authority, certificate, key)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl program is missing (apt-get install openssl)")
    ca, ca_key = folder / "museum-ca.crt", folder / "museum-ca.key"
    crt, key, request = folder / "broker.crt", folder / "broker.key", folder / "broker.csr"
    names = folder / "names.ext"
    names.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n", encoding="utf-8")

    def run(*arguments: str) -> None:
        subprocess.run([openssl, *arguments], check=True, capture_output=True)

    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(ca_key),
        "-out",
        str(ca),
        "-days",
        "2",
        "-subj",
        "/CN=Museum test authority",
    )
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(key),
        "-out",
        str(request),
        "-subj",
        "/CN=127.0.0.1",
    )
    run(
        "x509",
        "-req",
        "-in",
        str(request),
        "-CA",
        str(ca),
        "-CAkey",
        str(ca_key),
        "-CAcreateserial",
        "-out",
        str(crt),
        "-days",
        "2",
        "-extfile",
        str(names),
    )
    return ca, crt, key


def test_tls_with_the_museums_own_authority_or_the_systems(tmp_path: Path, mosquitto) -> None:
    ca, crt, key = make_authority(tmp_path)
    broker = mosquitto(listener_settings=f"certfile {crt}\nkeyfile {key}\n")
    trusting = kiosk_link(broker.port, tls=True, ca_file=ca, username=None, password=None)
    doubting = kiosk_link(broker.port, tls=True, username=None, password=None)
    try:
        until(lambda: trusting.connected)
        until(lambda: doubting.problem is not None)
        assert not doubting.connected
        assert "CERTIFICATE_VERIFY_FAILED" in str(doubting.problem)
    finally:
        trusting.close()
        doubting.close()
