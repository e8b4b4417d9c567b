"""Speech synthesis for what the narration cache lacks, in the background while the show runs.

The files are made in play order by worker processes (see `kiosk.sound.speech`), never on the
display loop, so a slow or hanging engine costs sound, never frames. Files nobody is waiting
for are made while the screen stands still (kiosk.still_screen), by workers at a low priority;
when the loop does not narrate by itself (`ahead` false: autoplay off), none is made until a
visitor first asks for narration, and the engine is not even started while every file the
decks need is in the cache. The cache heals itself
during a run: a file the desk finds missing is made first (`CacheLedger.ask_for`), a
synthesis that failed is tried again after a pause (a few times per run), an engine too busy
to answer is asked again later, and after a reload the files only the old captions needed
are removed.
"""

from __future__ import annotations

import logging
import threading
import time

from kiosk.content.config import Config
from kiosk.show.deck import Deck, Slide
from kiosk.show.narration import Synthesis, every_synthesis
from kiosk.sound.cache_ledger import CacheLedger
from kiosk.sound.speech import (
    Engine,
    NoAnswer,
    engine_version,
    find_engine,
    prune,
    remove_leftovers,
    synthesize,
    voice_problem,
)
from kiosk.still_screen import screen_is_still

__all__ = ["BackgroundSynthesis", "CacheLedger"]

log = logging.getLogger(__name__)

PROBE_RETRY_SECONDS = (60.0, 300.0, 900.0, 3600.0)  # then every hour
JOB_RETRY_SECONDS = (60.0, 300.0)  # a job fails at most 1 + len(this) times per run
LOGGED_FAILURES = 5  # per synthesis: an engine that fails every file must not flood the log
STILL_WAIT_SECONDS = 30.0  # a file nobody asked for waits this long for a still screen at most
STILL_POLL_SECONDS = 0.25


ENGINE = ("engine",)
"""The failure of the speech engine itself, not of one slide's text."""


def _job_of(cause: object) -> Synthesis | None:
    """The synthesis a failure's cause names, if it is a synthesis's."""
    if isinstance(cause, tuple) and len(cause) == 2 and cause[0] == "synthesis":
        return cause[1]
    return None


def in_words(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 120 else f"{seconds:g} s"


class BackgroundSynthesis:
    """Makes the narration files the cache lacks, in play order, while the show runs: all of
    them from the start when `ahead` (the loop narrates by itself), else from the first file
    the desk asks for (a visitor turned narration on)."""

    def __init__(
        self,
        decks: tuple[Deck, ...],
        config: Config,
        ledger: CacheLedger | None = None,
        ahead: bool = True,
    ) -> None:
        self.ledger = ledger or CacheLedger()
        wanted = every_synthesis(decks, config, config.languages)
        self.jobs = [job for _, _, job in wanted]
        self._slides: dict[Synthesis, Slide] = {job: slide for _, slide, job in wanted}
        """The first slide that says each text: where a failure points staff to."""
        self.cache_dir = config.narration_cache
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._queue = list(self.jobs) if ahead else []
        """Still to make, in play order; asked-for ones first."""
        self._due: dict[Synthesis, float] = {}  # a failed job waits until then (monotonic)
        self._failures: dict[Synthesis, int] = {}
        self._asked: set[Synthesis] = set()
        self._made = self._failed = 0
        self._working = False
        self._moving_since: float | None = None
        self._engine: Engine | None = None
        self._no_engine: str | None = None
        self._stale: frozenset[Synthesis] = frozenset()
        self._thread = threading.Thread(target=self._run, name="narration-synthesis", daemon=True)

    def start(self) -> None:
        with self.ledger.lock:
            earlier = self.ledger.known
            self._stale = earlier - set(self.jobs)
            self.ledger.known = earlier | set(self.jobs)
            self.ledger.at_work = self
        self.ledger.failures.drop(self._no_longer_wanted)
        if self._queue or self._stale:
            self._working = True
            self._thread.start()

    def _no_longer_wanted(self, cause: object) -> bool:
        """A failure this synthesis finds afresh (the engine's), or of a text no slide says
        any more."""
        job = _job_of(cause)
        return cause == ENGINE or (job is not None and job not in self._slides)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        with self.ledger.lock:
            if self.ledger.at_work is self:
                self.ledger.at_work = None

    def request(self, job: Synthesis) -> None:
        """Make `job` next (unless it has failed too often already, or there is no engine)."""
        with self._lock:
            if self._stop.is_set() or self._no_engine is not None:
                return
            if self._failures.get(job, 0) > len(JOB_RETRY_SECONDS):
                return
            if job in self._queue:
                self._queue.remove(job)
            self._queue.insert(0, job)
            self._asked.add(job)
            # One file missing may mean the whole cache was deleted: check every file again.
            queued, tried_enough = set(self._queue), len(JOB_RETRY_SECONDS)
            self._queue += [
                other
                for other in self.jobs
                if other not in queued and self._failures.get(other, 0) <= tried_enough
            ]
            idle, self._working = not self._working, True
        if idle:  # the thread ended when the cache was complete: a new one picks this up
            self._thread = threading.Thread(
                target=self._run, name="narration-synthesis", daemon=True
            )
            self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        remove_leftovers(self.cache_dir)  # of a run that was killed
        if self._engine is None:
            self._drop_made(engine_version())  # nothing left to make: no engine to start
        while not self._stop.is_set():
            engine = self._engine
            if engine is None and self._queue and self._no_engine is None:
                self._wait_for_engine()
                continue
            job, wait = self._next_job(engine) if engine is not None else (None, None)
            if job is not None and engine is not None:
                self._make(job, engine)
            elif wait is not None:
                self._wake.wait(wait)
                self._wake.clear()
            elif self._finish(engine):
                return

    def _wait_for_engine(self) -> None:
        """Find the engine, asking again later while it is too busy to answer; if it cannot
        start, say so once and give up for this run."""
        attempt = 0
        while not self._stop.is_set():
            found = find_engine()
            if isinstance(found, Engine):
                self._engine = found
                return
            if not isinstance(found, NoAnswer):
                log.error("narration cannot be synthesized: %s", found)
                self.ledger.failures.note(ENGINE, f"cannot be synthesized: {found}", None, None)
                with self._lock:
                    self._no_engine, self._queue = found, []
                return
            delay = PROBE_RETRY_SECONDS[min(attempt, len(PROBE_RETRY_SECONDS) - 1)]
            log.warning("narration waits: %s; trying again in %s", found, in_words(delay))
            attempt += 1
            self._stop.wait(delay)

    def _drop_made(self, version: str) -> None:
        """Take the files already in the cache off the queue, before the engine is asked
        anything: starting it (a Python process and espeak-ng) costs more than all the rest
        of a run's checks together."""
        with self._lock:
            made = [job for job in self._queue if job.cache_path(self.cache_dir, version).is_file()]
            self._queue = [job for job in self._queue if job not in made]
        for job in made:
            self.ledger.failures.clear(("synthesis", job))

    def _next_job(self, engine: Engine) -> tuple[Synthesis | None, float | None]:
        """The first job due that the cache lacks, or else how long until a retry is due."""
        now, soonest = time.monotonic(), None
        with self._lock:
            for job in list(self._queue):
                problem = voice_problem(job, engine)
                if problem is not None or job.cache_path(self.cache_dir, engine.version).is_file():
                    self._queue.remove(job)
                    self.ledger.failures.clear(("synthesis", job))  # made meanwhile, elsewhere
                    if problem is not None:
                        self._failures[job] = len(JOB_RETRY_SECONDS) + 1
                        self._failed += 1
                        self._log_failure(job, problem, None)
                        self._note_failure(job, problem)
                    continue
                due = self._due.get(job, 0.0)
                if due <= now and job not in self._asked and not self._still(now):
                    return None, STILL_POLL_SECONDS  # nobody waits for it: not during a fade
                if due <= now:
                    self._queue.remove(job)
                    return job, None
                soonest = due if soonest is None else min(soonest, due)
        return None, None if soonest is None else soonest - now

    def _still(self, now: float) -> bool:
        """Whether the screen stands still, or has moved so long that waiting is pointless."""
        if screen_is_still():
            self._moving_since = None
        elif self._moving_since is None:
            self._moving_since = now
        return self._moving_since is None or now - self._moving_since > STILL_WAIT_SECONDS

    def _make(self, job: Synthesis, engine: Engine) -> None:
        problem = synthesize(job, job.cache_path(self.cache_dir, engine.version))
        if self._stop.is_set():  # the kiosk is leaving and stopped the workers: no news
            return
        with self._lock:
            if problem is None:
                self._made += 1
                self.ledger.failures.clear(("synthesis", job))
                return
            failures = self._failures[job] = self._failures.get(job, 0) + 1
            retry = JOB_RETRY_SECONDS[failures - 1] if failures <= len(JOB_RETRY_SECONDS) else None
            if retry is not None:
                self._due[job] = time.monotonic() + retry
                self._queue.append(job)
            else:
                self._failed += 1
            self._log_failure(job, problem, retry)
            then = f"; trying again in {in_words(retry)}" if retry is not None else ""
            self._note_failure(job, problem + then)

    def _note_failure(self, job: Synthesis, reason: str) -> None:
        """For `kiosk status`: the synthesis failed, at the first slide that says its text."""
        failed = f"synthesis failed: {reason}"
        self.ledger.failures.note(("synthesis", job), failed, self._slides.get(job), job.lang)

    def _log_failure(self, job: Synthesis, problem: str, retry: float | None) -> None:
        failed = sum(1 for count in self._failures.values() if count)
        if failed > LOGGED_FAILURES:
            return
        then = f"; trying again in {in_words(retry)}" if retry is not None else ""
        log.error("narration of %r (%s) failed: %s%s", job.text[:40], job.lang, problem, then)

    def _finish(self, engine: Engine | None) -> bool:
        """Nothing left to make: say what was done, remove what only the old captions
        needed, and end the thread unless a request came in meanwhile."""
        self._prune_stale(engine.version if engine is not None else engine_version())
        with self._lock:
            if self._queue and not self._stop.is_set():
                return False
            self._working = False
            made, failed, self._made, self._failed = self._made, self._failed, 0, 0
        if made or failed:
            log.info("narration: %d made in the background, %d failed", made, failed)
        return True

    def _prune_stale(self, version: str) -> None:
        """Remove the files of captions the decks no longer have (edited while the show ran),
        never one being played or asked for. Only synthesized files, only in the cache."""
        with self.ledger.lock, self._lock:
            if not self._stale or self.ledger.at_work is not self:
                return
            stale = {job.cache_path(self.cache_dir, version) for job in self._stale - self._asked}
            if self.ledger.playing is not None:
                stale.discard(self.ledger.playing)
            self.ledger.known = frozenset(self.jobs) | self._asked
            self._stale = frozenset()
        if self.cache_dir.is_dir():
            keep = set(self.cache_dir.glob("*.wav")) - stale
            removed = prune(self.cache_dir, keep)
            if removed:
                log.info("narration: %d files no caption needs any more removed", removed)
