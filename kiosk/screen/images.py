"""Photos decoded and scaled to the screen once, off the display loop, and kept within a budget.

Decoding (see `kiosk.screen.photo_decode`) runs in worker threads (see
`kiosk.screen.decode_worker`); only the cheap wrap into a pygame surface happens on the main
thread. Memory is bounded in bytes, not in photos, because one scan may weigh twenty times
another. A photo that cannot be read becomes a failure the renderer can show around, never an
exception; it is logged once and remembered, and tried again only once its file has changed
(another size or time), so a broken photo is not decoded again at every showing. A photo that
showed fine and was then overwritten by a file that cannot be read shows its last good version
(its rendition on disk) instead, and staff are told.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pygame

from kiosk.screen.decode_worker import DECODE_LIMIT_SECONDS, DecodeWorker
from kiosk.screen.photo_decode import (
    DecodedPhoto,
    PhotoFailure,
    decode_or_fail,
    decode_photo,
    file_signature,
)
from kiosk.screen.renditions import Renditions

__all__ = ["DecodedPhoto", "PhotoCache", "PhotoFailure", "decode_photo"]

log = logging.getLogger(__name__)

# About one screen-sized photo: the composed frames hold what is on screen, next and before,
# and a photo dropped from memory (needed again only for a language switch) comes back from
# its rendition on disk in a few milliseconds.
DEFAULT_BUDGET_BYTES = 8 * 1024 * 1024

RECHECK_SECONDS = 2.0
"""How often a failed photo asked for again is looked at (its size and time, in the worker) to
see whether it was fixed."""


@dataclass(frozen=True)
class LastGoodPhoto(DecodedPhoto):
    """The last good version of a photo whose file now cannot be read, and why it cannot."""

    failure: PhotoFailure | None = None


def _decode(
    path: Path, area: tuple[int, int], renditions: Renditions | None, quick: bool = False
) -> DecodedPhoto | PhotoFailure:
    """The photo; when its file, still there, cannot be read, the last good version of it."""
    result = decode_or_fail(path, area, renditions, quick)
    if not isinstance(result, PhotoFailure) or result.signature is None or renditions is None:
        return result  # a deleted photo is gone on purpose: its slide is not kept alive
    kept = renditions.last_good(path, area)
    if kept is None:
        return result
    return LastGoodPhoto(kept.tobytes(), kept.size, result)


def _recheck(
    path: Path, failure: PhotoFailure, area: tuple[int, int], renditions: Renditions | None
) -> DecodedPhoto | PhotoFailure:
    """The same failure while the file is as it was when it failed, else a new decode."""
    if file_signature(path) == failure.signature:
        return failure
    return _decode(path, area, renditions)


class PhotoCache:
    """Screen-sized photos by path, decoded ahead of need in the background, one at a time."""

    def __init__(
        self,
        area: tuple[int, int],
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        on_ready: Callable[[], None] | None = None,
        renditions: Renditions | None = None,
        decode_limit_seconds: float = DECODE_LIMIT_SECONDS,
    ) -> None:
        self.area = area
        self.on_ready = on_ready
        self.renditions = renditions
        self.budget_bytes = budget_bytes
        self._ready: OrderedDict[Path, pygame.Surface] = OrderedDict()
        self._failed: dict[Path, PhotoFailure] = {}
        self._last_good: dict[Path, PhotoFailure] = {}
        """Photos shown in their last good version, with why their file cannot be read now."""
        self._checked_at: dict[Path, float] = {}
        self._pending: dict[Path, Future[DecodedPhoto | PhotoFailure]] = {}
        self._worker = DecodeWorker(decode_limit_seconds)
        self._used_bytes = 0

    @property
    def failures(self) -> list[PhotoFailure]:
        """The photos that cannot be shown now, or only in their last good version, and why:
        for the status staff read."""
        kept = [
            replace(failure, reason=_kept_reason(failure)) for failure in self._last_good.values()
        ]
        return [*self._failed.values(), *kept]

    @property
    def unshowable(self) -> frozenset[Path]:
        """The photos that cannot be shown at all: the loop skips their slides."""
        return frozenset(self._failed)

    def request(self, path: Path, now: bool = False) -> None:
        """Start decoding `path` unless it is ready, failed or already on its way; `now` when
        the screen waits for it (see `decode_photo`'s `quick`)."""
        if path in self._ready or path in self._failed or path in self._pending:
            return
        self._submit(path, partial(_decode, path, self.area, self.renditions, now))

    def get(self, path: Path, now: bool = False) -> pygame.Surface | PhotoFailure | None:
        """The photo if ready, its failure if it cannot be shown, None while it decodes;
        `now` when the screen waits for it, not ahead of need."""
        self.collect()
        if path in self._ready:
            self._ready.move_to_end(path)
            return self._ready[path]
        failure = self._failed.get(path)
        if failure is not None:
            self._recheck_now_and_then(path, failure)
            return failure
        self.request(path, now)
        return None

    def collect(self) -> bool:
        """Take in finished decodes; True if any arrived (the screen may need a redraw)."""
        done = [path for path, future in self._pending.items() if future.done()]
        for path in done:
            future = self._pending.pop(path)
            if future.cancelled():
                continue
            result = future.result()
            if isinstance(result, PhotoFailure):
                self._fail(path, result)
                continue
            self._failed.pop(path, None)
            self._note_last_good(path, result)
            self._store(path, result)
        return bool(done)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def forget(self, path: Path) -> None:
        """Drop what is known of `path`, so a replaced file is read again."""
        surface = self._ready.pop(path, None)
        if surface is not None:
            self._used_bytes -= _surface_bytes(surface)
        self._failed.pop(path, None)
        self._last_good.pop(path, None)

    def close(self) -> None:
        self._worker.close()
        if self.renditions is not None:
            self.renditions.close()

    def _submit(self, path: Path, job: Callable[[], DecodedPhoto | PhotoFailure]) -> None:
        future = self._worker.submit(path, job)
        if self.on_ready is not None:
            on_ready = self.on_ready
            future.add_done_callback(lambda _: on_ready())
        self._pending[path] = future

    def _recheck_now_and_then(self, path: Path, failure: PhotoFailure) -> None:
        now = time.monotonic()
        if path in self._pending or now < self._checked_at.get(path, 0.0) + RECHECK_SECONDS:
            return
        self._checked_at[path] = now
        self._submit(path, partial(_recheck, path, failure, self.area, self.renditions))

    def _fail(self, path: Path, failure: PhotoFailure) -> None:
        """Remember the failure; log it unless it is the one already known."""
        known = self._failed.get(path)
        if known is None or known.reason != failure.reason:
            log.error("%s: photo %s; the loop skips its slide", path, failure.reason)
        self._failed[path] = failure
        self._checked_at[path] = time.monotonic()

    def _note_last_good(self, path: Path, photo: DecodedPhoto) -> None:
        """Log once that a photo shows in its last good version; forget it once it is fixed."""
        failure = photo.failure if isinstance(photo, LastGoodPhoto) else None
        if failure is None:
            self._last_good.pop(path, None)
            return
        known = self._last_good.get(path)
        if known is None or known.reason != failure.reason:
            log.error("%s: photo %s", path, _kept_reason(failure))
        self._last_good[path] = failure

    def _store(self, path: Path, photo: DecodedPhoto) -> None:
        surface = pygame.image.frombuffer(photo.pixels, photo.size, "RGB")
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            surface = surface.convert()
        else:
            surface = surface.copy()
        self._ready[path] = surface
        self._used_bytes += _surface_bytes(surface)
        while self._used_bytes > self.budget_bytes and len(self._ready) > 1:
            _, evicted = self._ready.popitem(last=False)
            self._used_bytes -= _surface_bytes(evicted)


def _kept_reason(failure: PhotoFailure) -> str:
    """Completes "the photo ...", as every failure's reason does."""
    return f"shows in its last good version: the file now {failure.reason}"


def _surface_bytes(surface: pygame.Surface) -> int:
    return surface.get_height() * surface.get_pitch()
