"""Each language named in itself, for the language buttons: "Français", "English", "Deutsch".

Museum guidelines (the Natural History Museum's gallery multimedia guidelines among them) ask
for a language's own name, never a flag and never a code: a visitor looks for the word they
read, and a flag stands for a country, not a language. The names come from the Unicode CLDR
through Babel.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def language_name(code: str) -> str:
    """The language's name in that language, capitalised as a button label; the code in
    capitals for a code the CLDR does not know."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    if not name:
        return code.upper()
    return name[:1].upper() + name[1:]  # not str.capitalize(), which lowers the rest
