"""Hostile photos, made by the tests that need them (no binaries in the checkout): files that
block, that never end, that claim more pixels than they hold, that make Pillow raise what it
rarely raises, and names that are not files at all."""

from __future__ import annotations

import contextlib
import os
import struct
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image


def fifo(path: Path) -> Path:
    """A named pipe: opening it for reading waits for a writer that never comes."""
    os.mkfifo(path)
    return path


def release(pipe: Path) -> None:
    """Let a reader stuck on `pipe` go (it reads an empty file), if one is stuck on it."""
    with contextlib.suppress(OSError):
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


def link_to_zero(path: Path) -> Path:
    """A link to /dev/zero: a read that never ends."""
    path.symlink_to("/dev/zero")
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + data))
    return struct.pack(">I", len(data)) + kind + data + crc


def header_bomb(path: Path, width: int = 9000, height: int = 8000) -> Path:
    """A PNG of a few dozen bytes whose header claims 72 million RGB pixels."""
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )
    return path


def huge_png(path: Path, side: int = 12000) -> Path:
    """A true side x side RGB PNG, every row black: a few hundred kilobytes on disk, written
    row by row so that making it takes no memory."""
    row = b"\x00" + b"\x00" * (side * 3)
    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
        + png_chunk(b"IDAT", packed)
        + png_chunk(b"IEND", b"")
    )
    return path


def truncated_jpeg(path: Path, size: tuple[int, int] = (800, 600)) -> Path:
    """A JPEG cut at a third: its header reads fine, its pixels are not all there."""
    Image.radial_gradient("L").resize(size).convert("RGB").save(path, "JPEG")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def short_bmp(path: Path) -> Path:
    """A BMP whose header promises 200x200 pixels, followed by a tenth of them."""
    Image.new("RGB", (200, 200), (30, 120, 30)).save(path, "BMP")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 10])
    return path


def unimplemented_dds(path: Path) -> Path:
    """A DirectDraw Surface of an unknown pixel format: Pillow raises NotImplementedError."""
    header = struct.pack("<7I", 124, 0x1007, 64, 64, 0, 0, 0) + b"\0" * 44
    pixel_format = struct.pack("<2I4s5I", 32, 0x4, b"ZZZZ", 0, 0, 0, 0, 0)
    caps = struct.pack("<5I", 0x1000, 0, 0, 0, 0)
    path.write_bytes(b"DDS " + header + pixel_format + caps + b"\0" * 4096)
    return path


def finishes_within(seconds: float, work: Callable[[], object]) -> object:
    """`work()`'s result (or what it raised, raised again), or AssertionError if it is still
    running after `seconds`: it is left in a daemon thread, so a hang fails the test instead
    of hanging it."""
    outcome: list[object] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the test's thread, raised there
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if raised:
        raise raised[0]
    return outcome[0]
