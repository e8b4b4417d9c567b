"""What a slide says aloud in a language, and where its sound file lives.

Pure: given a deck, a slide, a language and the config, decide between a recording (which
always wins) and synthesis of a text (the narration override, else the caption shown on
screen), with the deck's pronunciations applied to the spoken text only, then its numbers
written out as words (kiosk.show.spoken_numbers): a curator's pronunciation of "1944" or
"2e DB" wins, since the number rules no longer see its digits. A synthesized file is
named by a hash of everything that shapes its sound, so an edited caption gets a new file and
an old one can be recognised as stale.

A caption is split into sentences first (kiosk.show.sentences) and each sentence is made
spoken on its own, so the engine can say them one by one and the sound's cue file can tie
each sentence's start to its span in the caption (the sentence highlight).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.show.deck import Deck, Pronunciations, Slide
from kiosk.show.sentences import Span, split_sentences


@dataclass(frozen=True)
class Voice:
    """How one language is synthesized: an espeak-ng voice, words per minute, loudness."""

    voice: str
    rate: int = 160
    volume: float = 1.0


class SpeechSettings(Protocol):
    """What deciding a slide's narration needs of the config (`Config` is one)."""

    @property
    def default_language(self) -> str: ...

    def voice_for(self, lang: str) -> Voice | None: ...


@dataclass(frozen=True)
class Recorded:
    path: Path

    source = "recorded"


@dataclass(frozen=True)
class Synthesis:
    """Text to synthesize with a voice; `lang` is the language of the text itself.

    A caption's synthesis also has its `sentences`, each spoken text with its span in the
    caption: they are synthesized one by one and a cue file records where each starts."""

    text: str
    lang: str
    voice: Voice
    sentences: tuple[tuple[str, Span], ...] = ()

    source = "tts"

    def cache_key(self, engine: str) -> str:
        identity: dict[str, object] = {
            "text": self.text,
            "voice": self.voice.voice,
            "rate": self.voice.rate,
            "volume": self.voice.volume,
            "engine": engine,
        }
        if self.sentences:  # a file made before cue files existed has none: make it again
            identity["sentences"] = [[text, list(span)] for text, span in self.sentences]
        digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8"))
        return f"{self.lang}-{digest.hexdigest()[:24]}"

    def cache_path(self, cache_dir: Path, engine: str) -> Path:
        return cache_dir / f"{self.cache_key(engine)}.wav"

    def cues_path(self, cache_dir: Path, engine: str) -> Path:
        return cues_path_for(self.cache_path(cache_dir, engine))


def cues_path_for(sound: Path) -> Path:
    """The cue file beside a synthesized sound: NAME.cues.json beside NAME.wav."""
    return sound.with_name(f"{sound.stem}.cues.json")


Narration = Recorded | Synthesis


def plan_narration(deck: Deck, slide: Slide, lang: str, config: SpeechSettings) -> Narration | None:
    """What to play for `slide` when the screen is in `lang`; None if no voice can say it.

    Speech follows the text on screen: a slide shown in the default language because it
    lacks a translation is spoken in the default language, by that language's voice.
    """
    override = slide.narration_in(lang)
    if override is not None and override.audio is not None:
        return Recorded(override.audio)
    if override is not None and override.text is not None:
        text, spoken_lang = override.text, lang
    else:
        text, translated = slide.caption.in_language(lang, config.default_language)
        spoken_lang = lang if translated else config.default_language
    voice = config.voice_for(spoken_lang)
    if voice is None:
        return None
    if override is not None and override.text is not None:  # not the caption: no highlight
        return Synthesis(spoken_text(deck, text, spoken_lang), spoken_lang, voice)
    sentences = tuple(
        (spoken_text(deck, text[start:end], spoken_lang), (start, end))
        for start, end in split_sentences(text)
    )
    joined = " ".join(spoken for spoken, _ in sentences)
    return Synthesis(joined, spoken_lang, voice, sentences)


def spoken_text(deck: Deck, text: str, lang: str) -> str:
    """The words the engine is sent: the curator's pronunciations first, so they win over the
    number rules, then the numbers as a person says them."""
    # Imported here: its rules compile some twenty patterns, which `kiosk run` need not wait
    # for before its first photo (they are ready before the first narration).
    from kiosk.show.spoken_numbers import speak_numbers

    return speak_numbers(apply_pronunciations(text, deck.pronunciations_in(lang)), lang)


def apply_pronunciations(text: str, pronunciations: Pronunciations) -> str:
    """Replace each written form by its spoken form, whole words only, longest first."""
    if not pronunciations:
        return text
    spoken = dict(pronunciations)
    alternatives = "|".join(re.escape(word) for word in sorted(spoken, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return pattern.sub(lambda match: spoken[match.group(0)], text)


def every_synthesis(
    decks: tuple[Deck, ...], config: SpeechSettings, languages: tuple[str, ...]
) -> list[tuple[Deck, Slide, Synthesis]]:
    """Every distinct synthesis the show needs, in play order, for the given languages."""
    seen: set[Synthesis] = set()
    wanted = []
    for deck in decks:
        for slide in deck.slides:
            for lang in languages:
                plan = plan_narration(deck, slide, lang, config)
                if isinstance(plan, Synthesis) and plan not in seen:
                    seen.add(plan)
                    wanted.append((deck, slide, plan))
    return wanted
