"""A screenshot of what the kiosk shows, as a JPEG, for staff who ask from afar (`kiosk fleet
send ID screenshot`, or Home Assistant's button).

The frame is copied on the display loop's thread (one memory copy, about a millisecond at
1920x1080) and encoded by Pillow in a thread of its own, so the show never waits for the
encoder.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable

import pygame
from PIL import Image

log = logging.getLogger(__name__)

JPEG_QUALITY = 80


def grab_screen(deliver: Callable[[bytes], None]) -> bool:
    """Copy the frame on screen now and hand its JPEG to `deliver`, from another thread;
    False when there is no screen to copy."""
    surface = pygame.display.get_surface()
    if surface is None:
        return False
    frame = surface.copy()
    threading.Thread(target=_encode, args=(frame, deliver), name="screenshot", daemon=True).start()
    return True


def jpeg_bytes(frame: pygame.Surface, quality: int = JPEG_QUALITY) -> bytes:
    image = Image.frombytes("RGB", frame.get_size(), pygame.image.tobytes(frame, "RGB"))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _encode(frame: pygame.Surface, deliver: Callable[[bytes], None]) -> None:
    try:
        deliver(jpeg_bytes(frame))
    except Exception:
        log.exception("screenshot: could not encode or send the frame")
