"""What a photo file says about itself, and whether the kiosk can hold it, read with Pillow.

Kept apart from `images` (which needs pygame) so that `kiosk validate` can check photos
without opening a display library. Why Pillow: see `kiosk.screen.images`.

Everything that opens a curator's photo opens it through `open_photo`, because a name in
media/ can stand for something that is not a file: opening a named pipe waits for a writer
that never comes, and reading a link to /dev/zero never ends. Either would stall the one
thread that decodes photos. And every decode first asks `require_room` whether the pixels
fit in memory, from the header alone, because a PNG of a few hundred kilobytes can claim
144 million pixels, and Pillow allocates them all before it finds out whether they are there.
"""

from __future__ import annotations

import math
import os
import stat
import warnings
from pathlib import Path
from typing import BinaryIO

from PIL import Image

ORIENTATION_TAG = 0x0112
"""The EXIF tag for how the camera was held; values 5 to 8 mean the picture lies sideways."""

MAX_PIXELS = 100_000_000
"""No photo above 100 megapixels is opened, whatever its format: more than any camera or A3
scan at 600 dpi gives, and fifty times what a 1920x1080 screen can show."""

DECODE_BUDGET_BYTES = 128 * 1024 * 1024
"""What one decode may take in memory at its peak. The show itself needs about 100 MB, and a
kiosk should stay under 250 MB; this leaves room for a 24-megapixel PNG, and a JPEG of any
size up to MAX_PIXELS decodes at a reduced scale well within it."""

PROGRESSIVE_BYTES_PER_PIXEL = 3
"""libjpeg keeps every coefficient of a progressive JPEG (2 bytes each, 1.5 per pixel in the
usual 4:2:0) in memory whatever the scale it decodes at."""


class PhotoRefused(Exception):
    """A photo the kiosk will not decode; the message completes "the photo ..." for curators."""


def open_photo(path: Path) -> BinaryIO:
    """`path` opened for reading if it is an ordinary file, else PhotoRefused saying what it is.
    FileNotFoundError if there is nothing there. Opened without blocking, and looked at again
    once open, so a file swapped for a pipe in between is refused too."""
    _require_ordinary(path, os.stat(path))

    def opener(name: str, flags: int) -> int:
        descriptor = os.open(name, flags | os.O_NONBLOCK)
        try:
            _require_ordinary(path, os.fstat(descriptor))
        except BaseException:
            os.close(descriptor)
            raise
        return descriptor

    return open(path, "rb", opener=opener)  # named: Pillow's messages name the file


def _require_ordinary(path: Path, status: os.stat_result) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "a socket" if stat.S_ISSOCK(mode) else "not a file"
    if path.is_symlink():
        kind += f" (a link to {os.path.realpath(path)})"
    raise PhotoRefused(f"is {kind}, not an ordinary file; put a JPEG or PNG file there")


def require_room(image: Image.Image, header_size: tuple[int, int]) -> None:
    """PhotoRefused if decoding `image` at its present size (its header's, or less after
    `draft`) would take more than DECODE_BUDGET_BYTES, or the header claims over MAX_PIXELS.
    Reads nothing but what Pillow has already read from the header."""
    width, height = header_size
    pixels = width * height
    needed = decode_bytes(image, pixels)
    if pixels <= MAX_PIXELS and needed <= DECODE_BUDGET_BYTES:
        return
    room = min(MAX_PIXELS, DECODE_BUDGET_BYTES * pixels // max(needed, 1))
    widest = int(width * math.sqrt(room / pixels)) // 100 * 100
    raise PhotoRefused(
        f"is {width}x{height} pixels, more than the kiosk can hold; "
        f"save it at most {widest} pixels wide"
    )


def decode_bytes(image: Image.Image, header_pixels: int) -> int:
    """The peak memory of decoding `image` at its present size: Pillow's pixels (4 bytes each
    in colour), a second copy to turn it upright or to convert it to RGB, and the reduced
    copy `resize` makes on the way to the screen size."""
    own = _pixel_bytes(image.mode)
    turned = own if orientation(image) in range(2, 9) else 0
    converted = 0 if image.mode == "RGB" else 4
    needed = image.width * image.height * (own + max(turned, converted) + 1)
    if image.format == "JPEG" and image.info.get("progressive"):
        needed += header_pixels * PROGRESSIVE_BYTES_PER_PIXEL
    return needed


def _pixel_bytes(mode: str) -> int:
    """How many bytes Pillow keeps per pixel: RGB is stored in four."""
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


def is_sideways(image: Image.Image) -> bool:
    """True when the camera's orientation tag turns the picture a quarter turn."""
    return orientation(image) in (5, 6, 7, 8)


def orientation(image: Image.Image) -> int:
    """The camera's orientation tag (1: as stored), from what Pillow has read so far. A PNG
    may keep its EXIF after the pixels, and asked for it Pillow decodes them all first: 576 MB
    for a PNG of 12000x12000 pixels, before anyone could ask whether they fit. Its tag is then
    honoured once decoded (`ImageOps.exif_transpose`)."""
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    value = image.getexif().get(ORIENTATION_TAG, 1)
    return value if isinstance(value, int) else 1


def read_photo_size(path: Path) -> tuple[int, int] | str:
    """The photo's size as it will be shown (turned upright), or why it cannot be shown (words
    that complete "the photo ..."). Reads only the header."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open_photo(path) as handle, Image.open(handle) as image:
                width, height = image.size
                return (height, width) if is_sideways(image) else (width, height)
    except PhotoRefused as refusal:
        return str(refusal)
    except FileNotFoundError:
        return "is missing"
    except Exception:  # Pillow's plugins raise what they like; none may end validate
        return f"cannot be read as an image; {SAVE_AGAIN}"


SAVE_AGAIN = "save it again as JPEG or PNG"


def unreadable(exc: Exception) -> str:
    """Why a file Pillow cannot decode cannot be shown, with what Pillow said."""
    said = str(exc) or type(exc).__name__
    return f"cannot be read as an image ({said}); {SAVE_AGAIN}"
