"""The pure core imports and works on a machine with neither pygame nor pyttsx3."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

CORE_MODULES = (
    "kiosk.validation",
    "kiosk.yamlnodes",
    "kiosk.yaml_syntax",
    "kiosk.yaml_syntax_site",
    "kiosk.yaml_syntax_blocks",
    "kiosk.config",
    "kiosk.deck",
    "kiosk.deck_loader",
    "kiosk.deck_languages",
    "kiosk.deck_advice",
    "kiosk.media_paths",
    "kiosk.commands",
    "kiosk.player",
    "kiosk.layout",
    "kiosk.theme",
    "kiosk.exhibition",
    "kiosk.effects",
    "kiosk.narration",
    "kiosk.narration_config",
    "kiosk.caption_import",
    "kiosk.standin_drawing",
    "kiosk.cli.common",
)

# Runs in a fresh interpreter: a finder placed first makes any import of the edge libraries
# fail the way a missing package does, and records every attempt, even a guarded one.
PROBE = """
import importlib, sys
from importlib.abc import MetaPathFinder

BLOCKED = ("pygame", "pyttsx3")
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
from kiosk.exhibition import load_exhibition
from kiosk.layout import controls, layout_slide
from kiosk.player import PlayerSettings, start, tick

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
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_core_module_imports_without_pygame_or_pyttsx3() -> None:
    result = run_probe(*CORE_MODULES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["loaded: ", "asked: "]


def test_the_probe_notices_a_module_that_needs_pygame() -> None:
    """The same probe fails on an edge module, so the test above can fail too."""
    result = run_probe("kiosk.renderer")
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "ModuleNotFoundError" in result.stderr
    assert "pygame" in result.stderr


def test_the_core_plays_the_shipped_exhibition_without_pygame_or_pyttsx3() -> None:
    result = run_probe(*CORE_MODULES, code=PROBE + EXERCISE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "played: 0 45 paratroopers 44",
        "loaded: ",
        "asked: ",
    ]
