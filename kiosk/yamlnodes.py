"""Read curators' YAML as nodes, so every value keeps the line and column it came from.

PyYAML's `safe_load` throws positions away. Here the file is only *composed* into nodes (safe
tags only), and each schema walks the nodes it expects. Walking by schema, rather than turning
the whole tree into Python values, means aliases and deep nesting in a hostile file cost nothing:
we never look further than the schema goes.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.hints import did_you_mean
from kiosk.validation import Mark, Problem, error, warning

MAX_FILE_BYTES = 2 * 1024 * 1024
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
NULL_TAG = "tag:yaml.org,2002:null"
STANDARD_TAG = "tag:yaml.org,2002:"


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
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            problems.append(error(where, "this is a folder, not a file; name a file in it"))
            return None
        if not stat.S_ISREG(status.st_mode):
            problems.append(error(where, "this is not an ordinary file; name a text file"))
            return None
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more, even if the file grows
        if len(raw) > MAX_FILE_BYTES:
            size = max(status.st_size, len(raw))
            limit = f"{MAX_FILE_BYTES // 1024 // 1024} MB"
            problems.append(
                error(
                    where,
                    f"the file is {size} bytes, over the {limit} limit; a kiosk file is a "
                    "short text: check that this is the right file",
                )
            )
            return None
    except FileNotFoundError:
        problems.append(error(where, "file not found; check the name and the folder"))
        return None
    except OSError as exc:
        problems.append(error(where, f"cannot read the file: {exc.strerror or exc}"))
        return None
    except ValueError:
        problems.append(error(where, "the file name holds a character no file name can have"))
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
        problems.append(syntax_error(exc, text, file))
    except yaml.reader.ReaderError as exc:
        where = _mark_at(text, exc.position, file)
        problems.append(
            error(
                where,
                f"an invisible control character (#x{exc.character:04x}); delete it, "
                "or retype this part of the text",
            )
        )
    except yaml.YAMLError as exc:
        problems.append(error(Mark(file), f"YAML syntax: {exc}"))
    except RecursionError:
        problems.append(
            error(
                Mark(file),
                "the file is nested too deeply (brackets or indentation inside one another "
                "hundreds of times); a kiosk file never is: check that this is the right file",
            )
        )
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, MemoryError):
        # Not seen from PyYAML so far; a curator's file must never end in a traceback.
        problems.append(error(Mark(file), "the file cannot be read as YAML"))
    return None


def _mark_at(text: str, index: int, file: str) -> Mark:
    """The place of a character, counting lines as YAML does (CR, LF, CRLF, NEL, LS, PS)."""
    lines = LINE_BREAK.split(text[:index])
    return Mark(file, len(lines), len(lines[-1]) + 1)


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


# YAML syntax errors in plain words
#
# PyYAML names what its parser expected ("expected <block end>, but found '<scalar>'"); a curator
# needs what to change. Each rule below matches PyYAML's context and problem strings, looks at
# the text where needed (the line above, the token before) to tell apart mistakes PyYAML reports
# alike, and says where to look and what to do. Anything unmatched keeps PyYAML's own words.

QUOTE_NAMES = {'"': 'a double quote (")', "'": "a single quote (')"}
KEY_ON_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:][^:]*?):(\s|$)")
"""'  - image: a.png' -> indentation with dashes, then the key, then ': '."""
KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):(?=[^\s:/])")
"""'title:T', '- image:a.png': a key whose colon has no space after it."""

Explained = tuple[int, int, str]
"""Line and column (from 0, as PyYAML counts) and the plain sentence."""


def quote_it(start: str) -> str:
    return f"a text starting with '{start}' must be put in double quotes"


def syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A syntax error in plain words, at the place a curator must look."""
    lines = text.splitlines()
    try:
        explained = _explain(exc, text, lines)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, yaml.YAMLError):
        explained = None  # an explanation must never hide the error itself
    if explained is not None:
        line, column, message = explained
        return error(Mark(file, line + 1, column + 1), message)
    mark = exc.problem_mark or exc.context_mark
    where = Mark(file, mark.line + 1, mark.column + 1) if mark else Mark(file)
    return error(where, f"YAML syntax: {exc.problem or exc.context}")


def _explain(exc: yaml.MarkedYAMLError, text: str, lines: list[str]) -> Explained | None:
    context, problem = exc.context or "", exc.problem or ""
    at, opened = exc.problem_mark, exc.context_mark
    for rule in SYNTAX_RULES:
        if context.startswith(rule.context) and problem.startswith(rule.problem):
            return rule.explain(SyntaxSite(text, lines, at, opened, context, problem))
    return None


@dataclass(frozen=True)
class SyntaxSite:
    """Where PyYAML stopped (`at`), where the construct it was reading began (`opened`)."""

    text: str
    lines: list[str]
    at: Any
    opened: Any
    context: str
    problem: str

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def here(self, message: str) -> Explained:
        return (self.at.line, self.at.column, message)

    def there(self, message: str) -> Explained:
        return (self.opened.line, self.opened.column, message)

    def char(self, mark: Any) -> str:
        return self.text[mark.index] if mark is not None and mark.index < len(self.text) else ""

    def found(self) -> str:
        """The token PyYAML found: "but found '<scalar>'" -> '<scalar>'."""
        match = re.search(r"but (?:found|got) '(.*)'$", self.problem) or re.search(
            r"but found (.*)$", self.problem
        )
        return match[1] if match else ""

    def line_above(self, number: int) -> int | None:
        """The nearest line above `number` holding something other than a comment."""
        for above in range(number - 1, -1, -1):
            stripped = self.line(above).strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None

    def tokens_before(self, index: int) -> list[yaml.Token]:
        """The tokens that end before `index`, scanned again (the scan stops at any error)."""
        tokens = []
        try:
            for token in yaml.scan(self.text, Loader=yaml.SafeLoader):
                if token.end_mark.index > index:
                    break
                tokens.append(token)
        except yaml.YAMLError:
            pass
        return tokens


@dataclass(frozen=True)
class SyntaxRule:
    context: str
    problem: str
    explain: Callable[[SyntaxSite], Explained | None]


def _tab(site: SyntaxSite) -> Explained:
    return site.here("a tab character; YAML indents with spaces only, so replace it with spaces")


def _cannot_start(site: SyntaxSite) -> Explained:
    match = re.search(r"found character '(.*)' that", site.problem)
    return site.here(quote_it(match[1] if match else site.char(site.at)))


def _colon(site: SyntaxSite) -> Explained:
    """'mapping values are not allowed here': a ': ' PyYAML cannot take as a key's colon."""
    line = site.line(site.at.line)
    key = KEY_ON_LINE.match(line)
    if key is not None and key.end(2) < site.at.column:
        return site.here(
            "a colon followed by a space inside an unquoted text; "
            "put the whole text in double quotes"
        )
    # The colon ends this line's key, yet PyYAML read the line as the end of the value above.
    above = site.line_above(site.at.line)
    if above is not None:
        squeezed = KEY_WITHOUT_SPACE.match(site.line(above))
        if squeezed is not None:
            return _missing_space(site, above, squeezed.end(2))
        indent = len(line) - len(line.lstrip())
        upper = KEY_ON_LINE.match(site.line(above))
        if key is not None and upper is not None and indent > len(upper[1]):
            return (
                site.at.line,
                indent,
                f"'{key[2].strip()}' is indented more than '{upper[2].strip()}' on line "
                f"{above + 1}; keys of one block must start in the same column",
            )
    return site.here(
        "a colon followed by a space inside an unquoted text; put the whole text in double quotes"
    )


def _missing_space(site: SyntaxSite, line_number: int, colon: int) -> Explained:
    line = site.line(line_number)
    fixed = f"{line[: colon + 1]} {line[colon + 1 :]}".strip()
    if len(fixed) > 40:
        fixed = fixed[:39] + "…"
    return (line_number, colon, f"a space is missing after the colon; write '{fixed}'")


def _no_colon(site: SyntaxSite) -> Explained:
    """'could not find expected ':'': a line PyYAML took for a key that has no colon."""
    line = site.line(site.opened.line)
    squeezed = KEY_WITHOUT_SPACE.match(line)
    if squeezed is not None and len(squeezed[1]) == site.opened.column:
        return _missing_space(site, site.opened.line, squeezed.end(2))
    return site.there(
        "this line has text but no 'key:' before it; if it goes on from the line above, "
        "put that whole text in double quotes on one line"
    )


def _unclosed_quote(site: SyntaxSite) -> Explained:
    quote = QUOTE_NAMES.get(site.char(site.opened), "a quote")
    mark = site.char(site.opened) or '"'
    return site.there(
        f"{quote} opens a text here and is never closed; add the closing {mark} "
        "at the end of the text"
    )


def _backslash(site: SyntaxSite) -> Explained:
    column = site.at.column - 1 if "unknown escape" in site.problem else site.at.column
    return (
        site.at.line,
        max(column, 0),
        "a backslash (\\) inside double quotes must be written twice (\\\\); "
        "in a path, use / instead",
    )


def _starts_with(start: str) -> Callable[[SyntaxSite], Explained]:
    return lambda site: site.there(quote_it(start))


def _starts_with_here(start: str) -> Callable[[SyntaxSite], Explained]:
    return lambda site: site.here(quote_it(start))


def _undefined_alias(site: SyntaxSite) -> Explained:
    return site.here(quote_it("*"))


def _tag_or_block(site: SyntaxSite) -> Explained:
    return site.there(quote_it(site.char(site.opened) or "!"))


def _dash(site: SyntaxSite) -> Explained:
    return site.here(
        "a dash and a space ('- ') start a list item, on a line of its own; "
        "put a text that starts with a dash in double quotes"
    )


def _document_start(site: SyntaxSite) -> Explained:
    """'expected <document start>': something after the end of the document."""
    for number in range(site.at.line - 1, -1, -1):
        if re.match(r"^\.\.\.(\s|$)", site.line(number)):
            return (
                number,
                0,
                "a line '...' ends the document here; a kiosk file holds only one: "
                "remove that line",
            )
    first = site.line_above(site.at.line)
    if first is not None and site.line(first).lstrip().startswith("%"):
        return (first, 0, "a line starting with '%' must be put in double quotes")
    return _misaligned_key(site)


def _second_document(site: SyntaxSite) -> Explained:
    if site.line(site.at.line).startswith("---"):
        return site.here(
            "a line '---' starts a second document here; a kiosk file holds only one: "
            "remove that line"
        )
    return site.here("a second document starts here; a kiosk file holds only one")


def _block_end(site: SyntaxSite) -> Explained | None:
    """'expected <block end>, but found X': X does not fit the indentation around it."""
    found = site.found()
    if found in ("<block sequence start>", "-"):
        return _misaligned_item(site)
    if found in ("<block mapping start>", "?"):
        return _misaligned_key(site)
    tokens = site.tokens_before(site.at.index)
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        start = last.start_mark
        if start.line != last.end_mark.line:
            quote = QUOTE_NAMES.get(last.style, "a quote")
            return (
                start.line,
                start.column,
                f"{quote} opens a text here and is not closed on its line; "
                f"add the closing {last.style} at the end of the text",
            )
        if last.style == "'":
            return (
                start.line,
                start.column,
                "an apostrophe ends a text that starts with a single quote ('); "
                "put the whole text in double quotes instead",
            )
        return site.here(
            "more text after the closing quote; put the whole text between one pair of "
            'double quotes, and write \\" for a quote inside it'
        )
    if isinstance(last, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken):
        opening = _flow_start(tokens)
        if opening is not None:
            return (opening.line, opening.column, quote_it(site.char(opening)))
    if found == ":":
        return site.here(
            "a colon with no key before it; write the key before the colon, "
            "or put a text that holds ': ' in double quotes"
        )
    if found in ("}", "]"):
        return site.here(
            f"a '{found}' that closes nothing; remove it, or put the whole text in double quotes"
        )
    return site.here("more text where the value should end; put the whole value in double quotes")


def _flow_start(tokens: list[yaml.Token]) -> Any:
    """The mark of the '{' or '[' that the last token closes."""
    depth = 0
    for token in reversed(tokens):
        if isinstance(token, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken):
            depth += 1
        elif isinstance(token, yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken):
            depth -= 1
            if depth == 0:
                return token.start_mark
    return None


def _misaligned_item(site: SyntaxSite) -> Explained:
    for number in range(site.at.line - 1, -1, -1):
        line = site.line(number)
        stripped = line.lstrip()
        if stripped.startswith("-") and stripped[1:2] in ("", " "):
            column = len(line) - len(stripped)
            if column != site.at.column:
                return site.here(
                    f"this list item is not lined up with the one on line {number + 1}; "
                    "start every '- ' of a list in the same column"
                )
            break
    return site.here(
        "this list item is not lined up with the items above it; "
        "start every '- ' of a list in the same column"
    )


def _misaligned_key(site: SyntaxSite) -> Explained:
    line = site.line(site.at.line)
    key = KEY_ON_LINE.match(line)
    name = f"'{key[2].strip()}'" if key else "this line"
    above = site.line_above(site.at.line)
    upper = KEY_ON_LINE.match(site.line(above)) if above is not None else None
    if above is not None and upper is not None:
        return site.here(
            f"{name} is not lined up with '{upper[2].strip()}' on line {above + 1}; "
            "keys of one block must start in the same column"
        )
    return site.here(
        f"{name} is not lined up with the lines above it; "
        "keys of one block must start in the same column"
    )


def _flow(site: SyntaxSite) -> Explained:
    """A '{' or '[' whose items PyYAML cannot read: unclosed, or a ',' or ':' out of place."""
    opening = site.char(site.opened) or "{"
    closing = "}" if opening == "{" else "]"
    if site.at.line > site.opened.line or site.at.index >= len(site.text):
        return site.there(
            f"the '{opening}' opened here is never closed; add the closing '{closing}' "
            "at the end of its text"
        )
    return site.here(
        f"a ',' or the closing '{closing}' is expected here; if a text between "
        f"{opening} {closing} holds a colon or a comma, put it in double quotes"
    )


def _node_content(site: SyntaxSite) -> Explained | None:
    """'expected the node content': a value PyYAML cannot start, or none before the end."""
    found = site.found()
    if len(found) == 1:
        return site.here(quote_it(found))
    tokens = site.tokens_before(site.at.index)
    opening = _unclosed_flow(tokens)
    if opening is not None:
        char = site.char(opening) or "{"
        closing = "}" if char == "{" else "]"
        return (
            opening.line,
            opening.column,
            f"the '{char}' opened here is never closed; add the closing '{closing}' "
            "at the end of its text",
        )
    marker = site.line(site.at.line)[:3]
    if found in ("<document end>", "<document start>") and marker in ("...", "---"):
        return site.here(
            f"a line '{marker}' ends the document here; a kiosk file holds only one: "
            "remove that line"
        )
    return None


def _unclosed_flow(tokens: list[yaml.Token]) -> Any:
    """The mark of the last '{' or '[' still open at the end of `tokens`."""
    opened = []
    for token in tokens:
        if isinstance(token, yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken):
            opened.append(token.start_mark)
        elif isinstance(token, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken) and opened:
            opened.pop()
    return opened[-1] if opened else None


def _directive(site: SyntaxSite) -> Explained:
    return (site.at.line, 0, "a line starting with '%' must be put in double quotes")


SYNTAX_RULES = (
    SyntaxRule("", "found character '\\t'", _tab),
    SyntaxRule("while scanning for the next token", "found character", _cannot_start),
    SyntaxRule("", "mapping values are not allowed here", _colon),
    SyntaxRule("while scanning a simple key", "could not find expected ':'", _no_colon),
    SyntaxRule("while scanning a quoted scalar", "found unexpected end of stream", _unclosed_quote),
    SyntaxRule("while scanning a quoted scalar", "found unexpected document", _unclosed_quote),
    SyntaxRule("while scanning a double-quoted scalar", "", _backslash),
    SyntaxRule("while scanning an alias", "", _starts_with("*")),
    SyntaxRule("while scanning an anchor", "", _starts_with("&")),
    SyntaxRule("", "found undefined alias", _undefined_alias),
    SyntaxRule("found duplicate anchor", "", _starts_with_here("&")),
    SyntaxRule("while scanning a tag", "", _starts_with("!")),
    SyntaxRule("while parsing a tag", "", _starts_with("!")),
    SyntaxRule("while parsing a node", "found undefined tag handle", _starts_with("!")),
    SyntaxRule("while scanning a block scalar", "", _tag_or_block),
    SyntaxRule("while scanning a directive", "", _starts_with("%")),
    SyntaxRule("", "found duplicate YAML directive", _directive),
    SyntaxRule("", "found incompatible YAML document", _directive),
    SyntaxRule("", "found duplicate tag handle", _directive),
    SyntaxRule("", "sequence entries are not allowed here", _dash),
    SyntaxRule("", "mapping keys are not allowed here", _starts_with_here("? ")),
    SyntaxRule("", "expected '<document start>'", _document_start),
    SyntaxRule("expected a single document", "", _second_document),
    SyntaxRule("while parsing a block", "expected <block end>", _block_end),
    SyntaxRule("while parsing a flow mapping", "", _flow),
    SyntaxRule("while parsing a flow sequence", "", _flow),
    SyntaxRule("while parsing a block node", "expected the node content", _node_content),
    SyntaxRule("while parsing a flow node", "expected the node content", _node_content),
)
"""PyYAML's (context, problem) beginnings, first match wins, and what to say instead."""


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
