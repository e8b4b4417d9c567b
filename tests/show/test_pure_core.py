"""The pure core (kiosk.show and kiosk.content) imports and works on a machine with neither
pygame, pyttsx3 nor Pillow."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

PURE_PACKAGES = ("show", "content")


def modules_under(*packages: str) -> list[str]:
    """Every module in the given subpackages of kiosk, found on disk, so a new one is covered
    the day it is added."""
    names = []
    for package in packages:
        for path in sorted((REPO / "kiosk" / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


CORE_MODULES = tuple(modules_under(*PURE_PACKAGES))


# Runs in a fresh interpreter: a finder placed first makes any import of the edge libraries
# fail the way a missing package does, and records every attempt, even a guarded one.
PROBE = """
import importlib, sys
from importlib.abc import MetaPathFinder

BLOCKED = ("pygame", "pyttsx3", "PIL")
asked = []

class Refuse(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            asked.append(name)
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, Refuse())
for name in BLOCKED:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
    else:
        raise SystemExit(f"the block on {name} does not work")
asked.clear()

for module in sys.argv[1:]:
    importlib.import_module(module)

loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print("loaded:", ",".join(loaded))
print("asked:", ",".join(asked))
"""


# Appended to the probe: the shipped exhibition loads, plays and lays out with the block on.
EXERCISE = """
from pathlib import Path
from kiosk.content.exhibition import load_exhibition
from kiosk.show.layout import controls, layout_slide
from kiosk.show.player import PlayerSettings, start, tick

show = load_exhibition(Path("config/kiosk.yaml"))
settings = PlayerSettings(("fr", "en"), "fr", 60.0)
state, effects = start(show.decks, settings, 0.0)
state, effects = tick(state, 15.0)
slide = effects[0].slide
layout = layout_slide(1920, 1080, slide.caption.get("fr"), True, controls(1920, 1080, ("fr", "en")),
                      lambda text, size: len(text) * size // 2)
print("played:", len(show.problems), sum(len(d.slides) for d in show.decks), slide.id,
      layout.caption.size)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print("loaded:", ",".join(loaded))
print("asked:", ",".join(asked))
"""


def run_probe(*modules: str, code: str = PROBE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *modules],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_walk_finds_the_core_modules() -> None:
    assert {"kiosk.show.player", "kiosk.content.yaml.nodes", "kiosk.content"} <= set(CORE_MODULES)
    assert len(CORE_MODULES) >= 20


def test_every_core_module_imports_without_pygame_pyttsx3_or_pillow() -> None:
    result = run_probe(*CORE_MODULES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["loaded: ", "asked: "]


@pytest.mark.parametrize(
    ("module", "library"),
    [("kiosk.screen.renderer", "pygame"), ("kiosk.screen.photo_files", "PIL")],
)
def test_the_probe_notices_a_module_that_needs_an_edge_library(module: str, library: str) -> None:
    """The same probe fails on an edge module, so the test above can fail too."""
    result = run_probe(module)
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "ModuleNotFoundError" in result.stderr
    assert f"{library} is not installed here" in result.stderr


def kiosk_imports(path: Path) -> set[str]:
    """The kiosk modules a file imports, at any depth in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "kiosk" or name.startswith("kiosk.")}


def test_the_show_depends_on_nothing_but_itself() -> None:
    """Curators' files become show values, never the other way round: kiosk.show imports
    only kiosk.show, and kiosk.content only kiosk.show and itself."""
    wrong = []
    for package, allowed in (
        ("show", ("kiosk.show",)),
        ("content", ("kiosk.show", "kiosk.content")),
    ):
        for path in sorted((REPO / "kiosk" / package).rglob("*.py")):
            for name in sorted(kiosk_imports(path)):
                if not name.startswith(allowed):
                    wrong.append(f"{path.relative_to(REPO)} imports {name}")
    assert wrong == []


def test_the_core_plays_the_shipped_exhibition_without_the_edge_libraries() -> None:
    result = run_probe(*CORE_MODULES, code=PROBE + EXERCISE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "played: 0 58 paratroopers 45",
        "loaded: ",
        "asked: ",
    ]
