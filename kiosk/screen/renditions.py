"""Screen-sized renditions of the curators' scans, kept on disk between showings and runs.

A 12-megapixel scan takes about a tenth of a second to decode even with Pillow's draft mode;
a rendition already fitted to the screen decodes several times faster. So the first decode
of a scan also writes its rendition to the cache folder, and every later showing, in this
run or the next, reads that instead: memory can then hold only a couple of photos, and the
kiosk starts on its first slide quickly. Curators' files are only read, never written.

A rendition is named by a hash of the scan's bytes and the size it was fitted to, so a
replaced scan (same name, new content) or a new screen size gets a new rendition. The folder
is kept within a byte budget, oldest first. Every failure here costs only the speed-up.

Writing one is work nobody waits for: the show kiosk's renditions are written behind
(`write_behind`), by a thread of their own at a low priority once the screen stands still
(kiosk.still_screen), so a photo never shown before reaches the screen without waiting for
its rendition, and the encoding never shares the CPU with a crossfade. They are encoded
cheaply (JPEG at QUALITY with 4:2:0 chroma, as a camera does: 2 ms to write and 4.5 ms to
read back for a 907x680 photo here, against 4 and 7.4 ms at quality 90 without subsampling).

The rendition each scan last decoded to is remembered for the run: when a scan that showed fine
is overwritten by a file that cannot be read, the show keeps showing its last good version.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
import time
from pathlib import Path

from PIL import Image

from kiosk.screen.photo_files import open_photo
from kiosk.still_screen import lower_this_thread, wait_until_still

log = logging.getLogger(__name__)

QUALITY = 85
SUBSAMPLING = "4:2:0"
DEFAULT_BUDGET_BYTES = 512 * 1024 * 1024
WAITING_WRITES = 4
"""Renditions waiting to be written, at most (each holds its photo's pixels, about 2 MB at
1080p); a scan decoded beyond that keeps no rendition this time, and is decoded again."""
STILL_WAIT_SECONDS = 10.0
"""How long a rendition waits for a still screen before it is written anyway."""

_Size = tuple[int, int]
_Key = tuple[Path, _Size]
_Job = tuple[Path, _Size, Image.Image, _Size | None]


class Renditions:
    def __init__(
        self, folder: Path, budget_bytes: int = DEFAULT_BUDGET_BYTES, write_behind: bool = False
    ) -> None:
        self.folder = folder
        self.budget_bytes = budget_bytes
        self.write_behind = write_behind
        self._digests: dict[tuple[Path, int, int], str] = {}
        self._lock = threading.Lock()
        self._broken = False
        self._last_good: dict[_Key, Path] = {}
        self._waiting: dict[_Key, tuple[Image.Image, _Size | None]] = {}
        """Renditions handed to the writer and not written yet, by scan and area."""
        self._writes: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None

    def path_for(self, source: Path, area: tuple[int, int]) -> Path:
        return self.folder / f"{self._digest(source)}-{area[0]}x{area[1]}.jpg"

    def load(self, source: Path, area: tuple[int, int]) -> Image.Image | None:
        """The rendition of `source` for `area`, decoded, or None if there is none yet (or
        anything goes wrong: the scan is then decoded, and says what is wrong with it)."""
        try:
            path = self.path_for(source, area)
            with open_photo(path) as handle, Image.open(handle) as image:
                image.load()
                rgb = image.convert("RGB")
            os.utime(path)  # recently used: kept longest when the folder is pruned
            self._remember(source, area, path)
            return rgb
        except Exception:  # a damaged rendition costs only the speed-up, whatever it raises
            return None

    def store(
        self,
        source: Path,
        area: tuple[int, int],
        image: Image.Image,
        size: tuple[int, int] | None = None,
    ) -> None:
        """Keep `image`, scaled to `size` with Lanczos first if it is not that size yet, as
        the rendition of `source`; written whole or not at all. With `write_behind`, scaled
        and written later by the writer thread, and this returns at once."""
        if self._broken:
            return
        if not self.write_behind:
            self._write(source, area, image, size)
            return
        with self._lock:
            if len(self._waiting) >= WAITING_WRITES:
                return  # only the speed-up is lost: the scan is decoded again next time
            self._waiting[(source, area)] = (image, size)
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_behind, name="rendition-writer", daemon=True
                )
                self._writer.start()
        self._writes.put((source, area, image, size))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every rendition handed over is written (or given up); False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if not self._waiting:
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)

    def close(self) -> None:
        """Write what was handed over, then end the writer thread."""
        with self._lock:
            if self._writer is not None:
                self._writes.put(None)
                self._writer = None

    def _write_behind(self) -> None:
        lower_this_thread()
        while (job := self._writes.get()) is not None:
            source, area, image, size = job
            wait_until_still(STILL_WAIT_SECONDS)
            try:
                if not self._broken:
                    self._write(source, area, image, size)
            except Exception:  # a rendition not kept costs only the speed-up
                log.debug("%s: rendition not kept", source, exc_info=True)
            finally:
                with self._lock:
                    if self._waiting.get((source, area), (None,))[0] is image:
                        del self._waiting[(source, area)]

    def _write(
        self, source: Path, area: tuple[int, int], image: Image.Image, size: _Size | None
    ) -> None:
        image = _scaled(image, size)
        try:
            path = self.path_for(source, area)
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            image.save(temporary, "JPEG", quality=QUALITY, subsampling=SUBSAMPLING)
            os.replace(temporary, path)
            self._remember(source, area, path)
        except OSError as exc:
            log.warning("%s: cannot keep renditions (%s); photos decode slower", self.folder, exc)
            self._broken = True

    def last_good(self, source: Path, area: tuple[int, int]) -> Image.Image | None:
        """The rendition `source` last decoded to in this run, whatever the file holds now;
        None if it never decoded or its rendition is gone."""
        with self._lock:
            path = self._last_good.get((source, area))
            waiting = self._waiting.get((source, area))
        if waiting is not None:  # decoded moments ago, its rendition not written yet
            return _scaled(*waiting).copy()
        if path is None:
            return None
        try:
            with open_photo(path) as handle, Image.open(handle) as image:
                image.load()
                return image.convert("RGB")
        except Exception:  # pruned, or damaged: there is no last good version to show
            return None

    def _remember(self, source: Path, area: tuple[int, int], rendition: Path) -> None:
        with self._lock:
            self._last_good[(source, area)] = rendition

    def prune_in_background(self) -> None:
        """Prune in a thread of its own, so a large folder never delays the first slide."""
        threading.Thread(target=self.prune, name="prune-renditions", daemon=True).start()

    def prune(self) -> int:
        """Delete the least recently used renditions beyond the byte budget."""
        try:
            files = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*.jpg")]
        except OSError:
            return 0
        files.sort(reverse=True)
        kept, removed = 0, 0
        for _, size, path in files:
            kept += size
            if kept > self.budget_bytes:
                path.unlink(missing_ok=True)
                removed += 1
        self.remove_leftovers()
        return removed

    def remove_leftovers(self) -> None:
        """Delete the temporary files of stores that were cut short (a kill, a power cut). This
        run's own (`.NAME.PID.THREAD.tmp`) are being written now: the pruning runs while the
        first photos decode. Only one kiosk plays a folder, so every other one is a leftover."""
        ours = str(os.getpid())
        for leftover in self.folder.glob(".*.tmp"):
            if leftover.name.split(".")[-3:-2] != [ours]:
                leftover.unlink(missing_ok=True)

    def _digest(self, source: Path) -> str:
        """A hash of the file's bytes, remembered while its size and time stay the same."""
        status = source.stat()
        key = (source, status.st_size, status.st_mtime_ns)
        with self._lock:
            known = self._digests.get(key)
        if known is None:
            digest = hashlib.sha1(usedforsecurity=False)
            with open_photo(source) as handle:  # never a pipe that would block
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            known = digest.hexdigest()[:24]
            with self._lock:
                self._digests[key] = known
        return known


def _scaled(image: Image.Image, size: _Size | None) -> Image.Image:
    """`image` at `size` (Lanczos), or as it is."""
    if size is None or image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
