"""Read curators' YAML as nodes, so every value keeps the line and column it came from.

PyYAML's `safe_load` throws positions away. Here the file is only *composed* into nodes (safe
tags only; see kiosk.content.yaml.reading), and each schema walks the nodes it expects. Walking
by schema, rather than turning the whole tree into Python values, means aliases and deep
nesting in a hostile file cost nothing: we never look further than the schema goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.content.hints import did_you_mean
from kiosk.content.problems import Problem, error, warning
from kiosk.show.deck import Mark

MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
STANDARD_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Entry:
    """One key of a mapping, with the node of its value."""

    key: str
    value: Node


@dataclass
class NodeReader:
    """Typed accessors over nodes that record problems instead of raising."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def mark(self, node: Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def first_key_mark(self, node: Node) -> Mark:
        """Where a mapping's first key is: the line a curator reads as the item's start (for
        `- {image: …}` the first key, not the brace)."""
        if isinstance(node, MappingNode) and node.value:
            return self.mark(node.value[0][0])
        return self.mark(node)

    def error(self, node: Node, message: str) -> None:
        self.problems.append(error(self.mark(node), message))

    def warning(self, node: Node, message: str) -> None:
        self.problems.append(warning(self.mark(node), message))

    def entries(
        self,
        node: Node,
        what: str,
        allowed: frozenset[str],
        unknown: Callable[[str], str] | None = None,
    ) -> dict[str, Entry] | None:
        """The keys of a mapping node; unknown and repeated keys are reported and skipped.

        `unknown(key)` words the message for a key not allowed; by default it names the
        closest allowed key, or lists them all when none is close."""
        if self._foreign(node, what):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a set of 'key: value' lines{_squeezed(node)}")
            return None
        if not self._plain(node, what, MAP_TAG):
            return None
        found: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.error(key_node, f"{what} has a key that is not a plain name")
            elif key not in allowed:
                message = unknown(key) if unknown else unknown_key(key, what, allowed)
                self.error(key_node, message)
            elif key in found:
                self.error(key_node, f"'{key}' appears twice in {what}; keep only one")
            else:
                found[key] = Entry(key, value_node)
        return found

    def text_pairs(self, node: Node, what: str) -> list[tuple[str, str]] | None:
        """A mapping from text to text, where keys may be anything written, even '1944'."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a set of 'written: spoken' lines")
            return None
        if not self._plain(node, what, MAP_TAG):
            return None
        pairs = []
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a word in {what}")
            value = self.text(value_node, f"how to say '{key}' in {what}")
            if key is not None and value is not None:
                pairs.append((key, value))
        return pairs

    def items(self, node: Node, what: str) -> list[Node] | None:
        if self._foreign(node, what):
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, each item starting with '- '")
            return None
        if not self._plain(node, what, SEQ_TAG):
            return None
        return list(node.value)

    def _plain(self, node: Node, what: str, tag: str) -> bool:
        """A '!' tag (such as !!set) asks for a type a kiosk file never needs."""
        if node.tag == tag:
            return True
        self._tag_error(node, what)
        return False

    def _foreign(self, node: Node, what: str) -> bool:
        """A tag from outside YAML's own types (such as !!python/object) is refused whatever
        the node, before anything else is said about it."""
        tag = node.tag or ""
        if tag.startswith(STANDARD_TAG) and not tag.startswith(f"{STANDARD_TAG}python/"):
            return False
        self._tag_error(node, what)
        return True

    def _tag_error(self, node: Node, what: str) -> None:
        tag = str(node.tag).replace(STANDARD_TAG, "!!", 1)
        self.error(node, f"{what} has the tag '{tag}'; remove it, kiosk files use no tags")

    def _read(self, node: Node, what: str) -> tuple[bool, object]:
        """Like `scalar`, and whether it was readable, so a problem is reported only once."""
        before = len(self.problems)
        value = self.scalar(node, what)
        return len(self.problems) == before, value

    def scalar(self, node: Node, what: str) -> object:
        """The Python value of a scalar node, using safe tags only."""
        if self._foreign(node, what):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be a single value, not a list or a mapping")
            return None
        try:
            return yaml.SafeLoader("").construct_object(node)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self.error(node, f"{what}: {problem}")
            return None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            # PyYAML's own constructors fail this way on a typed value they cannot read,
            # such as `!!int twelve` or `!!bool maybe`.
            kind = node.tag.rsplit(":", 1)[-1]
            self.error(node, f"{what}: '{node.value}' cannot be read as {kind}")
            return None

    def text(self, node: Node, what: str, empty: str = "") -> str | None:
        """A non-empty string; numbers are accepted as text (a caption may be just '1944').

        `empty` is what to do about an empty one, added to the message."""
        readable, value = self._read(node, what)
        if not readable:
            return None
        if value is None:
            if isinstance(node, ScalarNode):
                self.error(node, f"{what} is empty{empty}")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(node, f"{what} must be text; put it in double quotes")
            return None
        text = str(value) if not isinstance(value, str) else value
        if not text.strip():
            self.error(node, f"{what} is empty{empty}")
            return None
        return text

    def number(
        self, node: Node, what: str, minimum: float, maximum: float, unit: str = ""
    ) -> float | None:
        """A number from `minimum` to `maximum`; `unit` ('seconds') is named in messages."""
        readable, value = self._read(node, what)
        if not readable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(node, ScalarNode):
                kind = f"a number of {unit}" if unit else "a number"
                self.error(node, f"{what} must be {kind}, got '{node.value}'{_number_hint(node)}")
            return None
        if not minimum <= value <= maximum:
            unit = f" {unit}" if unit else ""
            self.error(
                node, f"{what} must be between {minimum:g} and {maximum:g}{unit}, got {value:g}"
            )
            return None
        return float(value)

    def boolean(self, node: Node, what: str) -> bool | None:
        readable, value = self._read(node, what)
        if not readable:
            return None
        if not isinstance(value, bool):
            if isinstance(node, ScalarNode):
                self.error(node, f"{what} must be true or false, got '{node.value}'")
            return None
        return value

    def choice(self, node: Node, what: str, choices: tuple[str, ...]) -> str | None:
        readable, value = self._read(node, what)
        if not readable:
            return None
        if value not in choices:
            if isinstance(node, ScalarNode):
                listed = " or ".join(choices)
                hint = did_you_mean(node.value, choices)
                self.error(node, f"{what} must be {listed}, got '{node.value}'{hint}")
            return None
        return str(value)


def unknown_key(key: str, what: str, allowed: frozenset[str]) -> str:
    """'unknown key 'captoin' in a slide; did you mean 'caption'?', or the keys allowed."""
    hint = did_you_mean(key, allowed)
    if not hint:
        hint = f"; allowed keys: {', '.join(sorted(allowed))}"
    return f"unknown key '{key}' in {what}{hint}"


def _squeezed(node: Node) -> str:
    """A hint for 'title:T' read as one text: the space after a colon is missing."""
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        match = re.match(r"^([A-Za-z_][\w-]*):(\S)", node.value)
        if match is not None:
            return f"; put a space after the colon: '{match[1]}: {match[2]}…'"
    return ""


def _number_hint(node: ScalarNode) -> str:
    """What to change in a value that is nearly a number: '12 s', '1,5', "12" in quotes."""
    text = str(node.value).strip()
    number = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*[^\W\d_]+\.?", text)
    if number is not None:
        return f"; write only the number: {number[1].replace(',', '.')}"
    if re.fullmatch(r"\d+,\d+", text):
        return f"; write decimals with a point: {text.replace(',', '.')}"
    if node.style in ('"', "'") and re.fullmatch(r"\d+(\.\d+)?", text):
        return "; remove the quotes"
    return ""
