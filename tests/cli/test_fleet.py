"""`kiosk fleet list|send|watch` against a real Mosquitto, with a real kiosk playing on it and
a second one that stopped (its retained `offline`)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kiosk.hall.fleet import FleetLink, LinkSettings
from tests.broker import Listener
from tests.helpers import KIOSK, headless_env, read_jsonl
from tests.small_show import small_show, start_kiosk, terminate, wait_for_lines


def fleet(broker_port: int, cwd: Path, *arguments: str, env: dict | None = None):
    return subprocess.run(
        [str(KIOSK), "fleet", "--broker", f"127.0.0.1:{broker_port}", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def hall(tmp_path: Path, mosquitto):
    """A broker; hall-2 playing the small show (slides of 60 s) on it; hall-3 gone offline.
    Yields (port, the kiosk's folder, an empty folder to run `kiosk fleet` in)."""
    broker = mosquitto()
    root = small_show(tmp_path / "show", 60)
    config = root / "config" / "kiosk.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"fleet: {{broker: '127.0.0.1:{broker.port}', id: hall-2, keepalive: 5}}\n",
        encoding="utf-8",
    )
    gone = FleetLink(LinkSettings("hall-3", "127.0.0.1", broker.port))
    gone.start()
    gone.publish_state({"deck": "war", "slide": "map", "language": "en"})
    watch = Listener(broker.port, "kiosk/+/availability").wait_ready()
    watch.wait_for("kiosk/hall-3/availability", lambda m: m.text == "online")
    gone.close()
    kiosk = start_kiosk(root, tmp_path, "--no-narration")
    wait_for_lines(kiosk, root / "play.jsonl")
    watch.wait_for("kiosk/hall-2/availability", lambda m: m.text == "online")
    watch.close()
    office = tmp_path / "office"
    office.mkdir()
    yield broker.port, root, office
    status, _, err = terminate(kiosk, within=10)
    assert status == 0, err


def test_list_shows_every_kiosk_online_or_not(hall) -> None:
    port, _, office = hall
    result = fleet(port, office, "list")
    assert (result.returncode, result.stderr) == (0, "")
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["kiosk", "state", "showing", "language", "problems", "last", "heard"]
    assert [row.split()[:6] for row in rows] == [
        ["hall-2", "online", "town", "/", "harbour", "fr"],
        ["hall-3", "offline", "war", "/", "map", "en"],
    ]
    assert rows[0].split()[6] == "0"  # no problems in the small show
    assert ":" in rows[0].split()[-1]  # last heard, a time of day
    after = subprocess.run(  # the options after the action work as well
        [str(KIOSK), "fleet", "list", "--broker", f"127.0.0.1:{port}", "--timeout", "3"],
        cwd=office, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    unheard = [line.rsplit(maxsplit=1)[0] for line in result.stdout.splitlines()]
    assert after.returncode == 0  # (its last heard may be a heartbeat later)
    assert [line.rsplit(maxsplit=1)[0] for line in after.stdout.splitlines()] == unheard


def test_send_moves_the_kiosk_and_prints_its_reply(hall) -> None:
    port, root, office = hall
    result = fleet(port, office, "send", "hall-2", "goto", "deck=town", "slide=market")
    assert (result.returncode, result.stdout) == (
        0,
        "hall-2: done: goto; showing town / market (fr)\n",
    )
    assert read_jsonl(root / "play.jsonl")[-1]["trigger"] == "remote"
    result = fleet(port, office, "send", "all", "language", "en")
    assert (result.returncode, result.stdout) == (
        0,
        "hall-2: done: language; showing town / market (en)\n",
    )
    result = fleet(port, office, "send", "hall-2", "goto", "deck=town", "slide=church")
    assert (result.returncode, result.stdout) == (
        1,
        "hall-2: refused: deck 'town' has no slide 'church'\n",
    )
    result = fleet(port, office, "send", "hall-3", "next")
    assert result.returncode == 1
    assert result.stdout.startswith("hall-3: offline (last heard ")
    assert result.stdout.endswith("; the command would be lost: not sent\n")


def test_send_checks_the_command_before_sending_it(hall) -> None:
    port, _, office = hall
    result = fleet(port, office, "send", "hall-2", "goto", "deck=town")
    assert (result.returncode, result.stderr) == (2, "kiosk fleet: 'goto' needs 'slide' (text)\n")
    result = fleet(port, office, "send", "hall-2", "next", "now")
    assert result.returncode == 2
    assert result.stderr == "kiosk fleet: write next's arguments as KEY=VALUE, got 'now'\n"


def test_a_screenshot_is_saved_where_asked(hall) -> None:
    port, _, office = hall
    result = fleet(port, office, "send", "hall-2", "screenshot", "--out", "hall.jpg")
    assert result.returncode == 0, result
    assert result.stdout.startswith("hall-2: screenshot saved to hall.jpg (")
    image = Image.open(io.BytesIO((office / "hall.jpg").read_bytes()))
    assert (image.format, image.size) == ("JPEG", (320, 180))


def test_watch_follows_the_events(hall) -> None:
    port, _, office = hall
    watching = subprocess.Popen(
        [str(KIOSK), "fleet", "--broker", f"127.0.0.1:{port}", "watch", "--stop-after", "6"],
        cwd=office,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert watching.stdout is not None
    first = [watching.stdout.readline(), watching.stdout.readline()]  # the retained ones
    assert fleet(port, office, "send", "hall-2", "next").returncode == 0
    out, err = watching.communicate(timeout=30)
    assert (watching.returncode, err) == (0, "")
    out = "".join(first) + out
    lines = [line.split(maxsplit=2)[1:] for line in out.splitlines()]
    assert ["hall-2", "is online"] in lines and ["hall-3", "is offline"] in lines
    assert ["hall-2", "command next (remote)"] in lines
    assert ["hall-2", "slide town / bridge fr (remote)"] in lines


def test_the_broker_that_refuses_or_is_not_there_is_said_in_one_sentence(
    tmp_path: Path, mosquitto
) -> None:
    broker = mosquitto("allow_anonymous false\n")
    result = fleet(broker.port, tmp_path, "list")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"kiosk fleet: the broker at 127.0.0.1:{broker.port} refused the connection: "
        "Not authorized\n"
    )
    broker.stop()
    result = fleet(broker.port, tmp_path, "list", env=headless_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("kiosk fleet: cannot connect to the broker at 127.0.0.1:")
