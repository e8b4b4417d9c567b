"""Hot reload: curators' saved changes reach the screen without a restart, broken ones never.

A background thread polls the modification times of the config, the decks, the places file
and everything under media/ (a few hundred `stat` calls a second at most: no inotify
dependency, and it works on network shares), and their permissions too: `chmod` changes
neither time nor size. A change is loaded only once the files have stopped changing for a
moment, so an editor's save in several writes, or a temporary file renamed into place, is read
whole.
Each deck is then judged on its own: a version with errors is rejected and the last good
version stays on screen; the display loop takes the result from a queue and applies it. A save
that leaves the config with no deck is rejected the same way, and so is a photo deleted from
under a slide: both are broken saves, not an exhibition of nothing. The places file and a
map's reference points file (beside its image in media/) feed decks: an edit to one reloads
the decks, and is judged by the decks that read it.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.config import Config, load_config
from kiosk.content.deck_loader import load_deck
from kiosk.content.exhibition import Exhibition, no_decks_problem
from kiosk.content.file_names import as_on_disk
from kiosk.content.places import load_places
from kiosk.content.problems import Problem, error, has_errors
from kiosk.hall.playlog import PlayLog
from kiosk.hall.status import StatusFile
from kiosk.show.deck import Deck, Mark

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # with SETTLE_SECONDS and a load, a save shows within 2 s
SETTLE_SECONDS = 0.5
Snapshot = dict[Path, tuple[int, int, int]]
"""Each file's modification time, size and mode (permissions)."""


@dataclass(frozen=True)
class FileOutcome:
    """One changed file: `applied`, or `rejected` with the last good version kept."""

    path: Path
    result: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Reload:
    config: Config
    decks: tuple[Deck, ...]
    outcomes: tuple[FileOutcome, ...]
    changed_media: tuple[Path, ...]
    problems: tuple[Problem, ...]
    """Every problem in the files as they are now: what staff still have to fix."""


def take_snapshot(config_path: Path, deck_paths: tuple[Path, ...], media_root: Path) -> Snapshot:
    """Modification time, size and mode of every file that can change what is shown."""
    snapshot: Snapshot = {}
    for path in (config_path, *deck_paths):
        try:
            status = as_on_disk(path).stat()  # a name written é, stored e + accent
            snapshot[path] = (status.st_mtime_ns, status.st_size, status.st_mode)
        except OSError:
            snapshot[path] = (-1, -1, -1)
    _scan(media_root, snapshot)
    return snapshot


def _scan(folder: Path, snapshot: Snapshot) -> None:
    """os.scandir reuses what the directory listing already knows: far cheaper than a stat
    per file through pathlib, which matters in a loop that runs all day."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                _scan(Path(entry.path), snapshot)
            else:
                status = entry.stat()
                snapshot[Path(entry.path)] = (status.st_mtime_ns, status.st_size, status.st_mode)
        except OSError:
            continue


def changed_paths(before: Snapshot, after: Snapshot) -> set[Path]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


class Reloader:
    """Watches the exhibition's files and loads changes in a thread of its own."""

    def __init__(
        self,
        config_path: Path,
        cli_decks: tuple[Path, ...],
        exhibition: Exhibition,
        on_result: Callable[[], None] | None = None,
    ) -> None:
        self.config_path = config_path
        self.on_result = on_result
        self.cli_decks = cli_decks
        self.config = exhibition.config
        self.good: dict[Path, Deck] = {deck.path: deck for deck in exhibition.decks}
        self.results: queue.SimpleQueue[Reload] = queue.SimpleQueue()
        self._seen = self._snapshot()
        self._stop = threading.Event()
        self._everything = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="reload", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def reload_everything(self) -> None:
        """Read the config and every deck again at the next look, changed or not (staff's
        remote `reload`); photos are read again when they changed, as always."""
        self._everything.set()

    def take(self) -> Reload | None:
        try:
            return self.results.get_nowait()
        except queue.Empty:
            return None

    def _deck_paths(self) -> tuple[Path, ...]:
        return self.cli_decks or self.config.deck_paths

    def _snapshot(self) -> Snapshot:
        """The config, the decks, the places file they share, and media/ (which holds the
        maps' reference points files)."""
        files = (*self._deck_paths(), self.config.places_path)
        return take_snapshot(self.config_path, files, self.config.media_root)

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                self.check()
            except Exception:  # a watcher that dies silently would freeze the content
                log.exception("hot reload failed; still watching")

    def check(self) -> Reload | None:
        """Look for changes once; when files changed and have settled, load and queue them."""
        now = self._snapshot()
        changed = changed_paths(self._seen, now)
        if self._everything.is_set():
            self._everything.clear()
            changed |= {self.config_path, *self._deck_paths()}
        if not changed:
            return None
        while True:  # wait until the editor has finished writing
            if self._stop.wait(SETTLE_SECONDS):
                return None
            later = self._snapshot()
            if later == now:
                break
            changed |= changed_paths(now, later)
            now = later
        result = self.reload(changed)
        # The config may name other decks now: watch those from here on, without calling
        # them changed.
        self._seen = self._snapshot()
        self.results.put(result)
        if self.on_result is not None:
            self.on_result()
        return result

    def reload(self, changed: set[Path]) -> Reload:
        outcomes: list[FileOutcome] = []
        problems: list[Problem] = []
        if self.config_path in changed:
            outcome = self._reload_config()
            outcomes.append(outcome)
            problems.extend(outcome.problems)
        places = load_places(self.config)  # once, for every deck
        problems.extend(places.problems)
        decks, fresh = [], {}
        readers: dict[Path, list[Path]] = {self.config.places_path: []}
        for path in self._deck_paths():
            result = load_deck(path, self.config, places=places)
            problems.extend(result.problems)
            fresh[path] = result.problems
            for source in result.sources:
                readers.setdefault(source, []).append(path)
            broken = has_errors(result.problems) or result.deck is None
            if path in changed:
                verdict = "rejected" if broken else "applied"
                outcomes.append(FileOutcome(path, verdict, result.problems))
            if not broken and result.deck is not None:
                self.good[path] = result.deck
            if path in self.good:
                decks.append(self.good[path])
        watched = {self.config_path, *self._deck_paths()}
        media = []
        for path in sorted(changed - watched):
            if path in readers:  # the places file, or a map's reference points
                extra = places.problems if path == self.config.places_path else ()
                outcomes.append(_shared_file(path, readers[path], fresh, extra))
                continue
            missing = self._missing_photo(path, fresh)
            outcomes.append(FileOutcome(path, "rejected" if missing else "applied", missing))
            if not missing:
                media.append(path)
        return Reload(self.config, tuple(decks), tuple(outcomes), tuple(media), tuple(problems))

    def _reload_config(self) -> FileOutcome:
        """Load the changed config; keep the old one if the new one has errors or no deck."""
        config, problems = load_config(self.config_path)
        if not has_errors(problems) and not (self.cli_decks or config.deck_paths):
            problems = [*problems, no_decks_problem(self.config_path, keeping_last_good=True)]
        if has_errors(problems):
            return FileOutcome(self.config_path, "rejected", tuple(problems))
        self.config = config
        return FileOutcome(self.config_path, "applied", tuple(problems))

    def _missing_photo(
        self, path: Path, fresh: dict[Path, tuple[Problem, ...]]
    ) -> tuple[Problem, ...]:
        """For a photo deleted from under a slide, the deck's problems about that slide (its
        `image:` line first of all); nothing for a photo still there or that no slide shows.
        The screen keeps the picture it has: the photo is not reported as changed media."""
        if _is_there(path):
            return ()
        from kiosk.content.media_report import picture_named_at  # not before the first photo

        found: list[Problem] = []
        for deck in self.good.values():
            starts = [slide.where.line for slide in deck.slides] + [1 << 62]
            for slide, start, end in zip(deck.slides, starts, starts[1:], strict=False):
                if slide.image != path:
                    continue
                if slide.panel is not None:  # a step: its lines are not in deck order
                    found.append(_photo_gone(picture_named_at(slide), slide.id, path))
                    continue
                about_slide = [
                    problem
                    for problem in fresh.get(deck.path, ())
                    if problem.is_error
                    and problem.where.file == str(deck.path)
                    and start <= problem.where.line < end
                ]
                found.extend(about_slide or [_photo_gone(slide.where, slide.id, path)])
        return tuple(dict.fromkeys(found))


def _shared_file(
    path: Path, decks: list[Path], fresh: dict[Path, tuple[Problem, ...]], own: tuple[Problem, ...]
) -> FileOutcome:
    """A file decks read their slides from (the places file, a map's reference points): it
    is rejected when a deck reading it is, since that deck's last good version stays on
    screen; with its own problems and those of the decks."""
    broken = [deck for deck in decks if has_errors(fresh.get(deck, ()))]
    found = [*own, *(p for deck in broken for p in fresh[deck] if p.is_error)]
    return FileOutcome(path, "rejected" if broken else "applied", tuple(dict.fromkeys(found)))


def _is_there(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _photo_gone(where: Mark, slide_id: str, path: Path) -> Problem:
    return error(where, f"slide '{slide_id}': its photo {path.name} was deleted; put it back")


MAX_LOGGED_PROBLEMS = 20
"""A reload's problems written into the play log, each `FILE:LINE:COL: severity: message`;
a file broken a hundred ways says the first twenty, and `kiosk validate` says the rest."""


def record_outcomes(
    outcomes: tuple[FileOutcome, ...], play_log: PlayLog, status: StatusFile
) -> None:
    """Tell staff what became of each changed file: a play log line, the status file, and
    the log: one line per problem, each saying the verdict (errors when the file was
    rejected), or one line for a file without problems. Once each: a journal read later
    shows every fault one time."""
    for outcome in outcomes:
        record = {"file": str(outcome.path), "result": outcome.result}
        problems = [str(problem) for problem in outcome.problems[:MAX_LOGGED_PROBLEMS]]
        play_log.record({"event": "reload", **record, "problems": problems})
        status.note_reload(record)
        level = logging.INFO if outcome.result == "applied" else logging.ERROR
        for problem in outcome.problems:
            log.log(level, "reload %s: %s", outcome.result, problem)
        if not outcome.problems:
            log.log(level, "reload %s: %s", outcome.result, outcome.path)
