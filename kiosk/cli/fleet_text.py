"""The words of `kiosk fleet` (kiosk.cli.fleet): the table of kiosks, a reply, an event."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.hall.fleet_office import Answer, KioskSeen


def kiosk_table(kiosks: list[KioskSeen]) -> list[str]:
    """One line per kiosk under a header, in columns."""
    rows = [("kiosk", "state", "showing", "language", "problems", "last heard")]
    for seen in kiosks:
        state = seen.state or {}
        problems = state.get("problems")
        count = problems.get("count") if isinstance(problems, dict) else None
        rows.append(
            (
                seen.kiosk_id,
                seen.availability or "?",
                showing(state),
                str(state.get("language") or "-"),
                "-" if count is None else str(count),
                when(state.get("updated")),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def showing(state: dict[str, object]) -> str:
    if not state:
        return "-"
    if state.get("deck") is None:
        schedule = state.get("schedule")
        closed = isinstance(schedule, dict) and schedule.get("open") is False
        return "closed" if closed else "nothing"
    step = state.get("step")
    where = f"{state['deck']} / {state.get('slide')}" + (
        f" (step {step})" if step is not None else ""
    )
    return where + (", paused" if state.get("paused") else "")


def when(moment: object) -> str:
    try:
        then = datetime.fromisoformat(str(moment)).astimezone()
    except ValueError:
        return "-"
    today = datetime.now().astimezone().date()
    return f"{then:%H:%M:%S}" if then.date() == today else f"{then:%Y-%m-%d %H:%M}"


def answer_line(answer: Answer, seconds: float) -> tuple[str, bool]:
    reply = answer.reply
    if reply is None:
        return (
            f"{answer.kiosk_id}: no reply within {seconds:g} s (away, or this user may not "
            "command it)",
            False,
        )
    if not reply.get("ok"):
        return f"{answer.kiosk_id}: refused: {reply.get('error')}", False
    shown, language = showing({**reply, "schedule": {}}), reply.get("language")
    return f"{answer.kiosk_id}: done: {reply.get('action')}; showing {shown} ({language})", True


def event_time(line: str) -> str:
    try:
        return f"{datetime.fromisoformat(json.loads(line)['t']).astimezone():%H:%M:%S}"
    except (ValueError, KeyError, TypeError):
        return "--:--:--"


def event_words(line: str) -> str:
    """'slide town / bridge fr (timer)', 'command next (remote)', or the line itself."""
    try:
        event = json.loads(line)
    except ValueError:
        return line
    if not isinstance(event, dict):
        return line
    kind, trigger = event.get("event"), event.get("trigger")
    if kind in ("slide", "language"):
        return f"{kind} {event.get('deck')} / {event.get('slide')} {event.get('lang')} ({trigger})"
    if kind == "command":
        refused = f": refused, {event['refused']}" if event.get("refused") else ""
        return f"command {event.get('action')} ({trigger}){refused}"
    rest = {k: v for k, v in event.items() if k not in ("t", "event")}
    return f"{kind} {json.dumps(rest, ensure_ascii=False)}"
