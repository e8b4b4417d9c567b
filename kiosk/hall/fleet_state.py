"""What a kiosk says on the broker, and where: its topics, and its state as one JSON object.

The state is made from what the status file already gathers for `kiosk status` (what shows,
the calendar, the problems, the version; kiosk.hall.status), with the few things only the
loop knows beside it (a timeline's step, a remote pause, narration, the display), so the
status file and the broker never disagree. Pure: `kiosk fleet` and the benchmark read the
same shapes the kiosk writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

TOPIC_ROOT = "kiosk"
MAX_LISTED = 20
"""Problems listed in the state, of each kind; the count covers them all."""
ONLINE = "online"
OFFLINE = "offline"


@dataclass(frozen=True)
class Topics:
    """The topics of the kiosk `kiosk_id` (kiosk/<id>/…): see the README, "Fleet (MQTT)"."""

    kiosk_id: str

    def _topic(self, name: str) -> str:
        return f"{TOPIC_ROOT}/{self.kiosk_id}/{name}"

    @property
    def availability(self) -> str:
        """`online` (retained) once connected; `offline` as the last will, or on stopping."""
        return self._topic("availability")

    @property
    def state(self) -> str:
        """`fleet_state`, retained, at each change and every heartbeat."""
        return self._topic("state")

    @property
    def events(self) -> str:
        """The play log's lines as they are written, not retained."""
        return self._topic("events")

    @property
    def command(self) -> str:
        return self._topic("command")

    @property
    def reply(self) -> str:
        return self._topic("reply")

    @property
    def screenshot(self) -> str:
        return self._topic("screenshot")


def kiosk_of(topic: str) -> tuple[str, str] | None:
    """'kiosk/hall-2/state' -> ('hall-2', 'state'); None for a topic of no kiosk."""
    parts = topic.split("/")
    if len(parts) != 3 or parts[0] != TOPIC_ROOT:
        return None
    return parts[1], parts[2]


@dataclass(frozen=True)
class LoopFacts:
    """What only the display loop knows, beside the status file."""

    language: str
    step: int | None = None
    """The step of a timeline or map slide on screen; None for a photo slide."""
    paused: bool = False
    narration: bool = False
    sound: bool = True
    display: str = "on"
    """"on", or "off" when the calendar or staff switched the panel off."""


def fleet_state(status: Mapping[str, object], loop: LoopFacts) -> dict[str, object]:
    """The state published on kiosk/<id>/state, from the status file's fields (what
    `StatusFile.fields` holds) and what the loop knows. The uptime and the time of
    publication are added by the link as it publishes (kiosk.hall.fleet)."""
    showing = _mapping(status.get("showing"))
    problems = {
        "files": _listed(status.get("problems")),
        "photos": _listed(status.get("photo_failures")),
        "narration": _listed(status.get("narration_failures")),
    }
    count = sum(len(_list(status.get(key))) for key in PROBLEM_KEYS)
    return {
        "deck": showing.get("deck"),
        "slide": showing.get("slide"),
        "step": loop.step if showing else None,
        "language": loop.language,
        "trigger": showing.get("trigger"),
        "since": showing.get("since"),
        "visitor_present": bool(showing.get("visitor", False)),
        "paused": loop.paused,
        "narration": loop.narration,
        "sound": loop.sound,
        "display": loop.display,
        "schedule": _mapping(status.get("calendar")) or {"open": True},
        "problems": {"count": count, **problems},
        "version": status.get("version"),
        "started": status.get("started"),
    }


PROBLEM_KEYS = ("problems", "photo_failures", "narration_failures")


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _listed(value: object) -> list[object]:
    """The first MAX_LISTED entries: a problem as its one line of text, others whole."""
    return [
        entry.get("text", entry) if isinstance(entry, Mapping) and "text" in entry else entry
        for entry in _list(value)[:MAX_LISTED]
    ]


def reply(
    kiosk_id: str, action: str | None, ref: str | None, error: str | None = None, **details: object
) -> dict[str, object]:
    """A reply on kiosk/<id>/reply: `ok`, the action and the sender's `ref`, and the error
    (a refusal) or what the command left on screen."""
    answer: dict[str, object] = {"kiosk": kiosk_id, "ok": error is None, "action": action}
    if ref is not None:
        answer["ref"] = ref
    if error is not None:
        answer["error"] = error
    return {**answer, **details}
