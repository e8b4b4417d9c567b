"""Photos decoded one at a time off the display loop, and a decode that hangs given up on.

Checking that a photo is an ordinary file keeps named pipes and devices out, but a read can
still hang: a photo on a network share that stopped answering, or a decoder caught in a file
made to trap it. One such photo must not keep every later one from loading. So each decode
runs in a thread of its own, watched by one dispatching thread: a decode that takes longer
than the limit becomes a failure, its thread is left behind (a daemon: it never delays the
exit) and the next photo is decoded in a new thread. Threads left behind are counted; while
MAX_STUCK of them still hang, photos are not even tried, so they cannot pile up.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.screen.photo_decode import DecodedPhoto, PhotoFailure

DECODE_LIMIT_SECONDS = 20.0
"""Far beyond a real decode (a 24-megapixel PNG takes under a second on a PC, a few on a
Raspberry Pi), and short enough that the slide after it still gets its photo."""

MAX_STUCK = 2
"""A hanging decode may hold up to a decode's memory budget (see `photo_files`): two is as
many as the kiosk can carry within its memory bound."""

Decode = Callable[[], DecodedPhoto | PhotoFailure]


@dataclass
class _Attempt:
    path: Path
    decode: Decode
    finished: bool = False
    abandoned: bool = False
    result: DecodedPhoto | PhotoFailure | None = None
    done: threading.Event = field(default_factory=threading.Event)


class DecodeWorker:
    """Runs each decode submitted, in order, each within `limit_seconds`."""

    def __init__(
        self, limit_seconds: float = DECODE_LIMIT_SECONDS, max_stuck: int = MAX_STUCK
    ) -> None:
        self.limit_seconds = limit_seconds
        self.max_stuck = max_stuck
        self._jobs: queue.SimpleQueue[tuple[_Attempt, Future] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._stuck = 0
        self._closed = False
        self._dispatcher = threading.Thread(
            target=self._dispatch, name="photo-dispatch", daemon=True
        )
        self._dispatcher.start()

    @property
    def stuck(self) -> int:
        """How many decodes were given up on and still hang."""
        with self._lock:
            return self._stuck

    def submit(self, path: Path, decode: Decode) -> Future[DecodedPhoto | PhotoFailure]:
        """`decode` (which reads `path`) to be run; its result, or a failure, in the future."""
        future: Future[DecodedPhoto | PhotoFailure] = Future()
        self._jobs.put((_Attempt(path, decode), future))
        return future

    def close(self) -> None:
        """Decode nothing more; what waits is cancelled. A decode under way is left to end."""
        self._closed = True
        self._jobs.put(None)

    def _dispatch(self) -> None:
        while (job := self._jobs.get()) is not None:
            attempt, future = job
            if self._closed:
                future.cancel()
            elif future.set_running_or_notify_cancel():
                future.set_result(self._attempt(attempt))
        while True:  # closed: cancel what was queued behind the end
            try:
                leftover = self._jobs.get_nowait()
            except queue.Empty:
                return
            if leftover is not None:
                leftover[1].cancel()

    def _attempt(self, attempt: _Attempt) -> DecodedPhoto | PhotoFailure:
        path = attempt.path
        with self._lock:
            if self._stuck >= self.max_stuck:
                return PhotoFailure(
                    path,
                    f"was not read: {self._stuck} photos before it hang while being read "
                    "(a network share that stopped answering?)",
                )
        threading.Thread(
            target=self._run, args=(attempt,), name="photo-decode", daemon=True
        ).start()
        attempt.done.wait(self.limit_seconds)
        with self._lock:
            if not attempt.finished:
                attempt.abandoned = True
                self._stuck += 1
                return PhotoFailure(
                    path, f"took over {self.limit_seconds:g} s to read; the kiosk gave up on it"
                )
        if attempt.result is None:
            return PhotoFailure(path, "could not be decoded")
        return attempt.result

    def _run(self, attempt: _Attempt) -> None:
        try:
            attempt.result = attempt.decode()
        finally:
            with self._lock:
                attempt.finished = True
                if attempt.abandoned:
                    self._stuck -= 1
            attempt.done.set()
