"""What many tests share: where the checkout and the seed texts are. Fixtures that need
pytest live in conftest.py; plain helpers live here, so any test can import them."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The checkout: the shipped exhibition's config/, slides/ and media/ are here. Tests read it;
a test that runs the shipped exhibition runs the copy the `shipped_copy` fixture makes."""

SEEDS = REPO.parent / "shared" / "seeds"
"""The exhibition's source texts, beside the checkout when they are there at all."""


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
