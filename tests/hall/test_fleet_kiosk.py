"""A real `kiosk run` on a real Mosquitto (issue 15): availability and state published,
retained and updated; play log lines as events; Home Assistant's discovery; commands that
move the show with the trigger `remote`, and malformed ones that change nothing; a
screenshot; and the last will when the kiosk is killed with SIGKILL."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
from pathlib import Path

from PIL import Image

from tests.broker import Broker, Listener
from tests.helpers import read_jsonl
from tests.small_show import small_show, start_kiosk, terminate, wait_for_lines

KIOSK_ID = "hall-2"
TOPICS = f"kiosk/{KIOSK_ID}"
KEEPALIVE = 5


def fleet_show(root: Path, broker: Broker, duration: float, extra: str = "") -> Path:
    """The small show, its slides `duration` seconds each, on the broker as hall-2."""
    small_show(root, duration)
    config = root / "config" / "kiosk.yaml"
    fleet = (
        f"fleet:\n  broker: 127.0.0.1:{broker.port}\n  id: {KIOSK_ID}\n"
        f"  keepalive: {KEEPALIVE}\n{extra}"
    )
    config.write_text(config.read_text(encoding="utf-8") + fleet, encoding="utf-8")
    return root


def started(tmp_path: Path, broker: Broker, duration: float) -> tuple[subprocess.Popen, Path]:
    root = fleet_show(tmp_path / "show", broker, duration)
    kiosk = start_kiosk(root, tmp_path, "--no-narration")
    wait_for_lines(kiosk, root / "play.jsonl")
    return kiosk, root


def online(message) -> bool:
    return message.text == "online"


def test_availability_and_state_are_retained_and_follow_the_show(tmp_path, mosquitto) -> None:
    broker = mosquitto()
    watch = Listener(broker.port, f"{TOPICS}/#").wait_ready()
    kiosk, root = started(tmp_path, broker, duration=2)
    try:
        watch.wait_for(f"{TOPICS}/availability", online)
        first = watch.wait_for(f"{TOPICS}/state").json()
        assert (first["deck"], first["slide"], first["language"]) == ("town", "harbour", "fr")
        changed = watch.wait_for(f"{TOPICS}/state", lambda m: m.json()["slide"] == "bridge")
        assert changed.json()["trigger"] == "timer"
        # A desk that starts listening later is told at once, from the retained messages.
        late = Listener(broker.port, f"{TOPICS}/availability", f"{TOPICS}/state").wait_ready()
        availability = late.wait_for(f"{TOPICS}/availability")
        state = late.wait_for(f"{TOPICS}/state")
        assert (availability.text, availability.retain, state.retain) == ("online", True, True)
        lines = [line for line in read_jsonl(root / "play.jsonl") if line["event"] == "slide"]
        assert state.json()["slide"] in (lines[-1]["slide"], lines[-2]["slide"])
        assert set(state.json()) >= {
            "deck",
            "slide",
            "step",
            "language",
            "visitor_present",
            "paused",
            "narration",
            "schedule",
            "problems",
            "version",
            "started",
            "uptime_seconds",
            "updated",
        }
        late.close()
        # The play log's lines, as written, are the events: from the first written once the
        # link is up (a kiosk that starts fast writes its first line before it connects).
        events = [m.text for m in watch.messages(f"{TOPICS}/events")]
        written = (root / "play.jsonl").read_text(encoding="utf-8").splitlines()
        assert events and events[0] in written
        first = written.index(events[0])
        assert events == written[first : first + len(events)]
    finally:
        status, _, err = terminate(kiosk, within=10)
        watch.close()
    assert status == 0, err


def test_home_assistant_discovers_one_device_that_goes_unavailable_with_the_kiosk(
    tmp_path, mosquitto
) -> None:
    broker = mosquitto()
    watch = Listener(broker.port, "homeassistant/#", f"{TOPICS}/availability").wait_ready()
    kiosk, _ = started(tmp_path, broker, duration=30)
    try:
        watch.wait_for("homeassistant/switch/hall-2/display/config")
        configs = {m.topic: m.json() for m in watch.messages("homeassistant/#")}
        assert sorted(configs) == sorted(
            f"homeassistant/{component}/hall-2/{key}/config"
            for component, keys in {
                "sensor": ("deck", "slide", "language", "problems", "uptime"),
                "binary_sensor": ("visitor",),
                "button": ("next", "previous", "reload", "restart", "screenshot"),
                "switch": ("narration", "display"),
            }.items()
            for key in keys
        )
        assert {config["availability_topic"] for config in configs.values()} == {
            f"{TOPICS}/availability"
        }
        assert len({json.dumps(config["device"]) for config in configs.values()}) == 1
        next_button = configs["homeassistant/button/hall-2/next/config"]
        assert json.loads(next_button["payload_press"]) == {"action": "next"}
    finally:
        status, _, err = terminate(kiosk, within=10)
    # A kiosk that stops cleanly says so itself, at once.
    offline = watch.wait_for(f"{TOPICS}/availability", lambda m: m.text == "offline", 5)
    assert offline.text == "offline" and status == 0, err
    watch.close()


def test_commands_move_the_show_with_trigger_remote(tmp_path, mosquitto) -> None:
    broker = mosquitto()
    desk = Listener(broker.port, f"{TOPICS}/#").wait_ready()
    kiosk, root = started(tmp_path, broker, duration=60)  # the timer stays out of the way
    log = root / "play.jsonl"

    def send(command: dict, ref: str) -> dict:
        since = time.monotonic()
        desk.publish(f"{TOPICS}/command", {**command, "ref": ref})
        wanted = lambda m: m.json().get("ref") == ref  # noqa: E731
        return desk.wait_for(f"{TOPICS}/reply", wanted, after=since).json()

    try:
        desk.wait_for(f"{TOPICS}/availability", online)
        answer = send({"action": "next"}, "r1")
        assert answer == {
            "kiosk": KIOSK_ID,
            "ok": True,
            "action": "next",
            "ref": "r1",
            "deck": "town",
            "slide": "bridge",
            "step": None,
            "language": "fr",
        }
        state = desk.wait_for(f"{TOPICS}/state", lambda m: m.json()["slide"] == "bridge")
        assert state.json()["trigger"] == "remote"
        assert state.json()["visitor_present"] is False
        assert read_jsonl(log)[-2:] == [
            {**read_jsonl(log)[-2], "event": "command", "action": "next", "trigger": "remote"},
            {
                **read_jsonl(log)[-1],
                "event": "slide",
                "deck": "town",
                "slide": "bridge",
                "lang": "fr",
                "trigger": "remote",
            },
        ]
        answer = send({"action": "goto", "deck": "town", "slide": "market"}, "r2")
        assert (answer["ok"], answer["slide"]) == (True, "market")
        answer = send({"action": "language", "lang": "en"}, "r3")
        assert (answer["ok"], answer["language"]) == (True, "en")
        assert read_jsonl(log)[-1]["event"] == "language"
        assert read_jsonl(log)[-1]["trigger"] == "remote"
        # Refused: nothing changes on screen, and the play log says it was refused.
        lines = len(read_jsonl(log))
        answer = send({"action": "goto", "deck": "town", "slide": "church"}, "r4")
        assert answer == {
            "kiosk": KIOSK_ID,
            "ok": False,
            "action": "goto",
            "ref": "r4",
            "error": "deck 'town' has no slide 'church'",
        }
        assert read_jsonl(log)[lines:] == [
            {
                **read_jsonl(log)[-1],
                "event": "command",
                "action": "goto",
                "trigger": "remote",
                "refused": "deck 'town' has no slide 'church'",
            },
        ]
        answer = send({"action": "display", "on": False}, "r5")
        assert answer["error"] == (
            "this kiosk has no display to switch (SDL's dummy or offscreen driver)"
        )
        # Malformed: answered by the link itself; the show never sees it.
        lines = len(read_jsonl(log))
        answer = send({"action": "shutdown"}, "r6")
        assert (answer["ok"], answer["action"]) == (False, None)
        assert answer["error"].startswith('unknown action "shutdown"')
        since = time.monotonic()
        desk.publish(f"{TOPICS}/command", b"next please")
        answer = desk.wait_for(f"{TOPICS}/reply", after=since).json()
        assert "not JSON" in answer["error"]
        time.sleep(0.5)
        assert len(read_jsonl(log)) == lines
        current = desk.messages(f"{TOPICS}/state")[-1].json()
        assert (current["slide"], current["language"]) == ("market", "en")
    finally:
        status, _, err = terminate(kiosk, within=10)
        desk.close()
    assert status == 0, err


def test_a_screenshot_at_most_every_ten_seconds(tmp_path, mosquitto) -> None:
    broker = mosquitto()
    desk = Listener(broker.port, f"{TOPICS}/#").wait_ready()
    kiosk, _ = started(tmp_path, broker, duration=60)
    try:
        desk.wait_for(f"{TOPICS}/availability", online)
        desk.publish(f"{TOPICS}/command", {"action": "screenshot", "ref": "s1"})
        shot = desk.wait_for(f"{TOPICS}/screenshot")
        image = Image.open(io.BytesIO(shot.payload))
        assert (image.format, image.size) == ("JPEG", (320, 180))
        desk.publish(f"{TOPICS}/command", {"action": "screenshot", "ref": "s2"})
        refused = desk.wait_for(f"{TOPICS}/reply", lambda m: m.json().get("ref") == "s2")
        assert refused.json()["error"].startswith("one screenshot every 10 s: try again in ")
        assert len(desk.messages(f"{TOPICS}/screenshot")) == 1
    finally:
        terminate(kiosk, within=10)
        desk.close()


def test_restart_is_a_clean_exit_that_the_supervisor_restarts(tmp_path, mosquitto) -> None:
    broker = mosquitto()
    desk = Listener(broker.port, f"{TOPICS}/#").wait_ready()
    kiosk, root = started(tmp_path, broker, duration=60)
    try:
        desk.wait_for(f"{TOPICS}/availability", online)
        desk.publish(f"{TOPICS}/command", {"action": "restart"})
        _, err = kiosk.communicate(timeout=15)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        desk.close()
    assert kiosk.returncode == 0, err  # systemd's Restart=always starts it again
    assert "stopped: restart (remote)" in err
    assert desk.messages(f"{TOPICS}/availability")[-1].text == "offline"
    assert read_jsonl(root / "play.jsonl")[-1]["action"] == "restart"


def test_a_killed_kiosk_is_offline_through_its_last_will(tmp_path, mosquitto) -> None:
    broker = mosquitto()
    desk = Listener(broker.port, f"{TOPICS}/availability").wait_ready()
    kiosk, _ = started(tmp_path, broker, duration=60)
    try:
        desk.wait_for(f"{TOPICS}/availability", online)
        killed_at = time.monotonic()
        os.kill(kiosk.pid, signal.SIGKILL)
        kiosk.communicate(timeout=10)
        offline = desk.wait_for(f"{TOPICS}/availability", lambda m: m.text == "offline", 20)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        desk.close()
    assert offline.at - killed_at <= 1.5 * KEEPALIVE + 2  # the broker's own deadline
    late = Listener(broker.port, f"{TOPICS}/availability").wait_ready()
    retained = late.wait_for(f"{TOPICS}/availability")
    assert (retained.text, retained.retain) == ("offline", True)
    late.close()


def test_a_retained_command_is_ignored(tmp_path, mosquitto) -> None:
    """A retained command would be carried out again at every connection: a retained
    restart, a kiosk restarting for ever."""
    broker = mosquitto()
    desk = Listener(broker.port, f"{TOPICS}/reply").wait_ready()
    desk.publish(f"{TOPICS}/command", {"action": "restart"}, retain=True)
    kiosk, _ = started(tmp_path, broker, duration=60)
    try:
        answer = desk.wait_for(f"{TOPICS}/reply").json()
        assert answer["error"] == (
            "a retained command is ignored; publish commands without the retain flag"
        )
        time.sleep(1)
        assert kiosk.poll() is None
    finally:
        status, _, err = terminate(kiosk, within=10)
        desk.close()
    assert status == 0, err
