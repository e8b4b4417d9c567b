"""An image's pixel size from its file header, with the standard library only.

A map's reference points are pixel positions on its image; turning them into fractions of the
image needs its width and height when the deck is read, in kiosk/content/, which imports no
imaging library. PNG, JPEG (baseline, progressive, lossless: every SOF marker), WebP (lossy,
lossless, extended) and GIF keep their size in their first bytes. A JPEG's size is given
upright, turned by its EXIF orientation as the screen turns the picture, so that the size
matches the image a curator measured in a viewer.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from kiosk.content.file_names import as_on_disk

Size = tuple[int, int]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOF = frozenset({*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), 0xCD, 0xCE, 0xCF})
"""Start-of-frame markers, which hold the size: SOF0-3, 5-7, 9-11, 13-15 (C4, C8, CC are not)."""
JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""Markers without a length: TEM and the restart markers."""
MAX_JPEG_SEGMENTS = 1000
ORIENTATION_TAG = 0x0112
SIDEWAYS = frozenset({5, 6, 7, 8})
"""EXIF orientations that turn the picture a quarter turn: width and height swap."""


def image_size(path: Path) -> Size | None:
    """(width, height) in pixels, or None when the file cannot be read or is none of these
    formats, or its header is cut short."""
    try:
        with as_on_disk(path).open("rb") as handle:
            return _size(handle)
    except (OSError, ValueError, IndexError, struct.error):
        return None


def _size(handle: BinaryIO) -> Size | None:
    head = handle.read(32)
    if head.startswith(PNG_SIGNATURE) and head[12:16] == b"IHDR":
        return _positive(*struct.unpack(">II", head[16:24]))
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _positive(*struct.unpack("<HH", head[6:10]))
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head)
    if head[:2] == b"\xff\xd8":
        handle.seek(2)
        return _jpeg(handle)
    return None


def _positive(width: int, height: int) -> Size | None:
    return (width, height) if width > 0 and height > 0 else None


def _webp(head: bytes) -> Size | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return _positive(width, height)
    return None


def _jpeg(handle: BinaryIO) -> Size | None:
    """Walk the segments up to the first frame header, noting the EXIF orientation on the
    way (APP1 comes before the frame)."""
    orientation = 1
    for _ in range(MAX_JPEG_SEGMENTS):
        marker = _next_marker(handle)
        if marker is None or marker in (0xD9, 0xDA):  # end of image, or scan data: no frame
            return None
        if marker in JPEG_STANDALONE:
            continue
        (length,) = struct.unpack(">H", handle.read(2))
        if length < 2:
            return None
        body = handle.read(length - 2)
        if marker in JPEG_SOF:
            height, width = struct.unpack(">HH", body[1:5])
            size = _positive(width, height)
            if size is not None and orientation in SIDEWAYS:
                return (size[1], size[0])
            return size
        if marker == 0xE1 and body.startswith(b"Exif\0\0"):
            orientation = _orientation(body[6:]) or orientation
    return None


def _next_marker(handle: BinaryIO) -> int | None:
    """The next marker's code, skipping the fill bytes (0xFF) a marker may start with."""
    byte = handle.read(1)
    if byte != b"\xff":
        return None
    while byte == b"\xff":
        byte = handle.read(1)
    return byte[0] if byte else None


def _orientation(tiff: bytes) -> int | None:
    """The orientation tag of the first image file directory of EXIF's TIFF data."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    (first,) = struct.unpack(f"{order}I", tiff[4:8])
    (count,) = struct.unpack(f"{order}H", tiff[first : first + 2])
    for index in range(count):
        entry = tiff[first + 2 + 12 * index : first + 14 + 12 * index]
        tag, kind = struct.unpack(f"{order}HH", entry[:4])
        if tag == ORIENTATION_TAG and kind == 3:  # a SHORT, in the value field's first half
            (value,) = struct.unpack(f"{order}H", entry[8:10])
            return value
    return None
