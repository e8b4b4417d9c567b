"""One kiosk per exhibition folder.

Two kiosks on the same folder would interleave their play-log lines and race each other's
temporary files, so `kiosk run` holds a lock on the folder while it plays and a second one
refuses to start. The lock is `flock` on the folder itself: it needs no file and no write
permission (it works on a read-only exhibition), and the kernel lets go of it when the process
ends however it ends, so a crash never leaves a stale lock. Only `kiosk run` takes it:
`kiosk status`, `validate` and `preview` read the folder while a kiosk plays it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

PROC_LOCKS = Path("/proc/locks")


class ExhibitionBusy(Exception):
    """Another process holds the folder's lock; the message names the folder and that process."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        holder = "another kiosk" if pid is None else f"another kiosk (pid {pid})"
        super().__init__(
            f"{holder} is already playing {folder}; stop it first (kiosk status shows what "
            "it plays), or give this one another exhibition folder"
        )
        self.folder = folder
        self.pid = pid


class ExhibitionLock:
    """Held from `take` until `release` (or the end of a `with` block, or of the process)."""

    def __init__(self, folder: Path, fd: int | None) -> None:
        self.folder = folder
        self._fd = fd

    @classmethod
    def take(cls, folder: Path) -> ExhibitionLock:
        """Lock `folder`; ExhibitionBusy when another process has it. Where the folder's file
        system cannot lock (some network shares), the kiosk plays unlocked, and says so."""
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as error:
            log.warning("%s: cannot lock the exhibition folder (%s)", folder, error.strerror)
            return cls(folder, None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = holder_of(fd) if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN) else None
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise ExhibitionBusy(folder, holder) from None
            log.warning("%s: cannot lock the exhibition folder (%s)", folder, error.strerror)
            return cls(folder, None)
        return cls(folder, fd)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> ExhibitionLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def holder_of(fd: int) -> int | None:
    """The process holding a `flock` on the file open at `fd`, as Linux lists it in
    /proc/locks ("1: FLOCK ADVISORY WRITE 4242 08:01:1312 0 EOF"); None when unknown."""
    info = os.fstat(fd)
    wanted = (os.major(info.st_dev), os.minor(info.st_dev), info.st_ino)
    try:
        listing = PROC_LOCKS.read_text()
    except OSError:
        return None
    for line in listing.splitlines():
        fields = line.split()
        if "FLOCK" not in fields or "->" in fields:  # "->": a process waiting, not holding
            continue
        at = fields.index("FLOCK")
        try:
            pid, where = int(fields[at + 3]), fields[at + 4].split(":")
            if (int(where[0], 16), int(where[1], 16), int(where[2])) == wanted:
                return pid
        except (IndexError, ValueError):
            continue
    return None
