"""Photos decoded and scaled to the screen once, off the display loop, and kept within a budget.

Pillow does the decoding because it does two things pygame cannot: `draft()` lets libjpeg
decode a 12-megapixel scan at 1/2, 1/4 or 1/8 scale directly (far less work than decoding in
full and then shrinking), and `ImageOps.exif_transpose` honours the camera's orientation tag,
so a scan shot in portrait shows upright. Decoding runs in a worker thread (Pillow releases the
GIL while it decodes); only the cheap wrap into a pygame surface happens on the main thread.

Memory is bounded in bytes, not in photos, because one scan may weigh twenty times another.
A photo that cannot be read becomes a failure the renderer can show around: never an exception.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pygame
from PIL import Image, ImageOps

from kiosk.screen.photo_files import is_sideways
from kiosk.screen.renditions import Renditions
from kiosk.show.layout import Rect, fit_image_to_screen

log = logging.getLogger(__name__)

# About one screen-sized photo: the composed frames hold what is on screen, next and before,
# and a photo dropped from memory (needed again only for a language switch) comes back from
# its rendition on disk in a few milliseconds.
DEFAULT_BUDGET_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class DecodedPhoto:
    """RGB pixels already scaled to fit the target area."""

    pixels: bytes
    size: tuple[int, int]


@dataclass(frozen=True)
class PhotoFailure:
    path: Path
    reason: str


def decode_photo(
    path: Path, area: tuple[int, int], renditions: Renditions | None = None
) -> DecodedPhoto:
    """Decode `path` upright, scaled to fit `area` without distortion; from its rendition on
    disk when there is one, else from the scan, keeping a rendition for next time."""
    if renditions is not None:
        kept = renditions.load(path, area)
        if kept is not None and fits(kept.size, area):
            return DecodedPhoto(kept.tobytes(), kept.size)
    with Image.open(path) as image:
        image.draft("RGB", _draft_size(image, area))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)  # no copy unless it must turn
        rgb = image if image.mode == "RGB" else image.convert("RGB")
    target = fit_image_to_screen(rgb.width, rgb.height, Rect(0, 0, *area))
    if (target.w, target.h) != rgb.size:
        rgb = rgb.resize((target.w, target.h), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if renditions is not None:
        renditions.store(path, area, rgb)
    return DecodedPhoto(rgb.tobytes(), rgb.size)


def _draft_size(image: Image.Image, area: tuple[int, int]) -> tuple[int, int]:
    """The size the photo will be shown at, in the file's own orientation: libjpeg then
    decodes at the smallest 1/2, 1/4 or 1/8 scale that still covers it. Asking for the
    whole area instead made a portrait scan decode at full size (213 ms, not 39 ms)."""
    sideways = is_sideways(image)
    upright = (image.height, image.width) if sideways else image.size
    shown = fit_image_to_screen(*upright, Rect(0, 0, *area))
    return (shown.h, shown.w) if sideways else (shown.w, shown.h)


def fits(size: tuple[int, int], area: tuple[int, int]) -> bool:
    """A fitted photo touches the area on one side and stays inside on the other."""
    inside = size[0] <= area[0] and size[1] <= area[1]
    return inside and (area[0] - size[0] <= 1 or area[1] - size[1] <= 1)


def _decode_or_fail(
    path: Path, area: tuple[int, int], renditions: Renditions | None = None
) -> DecodedPhoto | PhotoFailure:
    try:
        return decode_photo(path, area, renditions)
    except FileNotFoundError:
        return PhotoFailure(path, "the file is missing")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return PhotoFailure(path, f"cannot be read as an image ({exc})")
    except MemoryError:
        return PhotoFailure(path, "too large to decode")


class PhotoCache:
    """Screen-sized photos by path, decoded ahead of need in one background thread."""

    def __init__(
        self,
        area: tuple[int, int],
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        on_ready: Callable[[], None] | None = None,
        renditions: Renditions | None = None,
    ) -> None:
        self.area = area
        self.on_ready = on_ready
        self.renditions = renditions
        self.budget_bytes = budget_bytes
        self._ready: OrderedDict[Path, pygame.Surface] = OrderedDict()
        self._failed: dict[Path, PhotoFailure] = {}
        self._pending: dict[Path, Future[DecodedPhoto | PhotoFailure]] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-decode")
        self._used_bytes = 0

    def request(self, path: Path) -> None:
        """Start decoding `path` unless it is ready, failed or already on its way."""
        if path in self._ready or path in self._failed or path in self._pending:
            return
        future = self._pool.submit(_decode_or_fail, path, self.area, self.renditions)
        if self.on_ready is not None:
            on_ready = self.on_ready
            future.add_done_callback(lambda _: on_ready())
        self._pending[path] = future

    def get(self, path: Path) -> pygame.Surface | PhotoFailure | None:
        """The photo if ready, its failure if it cannot be shown, None while it decodes."""
        self.collect()
        if path in self._ready:
            self._ready.move_to_end(path)
            return self._ready[path]
        if path in self._failed:
            return self._failed[path]
        self.request(path)
        return None

    def collect(self) -> bool:
        """Take in finished decodes; True if any arrived (the screen may need a redraw)."""
        done = [path for path, future in self._pending.items() if future.done()]
        for path in done:
            result = self._pending.pop(path).result()
            if isinstance(result, PhotoFailure):
                log.error("%s: photo %s; the slide shows without it", path, result.reason)
                self._failed[path] = result
            else:
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

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

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


def _surface_bytes(surface: pygame.Surface) -> int:
    return surface.get_height() * surface.get_pitch()
