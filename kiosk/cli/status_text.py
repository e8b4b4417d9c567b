"""`kiosk status` in words: the report of `kiosk.cli.status_report`, one fact a line, for
staff at a terminal.

The report comes from a file anyone may have edited, so every value is printed whatever its
type, and every text from it is made printable first: a deck's name could hold a terminal's
escape codes.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.cli.status_report import Report
from kiosk.content.problems import printable

SHOWN_RELOADS = 5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def status_lines(report: Report, now: datetime) -> list[str]:
    """The whole status, top to bottom: the kiosk, the screen, the museum, the disks, then
    what staff have to fix."""
    if report["status_file_damaged"] is not None:
        return [damage_line(report)]
    disk = f"disk free: {disk_text(report['disk'])}"  # type: ignore[arg-type]
    if not report["status_file_found"]:
        path = report["status_file"]
        return [f"kiosk: not running; no kiosk has run here yet ({path} not found)", disk]
    lines = [kiosk_line(report, now), *showing_lines(report, now)]
    if report["calendar"] is not None:  # a kiosk older than the calendar writes none
        lines.append(f"calendar: {calendar_text(report['calendar'], now)}")
    if isinstance(report.get("fleet"), dict) and report["running"]:
        lines.append(f"fleet: {fleet_text(report['fleet'])}")  # type: ignore[arg-type]
    lines.append(disk)
    lines += problem_lines(report)
    lines.append(f"status written {moment_text(report['updated'], now)}")
    return lines


def fleet_text(fleet: dict[str, object]) -> str:
    """'connected to mqtt.museum.lan:8883 as hall-2', or why not."""
    where = f"{_text(fleet.get('broker'))} as {_text(fleet.get('id'))}"
    if fleet.get("connected"):
        return f"connected to {where}"
    problem = fleet.get("problem")
    return f"not connected to {where}" + (f": {_text(problem)}" if problem else " (connecting)")


def damage_line(report: Report) -> str:
    return (
        f"{report['status_file']} {report['status_file_damaged']}; the kiosk writes it afresh "
        "when it next shows a slide, and it is safe to delete"
    )


def kiosk_line(report: Report, now: datetime) -> str:
    """'kiosk: running (pid 4242), up 3 h 12 min since 09:58:00, version 0.1.0'."""
    pid, started = report["pid"], report["started"]
    if report["running"]:
        uptime = report["uptime_seconds"]
        up = f", up {duration_text(uptime)}" if isinstance(uptime, int) else ""
        state = f"running (pid {pid}){up} since {moment_text(started, now)}"
    else:
        state = f"not running (the last run: pid {pid}, started {moment_text(started, now)})"
    version, installed = report["version"], report["installed_version"]
    line = f"kiosk: {state}, version {_text(version or 'unknown')}"
    if version is not None and version != installed:
        line += f" (installed now: {installed}; restart the kiosk to run it)"
    return line


def showing_lines(report: Report, now: datetime) -> list[str]:
    """What is on screen, and whether a visitor is there; what was, once it stopped."""
    showing = report["showing"]
    if not isinstance(showing, dict):
        calendar = report.get("calendar")
        closed = isinstance(calendar, dict) and calendar.get("open") is False
        return ["showing: nothing" + (" (the museum is closed)" if closed else "")]
    label = "showing" if report["running"] else "last showed"
    what = (
        f"{_text(showing.get('deck'))} / {_text(showing.get('slide'))} "
        f"in {_text(showing.get('lang'))}"
    )
    since = showing.get("since")
    when = f" since {moment_text(since, now)}{ago_text(since, now)}" if since else ""
    trigger = f" ({_text(showing['trigger'])})" if showing.get("trigger") else ""
    lines = [f"{label}: {what}{when}{trigger}"]
    if showing.get("file") is not None:
        lines.append(f"  slide at {_text(showing.get('file'))}:{_text(showing.get('line'))}")
    if "visitor" in showing and report["running"]:
        lines.append(
            "visitor: here, using the kiosk"
            if showing["visitor"]
            else "visitor: none (the slides play by themselves)"
        )
    return lines


def problem_lines(report: Report) -> list[str]:
    """The last reloads, then what staff have to fix: the files, the photos, the narration."""
    lines = [
        f"reload {_text(reload.get('result'))}: {_text(reload.get('file'))}"
        for reload in report["reloads"][-SHOWN_RELOADS:]  # type: ignore[index]
    ]
    problems: list[dict[str, object]] = report["problems"]  # type: ignore[assignment]
    if problems:
        lines.append(f"pending problems ({len(problems)}):")
        lines += [f"  {_text(problem['text'])}" for problem in problems]
    else:
        lines.append("pending problems: none")
    photos: list[dict[str, object]] = report["photo_failures"]  # type: ignore[assignment]
    if photos:
        lines.append(f"photos with a problem ({len(photos)}):")
        lines += [f"  {_text(f.get('path'))}: photo {_text(f.get('reason'))}" for f in photos]
    narration: list[dict[str, object]] = report["narration_failures"]  # type: ignore[assignment]
    if narration:
        lines.append(f"narration failures ({len(narration)}):")
        lines += [f"  {narration_text(failure)}" for failure in narration]
    return lines


def narration_text(failure: dict[str, object]) -> str:
    """'slides/livron.yaml:12: bridge (en): synthesis failed: ...', or the reason alone when the
    failure is not one slide's (no sound device, no speech engine)."""
    reason = _text(failure.get("reason"))
    if failure.get("file") is None:
        return reason
    place = f"{_text(failure.get('file'))}:{_text(failure.get('line'))}"
    return f"{place}: {_text(failure.get('slide'))} ({_text(failure.get('lang'))}): {reason}"


def calendar_text(calendar: object, now: datetime) -> str:
    """'closed until tomorrow 10:00 (display off, switched by backlight)'."""
    if not isinstance(calendar, dict):
        return _text(calendar)
    if calendar.get("open") and "quiet" not in calendar:
        return "open (no opening hours in the config)"
    state = "open" if calendar.get("open") else "closed"
    if calendar.get("quiet"):
        state += ", quiet hours"
    until = calendar.get("until")
    if until:
        state += f" until {until_text(until, now)}"
    display = f"display {_text(calendar.get('display', 'on'))}"
    if calendar.get("display_switched_by"):
        display += f", switched by {_text(calendar['display_switched_by'])}"
    return f"{state} ({display})"


def disk_text(disk: dict[str, dict[str, object]]) -> str:
    """'12.3 GB of 30 GB (logs, cache, narration_cache)': one part for each disk."""
    parts: dict[str, list[str]] = {}
    for name, entry in disk.items():
        if entry.get("error") is not None:
            measured = f"cannot be measured ({_text(entry['error'])})"
        else:
            measured = f"{size_text(entry['free_bytes'])} of {size_text(entry['total_bytes'])}"
            measured += " (LOW)" if entry.get("low") else ""
        parts.setdefault(measured, []).append(name)
    return "; ".join(f"{measured} for {', '.join(names)}" for measured, names in parts.items())


def size_text(size: object) -> str:
    if not isinstance(size, int):
        return "?"
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def duration_text(seconds: int) -> str:
    """'42 s', '12 min', '3 h 12 min', '2 d 5 h'."""
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if days:
        return f"{days} d {hours % 24} h"
    if hours:
        return f"{hours} h {minutes % 60} min"
    return f"{minutes} min" if minutes else f"{seconds} s"


def moment_text(moment: object, now: datetime) -> str:
    """'10:03:12' today, '2026-12-01 10:03:12' another day; as written when unreadable."""
    then = _parse(moment)
    if then is None:
        return _text(moment or "unknown")
    then = then.astimezone(now.tzinfo)
    if then.date() == now.date():
        return then.strftime("%H:%M:%S")
    return then.strftime("%Y-%m-%d %H:%M:%S")


def ago_text(moment: object, now: datetime) -> str:
    then = _parse(moment)
    if then is None:
        return ""
    return f", {duration_text(max(0, int((now - then).total_seconds())))} ago"


def until_text(moment: object, now: datetime) -> str:
    """'18:00' today, 'tomorrow 10:00', 'Thu 3 Dec 10:00': in the museum's own time."""
    then = _parse(moment)
    if then is None:
        return _text(moment)
    day = now.astimezone(then.tzinfo).date()
    clock = then.strftime("%H:%M")
    if then.date() == day:
        return clock
    if (then.date() - day).days == 1:
        return f"tomorrow {clock}"
    date = then.date()
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {clock}"


def _parse(moment: object) -> datetime | None:
    if not isinstance(moment, str):
        return None
    try:
        then = datetime.fromisoformat(moment)
    except ValueError:
        return None
    return then if then.tzinfo is not None else None


def _text(value: object) -> str:
    return printable(str(value))
