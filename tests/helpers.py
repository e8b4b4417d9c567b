"""What many tests share: where the checkout and the seed texts are. Fixtures that need
pytest live in conftest.py; plain helpers live here, so any test can import them."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The checkout: the shipped exhibition's config/, slides/ and media/ are here."""

SEEDS = REPO.parent / "shared" / "seeds"
"""The exhibition's source texts, beside the checkout when they are there at all."""
