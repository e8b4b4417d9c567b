"""Slide ids: what the play log, staff and `events_from` call a slide, a timeline or a map.

Every id in a deck is unique, except that the steps of one timeline or map all share their
panel's id (each with its own step number).
"""

from __future__ import annotations

import re

from yaml.nodes import Node

from kiosk.content.hints import slug
from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.deck import Mark

SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_slide_id(reader: NodeReader, node: Node, what: str = "slide id") -> str | None:
    """An id as written, when it is one: lowercase letters, digits and hyphens."""
    text = reader.text(node, f"the {what}", "; write a short name, or remove it")
    if text is not None and not SLIDE_ID.match(text):
        suggestion = slug(text)
        such_as = f", such as '{suggestion}'" if suggestion else ""
        reader.error(
            node, f"{what} '{text}' may use only lowercase letters, digits and hyphens{such_as}"
        )
        return None
    return text


def repeated_id(slide_id: str, first: Mark, named: bool) -> str:
    """The message for an id already taken by the slide at `first`; `named`: the id was
    written, rather than taken from the photo's name."""
    if named:
        return (
            f"slide id '{slide_id}' is already used by the slide at line {first.line}; "
            "give each slide its own id"
        )
    return (
        f"this slide has no id, and the one taken from its photo's name, '{slide_id}', "
        f"is already used by the slide at line {first.line}; add one, such as "
        f"id: {slide_id}-2"
    )
