"""Reading the status file the running kiosk writes (see `kiosk.hall.status`), for `kiosk
status` and for a kiosk that starts after one that did not stop.

The file is checked part by part: one cut short, edited by hand or from another program is
named as damaged, never a traceback. A file written by an older kiosk (problems as plain
lines, no start time) still reads.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KioskStatus:
    """What the status file says, each part of the shape `StatusFile` writes."""

    pid: int
    running: bool
    updated: str
    showing: dict[str, object] | None
    reloads: tuple[dict[str, object], ...]
    problems: tuple[dict[str, object], ...]
    """Each with "text" (the whole `FILE:LINE:COL: severity: message` line) and, from a
    kiosk of this version, "file", "line", "column", "severity" and "message"."""
    photo_failures: tuple[dict[str, object], ...] = ()
    calendar: dict[str, object] | None = None
    narration_failures: tuple[dict[str, object], ...] = ()
    started: str | None = None
    version: str | None = None
    fleet: dict[str, object] | None = None
    """The fleet link: broker, id, connected, problem; None without `fleet:`."""


class DamagedStatus(Exception):
    """The status file is there but is not one `StatusFile` wrote: cut short, edited by hand,
    or not JSON at all. The message says what is wrong with it."""


def read_status(path: Path) -> KioskStatus | None:
    """The status at `path`; None when there is no file (no kiosk has run here yet).

    Raises DamagedStatus for a file that cannot be read as a status."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise DamagedStatus("is not text (not UTF-8)") from None
    except OSError as exc:
        raise DamagedStatus(f"cannot be read ({exc.strerror or exc})") from None
    if not text.strip():
        raise DamagedStatus("is empty")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DamagedStatus(f"is not JSON ({exc})") from None
    return _status_from(data)


SHAPE: dict[str, tuple[type, str]] = {
    "running": (bool, "true or false"),
    "updated": (str, "text"),
    "started": (str, "text"),
    "version": (str, "text"),
    "showing": (dict, "JSON object"),
    "reloads": (list, "list"),
    "problems": (list, "list"),
    "photo_failures": (list, "list"),
    "narration_failures": (list, "list"),
    "calendar": (dict, "JSON object"),
    "fleet": (dict, "JSON object"),
}
"""The optional parts of a status, as `StatusFile` writes them, and how a message names each."""

LISTS_OF_OBJECTS = {
    "reloads": "a reload",
    "photo_failures": "a photo failure",
    "narration_failures": "a narration failure",
}


def _status_from(data: object) -> KioskStatus:
    if not isinstance(data, dict):
        raise DamagedStatus("is not a JSON object")
    pid = data.get("pid")
    if type(pid) is not int:
        raise DamagedStatus("has no process id ('pid')")
    for key, (kind, name) in SHAPE.items():
        nothing = data.get(key) is None and kind is not list  # showing: null, when closed
        if key in data and not nothing and not isinstance(data[key], kind):
            raise DamagedStatus(f"has a '{key}' that is not {name}")
    for key, entry in LISTS_OF_OBJECTS.items():
        if not all(isinstance(item, dict) for item in data.get(key, [])):
            raise DamagedStatus(f"has {entry} that is not a JSON object")
    return KioskStatus(
        pid=pid,
        running=data.get("running") is not False,
        updated=data.get("updated") or "?",
        showing=data.get("showing"),
        reloads=tuple(data.get("reloads", [])),
        problems=tuple(_problem(problem) for problem in data.get("problems", [])),
        photo_failures=tuple(data.get("photo_failures", [])),
        calendar=data.get("calendar"),
        narration_failures=tuple(data.get("narration_failures", [])),
        started=data.get("started"),
        version=data.get("version"),
        fleet=data.get("fleet"),
    )


def _problem(entry: object) -> dict[str, object]:
    """A problem as this version writes it, or the plain line an older kiosk wrote."""
    if isinstance(entry, dict):
        return {**entry, "text": str(entry.get("text", entry.get("message", "")))}
    return {"text": str(entry)}


def is_running(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def installed_version() -> str:
    """The version of the kiosk package installed here, or "unknown" when it is run from a
    folder that was never installed."""
    return package_version("kiosk") or "unknown"


def package_version(name: str) -> str | None:
    """The installed version of the distribution `name`, or None. Read from the name of its
    `NAME-VERSION.dist-info` folder (the wheel format's rule), as importlib.metadata finds it
    first on sys.path: importing importlib.metadata alone takes 20-40 ms here, which every
    start would pay. Anything unusual (two such folders, none) is left to it."""
    prefix = name.replace("-", "_") + "-"
    for folder in sys.path:
        try:
            found = [e for e in os.listdir(folder or ".") if e.startswith(prefix)]
        except OSError:
            continue
        infos = [e for e in found if e.endswith(".dist-info")]
        if len(infos) == 1 and len(found) == 1:
            return infos[0][len(prefix) : -len(".dist-info")]
        if found:
            break
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
