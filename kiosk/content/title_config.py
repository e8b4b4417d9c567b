"""The `title:` of the config: the exhibition's name, on the title card of a day no deck plays.

Written like a deck's title (one text, or one per language), and read by the same code, so a
language the config does not list gets the same did-you-mean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode

from kiosk.content.languages import LanguageReader
from kiosk.content.yaml.nodes import Entry, NodeReader
from kiosk.show.deck import LocalizedText

if TYPE_CHECKING:
    from kiosk.content.config import Config

NULL_TAG = "tag:yaml.org,2002:null"


def read_title(
    reader: NodeReader, config: Config, node: Node, siblings: frozenset[str]
) -> LocalizedText | None:
    """The title in `config`'s languages; None for `title: null` (no title, the default) and,
    reported, for one that cannot be read. `siblings` are the config's other keys."""
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return None
    texts = LanguageReader(reader, config, advise=False)
    read = texts.localized(Entry("title", node), "the exhibition title", siblings)
    return read[0] if read else None
