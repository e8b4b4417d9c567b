"""Notes for staff when a slide is shown in a language its caption was never written in.

The screen then shows the default language's caption, marked as untranslated; the log tells
staff which caption is missing, once for each slide and language, so a hall's log is not
flooded by a loop that comes back to the same slide all day.
"""

from __future__ import annotations

import logging

from kiosk.show.effects import Effect, LanguageChanged, SlideShown

log = logging.getLogger(__name__)


class UntranslatedNotes:
    def __init__(self, default_language: str) -> None:
        self.default_language = default_language
        self._noted: set[tuple[str, str, str]] = set()

    def note(self, shown: Effect) -> None:
        """Warn about a slide shown, or switched, to a language its caption lacks."""
        if not isinstance(shown, SlideShown | LanguageChanged):
            return
        if shown.slide.caption.get(shown.lang) is not None:
            return
        key = (shown.deck.name, shown.slide.id, shown.lang)
        if key not in self._noted:
            self._noted.add(key)
            log.warning(
                "%s: slide '%s' has no '%s' caption; showing '%s'",
                shown.slide.where,
                shown.slide.id,
                shown.lang,
                self.default_language,
            )
