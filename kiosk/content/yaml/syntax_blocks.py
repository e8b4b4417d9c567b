"""Plain words for YAML syntax errors about structure: indentation, and { } or [ ] brackets.

These are the mistakes PyYAML reports least helpfully ("expected <block end>, but found
'<scalar>'"), because what went wrong is often a line or a bracket before the place it
stopped. Each rule looks back through the text or the tokens to find it.
"""

from __future__ import annotations

from typing import Any

import yaml

from kiosk.content.yaml.syntax_site import KEY_ON_LINE, QUOTE_NAMES, Explained, SyntaxSite, quote_it


def explain_block_end(site: SyntaxSite) -> Explained | None:
    """'expected <block end>, but found X': X does not fit the indentation around it."""
    found = site.found()
    if found in ("<block sequence start>", "-"):
        return _misaligned_item(site)
    if found in ("<block mapping start>", "?"):
        return explain_misaligned_key(site)
    tokens = site.tokens_before(site.at.index)
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        return _after_quoted_text(site, last)
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


def _after_quoted_text(site: SyntaxSite, last: yaml.ScalarToken) -> Explained:
    """The block ends badly right after a quoted text: the quote is what went wrong, whether
    it runs over its line, is an apostrophe, or has more text after it."""
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
    """A '- ' that starts in another column than the item above it."""
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


def explain_misaligned_key(site: SyntaxSite) -> Explained:
    """A key that starts in another column than the key above it, so YAML cannot tell which
    block it belongs to."""
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


def explain_flow(site: SyntaxSite) -> Explained:
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


def explain_node_content(site: SyntaxSite) -> Explained | None:
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
