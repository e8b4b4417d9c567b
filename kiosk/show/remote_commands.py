"""What staff can ask of a kiosk from afar, and how a command arrives: one JSON object with
its action and the action's arguments beside it, `{"action": "goto", "deck": "livron",
"slide": "bridge"}`, and an optional `ref` that the reply repeats.

This is the whole list: no command quits to a desktop, runs a program or names a file. The
parser is pure and total: whatever bytes arrive, it returns a command or a refusal that says
what was wrong, and the kiosk changes nothing on a refusal (kiosk.show.remote carries out
the show's part, kiosk.hall.fleet_desk the rest).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum


class RemoteAction(Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    GOTO = "goto"
    PAUSE = "pause"
    RESUME = "resume"
    LANGUAGE = "language"
    NARRATION = "narration"
    RELOAD = "reload"
    RESTART = "restart"
    DISPLAY = "display"
    SCREENSHOT = "screenshot"


@dataclass(frozen=True)
class RemoteCommand:
    action: RemoteAction
    deck: str | None = None
    """For goto: the deck's file name without .yaml, as the play log names it."""
    slide: str | None = None
    """For goto: the slide's id."""
    step: int | None = None
    """For goto: which event of a timeline or map slide, from 0; None: its first."""
    lang: str | None = None
    """For language: a code of the config's languages."""
    on: bool | None = None
    """For narration and display."""
    ref: str | None = None
    """Anything the sender chose, repeated in the reply so it can tell its replies apart."""


@dataclass(frozen=True)
class Refusal:
    """A command that cannot be carried out, and why, in words for the sender."""

    message: str
    ref: str | None = None


MAX_PAYLOAD_BYTES = 4096
MAX_TEXT = 200
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

Argument = tuple[str, str]
"""An argument's name and its kind: "text", "language", "step" or "on"."""

ARGUMENTS: dict[RemoteAction, tuple[tuple[Argument, ...], tuple[Argument, ...]]] = {
    RemoteAction.GOTO: ((("deck", "text"), ("slide", "text")), (("step", "step"),)),
    RemoteAction.LANGUAGE: ((("lang", "language"),), ()),
    RemoteAction.NARRATION: ((("on", "on"),), ()),
    RemoteAction.DISPLAY: ((("on", "on"),), ()),
}
"""The arguments each action needs, then those it may have; an action not named takes none."""

KINDS = {
    "text": "text",
    "language": "a language code such as en",
    "step": "a whole number from 0",
    "on": "true or false",
}

EXAMPLE = '{"action": "next"}'


def parse_command(payload: bytes) -> RemoteCommand | Refusal:
    """The command in `payload`, or why it is not one."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        return Refusal(f"a command is at most {MAX_PAYLOAD_BYTES} bytes, got {len(payload)}")
    try:
        data = json.loads(payload.decode("utf-8"))
    except UnicodeDecodeError:
        return Refusal(f"a command is JSON text in UTF-8, such as {EXAMPLE}")
    except ValueError:
        return Refusal(f"a command is one JSON object, such as {EXAMPLE}; this is not JSON")
    if not isinstance(data, dict):
        return Refusal(f"a command is one JSON object, such as {EXAMPLE}")
    ref = data.get("ref")
    if ref is not None and (not isinstance(ref, str) or len(ref) > MAX_TEXT):
        return Refusal(f"'ref' must be text of at most {MAX_TEXT} characters")
    action = _action(data.get("action"))
    if isinstance(action, str):
        return Refusal(action, ref)
    arguments = _arguments(action, data)
    if isinstance(arguments, str):
        return Refusal(arguments, ref)
    return RemoteCommand(action, ref=ref, **arguments)


def _action(value: object) -> RemoteAction | str:
    names = ", ".join(action.value for action in RemoteAction)
    if value is None:
        return f"a command needs an 'action', one of: {names}"
    try:
        return RemoteAction(value)
    except ValueError:
        shown = json.dumps(value, ensure_ascii=False)[:MAX_TEXT]
        return f"unknown action {shown}; the actions are: {names}"


def _arguments(action: RemoteAction, data: dict[str, object]) -> dict[str, object] | str:
    needed, optional = ARGUMENTS.get(action, ((), ()))
    taken = {name for name, _ in (*needed, *optional)}
    extra = sorted(set(data) - taken - {"action", "ref"})
    if extra:
        takes = ", ".join(sorted(taken)) or "nothing more"
        return f"'{action.value}' takes {takes}; remove {', '.join(map(repr, extra))}"
    found: dict[str, object] = {}
    for name, kind in (*needed, *optional):
        if name not in data:
            if (name, kind) in needed:
                return f"'{action.value}' needs '{name}' ({KINDS[kind]})"
            continue
        value = _value(data[name], kind)
        if value is None:
            return f"'{action.value}': '{name}' must be {KINDS[kind]}"
        found[name] = value
    return found


def _value(value: object, kind: str) -> object:
    """`value` if it is of `kind`, else None."""
    match kind:
        case "on":
            return value if isinstance(value, bool) else None
        case "step":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            return value if ok else None
        case "language":
            return value if isinstance(value, str) and LANGUAGE_CODE.match(value) else None
    ok = isinstance(value, str) and value.strip() and len(value) <= MAX_TEXT
    return value if ok else None


def command_payload(command: RemoteCommand) -> dict[str, object]:
    """The JSON object that `parse_command` reads back as `command`: for `kiosk fleet send`
    and Home Assistant's buttons."""
    payload: dict[str, object] = {"action": command.action.value}
    for name in ("deck", "slide", "step", "lang", "on", "ref"):
        value = getattr(command, name)
        if value is not None:
            payload[name] = value
    return payload
