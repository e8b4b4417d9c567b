"""What many tests share: where the checkout and the seed texts are, and the small helpers that
more than one test file needs. Fixtures that need pytest live in conftest.py; plain helpers
live here, so any test can import them."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent

import pygame
import pytest
from PIL import Image, ImageChops

from kiosk.screen.images import PhotoCache
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide

REPO = Path(__file__).resolve().parent.parent
"""The checkout: the shipped exhibition's config/, slides/ and media/ are here. Tests read it;
a test that runs the shipped exhibition runs the copy the `shipped_copy` fixture makes."""

SEEDS = REPO.parent / "shared" / "seeds"
"""The exhibition's source texts, beside the checkout when they are there at all."""

SEED_CAPTIONS = SEEDS / "000_a58a6a0ac3a7002d.txt"

needs_seed_captions = pytest.mark.skipif(
    not SEED_CAPTIONS.is_file(), reason=f"the shared seed texts are not here ({SEEDS})"
)
"""Marks a test that reads SEED_CAPTIONS: skipped, saying why, in a checkout without them."""

KIOSK = Path(sys.executable).with_name("kiosk")
"""The venv's console script."""


# --- the checkout -----------------------------------------------------------------------------


class CheckoutWatch:
    """What a test run adds to the checkout: paths there at the end that were not there at the
    start. What Python, pytest and git keep there of their own accord is left out, and so is a
    virtual environment."""

    LEFT_OUT = frozenset({".git", "__pycache__", ".pytest_cache", ".ruff_cache"})

    def __init__(self, root: Path) -> None:
        self.root = root
        self.before = self.paths()

    def paths(self) -> set[Path]:
        found: set[Path] = set()
        for folder, subfolders, files in os.walk(self.root):
            here = Path(folder)
            subfolders[:] = [
                name
                for name in subfolders
                if name not in self.LEFT_OUT and not (here / name / "pyvenv.cfg").exists()
            ]
            found.update(here / name for name in (*subfolders, *files))
        return found

    def added(self) -> list[Path]:
        """The new paths, relative to the root; of a new folder, only the folder."""
        new = self.paths() - self.before
        return sorted(path.relative_to(self.root) for path in new if path.parent not in new)


WITHOUT_PYGAME = """
import sys
import time
from importlib.abc import MetaPathFinder

class Refuse(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pygame", "pyttsx3"):
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, Refuse())
"""
"""The start of a `python -c` program in which importing pygame or pyttsx3 fails as it does
on a machine without them."""


# --- files an exhibition is made of ---------------------------------------------------------


def write_config(root: Path, text: str) -> Path:
    """Write ROOT/config/kiosk.yaml (dedented, so tests can indent it); returns its path."""
    path = root / "config" / "kiosk.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """Every line of a play log, none when it was never written."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def headless_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """This process's environment for a kiosk subprocess, headless, its sound written to
    TMP_PATH/audio.raw; a change to None removes that variable."""
    env = dict(os.environ)
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILE=str(tmp_path / "audio.raw"),
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


# --- the show's clock and input -------------------------------------------------------------


class FakeClock:
    """Show time that moves only when the test says so."""

    speed = 1.0

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def real_elapsed(self) -> float:
        return 0.0

    def real_seconds_until(self, show_time: float) -> float:
        return max(0.0, show_time - self.t)

    def wall_now(self) -> datetime:
        """A Wednesday at 10:00 UTC, plus the show time."""
        return datetime(2026, 12, 2, 10, 0, tzinfo=UTC) + timedelta(seconds=self.t)


def key_event(code: int, mod: int = pygame.KMOD_NONE) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


def finger_event(
    kind: int, x: float, y: float, finger_id: int = 0, touch_id: int = 7
) -> pygame.event.Event:
    """A finger event as SDL sends it: x and y are fractions of the window."""
    return pygame.event.Event(kind, touch_id=touch_id, finger_id=finger_id, x=x, y=y, dx=0, dy=0)


def post_key(code: int, mod: int = pygame.KMOD_NONE) -> None:
    pygame.event.post(key_event(code, mod))


def post_tap(x: float, y: float) -> None:
    """A finger down and up at pixel (x, y) of the open window, into SDL's queue."""
    w, h = pygame.display.get_surface().get_size()
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        pygame.event.post(finger_event(kind, x / w, y / h))


def button_centre(button) -> tuple[float, float]:
    r = button.rect
    return r.x + r.w / 2, r.y + r.h / 2


# --- pixels ---------------------------------------------------------------------------------


def snapshot(surface: pygame.Surface | None = None) -> Image.Image:
    """The surface (the window, by default) as an RGB image."""
    if surface is None:
        surface = pygame.display.get_surface()
    return Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))


def close_to(pixel, colour, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def mask_where(image: Image.Image, colour, tolerance: int) -> Image.Image:
    """An L mask, 255 where every channel is within `tolerance` of `colour`."""
    difference = ImageChops.difference(image, Image.new("RGB", image.size, colour))
    bands = [band.point(lambda v: 255 if v <= tolerance else 0) for band in difference.split()]
    return ImageChops.darker(ImageChops.darker(bands[0], bands[1]), bands[2])


def make_deck(name: str = "livron", slide_ids=("bridge-blown-up", "retreat")) -> Deck:
    """A deck of plain slides, each at its own line of slides/NAME.yaml, photos not on disk."""
    slides = tuple(
        Slide(
            id=slide_id,
            image=Path(f"media/{slide_id}.jpg"),
            caption=LocalizedText.same_everywhere("Texte"),
            credit=None,
            duration=12.0,
            transition="crossfade",
            where=Mark(f"{name}.yaml", 1 + i, 5),
        )
        for i, slide_id in enumerate(slide_ids)
    )
    return Deck(
        Path(f"/exhibition/slides/{name}.yaml"), LocalizedText.same_everywhere(name), slides
    )


def wait_for_photo(cache: PhotoCache, path: Path, seconds: float = 10.0):
    """Poll the cache as the display loop does, until the photo or its failure arrives."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = cache.get(path)
        if result is not None:
            return result
        time.sleep(0.005)
    raise AssertionError(f"{path} still pending after {seconds} s")
