"""The display loop's side of the fleet link, in-process with a stand-in for the link: each
remote command carried out between two passes, the state handed over when it changed, and
the link's settings made from the config (no password in it: read from its file)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import pygame
import pytest

from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.content.fleet_config import FleetConfig
from kiosk.hall import fleet_desk
from kiosk.hall.fleet_desk import FleetDesk, NoFleet, link_settings
from kiosk.hall.fleet_state import Topics
from kiosk.hall.playlog import PlayLog
from kiosk.show.player_state import current_slide
from kiosk.show.remote_commands import RemoteAction, RemoteCommand
from tests.helpers import read_jsonl
from tests.small_show import small_show


@dataclass
class FakeLink:
    """What the desk asks of kiosk.hall.fleet.FleetLink, recorded."""

    waiting: list[RemoteCommand] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)
    states: list[dict] = field(default_factory=list)
    shots: list[bytes] = field(default_factory=list)
    topics: Topics = field(default_factory=lambda: Topics("k"))
    settings: object = field(default_factory=lambda: type("S", (), {"kiosk_id": "k"})())
    closed: bool = False

    def take_commands(self) -> list[RemoteCommand]:
        taken, self.waiting = self.waiting, []
        return taken

    def reply(self, answer: dict) -> None:
        self.replies.append(answer)

    def publish_state(self, state: dict) -> None:
        self.states.append(state)

    def publish_screenshot(self, jpeg: bytes) -> None:
        self.shots.append(jpeg)

    def close(self, seconds: float = 1.0) -> None:
        self.closed = True

    def status(self) -> dict:
        return {"broker": "b:1883", "id": "k", "connected": False, "problem": "down"}


class Panel:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def switch_off(self) -> bool:
        self.calls.append("off")
        return True

    def switch_on(self) -> None:
        self.calls.append("on")

    def keep_off(self) -> None:
        pass

    method = "test panel"


@pytest.fixture
def desk_show(tmp_path: Path):
    """A ShowLoop on the small show (2 s slides), its fleet desk on a FakeLink, a clock the
    test sets: (show, link, clock)."""
    root = small_show(tmp_path / "show", 2)
    exhibition = load_exhibition(root / "config" / "kiosk.yaml")
    pygame.display.init()
    screen = pygame.display.set_mode((320, 180))
    options = RunOptions(fullscreen=False, size=(320, 180), play_log=tmp_path / "play.jsonl")
    show = ShowLoop(screen, exhibition.config, exhibition.decks, options, StopFlag())
    assert isinstance(show.fleet, NoFleet)  # no `fleet:` in this config
    link, clock = FakeLink(), [100.0]

    def screenshot(deliver) -> bool:
        deliver(b"jpeg")
        return True

    show.fleet = FleetDesk(link, screenshot, lambda: clock[0])  # type: ignore[arg-type]
    yield show, link, clock
    show.close()
    pygame.display.quit()


def command(action: RemoteAction, **arguments: object) -> RemoteCommand:
    return RemoteCommand(action, **arguments)  # type: ignore[arg-type]


def serve(show: ShowLoop, link: FakeLink, *commands: RemoteCommand) -> list[dict]:
    link.waiting.extend(commands)
    before = len(link.replies)
    show.one_pass()
    return link.replies[before:]


def test_a_remote_pause_holds_the_slide_and_the_state_says_so(desk_show) -> None:
    show, link, _ = desk_show
    show.one_pass()
    [answer] = serve(show, link, command(RemoteAction.PAUSE, ref="p"))
    assert answer == {
        "kiosk": "k", "ok": True, "action": "pause", "ref": "p",
        "deck": "town", "slide": "harbour", "step": None, "language": "fr",
    }  # fmt: skip
    assert link.states[-1]["paused"] is True
    assert show.status.fields["fleet"] == link.status()  # for `kiosk status`
    show.state = replace(show.state, due_at=show.clock.now())  # its time is up...
    show.one_pass()
    slide = current_slide(show.state)
    assert slide is not None and slide.id == "harbour"  # ... and it stays
    serve(show, link, command(RemoteAction.RESUME))
    assert link.states[-1]["paused"] is False
    commands = [line for line in read_jsonl(show.options.play_log) if line["event"] == "command"]
    assert [(line["action"], line["trigger"]) for line in commands] == [
        ("pause", "remote"),
        ("resume", "remote"),
    ]


def test_narration_and_language_reach_the_state(desk_show) -> None:
    show, link, _ = desk_show
    show.one_pass()
    serve(show, link, command(RemoteAction.NARRATION, on=True))
    serve(show, link, command(RemoteAction.LANGUAGE, lang="en"))
    assert (link.states[-1]["narration"], link.states[-1]["language"]) == (True, "en")
    states = len(link.states)
    show.one_pass()
    assert len(link.states) == states  # nothing changed: nothing handed over


def test_the_display_is_switched_by_the_calendars_keeper(desk_show) -> None:
    show, link, _ = desk_show
    panel = Panel()
    show.keeper.display = panel
    show.one_pass()
    [answer] = serve(show, link, command(RemoteAction.DISPLAY, on=False))
    show.one_pass()
    assert answer["ok"] and panel.calls[-1] == "off"
    assert link.states[-1]["display"] == "off"
    serve(show, link, command(RemoteAction.DISPLAY, on=True))
    assert panel.calls[-1] == "on" and link.states[-1]["display"] == "on"


def test_reload_without_a_config_file_is_refused_and_restart_stops_cleanly(desk_show) -> None:
    show, link, _ = desk_show
    [answer] = serve(show, link, command(RemoteAction.RELOAD))
    assert answer["error"] == (
        "this kiosk was started without a config file: there is nothing to reload"
    )
    reloads: list[str] = []
    show.reloader = type(
        "R",
        (),
        {
            "reload_everything": lambda self: reloads.append("all"),
            "take": lambda self: None,
            "stop": lambda self: None,
        },
    )()
    [answer] = serve(show, link, command(RemoteAction.RELOAD))
    assert answer["ok"] and reloads == ["all"]
    serve(show, link, command(RemoteAction.RESTART))
    assert show.stop.reason == "restart (remote)"


def test_a_screenshot_every_ten_seconds_at_most(desk_show) -> None:
    show, link, clock = desk_show
    [answer] = serve(show, link, command(RemoteAction.SCREENSHOT))
    assert (answer["ok"], answer["topic"], link.shots) == (True, "kiosk/k/screenshot", [b"jpeg"])
    clock[0] += 4
    [answer] = serve(show, link, command(RemoteAction.SCREENSHOT))
    assert answer["error"] == "one screenshot every 10 s: try again in 6 s"
    clock[0] += 6
    [answer] = serve(show, link, command(RemoteAction.SCREENSHOT))
    assert answer["ok"] and len(link.shots) == 2


def test_the_link_settings_come_from_the_config(tmp_path: Path, monkeypatch) -> None:
    root = small_show(tmp_path, 2)
    (root / "config" / "mqtt-password").write_text("s3cret\nignored\n", encoding="utf-8")
    config = load_exhibition(root / "config" / "kiosk.yaml").config
    fleet = FleetConfig(
        broker="mqtt.museum.lan", username="u", password_file=Path("config/mqtt-password"),
        tls=True, ca_file=Path("config/ca.pem"), home_assistant=False,
    )  # fmt: skip
    monkeypatch.setattr(fleet_desk.socket, "gethostname", lambda: "Kiosk Hall 2")
    settings = link_settings(replace(config, fleet=fleet))
    assert (settings.kiosk_id, settings.host, settings.port) == (
        "kiosk-hall-2",
        "mqtt.museum.lan",
        8883,
    )
    assert (settings.username, settings.password) == ("u", "s3cret")
    assert settings.ca_file == root / "config" / "ca.pem"
    assert settings.discovery == ()
    assert "homeassistant/sensor/kiosk-hall-2/deck/config" in settings.forget


def test_a_password_file_that_cannot_be_read_keeps_the_kiosk_off_the_broker(
    tmp_path: Path, caplog
) -> None:
    root = small_show(tmp_path, 2)
    config = load_exhibition(root / "config" / "kiosk.yaml").config
    fleet = FleetConfig(username="u", password_file=Path("/nowhere/mqtt-password"))
    with caplog.at_level(logging.ERROR):
        desk = FleetDesk.open(
            replace(config, fleet=fleet), PlayLog(None), lambda: None, lambda deliver: False
        )
    assert isinstance(desk, NoFleet)
    assert "fleet: the kiosk stays off the broker" in caplog.text
    assert "/nowhere/mqtt-password" in caplog.text
