"""The running kiosk's status, in a small JSON file, for `kiosk status` and for staff.

Written atomically (temporary file, then rename) at each slide change and reload, so a reader
never sees half a file. It holds what is showing, whether a visitor is there, and the problems
the last reload found: what staff still have to fix. When logs/ cannot be written (a full disk,
a read-only folder) the status goes to a folder of the kiosk user's own in the temporary
folder, where `kiosk status` looks too, and logs/ is tried again now and then.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.hall.outage import Outage

log = logging.getLogger(__name__)

RECENT_RELOADS = 10


class StatusFile:
    def __init__(self, path: Path | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.fields: dict[str, object] = {"pid": os.getpid(), "reloads": []}
        self.outage = Outage(clock)
        self._fallback_may_exist = True
        self._fallback_failing = False

    def update(self, **fields: object) -> None:
        self.fields.update(fields)
        self.write()

    def note_reload(self, record: dict[str, object]) -> None:
        reloads = [*self.fields.get("reloads", []), record][-RECENT_RELOADS:]  # type: ignore[misc]
        self.fields["reloads"] = reloads

    def write(self) -> None:
        """Write the status where `kiosk status` reads it; never raises.

        When logs/ cannot be written (a full disk, a read-only folder), the status goes to
        `fallback_path` instead, and logs/ is tried again now and then."""
        if self.path is None:
            return
        self.fields["updated"] = datetime.now().astimezone().isoformat(timespec="seconds")
        text = json.dumps(self.fields, ensure_ascii=False, indent=1)
        if self.outage.due():
            try:
                write_whole(self.path, text)
            except OSError as error:
                self._failed(self.path, error)
            else:
                self._written(self.path)
                return
        self._write_fallback(fallback_path(self.path), text)

    def note_calendar(self, calendar: dict[str, object]) -> None:
        """Open or closed, quiet, the display: written when it changes, not every pass."""
        if calendar != self.fields.get("calendar"):
            self.update(calendar=calendar)

    def note_photo_failures(self, failures: list[tuple[Path, str]]) -> None:
        """The photos that cannot be shown now, and why; written only when they change."""
        listed = [{"path": str(path), "reason": reason} for path, reason in failures]
        if listed != self.fields.get("photo_failures", []):
            self.update(photo_failures=listed)

    def stopped(self) -> None:
        self.update(running=False)

    def _failed(self, path: Path, error: OSError) -> None:
        if self.outage.failed(error):
            log.error(
                "%s: cannot write the status (%s); it goes to %s until it can, and kiosk "
                "status reads it there",
                path,
                self.outage.reason,
                fallback_path(path),
            )

    def _written(self, path: Path) -> None:
        if self.outage.succeeded():
            log.warning("%s: the status is written here again", path)
        if self._fallback_may_exist:
            with contextlib.suppress(OSError):
                fallback_path(path).unlink(missing_ok=True)
            self._fallback_may_exist = False

    def _write_fallback(self, fallback: Path, text: str) -> None:
        self._fallback_may_exist = True
        try:
            write_whole(fallback, text, private_folder=True)
        except OSError as error:
            if not self._fallback_failing:
                log.error("%s: cannot write the status there either (%s)", fallback, error)
            self._fallback_failing = True
        else:
            self._fallback_failing = False


def write_whole(path: Path, text: str, private_folder: bool = False) -> None:
    """Replace the file at `path` with `text` in one step, so a reader never sees half a file:
    a temporary file beside it, then a rename. When that fails, the file is as it was before
    and no temporary is left."""
    if private_folder:
        _own_folder(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, "utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def fallback_path(path: Path) -> Path:
    """Where the status of the exhibition whose status belongs at `path` goes when `path`
    cannot be written: a folder of this user's own in the temporary folder, one file per
    exhibition."""
    return Path(tempfile.gettempdir()) / f"kiosk-{os.getuid()}" / _fallback_name(path)


def status_paths(path: Path) -> list[Path]:
    """Where the status of the exhibition whose status belongs at `path` may be: `path`, then
    the fallback of each user who ran a kiosk on it (staff may not be that user)."""
    found = [path]
    for candidate in Path(tempfile.gettempdir()).glob(f"kiosk-*/{_fallback_name(path)}"):
        with contextlib.suppress(OSError):
            if str(candidate.parent.lstat().st_uid) == candidate.parent.name.removeprefix("kiosk-"):
                found.append(candidate)
    return found


def newest_status_path(path: Path) -> Path:
    """Of `status_paths`, the one written last: where a running kiosk writes now."""

    def written(candidate: Path) -> float:
        try:
            return candidate.stat().st_mtime
        except OSError:
            return float("-inf")

    return max(status_paths(path), key=written)


def _fallback_name(path: Path) -> str:
    digest = hashlib.sha256(os.fsencode(path)).hexdigest()[:16]
    return f"status-{digest}.json"


def _own_folder(folder: Path) -> None:
    """Make `folder` (readable by all, so staff can read the status) unless there is one,
    and refuse one that someone else made, or a link: others can write in /tmp."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o755)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(errno.EPERM, "is not a folder of this user's own", str(folder))


@dataclass(frozen=True)
class KioskStatus:
    """What the status file says, each part of the shape `StatusFile` writes."""

    pid: int
    running: bool
    updated: str
    showing: dict[str, object] | None
    reloads: tuple[dict[str, object], ...]
    problems: tuple[str, ...]
    photo_failures: tuple[dict[str, object], ...] = ()
    calendar: dict[str, object] | None = None


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
    "photo_failures": (list, "list"),
    "calendar": (dict, "JSON object"),
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
    photo_failures = data.get("photo_failures", [])
    if not all(isinstance(failure, dict) for failure in photo_failures):
        raise DamagedStatus("has a photo failure that is not a JSON object")
    return KioskStatus(
        pid=pid,
        running=data.get("running", True),
        updated=data.get("updated", "?"),
        showing=data.get("showing"),
        reloads=tuple(reloads),
        problems=tuple(str(problem) for problem in data.get("problems", [])),
        photo_failures=tuple(photo_failures),
        calendar=data.get("calendar"),
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
