"""Writing any string as YAML that reads back exactly as that string.

`kiosk import-captions` copies a curator's captions into a deck word for word, typos,
quotes, backslashes and control characters included; `quote` makes that safe whatever the
text, and `scalar` keeps simple names (ids, image paths) unquoted so the deck reads cleanly.
"""

from __future__ import annotations

import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

STR_TAG = "tag:yaml.org,2002:str"

# YAML escapes with a name; everything in this table must be escaped.
# "\r", "\n", U+0085, U+2028 and U+2029 are line breaks to YAML 1.1: written raw they would be
# folded into spaces, so they are always escaped.
_NAMED_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}

# The characters YAML 1.1 allows raw in a stream (its c-printable set, less the line breaks
# handled above), less U+FEFF, which is escaped so that no editor mistakes it for a byte order
# mark. Anything else (C0 and C1 controls, DEL, surrogates, U+FFFE, U+FFFF) is escaped as
# \xNN, \uNNNN or \UNNNNNNNN, which YAML can carry for every code point.
_RAW = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

# Plain (unquoted) scalars are used for ids and image names when they are this simple and YAML
# reads them as strings; anything else (yes, null, 1944, 0755, 1944-08-16…) is quoted.
_SIMPLE_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line, read back exactly as `text`."""
    out = []
    for char in text:
        if char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif _RAW.match(char):
            out.append(char)
        else:
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02X}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04X}")
            else:
                out.append(f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def scalar(text: str) -> str:
    """`text` unquoted when it is a simple name YAML reads as a string, else quoted."""
    if _SIMPLE_PLAIN.fullmatch(text) and _resolves_to_str(text):
        return text
    return quote(text)


def _resolves_to_str(text: str) -> bool:
    return Resolver().resolve(ScalarNode, text, (True, False)) == STR_TAG


def comment_safe(text: str) -> str:
    """`text` fit for a one-line YAML comment: anything unprintable becomes '?'."""
    return "".join(char if char.isprintable() else "?" for char in text)
