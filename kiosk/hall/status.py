"""The running kiosk's status, in a small JSON file, for `kiosk status` and for staff.

Written atomically (temporary file, then rename) at each slide change and reload, so a reader
never sees half a file. It holds what is showing, whether a visitor is there, and the problems
the last reload found: what staff still have to fix.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

RECENT_RELOADS = 10


class StatusFile:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fields: dict[str, object] = {"pid": os.getpid(), "reloads": []}
        self._broken = path is None

    def update(self, **fields: object) -> None:
        self.fields.update(fields)
        self.write()

    def note_reload(self, record: dict[str, object]) -> None:
        reloads = [*self.fields.get("reloads", []), record][-RECENT_RELOADS:]  # type: ignore[misc]
        self.fields["reloads"] = reloads

    def write(self) -> None:
        if self._broken or self.path is None:
            return
        self.fields["updated"] = datetime.now().astimezone().isoformat(timespec="seconds")
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self.fields, ensure_ascii=False, indent=1), "utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            log.error("%s: cannot write the status file (%s); going on without it", self.path, exc)
            self._broken = True

    def stopped(self) -> None:
        self.update(running=False)


@dataclass(frozen=True)
class KioskStatus:
    """What the status file says, each part of the shape `StatusFile` writes."""

    pid: int
    running: bool
    updated: str
    showing: dict[str, object] | None
    reloads: tuple[dict[str, object], ...]
    problems: tuple[str, ...]


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
    "showing": (dict, "JSON object"),
    "reloads": (list, "list"),
    "problems": (list, "list"),
}
"""The optional parts of a status, as `StatusFile` writes them, and how a message names each."""


def _status_from(data: object) -> KioskStatus:
    if not isinstance(data, dict):
        raise DamagedStatus("is not a JSON object")
    pid = data.get("pid")
    if type(pid) is not int:
        raise DamagedStatus("has no process id ('pid')")
    for key, (kind, name) in SHAPE.items():
        if key in data and not isinstance(data[key], kind):
            raise DamagedStatus(f"has a '{key}' that is not {name}")
    reloads = data.get("reloads", [])
    if not all(isinstance(reload, dict) for reload in reloads):
        raise DamagedStatus("has a reload that is not a JSON object")
    return KioskStatus(
        pid=pid,
        running=data.get("running", True),
        updated=data.get("updated", "?"),
        showing=data.get("showing"),
        reloads=tuple(reloads),
        problems=tuple(str(problem) for problem in data.get("problems", [])),
    )


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
