"""Each language named in itself, for the language buttons: "Français", "English", "Deutsch".

Museum guidelines (the Natural History Museum's gallery multimedia guidelines among them) ask
for a language's own name, never a flag and never a code: a visitor looks for the word they
read, and a flag stands for a country, not a language. The names come from the Unicode CLDR
through Babel. The languages of most exhibitions are written out below as Babel gives them
(tests/show/test_language_names.py checks that they stay so): reading a language's CLDR data
takes Babel 10-20 ms per language, which every start would pay before its first photo.
"""

from __future__ import annotations

from functools import cache

KNOWN_NAMES = {
    "ar": "العربية",
    "bg": "Български",
    "br": "Brezhoneg",
    "ca": "Català",
    "co": "Corsu",
    "cs": "Čeština",
    "cy": "Cymraeg",
    "da": "Dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "es": "Español",
    "et": "Eesti",
    "eu": "Euskara",
    "fi": "Suomi",
    "fr": "Français",
    "ga": "Gaeilge",
    "gl": "Galego",
    "he": "עברית",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "is": "Íslenska",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "mt": "Malti",
    "nb": "Norsk bokmål",
    "nl": "Nederlands",
    "no": "Norsk",
    "oc": "Occitan",
    "pl": "Polski",
    "pt": "Português",
    "ro": "Română",
    "ru": "Русский",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "sq": "Shqip",
    "sr": "Српски",
    "sv": "Svenska",
    "tr": "Türkçe",
    "uk": "Українська",
    "zh": "中文",
}
"""Babel's names (Babel 2.19) of the most asked-for languages."""


@cache
def language_name(code: str) -> str:
    """The language's name in that language, capitalised as a button label; the code in
    capitals for a code the CLDR does not know."""
    return KNOWN_NAMES.get(code) or cldr_name(code)


def cldr_name(code: str) -> str:
    """`language_name` from Babel itself."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    if not name:
        return code.upper()
    return name[:1].upper() + name[1:]  # not str.capitalize(), which lowers the rest
