"""The running kiosk's status, in a small JSON file, for `kiosk status` and for staff.

Written atomically (temporary file, then rename) whenever something in it changes (a slide, a
language, a visitor arriving or leaving, a reload, a photo or narration failing, the calendar),
and only then, so a reader never sees half a file and a still kiosk writes nothing. It holds
what is showing, whether a visitor is there, when the kiosk started and its version, and what
staff still have to fix: the problems the last reload found, photos and narration that fail.
When logs/ cannot be written (a full disk, a read-only folder) the status goes to a folder of
the kiosk user's own in the temporary folder, where `kiosk status` looks too, and logs/ is
tried again now and then. Reading it back is `kiosk.hall.status_reading`.
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
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from kiosk.content.problems import Problem
from kiosk.hall.outage import Outage
from kiosk.hall.status_reading import installed_version
from kiosk.show.player_state import PlayerState, current_deck, current_slide

log = logging.getLogger(__name__)

RECENT_RELOADS = 10


class StatusFile:
    def __init__(self, path: Path | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.fields: dict[str, object] = {
            "pid": os.getpid(),
            "started": _time_now(),
            "version": installed_version(),
            "reloads": [],
        }
        self.outage = Outage(clock)
        self._unwritten = False
        self._fallback_may_exist = True
        self._fallback_failing = False

    def update(self, **fields: object) -> None:
        self.fields.update(fields)
        self.write()

    def note_reload(self, record: dict[str, object]) -> None:
        """A reload's outcome, written with the problems that follow it (`note_problems`)."""
        reloads = [*self.fields.get("reloads", []), record][-RECENT_RELOADS:]  # type: ignore[misc]
        self.fields["reloads"] = reloads
        self._unwritten = True

    def write(self) -> None:
        """Write the status where `kiosk status` reads it; never raises.

        When logs/ cannot be written (a full disk, a read-only folder), the status goes to
        `fallback_path` instead, and logs/ is tried again now and then."""
        if self.path is None:
            return
        self.fields["updated"] = _time_now()
        self._unwritten = False
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

    def note(self, key: str, value: object) -> None:
        """Set one part of the status, written only when it changes: the loop tells the
        status what it knows at every pass, and a still kiosk writes nothing."""
        if value != self.fields.get(key) or self._unwritten:
            self.update(**{key: value})

    def note_showing(self, showing: dict[str, object] | None) -> None:
        """What is on screen (deck, slide, language, since when, a visitor or not)."""
        self.note("showing", showing)

    def note_calendar(self, calendar: dict[str, object]) -> None:
        """Open or closed, quiet, the display."""
        self.note("calendar", calendar)

    def note_photo_failures(self, failures: list[tuple[Path, str]]) -> None:
        """The photos that cannot be shown now, and why."""
        self.note("photo_failures", [{"path": str(p), "reason": why} for p, why in failures])

    def note_narration_failures(self, failures: list[dict[str, object]]) -> None:
        """The narration that cannot play, each with its slide's file and line, and why."""
        self.note("narration_failures", failures)

    def note_problems(self, problems: Iterable[Problem]) -> None:
        """What the curators' files still need, each problem with its file and line."""
        self.note("problems", [problem_entry(problem) for problem in problems])

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


class OnScreen:
    """What is on screen, as the status file says it: the player's state gives the deck,
    slide, language and whether a visitor is there; the loop tells what changed it and when."""

    def __init__(self) -> None:
        self.trigger = "start"
        self.since: str | None = None

    def changed(self, trigger: str, at: datetime) -> None:
        """A slide came on screen, or its language changed, by `trigger` at `at`."""
        self.trigger = trigger
        self.since = at.astimezone().isoformat(timespec="seconds")

    def entry(self, state: PlayerState) -> dict[str, object] | None:
        """For the status file; None while nothing shows (the museum closed, no decks)."""
        deck, slide = current_deck(state), current_slide(state)
        if state.closed or deck is None or slide is None:
            return None
        step = {"step": slide.step} if slide.panel is not None else {}
        return {
            "deck": deck.name,
            "slide": slide.id,
            **step,
            "lang": state.lang,
            "trigger": self.trigger,
            "since": self.since,
            "visitor": state.visitor_present,
            "file": slide.where.file,
            "line": slide.where.line,
        }


def problem_entry(problem: Problem) -> dict[str, object]:
    """A problem as the status file holds it: its place, its words, and the whole line."""
    where = problem.where
    return {
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "severity": problem.severity.value,
        "message": problem.message,
        "text": str(problem),
    }


def _time_now() -> str:
    """The local time with its UTC offset, to the second, as the status file says times."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


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
