"""The running kiosk's status, in a small JSON file, for `kiosk status` and for staff.

Written atomically (temporary file, then rename) at each slide change and reload, so a reader
never sees half a file. It holds what is showing, whether a visitor is there, and the problems
the last reload found: what staff still have to fix.
"""

from __future__ import annotations

import json
import logging
import os
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


def read_status(path: Path) -> dict[str, object] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
