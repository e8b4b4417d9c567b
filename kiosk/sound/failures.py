"""The narration that cannot play, for `kiosk status`: each failure with the slide's file and
line, so staff know which caption or recording to look at.

The desk (on the display loop) and the background synthesis (on its own thread) both note
failures here, and the loop copies the list into the status file; a lock keeps the two apart.
A failure is forgotten once its cause is gone: the file made after all, the recording played.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from kiosk.show.deck import Slide

Entry = dict[str, object]


class NarrationFailures:
    """What fails now, by cause: a recording, a synthesis, a language without a voice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Hashable, Entry] = {}

    def note(self, cause: Hashable, reason: str, slide: Slide | None, lang: str | None) -> None:
        """`cause` failed for `reason`, at `slide` in `lang` (None: not one slide's); a new
        reason for the same cause replaces the old one."""
        entry: Entry = {
            "file": slide.where.file if slide else None,
            "line": slide.where.line if slide else None,
            "slide": slide.id if slide else None,
            "lang": lang,
            "reason": reason,
        }
        with self._lock:
            self._entries[cause] = entry

    def clear(self, cause: Hashable) -> None:
        with self._lock:
            self._entries.pop(cause, None)

    def drop(self, gone: Callable[[Hashable], bool]) -> None:
        """Forget the failures whose cause is `gone`: after a reload, what no slide needs."""
        with self._lock:
            for cause in [cause for cause in self._entries if gone(cause)]:
                del self._entries[cause]

    def listed(self) -> list[Entry]:
        """Every failure, in the order of the files and lines, for the status file."""
        with self._lock:
            entries = list(self._entries.values())
        return sorted(entries, key=_place)


def _place(entry: Entry) -> tuple[str, int, str, str]:
    line = entry["line"] if isinstance(entry["line"], int) else 0
    return (str(entry["file"] or ""), line, str(entry["lang"] or ""), str(entry["reason"]))
