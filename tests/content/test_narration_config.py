"""The config's `narration:` section: defaults in code, each key checked, problems placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.config import load_config
from kiosk.content.narration_config import DEFAULT_VOICES, NarrationConfig
from kiosk.show.narration import Voice
from tests.helpers import write_config


def load(root: Path, text: str) -> tuple[NarrationConfig, list[str], Path]:
    path = write_config(root, text)
    config, problems = load_config(path)
    return config.narration, [str(problem) for problem in problems], path


def test_without_a_narration_section_every_default_applies(tmp_path: Path) -> None:
    narration, problems, _ = load(tmp_path, "slide_duration: 10\n")
    assert problems == []
    assert narration == NarrationConfig()
    assert (narration.autoplay, narration.volume, narration.pause_after) == (False, 0.8, 1.5)
    assert narration.cache_dir == Path("cache/narration")
    assert narration.voice_for("fr") == Voice("roa/fr", 160, 1.0)
    assert narration.voice_for("en") == Voice("gmw/en", 160, 1.0)
    assert narration.voice_for("de") is None


def test_every_narration_key_is_read(tmp_path: Path) -> None:
    narration, problems, _ = load(
        tmp_path,
        """\
        languages: [fr, en, de]
        narration:
          autoplay: true
          volume: 0.5
          pause_after: 0
          cache_dir: /var/cache/kiosk
          voices:
            fr: {voice: roa/fr-BE, rate: 200, volume: 0.7}
            en:
              rate: 120.9
            de: {voice: gmw/de}
        """,
    )
    assert problems == []
    assert (narration.autoplay, narration.volume, narration.pause_after) == (True, 0.5, 0.0)
    assert narration.cache_dir == Path("/var/cache/kiosk")
    assert narration.voice_for("fr") == Voice("roa/fr-BE", 200, 0.7)
    assert narration.voice_for("en") == Voice("gmw/en", 120, 1.0)  # the default voice kept
    assert narration.voice_for("de") == Voice("gmw/de", 160, 1.0)


def test_the_cache_folder_is_relative_to_the_exhibition(tmp_path: Path) -> None:
    path = tmp_path / "config" / "kiosk.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("narration: {cache_dir: sounds}\n", encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config.narration_cache == tmp_path.resolve() / "sounds"
    path.write_text("slide_duration: 10\n", encoding="utf-8")
    assert load_config(path)[0].narration_cache == tmp_path.resolve() / "cache" / "narration"


def test_a_voice_left_out_keeps_its_default(tmp_path: Path) -> None:
    narration, problems, _ = load(tmp_path, "narration:\n  voices:\n    en: {volume: 0.5}\n")
    assert problems == []
    assert dict(narration.voices) == {"fr": DEFAULT_VOICES[0][1], "en": Voice("gmw/en", 160, 0.5)}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "narration:\n  autoplay: maybe\n",
            "2:13",
            "narration autoplay must be true or false, got 'maybe'",
        ),
        (
            "narration:\n  volume: 2\n",
            "2:11",
            "narration volume must be between 0 and 1, got 2",
        ),
        (
            "narration:\n  volume: loud\n",
            "2:11",
            "narration volume must be a number, got 'loud'",
        ),
        (
            "narration:\n  pause_after: -1\n",
            "2:16",
            "narration pause_after (seconds) must be between 0 and 60, got -1",
        ),
        (
            "narration:\n  cache_dir:\n",
            "2:13",
            "narration cache_dir is empty",
        ),
        (
            "narration:\n  cache_dir: [a, b]\n",
            "2:14",
            "narration cache_dir must be a single value, not a list or a mapping",
        ),
        (
            "narration:\n  speed: 2\n",
            "2:3",
            "unknown key 'speed' in narration; "
            "allowed keys: autoplay, cache_dir, pause_after, voices, volume",
        ),
        (
            "narration: true\n",
            "1:12",
            "narration must be a set of 'key: value' lines",
        ),
        (
            "narration:\n  voices:\n    fr: {voice: roa/fr, rate: 500}\n",
            "3:31",
            "the 'fr' voice rate (words per minute) must be between 80 and 450, got 500",
        ),
        (
            "narration:\n  voices:\n    fr:\n      volume: loud\n",
            "4:15",
            "the 'fr' voice volume must be a number, got 'loud'",
        ),
        (
            "narration:\n  voices:\n    fr: {pitch: 3}\n",
            "3:10",
            "unknown key 'pitch' in the 'fr' voice; allowed keys: rate, voice, volume",
        ),
        (
            "narration:\n  voices:\n    fr: roa/fr\n",
            "3:9",
            "the 'fr' voice must be a set of 'key: value' lines",
        ),
        (
            "narration:\n  voices:\n    fr: {voice: }\n",
            "3:16",
            "the 'fr' voice name is empty",
        ),
        (
            "narration:\n  voices: [fr, en]\n",
            "2:11",
            "narration voices must be a set of 'key: value' lines",
        ),
        (
            "narration:\n  voices: roa/fr\n",
            "2:11",
            "narration voices must be a set of 'key: value' lines",
        ),
        (
            "narration:\n  voices: ~\n",
            "2:11",
            "narration voices must be a set of 'key: value' lines",
        ),
    ],
)
def test_a_bad_value_is_reported_at_its_place_and_the_default_kept(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    narration, problems, path = load(tmp_path, text)
    assert problems == [f"{path}:{where}: error: {message}"]
    assert narration == NarrationConfig()


def test_a_new_language_needs_a_voice_name(tmp_path: Path) -> None:
    narration, problems, path = load(
        tmp_path, "languages: [fr, en, de]\nnarration:\n  voices:\n    de: {rate: 150}\n"
    )
    assert problems == [
        f"{path}:4:9: error: the 'de' voice needs a 'voice', such as roa/fr "
        "(see: espeak-ng --voices)"
    ]
    assert narration.voice_for("de") is None
    assert narration.voices == DEFAULT_VOICES


def test_a_bad_narration_value_costs_only_itself(tmp_path: Path) -> None:
    narration, problems, path = load(
        tmp_path,
        """\
        slide_duration: 20
        narration:
          autoplay: true
          volume: 3
          pause_after: 2
          voices:
            fr: {voice: roa/fr-BE, rate: 20}
            en: {voice: gmw/en-GB-x-rp}
        """,
    )
    assert problems == [
        f"{path}:4:11: error: narration volume must be between 0 and 1, got 3",
        f"{path}:7:34: error: the 'fr' voice rate (words per minute) must be between 80 and 450, "
        "got 20",
    ]
    assert narration == NarrationConfig(
        autoplay=True,
        pause_after=2.0,
        voices=(("fr", Voice("roa/fr-BE", 160, 1.0)), ("en", Voice("gmw/en-GB-x-rp"))),
    )
    assert load_config(path)[0].slide_duration == 20.0


@pytest.mark.parametrize(
    ("autoplay", "override", "narrates"),
    [(False, None, False), (True, None, True), (False, True, True), (True, False, False)],
    ids=["config-off", "config-on", "--narration", "--no-narration"],
)
def test_the_run_option_decides_over_autoplay(
    autoplay: bool, override: bool | None, narrates: bool
) -> None:
    assert NarrationConfig(autoplay=autoplay).loop_narrates(override) is narrates
