"""Read curators' YAML as nodes, so every value keeps the line and column it came from.

PyYAML's `safe_load` throws positions away. Here the file is only *composed* into nodes (safe
tags only), and each schema walks the nodes it expects. Walking by schema, rather than turning
the whole tree into Python values, means aliases and deep nesting in a hostile file cost nothing:
we never look further than the schema goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.validation import Mark, Problem, error, warning

MAX_FILE_BYTES = 2 * 1024 * 1024
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Entry:
    """One key of a mapping, with the nodes of the key and of its value."""

    key: str
    key_node: Node
    value: Node


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a curator's file as UTF-8, reporting rather than raising on any failure."""
    where = Mark(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = f"{MAX_FILE_BYTES // 1024 // 1024} MB"
            problems.append(error(where, f"the file is {size} bytes, over the {limit} limit"))
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(error(where, "file not found; check the name and the folder"))
        return None
    except OSError as exc:
        problems.append(error(where, f"cannot read the file: {exc.strerror or exc}"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            error(Mark(str(path), line), "the file is not UTF-8 text; save it as UTF-8")
        )
        return None


def compose(text: str, file: str, problems: list[Problem]) -> Node | None:
    """Compose one YAML document into nodes, or report the syntax error in plain words.

    None, with no problem, for a file that says nothing (empty, comments only, or just '---')."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        return None if node is not None and node.tag == NULL_TAG else node
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_error(exc, text, file))
    except yaml.reader.ReaderError as exc:
        where = _mark_at(text, exc.position, file)
        problems.append(error(where, f"a control character (#x{exc.character:04x}); remove it"))
    except yaml.YAMLError as exc:
        problems.append(error(Mark(file), f"YAML syntax: {exc}"))
    except RecursionError:
        problems.append(error(Mark(file), "the file is nested too deeply to be a kiosk file"))
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A syntax error at the place a curator must look: the tab itself, or, when the file
    ends inside a quote or a bracket, the place where that quote or bracket opens."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is not None and "'\\t'" in (exc.problem or ""):
        where = Mark(file, problem.line + 1, problem.column + 1)
        return error(where, "a tab character; YAML indents with spaces only")
    unclosed = any(word in (exc.context or "") for word in ("quoted", "flow"))
    if problem is not None and context is not None and unclosed and problem.index >= len(text):
        where = Mark(file, context.line + 1, context.column + 1)
        return error(
            where,
            f"YAML syntax: the file ends {exc.context}; a closing quote or bracket is missing",
        )
    mark = problem or context
    where = Mark(file, mark.line + 1, mark.column + 1) if mark else Mark(file)
    return error(where, f"YAML syntax: {exc.problem or exc.context}")


def _mark_at(text: str, index: int, file: str) -> Mark:
    before = text[:index]
    return Mark(file, before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1)


@dataclass
class NodeReader:
    """Typed accessors over nodes that record problems instead of raising."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def mark(self, node: Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: Node, message: str) -> None:
        self.problems.append(error(self.mark(node), message))

    def warning(self, node: Node, message: str) -> None:
        self.problems.append(warning(self.mark(node), message))

    def entries(self, node: Node, what: str, allowed: frozenset[str]) -> dict[str, Entry] | None:
        """The keys of a mapping node; unknown and repeated keys are reported and skipped."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a set of 'key: value' lines")
            return None
        if not self._plain(node, what, MAP_TAG):
            return None
        found: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.error(key_node, f"{what} has a key that is not a plain name")
            elif key not in allowed:
                choices = ", ".join(sorted(allowed))
                self.error(key_node, f"unknown key '{key}' in {what}; allowed keys: {choices}")
            elif key in found:
                self.error(key_node, f"'{key}' appears twice in {what}; keep only one")
            else:
                found[key] = Entry(key, key_node, value_node)
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
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, each item starting with '- '")
            return None
        if not self._plain(node, what, SEQ_TAG):
            return None
        return list(node.value)

    def _plain(self, node: Node, what: str, tag: str) -> bool:
        """A '!' tag (such as !!python/object) asks for a type a kiosk file never needs."""
        if node.tag == tag:
            return True
        self.error(node, f"{what} has the tag '{node.tag}'; remove it, kiosk files use no tags")
        return False

    def _read(self, node: Node, what: str) -> tuple[bool, object]:
        """Like `scalar`, and whether it was readable, so a problem is reported only once."""
        before = len(self.problems)
        value = self.scalar(node, what)
        return len(self.problems) == before, value

    def scalar(self, node: Node, what: str) -> object:
        """The Python value of a scalar node, using safe tags only."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be a single value, not a list or a mapping")
            return None
        try:
            return yaml.SafeLoader("").construct_object(node)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self.error(node, f"{what}: {problem}")
            return None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            # PyYAML's own constructors fail this way on a typed value they cannot read,
            # such as `!!int twelve` or `!!bool maybe`.
            kind = node.tag.rsplit(":", 1)[-1]
            self.error(node, f"{what}: '{node.value}' cannot be read as {kind}")
            return None

    def text(self, node: Node, what: str) -> str | None:
        """A non-empty string; numbers are accepted as text (a caption may be just '1944')."""
        readable, value = self._read(node, what)
        if not readable:
            return None
        if value is None:
            if isinstance(node, ScalarNode):
                self.error(node, f"{what} is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(node, f"{what} must be text; put it in double quotes")
            return None
        text = str(value) if not isinstance(value, str) else value
        if not text.strip():
            self.error(node, f"{what} is empty")
            return None
        return text

    def number(self, node: Node, what: str, minimum: float, maximum: float) -> float | None:
        readable, value = self._read(node, what)
        if not readable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(node, ScalarNode):
                self.error(node, f"{what} must be a number, got '{node.value}'")
            return None
        if not minimum <= value <= maximum:
            self.error(node, f"{what} must be between {minimum:g} and {maximum:g}, got {value:g}")
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
                self.error(node, f"{what} must be {listed}, got '{node.value}'")
            return None
        return str(value)
