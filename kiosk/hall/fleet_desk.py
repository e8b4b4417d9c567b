"""The fleet link beside the show: the display loop's side of kiosk.hall.fleet.

Each pass the loop hands the desk itself (`serve`): the commands that arrived are carried out
there, between two frames, as the player's own commands with the trigger `remote`
(kiosk.show.remote), or by the edges (reload, restart, display, screenshot); each gets a line
in the play log and a reply. After each pass (`note_state`) the desk works out the state the
broker shows, from the status file's fields, and hands it to the link when it changed. Without
`fleet:` in the config, `open` returns `NoFleet`, which does nothing, and paho is never
imported (and the loop does not import this module either: kiosk.hall.fleet_choice).
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.content.config import Config
from kiosk.content.fleet_config import topic_id
from kiosk.hall.fleet_choice import Desk, NoFleet
from kiosk.hall.fleet_discovery import discovery_messages
from kiosk.hall.fleet_state import LoopFacts, fleet_state, reply
from kiosk.hall.playlog import PlayLog
from kiosk.hall.status_reading import installed_version
from kiosk.show import remote
from kiosk.show.player_state import current_deck, current_slide
from kiosk.show.remote_commands import RemoteAction, RemoteCommand

if TYPE_CHECKING:
    from kiosk.app import ShowLoop
    from kiosk.hall.fleet import FleetLink, LinkSettings

log = logging.getLogger(__name__)

SCREENSHOT_SECONDS = 10.0
"""At most one screenshot in this many seconds: each is a JPEG of the whole screen."""

CLOSE_SECONDS = 0.5
"""The most the link's closing waits at each of its steps: the kiosk ends within 3 s of a
SIGTERM, whatever its broker does."""

Screenshooter = Callable[[Callable[[bytes], None]], bool]
"""Copies the frame on screen and hands its JPEG to the callable, from another thread."""


class FleetDesk:
    """The fleet link beside one run of the show: its commands carried out, its state kept
    up to date; see the module's docstring."""

    def __init__(
        self, link: FleetLink, screenshot: Screenshooter, clock: Callable[[], float]
    ) -> None:
        self.link = link
        self.screenshot = screenshot
        self.clock = clock
        self.published: dict[str, object] | None = None
        self.last_screenshot = float("-inf")

    @classmethod
    def open(
        cls,
        config: Config,
        play_log: PlayLog,
        wake: Callable[[], None],
        screenshot: Screenshooter,
        clock: Callable[[], float] = time.monotonic,
    ) -> Desk:
        """The desk for the config's `fleet:`, its link connecting in the background, and
        the play log's lines sent as events; `NoFleet` without `fleet:`, or when the link
        cannot start (said in the log: the show goes on without it)."""
        if config.fleet is None:
            return NoFleet()
        from kiosk.hall.fleet import FleetLink  # paho: 60 ms of start-up, only when wanted

        try:
            link = FleetLink(link_settings(config), on_command=wake)
            link.start()
        except (OSError, ValueError) as error:
            log.error("fleet: the kiosk stays off the broker: %s", error)
            return NoFleet()
        play_log.listener = link.publish_event
        return cls(link, screenshot, clock)

    def serve(self, loop: ShowLoop, now: float) -> None:
        for command in self.link.take_commands():
            self.carry_out(loop, command, now)

    def note_state(self, loop: ShowLoop) -> None:
        loop.status.note("fleet", self.link.status())  # for `kiosk status`, on the kiosk
        state = fleet_state(loop.status.fields, loop_facts(loop))
        if state != self.published:
            self.published = state
            self.link.publish_state(state)

    def close(self) -> None:
        self.link.close(CLOSE_SECONDS)

    def carry_out(self, loop: ShowLoop, command: RemoteCommand, now: float) -> None:
        """One command: refused (and nothing changes), or done; a play log line and a reply
        either way."""
        why = remote.refusal(loop.state, command) or self._edge_refusal(loop, command)
        line: dict[str, object] = {"event": "command", "action": command.action.value}
        loop.play_log.record({**line, "trigger": "remote", **({"refused": why} if why else {})})
        if why is None:
            self._do(loop, command, now)
        details = {} if why else showing(loop)
        if why is None and command.action is RemoteAction.SCREENSHOT:
            details["topic"] = self.link.topics.screenshot
        self.link.reply(
            reply(self.link.settings.kiosk_id, command.action.value, command.ref, why, **details)
        )

    def _edge_refusal(self, loop: ShowLoop, command: RemoteCommand) -> str | None:
        match command.action:
            case RemoteAction.RELOAD if loop.reloader is None:
                return "this kiosk was started without a config file: there is nothing to reload"
            case RemoteAction.DISPLAY if loop.keeper.display is None:
                return "this kiosk has no display to switch (SDL's dummy or offscreen driver)"
            case RemoteAction.SCREENSHOT:
                wait = self.last_screenshot + SCREENSHOT_SECONDS - self.clock()
                if wait > 0:
                    return (
                        f"one screenshot every {SCREENSHOT_SECONDS:g} s: try again in {wait:.0f} s"
                    )
        return None

    def _do(self, loop: ShowLoop, command: RemoteCommand, now: float) -> None:
        match command.action:
            case RemoteAction.RELOAD:
                assert loop.reloader is not None
                loop.reloader.reload_everything()
            case RemoteAction.RESTART:  # a clean exit: systemd starts the kiosk again (5 s)
                loop.stop.set("restart (remote)")
            case RemoteAction.DISPLAY:
                loop.keeper.switch_display(bool(command.on))
            case RemoteAction.SCREENSHOT:
                if self.screenshot(self.link.publish_screenshot):
                    self.last_screenshot = self.clock()
            case _:
                loop.state, effects = remote.handle(loop.state, command, now)
                loop.apply(effects, now)


def loop_facts(loop: ShowLoop) -> LoopFacts:
    state = loop.state
    slide = current_slide(state)
    return LoopFacts(
        language=state.lang,
        step=slide.step if slide is not None and slide.panel is not None else None,
        paused=remote.paused(state),
        narration=state.narration_on,
        sound=state.sound_available,
        display="off" if loop.keeper.display_on is False else "on",
    )


def showing(loop: ShowLoop) -> dict[str, object]:
    """What a command left on screen, for its reply."""
    deck, slide = current_deck(loop.state), current_slide(loop.state)
    if deck is None or slide is None or loop.state.closed:
        return {"deck": None, "slide": None, "language": loop.state.lang}
    step = slide.step if slide.panel is not None else None
    return {"deck": deck.name, "slide": slide.id, "step": step, "language": loop.state.lang}


def link_settings(config: Config) -> LinkSettings:
    """What the link needs of the config: the password read from its file (OSError when it
    cannot be), paths made absolute, the id defaulting to the host name."""
    from kiosk.hall.fleet import LinkSettings

    fleet = config.fleet
    assert fleet is not None
    password = None
    if fleet.password_file is not None:
        path = config.resolve(fleet.password_file)
        lines = path.read_text(encoding="utf-8").splitlines()
        password = lines[0] if lines else ""
    kiosk_id = fleet.id or topic_id(socket.gethostname())
    messages = discovery_messages(kiosk_id, fleet.discovery_prefix, installed_version())
    return LinkSettings(
        kiosk_id=kiosk_id,
        host=fleet.host,
        port=fleet.port,
        username=fleet.username,
        password=password,
        tls=fleet.tls,
        ca_file=config.resolve(fleet.ca_file) if fleet.ca_file else None,
        keepalive=fleet.keepalive,
        heartbeat=fleet.heartbeat,
        discovery=tuple(messages) if fleet.home_assistant else (),
        forget=() if fleet.home_assistant else tuple(topic for topic, _ in messages),
    )
