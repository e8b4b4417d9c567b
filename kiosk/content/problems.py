"""Problems found in curators' files, and how they are reported.

Every loader returns all the problems it finds at once, never raises on bad input, so that a
curator fixes a file in one pass and the kiosk keeps playing what is good. Each problem names
the file, the line and the column of the offending key or value, in the `FILE:LINE:COL:` form
that editors and terminals recognise.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from kiosk.show.deck import Mark


class Severity(Enum):
    """An error leaves something out of the show; a warning is played with but should be
    fixed; information is neither, such as how much of the curators' work is left to do."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    where: Mark
    severity: Severity
    message: str

    def __str__(self) -> str:
        return printable(f"{self.where}: {self.severity.value}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING


def printable(text: str) -> str:
    """`text` on one line, with no character a terminal would act on: a message quotes what a
    curator wrote, and that may hold a line break, an escape sequence or an invisible mark."""
    return "".join(
        f"\\x{ord(char):02x}"
        if ord(char) < 0x100 and unicodedata.category(char) in HIDDEN
        else f"\\u{ord(char):04x}"
        if unicodedata.category(char) in HIDDEN
        else char
        for char in text
    )


HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Unicode categories printed as escapes: controls, invisible formatting, line breaks."""


# The message is made printable as it is made, not only when shown: it goes as it is into
# the status file and the play log, where a line break would split a line in two.


def error(where: Mark, message: str) -> Problem:
    return Problem(where, Severity.ERROR, printable(message))


def warning(where: Mark, message: str) -> Problem:
    return Problem(where, Severity.WARNING, printable(message))


def info(where: Mark, message: str) -> Problem:
    return Problem(where, Severity.INFO, printable(message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by file and position, so a report reads top to bottom like the file."""
    return sorted(problems, key=lambda problem: problem.where)


def count(number: int, noun: str) -> str:
    """'1 error', '2 errors': for the summary lines that close a report."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
