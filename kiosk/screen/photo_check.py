"""`kiosk validate`'s look at a photo: the whole file decoded as the show decodes it, the
verdict remembered.

A header that reads fine says nothing of the pixels after it: a truncated JPEG or a short BMP
passes a header check and shows as nothing. So validate decodes every photo in full, through
the show's own decode (same checks, same memory budget, a thread with a time limit), and keeps
each verdict in a small JSON file under the exhibition's cache/ folder, keyed by the photo's
path, size and modification time, so that a second validate decodes only what changed. The
verdicts are a convenience: a file that cannot be read or written costs only the time.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import partial
from pathlib import Path
from typing import Any

from kiosk.screen.decode_worker import DecodeWorker
from kiosk.screen.photo_decode import PhotoFailure, decode_or_fail, file_signature
from kiosk.screen.photo_files import read_photo_size

VERDICTS_FILE = Path("cache/photo-checks.json")
"""Relative to the exhibition folder, beside the kiosk's other caches."""

VERSION = 1
"""Bumped when the decode changes what it accepts, so that older verdicts are not trusted."""


class PhotoChecker:
    """A `PhotoSizer` for validate: the photo's upright size, or why it cannot be shown."""

    def __init__(self, area: tuple[int, int], verdicts_file: Path | None) -> None:
        self.area = area
        self.verdicts_file = verdicts_file
        self._verdicts = _read(verdicts_file, area)
        self._changed = False
        self._worker = DecodeWorker()

    def __call__(self, path: Path) -> tuple[int, int] | str:
        size = read_photo_size(path)
        if isinstance(size, str):
            return size
        problem = self.decode_problem(path)
        return size if problem is None else problem

    def decode_problem(self, path: Path) -> str | None:
        """Why the show could not decode `path`, or None if it can; remembered while the file
        keeps its size and time."""
        signature = file_signature(path)
        key = str(path.absolute())
        known = self._verdicts.get(key)
        if signature is not None and isinstance(known, list) and known[:2] == list(signature):
            return known[2] if len(known) == 3 and isinstance(known[2], str) else None
        result = self._worker.submit(path, partial(decode_or_fail, path, self.area)).result()
        problem = result.reason if isinstance(result, PhotoFailure) else None
        decoded = not isinstance(result, PhotoFailure) or result.signature is not None
        if signature is not None and decoded:  # a decode given up on is not a verdict
            self._verdicts[key] = [*signature, problem]
            self._changed = True
        return problem

    def close(self) -> None:
        """Keep the verdicts for next time, if any are new and the folder can be written."""
        self._worker.close()
        if not self._changed or self.verdicts_file is None:
            return
        temporary = self.verdicts_file.with_name(f".{self.verdicts_file.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            self.verdicts_file.parent.mkdir(parents=True, exist_ok=True)
            content = {"version": VERSION, "area": list(self.area), "photos": self._verdicts}
            temporary.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.verdicts_file)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _read(verdicts_file: Path | None, area: tuple[int, int]) -> dict[str, list[Any]]:
    """The verdicts kept last time; none if there are none, or they were made for another
    screen size or another version of the checks."""
    if verdicts_file is None or not verdicts_file.is_file():  # never a pipe that blocks
        return {}
    try:
        content = json.loads(verdicts_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict) or content.get("version") != VERSION:
        return {}
    if content.get("area") != list(area):
        return {}
    photos = content.get("photos")
    return photos if isinstance(photos, dict) else {}
