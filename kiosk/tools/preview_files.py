"""What `kiosk preview` writes, and where it may not: PNG files, the JPEG thumbnails of the
proofreading sheet, and the exhibition's own folders, which it never writes into."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pygame
from PIL import Image

from kiosk.content.config import Config

SHEET_PICTURE_WIDTH = 640
"""The proofreading sheet's pictures, in pixels: a third of a 1920 screen, enough to see the
layout while the file stays small enough to send by e-mail (the text is on the page anyway)."""
JPEG_QUALITY = 80
SHEET_SUFFIXES = (".html", ".htm")
INSTEAD = {"--out": "folder, such as /tmp/preview", "--sheet": "place, such as /tmp/sheet.html"}


def refusal(
    target: Path, config: Config, deck_paths: Sequence[Path], option: str = "--out"
) -> str | None:
    """Why `target` may not be written (it lies in slides/, media/ or a deck's folder)."""
    resolved = target.resolve()
    guarded = [config.resolve(Path("slides")), config.media_root]
    guarded += [path.parent for path in deck_paths]
    for folder in guarded:
        if resolved.is_relative_to(folder.resolve()):
            return (
                f"{option} {target} is inside {folder}, which holds the exhibition's own files; "
                f"the preview never writes there. Choose another {INSTEAD[option]}"
            )
    return None


def sheet_refusal(sheet: Path, config: Config, deck_paths: Sequence[Path]) -> str | None:
    """Why the proofreading sheet cannot be written at `sheet`, said before any drawing."""
    if sheet.is_dir():
        return f"--sheet {sheet} is a folder; name a file in it, such as {sheet / 'sheet.html'}"
    if sheet.suffix.lower() not in SHEET_SUFFIXES:
        return f"--sheet {sheet} must end in .html, so that a browser opens it when clicked"
    if not sheet.parent.is_dir():
        return (
            f"--sheet {sheet}: there is no folder {sheet.parent}; create it first, "
            "or choose another place, such as /tmp/sheet.html"
        )
    return refusal(sheet, config, deck_paths, "--sheet")


def jpeg_thumbnail(screen: pygame.Surface, width: int) -> tuple[bytes, tuple[int, int]]:
    """`screen` scaled to `width` pixels across, as JPEG bytes, and the size it has."""
    w, h = screen.get_size()
    size = (min(width, w), max(1, round(min(width, w) * h / w)))
    small = pygame.transform.smoothscale(screen, size) if size != (w, h) else screen
    image = Image.frombytes("RGB", size, pygame.image.tobytes(small, "RGB"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), size


def write_sheet(path: Path, text: str) -> int:
    """Write the sheet whole or not at all (a half-written page would look complete in a
    browser); returns its size in bytes. OSError when it cannot be written."""
    data = text.encode("utf-8")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return len(data)


def remove_stale(folder: Path, written: list[Path], languages: Sequence[str]) -> list[Path]:
    """Slide previews of these languages left in `folder` by an earlier run (a slide since
    removed, renamed or moved): gone, so the folder shows the deck as it is now."""
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"\d+-[a-z0-9-]+-({'|'.join(map(re.escape, languages))})\.png")
    keep = set(written)
    stale = [
        path
        for path in sorted(folder.iterdir())
        if pattern.fullmatch(path.name) and path not in keep and path.is_file()
    ]
    for path in stale:
        path.unlink()
    return stale


def save_png(surface: pygame.Surface, path: Path) -> None:
    try:
        pygame.image.save(surface, str(path))
    except pygame.error as exc:  # pygame says why in its own error type
        raise OSError(f"cannot write {path}: {exc}") from exc


def unique_name(name: str, used: set[str]) -> str:
    """`name`, or `name-2`, `name-3` … when two deck files share a stem."""
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}-{number}", number + 1
    used.add(candidate)
    return candidate
