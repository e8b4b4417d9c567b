"""Speech synthesis for what the narration cache lacks, in the background while the show runs.

The files are made in play order by worker processes (see `kiosk.sound.speech`), never on the
display loop, so a slow or hanging engine costs sound, never frames.
"""

from __future__ import annotations

import logging
import threading

from kiosk.content.config import Config
from kiosk.show.deck import Deck
from kiosk.show.narration import every_synthesis
from kiosk.sound.speech import Engine, find_engine, remove_leftovers, render_missing

log = logging.getLogger(__name__)


class BackgroundSynthesis:
    """Makes the narration files the cache lacks, in play order, while the show runs."""

    def __init__(self, decks: tuple[Deck, ...], config: Config) -> None:
        self.jobs = [job for _, _, job in every_synthesis(decks, config, config.languages)]
        self.cache_dir = config.narration_cache
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="narration-synthesis", daemon=True)

    def start(self) -> None:
        if self.jobs:
            self._thread.start()

    def _run(self) -> None:
        remove_leftovers(self.cache_dir)  # of a run that was killed
        engine: Engine | str = find_engine()
        if isinstance(engine, str):
            log.error("narration cannot be synthesized: %s", engine)
            return
        report = render_missing(self.jobs, self.cache_dir, engine, workers=1, stop=self._stop)
        if report.made or report.failed:
            log.info(
                "narration: %d made in the background, %d failed", report.made, len(report.failed)
            )
        for job, reason in report.failed[:5]:
            log.error("narration of %r (%s) failed: %s", job.text[:40], job.lang, reason)

    def stop(self) -> None:
        self._stop.set()
