"""The simulated week's lines in play log files, written and rotated as the kiosk does.

A new file at the first line of each day, and one more on Thursday at 14:00 as if the file had
grown too large (so Thursday has `play-2026-10-22.jsonl` and `play-2026-10-22.2.jsonl`); a few
lines that are not the kiosk's JSON among them, a blank line, and half a line at the very end.
The lines can be written in steps, a step ending in the middle of a line, to read the log
while it grows.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from kiosk.hall.playlog_files import rotate
from tests.hall.play_week import ZONE, PlayWeek, local

BROKEN = {
    datetime(
        2026, 10, 20, 11, 5, tzinfo=ZONE
    ): b'{"t": "2026-10-20T11:05:00+02:00", "event": "sl\n',
    datetime(2026, 10, 21, 10, 30, tzinfo=ZONE): b"\x00\x00\xff not a line at all\n",
    datetime(2026, 10, 22, 12, 0, tzinfo=ZONE): b'{"event": "slide", "deck": "livron"}\n',
    datetime(2026, 10, 24, 10, 15, tzinfo=ZONE): b'["a", "list"]\n',
    datetime(2026, 10, 25, 11, 0, tzinfo=ZONE): b'{"t": "yesterday", "event": "slide"}\n',
}
"""Lines that are not the kiosk's, each written after the first line at or after its time."""
BLANK = datetime(2026, 10, 24, 12, 0, tzinfo=ZONE)
SIZE_ROTATION = datetime(2026, 10, 22, 14, 0, tzinfo=ZONE)
HALF_LINE = b'{"t": "2026-10-25T16:00:00.250000+01:00", "event": "slide", "de'


def log_items(week: PlayWeek) -> list[tuple[float, bytes]]:
    """(time, bytes) of every line to write, the broken ones and the blank one among them."""
    extra = sorted([(when.timestamp(), text) for when, text in BROKEN.items()])
    extra.append((BLANK.timestamp(), b"\n"))
    extra.sort()
    items: list[tuple[float, bytes]] = []
    for line in week.lines:
        items.append((line.t, (line.text + "\n").encode("utf-8")))
        while extra and extra[0][0] <= line.t:
            items.append((line.t, extra.pop(0)[1]))
    return items


class LogFolder:
    def __init__(self, week: PlayWeek, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "play.jsonl"
        self.items = log_items(week)
        self.written = 0
        self.day: date | None = None
        self.rest = b""
        """The second half of a line whose first half was written."""
        self.size_rotated = False

    def index_at(self, when: datetime) -> int:
        """The index of the first line at or after `when`."""
        return next(n for n, (t, _) in enumerate(self.items) if t >= when.timestamp())

    def write(self, upto: int | None = None, half: bool = False) -> None:
        """The lines up to index `upto` (all of them by default); with `half`, then the first
        half of the next one, whose rest the next call writes."""
        upto = len(self.items) if upto is None else upto
        chunk, self.rest = [self.rest], b""
        for t, data in self.items[self.written : upto]:
            if self._rotation_due(t):
                self._append(chunk)
                chunk = []
                self._rotate(t)
            chunk.append(data)
        self.written = max(self.written, upto)
        if half and self.written < len(self.items):
            t, data = self.items[self.written]
            if self._rotation_due(t):
                self._append(chunk)
                chunk = []
                self._rotate(t)
            chunk.append(data[: len(data) // 2])
            self.rest = data[len(data) // 2 :]
            self.written += 1
        self._append(chunk)

    def finish(self) -> None:
        """Every line, then half a line with no end, as a power cut leaves it."""
        self.write()
        with self.path.open("ab") as file:
            file.write(HALF_LINE)

    def _append(self, chunk: list[bytes]) -> None:
        with self.path.open("ab") as file:
            file.write(b"".join(chunk))

    def _rotation_due(self, t: float) -> bool:
        """As the kiosk: at the first line of a new day, and once on Thursday for the size."""
        size_due = not self.size_rotated and t >= SIZE_ROTATION.timestamp()
        if self.day is None:
            self.day = local(t).date()
        return local(t).date() != self.day or size_due

    def _rotate(self, t: float) -> None:
        assert self.day is not None
        rotate(self.path, self.day, keep=30)
        self.size_rotated = self.size_rotated or t >= SIZE_ROTATION.timestamp()
        self.day = local(t).date()
