"""The shipped config/kiosk.yaml names every key with the default the code really uses.

Curators read the defaults in the file's comments; the code keeps them in `Config` and
`NarrationConfig`. Each "Default: …" comment is read back through the loader and compared
with the dataclass, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.content.config import CONFIG_KEYS, Config, load_config
from kiosk.content.narration_config import NARRATION_KEYS, NarrationConfig
from tests.helpers import REPO

SHIPPED = REPO / "config" / "kiosk.yaml"
DEFAULT_NOTE = re.compile(r"\bDefaults?: (.+?)\.?$")
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+):")
SECTIONS = frozenset({"narration"})
"""Keys that hold other keys: their default is their keys' defaults."""

KeyPath = tuple[str, ...]


def documented_defaults(text: str) -> dict[KeyPath, str | None]:
    """Each key written at the top level or one level into a section, with the text after
    "Default:" in the comment just above it (None when the comment gives no default)."""
    notes: dict[KeyPath, str | None] = {}
    comment: list[str] = []
    section = ""
    for line in text.splitlines():
        if line.strip().startswith("#"):
            comment.append(line.strip().lstrip("#").strip())
            continue
        match = KEY_LINE.match(line)
        if match is not None and len(match["indent"]) in (0, 2):
            top = not match["indent"]
            section = match["key"] if top else section
            path = (match["key"],) if top else (section, match["key"])
            found = [note[1] for note in map(DEFAULT_NOTE.search, comment) if note]
            notes[path] = found[0].split(" (")[0] if found else None
        comment = []
    return notes


def expected_keys() -> list[KeyPath]:
    top = [(key,) for key in sorted(CONFIG_KEYS - SECTIONS)]
    return [*top, *(("narration", key) for key in sorted(NARRATION_KEYS))]


def read_back(tmp_path: Path, path: KeyPath, default_text: str) -> object:
    """The value the loader makes of `default_text` written as the value of `path`."""
    value = "[]" if default_text == "none" else default_text
    if len(path) == 1:
        text = f"{path[0]}: {value}\n"
    else:
        value = f"{{{value}}}" if ": " in value else value  # 'fr: {…}, en: {…}'
        text = f"{path[0]}:\n  {path[1]}: {value}\n"
    config_file = tmp_path / "config" / "kiosk.yaml"
    config_file.parent.mkdir()
    config_file.write_text(text, encoding="utf-8")
    config, problems = load_config(config_file)
    assert [str(problem) for problem in problems] == []
    return getattr(config, path[0]) if len(path) == 1 else getattr(config.narration, path[1])


def test_the_shipped_file_writes_every_key_with_a_default_comment() -> None:
    notes = documented_defaults(SHIPPED.read_text(encoding="utf-8"))
    missing = [".".join(path) for path in expected_keys() if notes.get(path) is None]
    assert missing == []


@pytest.mark.parametrize("path", expected_keys(), ids=".".join)
def test_each_default_in_the_shipped_file_is_the_one_in_code(tmp_path: Path, path: KeyPath) -> None:
    default_text = documented_defaults(SHIPPED.read_text(encoding="utf-8")).get(path)
    assert default_text is not None, f"config/kiosk.yaml gives no default for {'.'.join(path)}"
    in_code = getattr(Config(), path[0]) if len(path) == 1 else getattr(NarrationConfig(), path[1])
    assert read_back(tmp_path, path, default_text) == in_code


def test_a_drifted_default_is_caught(tmp_path: Path) -> None:
    """The check itself can fail: a comment giving another default than the code's."""
    text = "# Seconds a slide stays on screen. Default: 15\nslide_duration: 12\n"
    noted = documented_defaults(text)[("slide_duration",)]
    assert noted == "15"
    assert read_back(tmp_path, ("slide_duration",), noted) != Config().slide_duration
