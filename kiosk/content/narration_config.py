"""The `narration:` section of the config: voices, rate, volume, and whether the loop speaks.

Kept apart from `config.py` because it is a world of its own (voices, the cache), with its
defaults here, in code, like every other setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.narration import Voice

DEFAULT_VOICES: tuple[tuple[str, Voice], ...] = (
    ("fr", Voice("roa/fr")),
    ("en", Voice("gmw/en")),
)


@dataclass(frozen=True)
class NarrationConfig:
    autoplay: bool = False
    """True: the unattended loop narrates by itself. False: silent until a visitor asks."""
    volume: float = 0.8
    """Playback volume from 0 to 1, restored for each new visitor."""
    pause_after: float = 1.5
    """Seconds of quiet after the narration before the slide moves on."""
    cache_dir: Path = Path("cache/narration")
    voices: tuple[tuple[str, Voice], ...] = field(default=DEFAULT_VOICES)

    def voice_for(self, lang: str) -> Voice | None:
        return next((voice for code, voice in self.voices if code == lang), None)

    def loop_narrates(self, override: bool | None = None) -> bool:
        """Whether the unattended loop speaks: `override` when given (`kiosk run --narration`
        or `--no-narration`), else `autoplay`. The one place that decides it, so the player,
        the sound device and the preview cannot disagree."""
        return self.autoplay if override is None else override


NARRATION_KEYS = frozenset(setting.name for setting in fields(NarrationConfig))
"""The keys of the `narration:` section: every `NarrationConfig` field, named as in the file."""

VOICE_KEYS = frozenset(setting.name for setting in fields(Voice))
"""The keys of one language's voice: every `Voice` field."""


def read_narration(reader: NodeReader, node: Node) -> NarrationConfig | None:
    entries = reader.entries(node, "narration", NARRATION_KEYS)
    if entries is None:
        return None
    settings = NarrationConfig()
    changes: dict[str, object] = {}
    if "autoplay" in entries:
        changes["autoplay"] = reader.boolean(entries["autoplay"].value, "narration autoplay")
    if "volume" in entries:
        changes["volume"] = reader.number(entries["volume"].value, "narration volume", 0, 1)
    if "pause_after" in entries:
        changes["pause_after"] = reader.number(
            entries["pause_after"].value, "narration pause_after (seconds)", 0, 60
        )
    if "cache_dir" in entries:
        text = reader.text(entries["cache_dir"].value, "narration cache_dir")
        changes["cache_dir"] = Path(text) if text else None
    if "voices" in entries:
        changes["voices"] = _read_voices(reader, entries["voices"].value, settings)
    return replace(settings, **{k: v for k, v in changes.items() if v is not None})


def _read_voices(
    reader: NodeReader, node: Node, settings: NarrationConfig
) -> tuple[tuple[str, Voice], ...] | None:
    """Voices by language code; a language left out keeps its default voice."""
    languages = frozenset({*dict(settings.voices), *_keys_of(node)})
    entries = reader.entries(node, "narration voices", languages)
    if entries is None:
        return None
    voices = dict(settings.voices)
    for lang, entry in entries.items():
        voice = _read_voice(reader, entry.value, lang, voices.get(lang))
        if voice is not None:
            voices[lang] = voice
    return tuple(voices.items())


def _keys_of(node: Node) -> list[str]:
    if not isinstance(node, MappingNode):
        return []  # reader.entries reports it
    return [key.value for key, _ in node.value if isinstance(key, ScalarNode)]


def _read_voice(reader: NodeReader, node: Node, lang: str, default: Voice | None) -> Voice | None:
    what = f"the '{lang}' voice"
    entries = reader.entries(node, what, VOICE_KEYS)
    if entries is None:
        return None
    name = default.voice if default else None
    if "voice" in entries:
        name = reader.text(entries["voice"].value, f"{what} name") or name
    if name is None:
        reader.error(node, f"{what} needs a 'voice', such as roa/fr (see: espeak-ng --voices)")
        return None
    voice = Voice(name) if default is None else replace(default, voice=name)
    if "rate" in entries:
        rate = reader.number(entries["rate"].value, f"{what} rate (words per minute)", 80, 450)
        voice = replace(voice, rate=int(rate)) if rate is not None else voice
    if "volume" in entries:
        volume = reader.number(entries["volume"].value, f"{what} volume", 0, 1)
        voice = replace(voice, volume=volume) if volume is not None else voice
    return voice
