"""What the plain-words rules for YAML syntax errors look at: the place PyYAML stopped at.

PyYAML's marks say only where it stopped and where the construct it was reading began; many
mistakes look alike from there. A rule needs the text around them too (the line above, the
token before), so `SyntaxSite` carries the text and answers those questions, and a rule stays
a few lines of deciding what to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

QUOTE_NAMES = {'"': 'a double quote (")', "'": "a single quote (')"}
KEY_ON_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:][^:]*?):(\s|$)")
"""'  - image: a.png' -> indentation with dashes, then the key, then ': '."""
KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):(?=[^\s:/])")
"""'title:T', '- image:a.png': a key whose colon has no space after it."""

Explained = tuple[int, int, str]
"""Line and column (from 0, as PyYAML counts) and the plain sentence."""


def quote_it(start: str) -> str:
    """The advice for a text whose first character YAML reads as syntax ('*', '&', '!', '%')."""
    return f"a text starting with '{start}' must be put in double quotes"


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
