"""YAML syntax errors in plain words.

PyYAML names what its parser expected ("expected <block end>, but found '<scalar>'"); a curator
needs what to change. Each rule below matches PyYAML's context and problem strings, looks at
the text where needed (the line above, the token before) to tell apart mistakes PyYAML reports
alike, and says where to look and what to do. Anything unmatched keeps PyYAML's own words.
The rules about indentation and brackets are in kiosk/content/yaml/syntax_blocks.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from kiosk.content.problems import Problem, error
from kiosk.content.yaml.syntax_blocks import (
    explain_block_end,
    explain_flow,
    explain_misaligned_key,
    explain_node_content,
)
from kiosk.content.yaml.syntax_site import (
    KEY_ON_LINE,
    KEY_WITHOUT_SPACE,
    QUOTE_NAMES,
    Explained,
    SyntaxSite,
    quote_it,
)
from kiosk.show.deck import Mark


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
class SyntaxRule:
    """Matches PyYAML's (context, problem) by their beginnings, which stay the same whatever
    the character or token PyYAML names after them."""

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
    return explain_misaligned_key(site)


def _second_document(site: SyntaxSite) -> Explained:
    if site.line(site.at.line).startswith("---"):
        return site.here(
            "a line '---' starts a second document here; a kiosk file holds only one: "
            "remove that line"
        )
    return site.here("a second document starts here; a kiosk file holds only one")


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
    SyntaxRule("while parsing a block", "expected <block end>", explain_block_end),
    SyntaxRule("while parsing a flow mapping", "", explain_flow),
    SyntaxRule("while parsing a flow sequence", "", explain_flow),
    SyntaxRule("while parsing a block node", "expected the node content", explain_node_content),
    SyntaxRule("while parsing a flow node", "expected the node content", explain_node_content),
)
"""PyYAML's (context, problem) beginnings, first match wins, and what to say instead."""
