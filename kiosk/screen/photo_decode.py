"""One photo decoded upright and scaled to the screen, with Pillow alone, never raising.

Pillow does the decoding because it does two things pygame cannot: `draft()` lets libjpeg
decode a 12-megapixel scan at 1/2, 1/4 or 1/8 scale directly (far less work than decoding in
full and then shrinking), and `ImageOps.exif_transpose` honours the camera's orientation tag,
so a scan shot in portrait shows upright. Pillow releases the GIL while it decodes, so this
runs in a worker thread (see `kiosk.screen.decode_worker`), for the show as for `validate`.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

from kiosk.screen.photo_files import PhotoRefused, is_sideways, open_photo, require_room, unreadable
from kiosk.screen.renditions import Renditions
from kiosk.show.layout import Rect, fit_image_to_screen

# Pillow warns of a "decompression bomb" above 89 megapixels; `require_room` judges each photo
# before it is decoded, and says what to do about it, so the warning would only repeat it.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


@dataclass(frozen=True)
class DecodedPhoto:
    """RGB pixels already scaled to fit the target area."""

    pixels: bytes
    size: tuple[int, int]


FileSignature = tuple[int, int] | None
"""A file's size and modification time, None when there is nothing to look at: a failed photo
is not tried again while its file keeps the same signature."""


@dataclass(frozen=True)
class PhotoFailure:
    """Why a photo cannot be shown, in words that complete "the photo ...", and the signature
    its file had when it was tried."""

    path: Path
    reason: str
    signature: FileSignature = field(default=None, compare=False)


def file_signature(path: Path) -> FileSignature:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns)


def decode_photo(
    path: Path, area: tuple[int, int], renditions: Renditions | None = None, quick: bool = False
) -> DecodedPhoto:
    """Decode `path` upright, scaled to fit `area` without distortion; from its rendition on
    disk when there is one, else from the scan, keeping a rendition for next time.
    PhotoRefused for what is not an ordinary file, or too large to hold in memory.

    `quick`, for a photo the screen waits for (a jump to a slide never shown): the scan is
    scaled with a bilinear filter, in half the time of Lanczos (7 ms against 15 for a
    4000x3000 scan at 1080p here), and its rendition, for every later showing, with Lanczos,
    when it is written."""
    area = (max(1, area[0]), max(1, area[1]))  # a squeezed area is not the photo's fault
    if renditions is not None:
        kept = renditions.load(path, area)
        if kept is not None and fits(kept.size, area):
            return DecodedPhoto(kept.tobytes(), kept.size)
    with open_photo(path) as handle, Image.open(handle) as image:
        header_size = image.size
        image.draft("RGB", _draft_size(image, area))
        require_room(image, header_size)  # before a single pixel is allocated
        image.load()
        ImageOps.exif_transpose(image, in_place=True)  # no copy unless it must turn
        rgb = image if image.mode == "RGB" else image.convert("RGB")
    target = fit_image_to_screen(rgb.width, rgb.height, Rect(0, 0, *area))
    size = (target.w, target.h)
    shown = rgb
    if size != rgb.size:
        quality = Image.Resampling.BILINEAR if quick else Image.Resampling.LANCZOS
        shown = rgb.resize(size, quality, reducing_gap=3.0)
    if renditions is not None:
        renditions.store(path, area, rgb if quick else shown, size)
    return DecodedPhoto(shown.tobytes(), shown.size)


def decode_or_fail(
    path: Path, area: tuple[int, int], renditions: Renditions | None = None, quick: bool = False
) -> DecodedPhoto | PhotoFailure:
    """`decode_photo`, with whatever goes wrong as a failure. Pillow's format plugins raise
    any type they like (NotImplementedError for one), so every Exception is caught, but
    never what asks the process to stop (KeyboardInterrupt, SystemExit). A failure carries
    the signature the file had before it was read."""
    signature = file_signature(path)
    try:
        return decode_photo(path, area, renditions, quick)
    except FileNotFoundError:
        reason = "the file is missing"
    except PhotoRefused as refusal:
        reason = str(refusal)
    except MemoryError:
        reason = "too large to decode"
    except Exception as exc:
        reason = unreadable(exc)
    return PhotoFailure(path, reason, signature)


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
