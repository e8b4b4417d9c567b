"""Texts a deck gives per language: a title, a caption, a credit, pronunciations.

A text is either written once for every language or as a mapping from the config's language
codes to texts. A code the config does not list is reported with the closest one, or with
where to add it; a key from around the mapping indented into it by mistake is named as such,
since that is what a curator has most likely done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode

from kiosk.content.advice import warn_about_invisible_characters
from kiosk.content.hints import close_match
from kiosk.content.media_paths import config_label
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.deck import LocalizedText, Mark

if TYPE_CHECKING:  # config.py reads its title with this module: no import cycle
    from kiosk.content.config import Config

Localized = tuple[LocalizedText, dict[str, Mark]]
"""The texts, and where each is written ('*' for a text written once for every language)."""


@dataclass(frozen=True)
class LanguageReader:
    """Reads per-language texts of one deck; problems go to the deck's reader. With `advise`,
    also warns about characters no screen can show, as `kiosk validate` does."""

    reader: NodeReader
    config: Config
    advise: bool

    def language_entries(
        self, node: Node, what: str, siblings: frozenset[str] = frozenset()
    ) -> dict[str, Entry] | None:
        """A mapping keyed by the config's languages; `siblings` are the keys around it, which
        a curator may have indented under it by mistake."""
        languages = self.config.languages

        def unknown(key: str) -> str:
            if key in siblings:
                return (
                    f"'{key}' is indented as part of {what}; to make it a key of its own, "
                    "line it up with the keys above"
                )
            listed = ", ".join(languages)
            match = close_match(key, languages)
            if match is not None:
                return (
                    f"'{key}' is not one of the kiosk's languages ({listed}); "
                    f"did you mean '{match}'?"
                )
            return (
                f"'{key}' is not one of the kiosk's languages ({listed}); add it to languages "
                f"in {config_label(self.config)}, or remove it"
            )

        return self.reader.entries(node, what, frozenset(languages), unknown)

    def localized(self, entry: Entry, what: str, siblings: frozenset[str]) -> Localized | None:
        """A plain string (same in all languages) or a mapping from language code to text,
        with where each text is."""
        reader, node = self.reader, entry.value
        if isinstance(node, ScalarNode):
            text = reader.text(node, what, "; write its text between double quotes")
            if text is None:
                return None
            self.check_characters(node, what, text)
            return LocalizedText.same_everywhere(text), {"*": reader.mark(node)}
        entries = self.language_entries(node, what, siblings)
        if entries is None:
            return None
        texts, marks = self._texts(entries, what)
        if not texts:
            if not entries:
                reader.error(node, f"{what} has no text in any language")
            return None
        self._warn_about_missing_languages(node, what, texts, entries)
        return LocalizedText(tuple(texts)), marks

    def _texts(
        self, entries: dict[str, Entry], what: str
    ) -> tuple[list[tuple[str, str]], dict[str, Mark]]:
        """The readable texts of a language mapping, and where each is."""
        texts, marks = [], {}
        for lang, item in entries.items():
            text = self.reader.text(
                item.value,
                f"{what} in '{lang}'",
                "; write its text between double quotes, or remove the line",
            )
            if text is not None:
                texts.append((lang, text))
                marks[lang] = self.reader.mark(item.value)
                self.check_characters(item.value, f"{what} in '{lang}'", text)
        return texts, marks

    def _warn_about_missing_languages(
        self, node: Node, what: str, texts: list[tuple[str, str]], entries: dict[str, Entry]
    ) -> None:
        """A language left out shows another's text; say which, so the gap is a choice."""
        present = {lang for lang, _ in texts}
        default = self.config.default_language
        shown = default if default in present else texts[0][0]
        for lang in self.config.languages:
            if lang not in present and lang not in entries:
                self.reader.warning(node, f"{what} has no '{lang}' text; '{shown}' shows")

    def pronunciations(
        self, node: Node, siblings: frozenset[str]
    ) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """Per language, how to say a word: applied before synthesis, never to the screen."""
        entries = self.language_entries(node, "pronunciations", siblings) or {}
        result = []
        for lang, entry in entries.items():
            pairs = self.reader.text_pairs(entry.value, f"the '{lang}' pronunciations")
            if pairs:
                result.append((lang, tuple(pairs)))
        return tuple(result)

    def check_characters(self, node: Node, what: str, text: str) -> None:
        """Only `kiosk validate` warns about invisible characters (see deck_advice)."""
        if self.advise:
            warn_about_invisible_characters(self.reader, node, what, text)
