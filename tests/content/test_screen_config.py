"""The config's `screen:` section: the physical screen, defaults in code, problems placed."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.config import load_config
from kiosk.show.layout_physical import ScreenSpec
from tests.helpers import write_config


def load(root: Path, text: str) -> tuple[ScreenSpec, list[str], Path]:
    path = write_config(root, text)
    config, problems = load_config(path)
    return config.screen, [str(problem) for problem in problems], path


def test_without_a_screen_section_a_24_inch_screen_at_arms_length(tmp_path: Path) -> None:
    screen, problems, _ = load(tmp_path, "slide_duration: 10\n")
    assert problems == []
    assert (screen.diagonal_inches, screen.viewing_distance_m) == (24.0, 0.7)


def test_both_keys_are_read_and_one_alone_keeps_the_other_default(tmp_path: Path) -> None:
    screen, problems, _ = load(tmp_path, "screen: {diagonal_inches: 55, viewing_distance_m: 3}\n")
    assert problems == []
    assert screen == ScreenSpec(55.0, 3.0)
    screen, problems, _ = load(tmp_path, "screen:\n  viewing_distance_m: 1.5\n")
    assert problems == []
    assert screen == ScreenSpec(24.0, 1.5)


def test_a_bad_value_is_placed_and_its_default_kept(tmp_path: Path) -> None:
    screen, problems, path = load(
        tmp_path,
        """\
        screen:
          diagonal_inches: 3
          viewing_distance_m: far
        """,
    )
    assert problems == [
        f"{path}:2:20: error: screen diagonal_inches must be between 7 and 200 inches, got 3",
        f"{path}:3:23: error: screen viewing_distance_m must be a number of metres, got 'far'",
    ]
    assert screen == ScreenSpec()


def test_a_misspelt_key_is_named_with_the_right_one(tmp_path: Path) -> None:
    screen, problems, path = load(tmp_path, "screen:\n  diagonal: 32\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2:3: error: unknown key 'diagonal' in screen")
    assert "diagonal_inches" in problems[0]
    assert screen == ScreenSpec()
