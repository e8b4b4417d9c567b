"""The mark a stand-in carries, so that a tool can tell it from a real photograph.

A stand-in says on its face that it stands in for a photo, but only a person can read that. So
the generator also writes a short text into the file itself: a JPEG comment (a COM segment) or
a PNG text chunk, starting with MARK. `kiosk media` and `kiosk validate` read it back to list
the slides whose photograph is still owed; a real scan dropped in under the same name has no
such text, and the slide drops off the list.

The mark is added to the encoded bytes without decoding them again, so marking an existing
stand-in (`kiosk standins --mark`) leaves every pixel as it was. Reading it walks only the
segments or chunks before the picture data, so it costs a few small reads per photo.

Only the standard library is used: the validator reads marks without an imaging library.
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

MARK = "kiosk stand-in"
"""Every mark starts with these words; what follows is for a person reading the file."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"Comment"
JPEG_START = b"\xff\xd8"
JPEG_COMMENT = 0xFE
JPEG_SCAN = 0xDA
JPEG_END = 0xD9
MAX_SEGMENTS = 64
"""Segments or chunks looked at before giving up: a stand-in's mark is among the first few."""
MAX_MARK_BYTES = 4096


class NotMarkable(ValueError):
    """The bytes are neither a JPEG nor a PNG, so there is nowhere to put a mark."""


def mark_text(slide_id: str | None = None, owed: str = "photograph") -> str:
    """The mark: MARK, then what a person opening the file's comments should know: which
    slide it stands in for and what is owed (the photograph, or a map)."""
    slide = f" for slide '{slide_id}'" if slide_id else ""
    return f"{MARK}{slide}: drop the {owed} in under this file's name to replace it"


def add_mark(data: bytes, text: str) -> bytes:
    """`data` (a JPEG or a PNG) with `text` written into it, the picture data untouched."""
    if data.startswith(PNG_SIGNATURE):  # tEXt is Latin-1, by the PNG standard
        return _png_with_text(data, text.encode("latin-1", "replace")[:MAX_MARK_BYTES])
    if data.startswith(JPEG_START):
        return _jpeg_with_comment(data, text.encode("utf-8")[:MAX_MARK_BYTES])
    raise NotMarkable("only a JPEG or a PNG file can carry a stand-in mark")


def _png_with_text(data: bytes, text: bytes) -> bytes:
    """A tEXt chunk right after IHDR, which must come first."""
    (header_length,) = struct.unpack(">I", data[8:12])
    after_header = 8 + 12 + header_length
    body = b"tEXt" + PNG_KEYWORD + b"\x00" + text
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return data[:after_header] + chunk + data[after_header:]


def _jpeg_with_comment(data: bytes, text: bytes) -> bytes:
    """A COM segment after the APPn segments (JFIF, EXIF), which readers expect first."""
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        kind = data[position + 1]
        if not 0xE0 <= kind <= 0xEF:
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    segment = bytes((0xFF, JPEG_COMMENT)) + struct.pack(">H", len(text) + 2) + text
    return data[:position] + segment + data[position:]


def read_mark(stream: BinaryIO) -> str | None:
    """The stand-in mark of an open JPEG or PNG file, or None (a photograph, or not an image)."""
    start = stream.read(8)
    if start.startswith(PNG_SIGNATURE):
        texts = _png_texts(stream)
    elif start.startswith(JPEG_START):
        stream.seek(2)
        texts = _jpeg_comments(stream)
    else:
        return None
    return next((text for text in texts if text.startswith(MARK)), None)


def _png_texts(stream: BinaryIO) -> list[str]:
    """The texts of the tEXt chunks before the picture data."""
    texts = []
    for _ in range(MAX_SEGMENTS):
        header = stream.read(8)
        if len(header) < 8:
            break
        length, kind = struct.unpack(">I4s", header)
        if kind in (b"IDAT", b"IEND"):
            break
        if kind == b"tEXt" and length <= MAX_MARK_BYTES:
            _, _, text = stream.read(length).partition(b"\x00")
            texts.append(text.decode("latin-1"))
            stream.seek(4, os.SEEK_CUR)
        else:
            stream.seek(length + 4, os.SEEK_CUR)
    return texts


def _jpeg_comments(stream: BinaryIO) -> list[str]:
    """The texts of the COM segments before the first scan."""
    texts = []
    for _ in range(MAX_SEGMENTS):
        header = stream.read(4)
        if len(header) < 4 or header[0] != 0xFF or header[1] in (JPEG_SCAN, JPEG_END):
            break
        (length,) = struct.unpack(">H", header[2:])
        if length < 2:
            break
        if header[1] == JPEG_COMMENT and length - 2 <= MAX_MARK_BYTES:
            texts.append(stream.read(length - 2).decode("utf-8", "replace"))
        else:
            stream.seek(length - 2, os.SEEK_CUR)
    return texts


def is_stand_in(path: Path) -> bool:
    """Whether the file at `path` carries a stand-in mark. Only an ordinary file is read
    (opened without waiting, so a pipe never blocks), and one that cannot be is no stand-in."""
    try:
        with open(path, "rb", opener=_without_waiting) as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return False
            return read_mark(stream) is not None
    except (OSError, ValueError, struct.error):
        return False


def _without_waiting(name: str, flags: int) -> int:
    return os.open(name, flags | os.O_NONBLOCK)


def mark_file(path: Path, slide_id: str | None = None) -> bool:
    """Mark the stand-in at `path` in place (through a temporary file, so the kiosk never reads
    half of it); False when it already carries a mark. NotMarkable or OSError when it cannot."""
    if is_stand_in(path):
        return False
    marked = add_mark(path.read_bytes(), mark_text(slide_id))
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(marked)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return True
