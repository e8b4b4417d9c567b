"""Values taken as the text a curator wrote, and places inside that text.

YAML 1.1 reads an unquoted 10:00 as the number 600 and an unquoted 2026-12-25 as a timestamp
(one it cannot even build for 2026-02-30). Days and hours are read here from the text as
written, so a curator never needs to know that; and a line that lists several periods or dates
has each one placed at its own column.
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from kiosk.content.calendar_text import Misread
from kiosk.content.problems import error
from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.deck import Mark

TEXT_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "timestamp"))
"""Scalars taken as written: '10:00' (an int to YAML 1.1), 2026-12-25 (a timestamp)."""
NULL_TAG = "tag:yaml.org,2002:null"


def written_text(reader: NodeReader, node: Node, what: str) -> str | None:
    """The text as written, whatever YAML made of it; None, reported, for anything else (a
    list, a tag, true, nothing)."""
    if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS:
        if node.value.strip():
            return node.value
        reader.error(node, f"{what} is empty")
        return None
    return reader.text(node, what)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def mark_in(reader: NodeReader, node: Node, offset: int) -> Mark:
    """Where the character `offset` into a scalar's value is, when the value is written on one
    line as it reads (plain or quoted, without escapes); else where the scalar starts."""
    mark = reader.mark(node)
    start, end = node.start_mark, node.end_mark
    buffer = getattr(start, "buffer", None)
    quote = {None: "", "'": "'", '"': '"'}.get(getattr(node, "style", None))
    if not offset or buffer is None or quote is None or start.line != end.line:
        return mark
    if buffer[start.pointer : end.pointer] != f"{quote}{node.value}{quote}":
        return mark
    return Mark(mark.file, mark.line, mark.column + len(quote) + offset)


def report_misread(
    reader: NodeReader, node: Node, offset: int, problem: Misread, prefix: str = ""
) -> None:
    """An error for text that cannot be read, at the piece of the value it is about."""
    where = mark_in(reader, node, offset + problem.offset)
    reader.problems.append(error(where, f"{prefix}{problem.message}"))
