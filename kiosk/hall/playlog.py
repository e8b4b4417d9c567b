"""The play log: one JSON line per slide shown (and per language switch), as it happens.

Museums use it to learn what visitors look at and in which language; staff use it to see that
the loop runs. Each line is flushed at once so a power cut loses at most the line being
written. A log that cannot be written is reported once and then skipped: it never stops the
show.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import IO

from kiosk.show.effects import Effect, LanguageChanged, SlideShown

log = logging.getLogger(__name__)


class PlayLog:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._file: IO[str] | None = None
        self._broken = path is None

    def record(self, fields: dict[str, object]) -> None:
        if self._broken:
            return
        line = json.dumps(
            {"t": datetime.now().astimezone().isoformat(), **fields}, ensure_ascii=False
        )
        try:
            if self._file is None:
                assert self.path is not None
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = self.path.open("a", encoding="utf-8", errors="backslashreplace")
            self._file.write(line + "\n")
            self._file.flush()
        except OSError as exc:
            log.error("%s: cannot write the play log (%s); going on without it", self.path, exc)
            self._broken = True

    def effect(self, effect: Effect) -> None:
        match effect:
            case SlideShown() | LanguageChanged():
                event = "slide" if isinstance(effect, SlideShown) else "language"
                self.record(
                    {
                        "event": event,
                        "deck": effect.deck.name,
                        "slide": effect.slide.id,
                        "lang": effect.lang,
                        "trigger": effect.trigger,
                    }
                )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
