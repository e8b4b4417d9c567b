"""The shipped config/kiosk.yaml names every key with the default the code really uses.

Curators read the defaults in the file's comments; the code keeps them in `Config`,
`NarrationConfig` and `Schedule`. Each "Default: …" comment is read back through the loader and
compared with the dataclass, so the two cannot drift apart. The `schedule:` and `fleet:`
sections are shipped commented out: they are uncommented here, as a curator would, and must
load as written.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.content.config import CONFIG_KEYS, Config, load_config
from kiosk.content.fleet_config import FLEET_KEYS, FleetConfig
from kiosk.content.narration_config import NARRATION_KEYS, NarrationConfig
from kiosk.content.schedule_config import SCHEDULE_KEYS
from kiosk.content.screen_config import SCREEN_KEYS
from kiosk.show.calendar import MonthDay, Period, Schedule
from kiosk.show.deck import LocalizedText
from kiosk.show.layout_physical import ScreenSpec
from tests.helpers import REPO, write_config

SHIPPED = REPO / "config" / "kiosk.yaml"
DEFAULT_NOTE = re.compile(r"\bDefaults?: (.+?)\.?$")
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+):")
SECTIONS = frozenset({"narration", "schedule", "screen", "fleet"})
"""Keys that hold other keys: their default is their keys' defaults."""
COMMENTED_OUT = ("# schedule:", "# fleet:")
"""Where the sections shipped commented out start: the calendar, the fleet link."""
NOTHING = {"decks": "[]", "closed_on": "[]", "quiet_hours": "[]", "open_on": "{}"}
"""How to write "Default: none" for a key; any other key is written null."""
IN_WORDS = {
    ("schedule", "timezone"): "the machine's own",
    ("schedule", "opening_hours"): "always open",
    ("fleet", "id"): "the host name",
}
"""Defaults that no value can be written for, as the shipped file words them."""

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
    narration = [("narration", key) for key in sorted(NARRATION_KEYS)]
    screen = [("screen", key) for key in sorted(SCREEN_KEYS)]
    schedule = [("schedule", key) for key in sorted(SCHEDULE_KEYS)]
    return [*top, *narration, *screen, *schedule, *(("fleet", key) for key in sorted(FLEET_KEYS))]


def uncommented(text: str) -> str:
    """The file with its commented-out `schedule:` and `fleet:` sections uncommented, as the
    file tells a curator to: the "# " in front of each line from "# schedule:" (or "# fleet:")
    down to the next empty line is removed."""
    lines = text.splitlines()
    inside = False
    for number, line in enumerate(lines):
        inside = line in COMMENTED_OUT or (inside and line != "")
        if inside:
            lines[number] = line[2:] if line.startswith("# ") else line.removeprefix("#")
    return "\n".join(lines) + "\n"


def shipped_notes() -> dict[KeyPath, str | None]:
    return documented_defaults(uncommented(SHIPPED.read_text(encoding="utf-8")))


def in_code(path: KeyPath) -> object:
    section = {
        "narration": NarrationConfig(),
        "schedule": Schedule(),
        "screen": ScreenSpec(),
        "fleet": FleetConfig(),
    }
    if len(path) == 1:
        return getattr(Config(), path[0])
    key = "weekly" if path[1] == "opening_hours" else path[1]
    return getattr(section[path[0]], key)


def read_back(tmp_path: Path, path: KeyPath, default_text: str) -> object:
    """The value the loader makes of `default_text` written as the value of `path`."""
    value = NOTHING.get(path[-1], "null") if default_text == "none" else default_text
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
    if len(path) == 1:
        return getattr(config, path[0])
    key = "weekly" if path[1] == "opening_hours" else path[1]
    return getattr(getattr(config, path[0]), key)


def test_the_shipped_file_writes_every_key_with_a_default_comment() -> None:
    notes = shipped_notes()
    missing = [".".join(path) for path in expected_keys() if notes.get(path) is None]
    assert missing == []


@pytest.mark.parametrize("path", expected_keys(), ids=".".join)
def test_each_default_in_the_shipped_file_is_the_one_in_code(tmp_path: Path, path: KeyPath) -> None:
    default_text = shipped_notes().get(path)
    assert default_text is not None, f"config/kiosk.yaml gives no default for {'.'.join(path)}"
    if path in IN_WORDS:
        assert default_text == IN_WORDS[path]
        assert in_code(path) is None
    else:
        assert read_back(tmp_path, path, default_text) == in_code(path)


def test_the_shipped_file_names_the_exhibition_and_keeps_the_calendar_commented_out() -> None:
    config, problems = load_config(SHIPPED)
    assert problems == []
    assert config.title == LocalizedText((("fr", "Drôme, août 1944"), ("en", "Drôme, August 1944")))
    assert config.schedule == Schedule()
    assert config.fleet is None
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    assert all(start in lines for start in COMMENTED_OUT)


def test_the_calendar_uncommented_is_the_museums_usual_week(tmp_path: Path) -> None:
    path = write_config(tmp_path, uncommented(SHIPPED.read_text(encoding="utf-8")))
    config, problems = load_config(path)
    assert [str(problem) for problem in problems] == []
    day = (Period(600, 750), Period(810, 1080))  # 10:00-12:30, 13:30-18:00
    assert config.schedule == Schedule(
        timezone="Europe/Paris",
        weekly=((), day, day, day, day, day, day),
        closed_on=(MonthDay(1, 1), MonthDay(5, 1), MonthDay(12, 25)),
        open_on=((date(2026, 7, 14), (Period(600, 1320),)),),
        quiet_hours=(Period(840, 900),),
    )
    assert config.fleet == FleetConfig(
        broker="mqtt.museum.lan:8883",
        id="hall-2-convoy",
        username="hall-2-convoy",
        password_file=Path("/etc/kiosk/mqtt-password"),
        tls=True,
        ca_file=Path("/etc/kiosk/museum-ca.crt"),
    )


def test_a_drifted_default_is_caught(tmp_path: Path) -> None:
    """The check itself can fail: a comment giving another default than the code's."""
    text = "# Seconds a slide stays on screen. Default: 15\nslide_duration: 12\n"
    noted = documented_defaults(text)[("slide_duration",)]
    assert noted == "15"
    assert read_back(tmp_path, ("slide_duration",), noted) != Config().slide_duration
