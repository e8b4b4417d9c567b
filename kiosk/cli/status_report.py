"""What `kiosk status` knows, as one plain value: the shape `kiosk status --json` prints (the
README lists its keys) and the text is made from.

The running kiosk's status file says what it shows and what fails; this command adds what only
it can tell now: whether that kiosk still runs, how long it has been up, and the free space on
the disks of logs/ and cache/, measured at each call so it is never out of date.
"""

from __future__ import annotations

import contextlib
import shutil
from datetime import datetime
from pathlib import Path

from kiosk.content.config import Config
from kiosk.hall.status import newest_status_path
from kiosk.hall.status_reading import (
    DamagedStatus,
    KioskStatus,
    installed_version,
    is_running,
    read_status,
)

Report = dict[str, object]

LOW_DISK_BYTES = 500 * 1000 * 1000
LOW_DISK_SHARE = 0.05
"""A disk is low when less than this much of it, or less than LOW_DISK_BYTES, is free."""


def status_report(config: Config, now: datetime | None = None) -> Report:
    """Everything `kiosk status` says of the exhibition `config` belongs to, at `now`."""
    now = now or datetime.now().astimezone()
    path = newest_status_path(config.status_path)
    report: Report = {
        "running": False,
        "pid": None,
        "version": None,
        "installed_version": installed_version(),
        "started": None,
        "uptime_seconds": None,
        "updated": None,
        "showing": None,
        "calendar": None,
        "fleet": None,
        "problems": [],
        "photo_failures": [],
        "narration_failures": [],
        "reloads": [],
        "disk": disk_report(config),
        "status_file": str(path),
        "status_file_moved": path != config.status_path,
        "status_file_found": False,
        "status_file_damaged": None,
    }
    try:
        status = read_status(path)
    except DamagedStatus as damage:
        report.update(status_file_found=True, status_file_damaged=str(damage))
        return report
    if status is not None:
        report.update(_from_status(status, now), status_file_found=True)
    return report


def _from_status(status: KioskStatus, now: datetime) -> Report:
    running = status.running and is_running(status.pid)
    return {
        "running": running,
        "pid": status.pid,
        "version": status.version,
        "started": status.started,
        "uptime_seconds": _seconds_since(status.started, now) if running else None,
        "updated": None if status.updated == "?" else status.updated,
        "showing": status.showing,
        "calendar": status.calendar,
        "fleet": status.fleet,
        "problems": [_problem(problem) for problem in status.problems],
        "photo_failures": list(status.photo_failures),
        "narration_failures": list(status.narration_failures),
        "reloads": list(status.reloads),
    }


def _problem(problem: dict[str, object]) -> dict[str, object]:
    """Every key present, so scripts need not ask: None where an older kiosk wrote a line."""
    keys = ("file", "line", "column", "severity", "message", "text")
    return {key: problem.get(key) for key in keys}


def _seconds_since(moment: str | None, now: datetime) -> int | None:
    """Whole seconds from `moment` (ISO 8601, with its offset) to `now`; None if unreadable."""
    if moment is None:
        return None
    try:
        then = datetime.fromisoformat(moment)
        return max(0, int((now - then).total_seconds()))
    except (ValueError, TypeError):  # an edited file, a time without its offset
        return None


def disk_report(config: Config) -> dict[str, dict[str, object]]:
    """Free space where the kiosk writes: logs/ (status, play log), cache/ (photo
    renditions) and the narration cache (inside cache/ unless the config moves it)."""
    places = {
        "logs": config.status_path.parent,
        "cache": config.resolve(Path("cache")),
        "narration_cache": config.narration_cache,
    }
    return {name: disk_space(folder) for name, folder in places.items()}


def disk_space(folder: Path) -> dict[str, object]:
    """Free and total bytes of the disk `folder` is on (or will be: the nearest folder above
    it that exists), whether that is low, and why it could not be measured."""
    measured = _existing(folder)
    entry: dict[str, object] = {
        "path": str(folder),
        "free_bytes": None,
        "total_bytes": None,
        "low": None,
        "error": None,
    }
    try:
        usage = shutil.disk_usage(measured)
    except OSError as error:
        entry["error"] = error.strerror or str(error)
        return entry
    low = usage.free < LOW_DISK_BYTES or usage.free < LOW_DISK_SHARE * usage.total
    entry.update(free_bytes=usage.free, total_bytes=usage.total, low=low)
    return entry


def _existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        with contextlib.suppress(OSError):
            if candidate.is_dir():
                return candidate
    return folder
