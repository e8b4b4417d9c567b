"""A slide's narration: per language, words to speak instead of the caption, or a recording.

Part of loading a deck (kiosk.content.deck_loader), with the deck's texts and media readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import Node

from kiosk.content.advice import warn_about_long_narration
from kiosk.content.languages import LanguageReader, Localized
from kiosk.content.media_paths import AUDIO_SUFFIXES, MediaPaths
from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.deck import NarrationOverride

NARRATION_KEYS = frozenset({"text", "audio"})


@dataclass
class NarrationReader:
    """Reads the 'narration:' of a deck's slides; every problem goes to `reader`, the deck's
    one list, so a bad narration costs its slide like any other error."""

    reader: NodeReader
    texts: LanguageReader
    media: MediaPaths
    default_language: str
    advise: bool

    def overrides(
        self, node: Node, caption: Localized | None, slide_keys: frozenset[str]
    ) -> tuple[tuple[str, NarrationOverride], ...]:
        """Per language, text to speak instead of the caption, or a recording that wins;
        `slide_keys` name the keys a curator may have indented under 'narration:'."""
        entries = self.texts.language_entries(node, "the narration", slide_keys) or {}
        result = []
        for lang, entry in entries.items():
            what = f"the '{lang}' narration"
            parts = self.reader.entries(entry.value, what, NARRATION_KEYS)
            if parts is None:
                continue
            if len(parts) != 1:
                self.reader.error(
                    entry.value, f"{what} needs either 'text' or 'audio', not both or neither"
                )
                continue
            if "text" in parts:
                override = self.spoken_text(parts["text"].value, lang, what, caption)
            else:
                override = self.recording(parts["audio"].value)
            if override is not None:
                result.append((lang, override))
        return tuple(result)

    def spoken_text(
        self, node: Node, lang: str, what: str, caption: Localized | None
    ) -> NarrationOverride | None:
        """Words to speak instead of the caption; `kiosk validate` warns when they are far
        longer than it, since the slide waits for the voice."""
        text = self.reader.text(node, f"{what} text", "; write it, or remove the line")
        if text is None:
            return None
        self.texts.check_characters(node, f"{what} text", text)
        if self.advise and caption is not None:
            default = self.default_language
            warn_about_long_narration(self.reader, node, lang, text, caption[0], default)
        return NarrationOverride(text=text)

    def recording(self, node: Node) -> NarrationOverride | None:
        """A recording under media/, which must be a sound file the kiosk can play."""
        audio = self.media.media_file(node, "the recording", audio=True)
        if audio is None:
            return None
        if audio.suffix.lower() not in AUDIO_SUFFIXES:
            kinds = ", ".join(sorted(AUDIO_SUFFIXES))
            self.reader.error(node, f"the recording must be a sound file ({kinds})")
            return None
        return NarrationOverride(audio=audio)
