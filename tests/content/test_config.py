"""config/kiosk.yaml: defaults in code, each key read and checked, problems with their place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.content.config import Config, exhibition_dir_for, load_config
from kiosk.content.narration_config import NarrationConfig
from kiosk.content.screen_config import parse_size
from kiosk.show.player_state import PlayerSettings
from tests.helpers import REPO, write_config

DEFAULTS = {
    "decks": (),
    "media_dir": Path("media"),
    "languages": ("fr", "en"),
    "default_language": "fr",
    "slide_duration": 12.0,
    "transition": "crossfade",
    "transition_seconds": 1.0,
    "idle_timeout": 60.0,
    "fullscreen": True,
    "window_size": (1920, 1080),
    "staff_exit": "ctrl+alt+q",
    "play_log": Path("logs/play.jsonl"),
    "play_log_keep": 30,
    "reduced_motion": False,
}


def load(root: Path, text: str) -> tuple[Config, list[str], Path]:
    path = write_config(root, text)
    config, problems = load_config(path)
    return config, [str(problem) for problem in problems], path


def settings(config: Config) -> dict[str, object]:
    return {key: getattr(config, key) for key in DEFAULTS}


@pytest.mark.parametrize(
    "text",
    ["", "# every key is optional\n\n# nothing set here\n", "---\n", "~\n"],
    ids=["empty", "comments", "document-marker", "null"],
)
def test_a_silent_file_gives_every_default(tmp_path: Path, text: str) -> None:
    config, problems, path = load(tmp_path, text)
    assert problems == []
    assert settings(config) == DEFAULTS
    assert config.exhibition_dir == tmp_path.resolve()
    assert config.source == path


def test_a_missing_file_is_reported_and_the_defaults_play(tmp_path: Path) -> None:
    path = tmp_path / "config" / "kiosk.yaml"
    config, problems = load_config(path)
    assert [str(p) for p in problems] == [
        f"{path}:1:1: error: file not found; check the name and the folder"
    ]
    assert settings(config) == DEFAULTS


def test_every_key_is_read(tmp_path: Path) -> None:
    config, problems, _ = load(
        tmp_path,
        """\
        decks:
          - slides/one.yaml
          - slides/two.yaml
        media_dir: photos
        languages: [en, fr, de]
        default_language: de
        slide_duration: 7.5
        transition: cut
        transition_seconds: 0
        idle_timeout: 90
        fullscreen: false
        window_size: 1280x720
        staff_exit: Ctrl + Shift + X
        play_log: journal/play.jsonl
        play_log_keep: 365
        reduced_motion: true
        """,
    )
    assert problems == []
    assert settings(config) == {
        "decks": (Path("slides/one.yaml"), Path("slides/two.yaml")),
        "media_dir": Path("photos"),
        "languages": ("en", "fr", "de"),
        "default_language": "de",
        "slide_duration": 7.5,
        "transition": "cut",
        "transition_seconds": 0.0,
        "idle_timeout": 90.0,
        "fullscreen": False,
        "window_size": (1280, 720),
        "staff_exit": "ctrl+shift+x",
        "play_log": Path("journal/play.jsonl"),
        "play_log_keep": 365,
        "reduced_motion": True,
    }


def test_repeated_languages_are_kept_once_in_order(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, "languages: [en, fr, en]\ndefault_language: en\n")
    assert problems == []
    assert config.languages == ("en", "fr")


@pytest.mark.parametrize(
    ("text", "where", "message", "key"),
    [
        (
            "slide_duration: dix\n",
            "1:17",
            "slide_duration must be a number of seconds, got 'dix'",
            "slide_duration",
        ),
        (
            "slide_duration: 0.5\n",
            "1:17",
            "slide_duration must be between 1 and 3600 seconds, got 0.5",
            "slide_duration",
        ),
        (
            "transition: wipe\n",
            "1:13",
            "transition must be crossfade or cut, got 'wipe'",
            "transition",
        ),
        (
            "transition_seconds: 11\n",
            "1:21",
            "transition_seconds must be between 0 and 10 seconds, got 11",
            "transition_seconds",
        ),
        (
            "idle_timeout: 4\n",
            "1:15",
            "idle_timeout must be between 5 and 86400 seconds, got 4",
            "idle_timeout",
        ),
        (
            "window_size: big\n",
            "1:14",
            "window_size must look like 1920x1080, got 'big'",
            "window_size",
        ),
        (
            "window_size: 100x100\n",
            "1:14",
            "window_size must look like 1920x1080, got '100x100'",
            "window_size",
        ),
        (
            "fullscreen: maybe\n",
            "1:13",
            "fullscreen must be true or false, got 'maybe'",
            "fullscreen",
        ),
        (
            "reduced_motion: sometimes\n",
            "1:17",
            "reduced_motion must be true or false, got 'sometimes'",
            "reduced_motion",
        ),
        ("staff_exit: q\n", "1:13", "staff_exit must look like ctrl+alt+q, got 'q'", "staff_exit"),
        (
            "staff_exit: ctrl+alt+F12\n",
            "1:13",
            "staff_exit must look like ctrl+alt+q, got 'ctrl+alt+F12'",
            "staff_exit",
        ),
        (
            "languages: []\n",
            "1:12",
            "languages must list at least one language, such as fr",
            "languages",
        ),
        (
            "languages: fr\n",
            "1:12",
            "languages must be a list, each item starting with '- '",
            "languages",
        ),
        (
            "decks: slides/one.yaml\n",
            "1:8",
            "decks must be a list, each item starting with '- '",
            "decks",
        ),
        (
            "media_dir: [a, b]\n",
            "1:12",
            "media_dir must be a single value, not a list or a mapping",
            "media_dir",
        ),
        (
            "media_dir:\n",
            "1:11",
            "media_dir is empty",
            "media_dir",
        ),
        (
            "default_language: de\n",
            "1:19",
            "default_language 'de' is not in languages (fr, en); "
            "add it there, or choose one of them",
            "default_language",
        ),
        (
            "default_language: French\n",
            "1:19",
            "'French' is not a language code; use two letters such as fr or en",
            "default_language",
        ),
        (
            "play_log: [a.jsonl]\n",
            "1:11",
            "play_log must be a single value, not a list or a mapping",
            "play_log",
        ),
        ("play_log: true\n", "1:11", "play_log must be text; put it in double quotes", "play_log"),
    ],
)
def test_a_bad_value_is_reported_at_its_place_and_the_default_kept(
    tmp_path: Path, text: str, where: str, message: str, key: str
) -> None:
    config, problems, path = load(tmp_path, text)
    assert problems == [f"{path}:{where}: error: {message}"]
    assert getattr(config, key) == DEFAULTS[key]


def test_a_bad_key_costs_only_itself(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        slide_duration: dix
        transition: wipe
        window_size: big
        colour: red
        idle_timeout: 30
        fullscreen: false
        """,
    )
    allowed = (
        "decks, default_language, fleet, framebuffer_acceleration, fullscreen, idle_timeout, "
        "languages, media_dir, narration, places, "
        "play_log, play_log_keep, reduced_motion, schedule, screen, "
        "slide_duration, staff_exit, title, transition, transition_seconds, window_size"
    )
    assert problems == [
        f"{path}:4:1: error: unknown key 'colour' in the kiosk configuration; "
        f"allowed keys: {allowed}",
        f"{path}:1:17: error: slide_duration must be a number of seconds, got 'dix'",
        f"{path}:2:13: error: transition must be crossfade or cut, got 'wipe'",
        f"{path}:3:14: error: window_size must look like 1920x1080, got 'big'",
    ]
    assert settings(config) == DEFAULTS | {"idle_timeout": 30.0, "fullscreen": False}


def test_a_repeated_key_is_reported_and_the_first_value_kept(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "slide_duration: 20\nslide_duration: 30\n")
    assert problems == [
        f"{path}:2:1: error: 'slide_duration' appears twice in the kiosk configuration; "
        "keep only one"
    ]
    assert config.slide_duration == 20.0


def test_a_bad_language_code_is_left_out_of_the_list(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "languages: [fr, EN, de]\n")
    assert problems == [
        f"{path}:1:17: error: 'EN' is not a language code; use two letters such as fr or en"
    ]
    assert config.languages == ("fr", "de")
    assert config.default_language == "fr"


def test_a_default_language_outside_new_languages_falls_back_to_the_first(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "languages: [en, de]\ndefault_language: it\n")
    assert problems == [
        f"{path}:2:19: error: default_language 'it' is not in languages (en, de); "
        "add it there, or choose one of them"
    ]
    assert config.languages == ("en", "de")
    assert config.default_language == "en"


def test_languages_without_the_default_one_are_reported_at_the_list(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "languages: [en, de]\n")
    assert problems == [
        f"{path}:1:12: error: default_language 'fr' is not in languages (en, de); "
        "add it there, or choose one of them"
    ]
    assert config.default_language == "en"


@pytest.mark.parametrize("value", ["null", "~", "false", "''", ""])
def test_play_log_null_turns_the_log_off(tmp_path: Path, value: str) -> None:
    config, problems, _ = load(tmp_path, f"play_log: {value}\n")
    assert problems == []
    assert config.play_log is None
    assert config.play_log_path is None


def test_play_log_keep_is_a_whole_number_of_files(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, "play_log_keep: 90\n")
    assert (config.play_log_keep, problems) == (90, [])
    for text, message in [
        ("0", "play_log_keep must be between 1 and 3650 files, got 0"),
        ("2.5", "play_log_keep must be a whole number of files, got 2.5"),
        ("all", "play_log_keep must be a number of files, got 'all'"),
    ]:
        config, problems, path = load(tmp_path, f"play_log_keep: {text}\n")
        assert config.play_log_keep == Config.play_log_keep
        assert problems == [f"{path}:1:16: error: {message}"]


def test_play_log_zero_is_a_file_name_not_off(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, "play_log: 0\n")
    assert problems == []
    assert config.play_log_path == tmp_path.resolve() / "0"


def test_relative_paths_resolve_against_the_folder_holding_config(tmp_path: Path) -> None:
    config, problems, _ = load(
        tmp_path,
        """\
        decks: [slides/one.yaml, /srv/decks/two.yaml]
        media_dir: photos
        play_log: logs/today.jsonl
        """,
    )
    root = tmp_path.resolve()
    assert problems == []
    assert config.exhibition_dir == root
    assert config.deck_paths == (root / "slides" / "one.yaml", Path("/srv/decks/two.yaml"))
    assert config.media_root == root / "photos"
    assert config.play_log_path == root / "logs" / "today.jsonl"


def test_a_relative_config_path_still_gives_an_absolute_exhibition_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, "media_dir: photos\n")
    monkeypatch.chdir(tmp_path / "config")
    config, problems = load_config(Path("kiosk.yaml"))
    assert problems == []
    assert config.exhibition_dir == tmp_path.resolve()
    assert config.media_root == tmp_path.resolve() / "photos"


def test_a_config_file_outside_a_config_folder_is_its_own_exhibition_folder(
    tmp_path: Path,
) -> None:
    assert exhibition_dir_for(tmp_path / "config" / "kiosk.yaml") == tmp_path.resolve()
    assert exhibition_dir_for(tmp_path / "show" / "kiosk.yaml") == (tmp_path / "show").resolve()


def test_a_config_that_is_not_a_mapping_is_reported(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "- decks\n- slides\n")
    assert problems == [
        f"{path}:1:1: error: the kiosk configuration must be a set of 'key: value' lines"
    ]
    assert settings(config) == DEFAULTS


def test_a_syntax_error_is_reported_and_the_defaults_play(tmp_path: Path) -> None:
    config, problems, path = load(tmp_path, "slide_duration: 10\ntransition: cut: now\n")
    assert problems == [
        f"{path}:2:16: error: a colon followed by a space inside an unquoted text; "
        "put the whole text in double quotes"
    ]
    assert settings(config) == DEFAULTS


def test_the_shipped_config_loads_without_problems() -> None:
    path = REPO / "config" / "kiosk.yaml"
    config, problems = load_config(path)
    assert problems == []
    assert config.exhibition_dir == REPO
    assert config.deck_paths == (
        REPO / "slides" / "provence-landing.yaml",
        REPO / "slides" / "drome-liberation.yaml",
        REPO / "slides" / "livron.yaml",
        REPO / "slides" / "montelimar.yaml",
    )
    assert config.media_root == REPO / "media"
    assert config.play_log_path == REPO / "logs" / "play.jsonl"
    # The shipped file documents the defaults; it must not drift from them.
    assert {key: value for key, value in settings(config).items() if key != "decks"} == {
        key: value for key, value in DEFAULTS.items() if key != "decks"
    }


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1920x1080", (1920, 1080)),
        (" 1280 X 720 ", (1280, 720)),
        ("1024×768", (1024, 768)),
        ("160x120", (160, 120)),
        ("16384x16384", (16384, 16384)),
        ("159x120", None),
        ("160x119", None),
        ("16385x1080", None),
        ("big", None),
        ("1920x1080x2", None),
        ("-1920x1080", None),
    ],
)
def test_parse_size(text: str, size: tuple[int, int] | None) -> None:
    assert parse_size(text) == size


def test_each_deck_keeps_where_the_config_names_it(tmp_path: Path) -> None:
    config, problems, path = load(
        tmp_path,
        """\
        decks:
          - slides/one.yaml
          - 7
          -
          - slides/two.yaml
        """,
    )
    assert problems == [f"{path}:4:4: error: a deck path is empty"]
    assert config.decks == (Path("slides/one.yaml"), Path("7"), Path("slides/two.yaml"))
    assert [(mark.line, mark.column) for mark in config.deck_where] == [(2, 5), (3, 5), (5, 5)]
    assert config == replace(config, deck_where=())  # where it is written is not a setting


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('media_dir: "pho\\0tos"\n', "1:12", "media_dir holds a character no file name can have"),
        ('decks: ["a\\0.yaml"]\n', "1:9", "a deck path holds a character no file name can have"),
        ('play_log: "l\\0g"\n', "1:11", "play_log holds a character no file name can have"),
    ],
)
def test_a_path_no_file_can_have(tmp_path: Path, text: str, where: str, message: str) -> None:
    config, problems, path = load(tmp_path, text)
    assert problems == [f"{path}:{where}: error: {message} (\\0); retype it"]
    assert (config.media_dir, config.decks) == (Path("media"), ())


def test_a_misspelt_key_or_value_names_the_one_meant(tmp_path: Path) -> None:
    _, problems, path = load(
        tmp_path, "slide_duraton: 10\ntransition: Cut\nidle_timeout: 90 s\nwindow_sise: 1280x720\n"
    )
    assert problems == [
        f"{path}:1:1: error: unknown key 'slide_duraton' in the kiosk configuration; "
        "did you mean 'slide_duration'?",
        f"{path}:4:1: error: unknown key 'window_sise' in the kiosk configuration; "
        "did you mean 'window_size'?",
        f"{path}:2:13: error: transition must be crossfade or cut, got 'Cut'; did you mean 'cut'?",
        f"{path}:3:15: error: idle_timeout must be a number of seconds, got '90 s'; "
        "write only the number: 90",
    ]


@pytest.mark.parametrize(
    ("autoplay", "override", "narrates"),
    [(True, None, True), (False, None, False), (False, True, True), (True, False, False)],
)
def test_player_settings_follow_the_config_unless_the_run_says_otherwise(
    autoplay: bool, override: bool | None, narrates: bool
) -> None:
    config = Config(
        languages=("en", "fr"),
        default_language="fr",
        idle_timeout=45.0,
        transition_seconds=0.7,
        narration=NarrationConfig(autoplay=autoplay, volume=0.4, pause_after=2.5),
    )
    settings = config.player_settings(override)
    assert settings == PlayerSettings(
        ("en", "fr"),
        "fr",
        45.0,
        narration_autoplay=narrates,
        settle_seconds=0.7,
        narration_pause=2.5,
        volume=0.4,
    )


def test_reduced_motion_reaches_the_player(tmp_path: Path) -> None:
    config, problems, _ = load(tmp_path, "reduced_motion: true\n")
    assert problems == []
    assert config.reduced_motion is True
    assert config.player_settings().reduced_motion is True
    assert Config().player_settings().reduced_motion is False
