"""What a photo file says about itself, read with Pillow from its header alone.

Kept apart from `images` (which needs pygame) so that `kiosk validate` can check photos
without opening a display library. Why Pillow: see `kiosk.screen.images`.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

ORIENTATION_TAG = 0x0112
"""The EXIF tag for how the camera was held; values 5 to 8 mean the picture lies sideways."""

UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError, MemoryError)
"""What Pillow raises for a file that is not an image it can open."""


def is_sideways(image: Image.Image) -> bool:
    """True when the camera's orientation tag turns the picture a quarter turn."""
    return image.getexif().get(ORIENTATION_TAG) in (5, 6, 7, 8)


def read_photo_size(path: Path) -> tuple[int, int] | None:
    """The photo's size as it will be shown (turned upright), or None if it cannot be opened.
    Reads only the header."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                width, height = image.size
                return (height, width) if is_sideways(image) else (width, height)
    except UNREADABLE:
        return None
