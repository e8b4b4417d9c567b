"""Reading a curator's file: its bytes as UTF-8 text, then that text as one YAML document.

Every failure, from a missing file to a control character or nesting hundreds deep, becomes
a problem in plain words with its place; nothing here raises. The nodes composed keep their
line and column, for kiosk.content.yaml.nodes to walk by schema.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import yaml
from yaml.nodes import Node

from kiosk.content.file_names import as_on_disk
from kiosk.content.problems import Problem, error
from kiosk.content.yaml.syntax import syntax_error
from kiosk.show.deck import Mark

MAX_FILE_BYTES = 2 * 1024 * 1024
NULL_TAG = "tag:yaml.org,2002:null"
UNREADABLE = (
    "the file cannot be read (permission denied); let the kiosk's user read it, "
    "for instance with chmod a+r"
)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a curator's file as UTF-8, reporting rather than raising on any failure."""
    raw = _read_bytes(path, problems)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            error(Mark(str(path), line), "the file is not UTF-8 text; save it as UTF-8")
        )
        return None


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of an ordinary file of at most MAX_FILE_BYTES, or None and a problem. The
    file is found whichever way the disk spells the accents of its name; messages quote the
    name as the curator wrote it."""
    where = Mark(str(path))
    path = as_on_disk(path)
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
    except FileNotFoundError:
        problems.append(error(where, "file not found; check the name and the folder"))
        return None
    except PermissionError:
        problems.append(error(where, UNREADABLE))
        return None
    except OSError as exc:
        problems.append(error(where, f"cannot read the file: {exc.strerror or exc}"))
        return None
    except ValueError:
        problems.append(error(where, "the file name holds a character no file name can have"))
        return None
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
    return raw


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
