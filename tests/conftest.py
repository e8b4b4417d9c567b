"""Shared fixtures. Keep them small and general; add new ones at the end of the file."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from textwrap import dedent

import pytest

from kiosk.config import Config


def tiny_png(width: int = 2, height: int = 1) -> bytes:
    """A valid grey PNG of the given size, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@dataclass
class Exhibition:
    """A throwaway exhibition folder: media/ with tiny photos, decks written on demand."""

    root: Path

    @property
    def media(self) -> Path:
        return self.root / "media"

    def photo(self, name: str, width: int = 2, height: int = 1) -> Path:
        """Put a tiny photo at media/NAME (subfolders are made as needed)."""
        path = self.media / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tiny_png(width, height))
        return path

    def deck(self, text: str, name: str = "deck.yaml") -> Path:
        """Write a deck under slides/; the text is dedented, so tests can indent it."""
        path = self.root / "slides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    def config(self, **changes: object) -> Config:
        return replace(Config(exhibition_dir=self.root), **changes)


@pytest.fixture
def exhibition(tmp_path: Path) -> Exhibition:
    """An exhibition folder in tmp_path holding media/a.png, b.png, c.png and town/1.png."""
    folder = Exhibition(tmp_path)
    for name in ("a.png", "b.png", "c.png", "town/1.png"):
        folder.photo(name)
    return folder
