"""Advice that only `kiosk validate` gives: warnings a deck plays with, but should not.

A photo much smaller than the screen, a narration so long that visitors wait for it, a
character no screen or voice can render: none stops a slide, so the kiosk does not repeat them
at every load, but a curator checking a deck wants to hear of them once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from yaml.nodes import Node

from kiosk.content.yaml.nodes import NodeReader
from kiosk.show.deck import LocalizedText

PhotoSizer = Callable[[Path], tuple[int, int] | str]
"""Reads a photo's upright size, or says why it cannot be shown, in words that complete "the
photo ..." (the screen edge has one: `kiosk.screen.photo_files.read_photo_size`), so this
package needs no imaging library."""

LONG_NARRATION = 400
"""A narration text longer than this, and than NARRATION_RATIO times its caption, is flagged."""
NARRATION_RATIO = 3


def warn_about_photo(
    reader: NodeReader, node: Node, size: tuple[int, int] | str, screen: tuple[int, int]
) -> None:
    """Warn about a photo the kiosk cannot show (`size` then says why), or one much smaller
    than the screen. Both come from a `PhotoSizer`."""
    if isinstance(size, str):
        reader.warning(node, f"the photo {size} (until then the slide shows without it)")
        return
    if much_smaller(size, screen):
        reader.warning(
            node, f"{smaller_than_screen(size, screen)} — use {wanted_scan(size, screen)}"
        )


def much_smaller(size: tuple[int, int], screen: tuple[int, int]) -> bool:
    """A photo under half the screen both ways: the kiosk would have to blow it up, soft."""
    return size[0] < screen[0] / 2 and size[1] < screen[1] / 2


def smaller_than_screen(size: tuple[int, int], screen: tuple[int, int]) -> str:
    """'the photo is 64x48, much smaller than the 1920x1080 screen; it will look soft'"""
    return (
        f"the photo is {size[0]}x{size[1]}, much smaller than the {screen[0]}x{screen[1]} "
        "screen; it will look soft"
    )


def wanted_scan(size: tuple[int, int], screen: tuple[int, int]) -> str:
    """The scan to ask for: as tall as the screen for an upright photo, else as wide."""
    if size[1] > size[0]:
        return f"a scan at least {screen[1]} pixels tall"
    return f"a scan at least {screen[0]} pixels wide"


def warn_about_invisible_characters(reader: NodeReader, node: Node, what: str, text: str) -> None:
    """Warn about a character no screen or voice can render, such as "\\0" or "\\ud800"
    written in double quotes: invisible at best."""
    for char in text:
        kind = unicodedata.category(char)
        if (kind == "Cc" and char not in "\n\t") or kind == "Cs":
            reader.warning(
                node,
                f"{what} holds an invisible character (#x{ord(char):04x}) that cannot be "
                "shown; delete it",
            )
            return


def warn_about_long_narration(
    reader: NodeReader,
    node: Node,
    lang: str,
    text: str,
    caption: LocalizedText,
    default_language: str,
) -> None:
    """Warn about a narration much longer than its caption: the slide waits for the voice."""
    shown, _ = caption.in_language(lang, default_language)
    if len(text) > LONG_NARRATION and len(text) > NARRATION_RATIO * len(shown):
        reader.warning(
            node,
            f"the '{lang}' narration text is {len(text)} characters long, over "
            f"{NARRATION_RATIO} times the caption ({len(shown)} characters); the slide stays "
            "on screen until it has been spoken, so visitors wait: shorten it",
        )
