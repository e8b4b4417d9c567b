"""French non-breaking spaces, added to a text as it is set on screen, never in its file.

Curators type ordinary spaces; French typography wants some of them unbreakable, so that no
line starts with "; » : ! ?", and "30 000", "2 septembre" or "14 km" never come apart. The
spaces are chosen by the French national printing office's rules (Lexique des règles
typographiques en usage à l'Imprimerie nationale), as CLDR and most French publishers
apply them:

- U+202F NARROW NO-BREAK SPACE (espace fine insécable) before ; ! ? and », after «, and
  between groups of thousands (CLDR's French grouping separator);
- U+00A0 NO-BREAK SPACE (espace mot insécable) before :, between a day and its month, and
  between a number and its unit (see UNITS).

Only a space the curator typed is changed: none is added where none was written, so a URL's
"https:", a time "10:30", a Quebec text without a space before ; and a word "«ainsi»"
come out as written. Other languages keep their text as written. Setting a text twice gives
the same text. Narration never uses this: the spoken text, which names its cached sound
file, stays the curator's.
"""

from __future__ import annotations

import re

from kiosk.show.deck import LocalizedText

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_SPACES = "[ \t\u00a0\u2009\u202f]+"
"""A run of the spaces a curator may type between words (not a line break)."""

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

UNITS = (
    # Abbreviated, as the SI and French usage write them.
    *("km", "m", "cm", "mm", "km²", "m²", "m³", "ha", "kg", "g", "t", "l", "L", "cl", "ml"),
    *("h", "min", "s", "km/h", "°C", "°", "%", "‰", "€", "$", "£", "F", "CV", "ch"),
    # Written out: the number and the word still read as one quantity.
    *("kilomètres", "kilomètre", "mètres", "mètre", "centimètres", "millimètres"),
    *("kilogrammes", "kilos", "tonnes", "tonne", "hectares", "litres", "degrés"),
    *("heures", "heure", "minutes", "seconde", "secondes", "pour cent", "francs", "euros"),
)

_BEFORE_THIN = re.compile(rf"(?<=\S){_SPACES}(?=[;!?»])")
_BEFORE_COLON = re.compile(rf"(?<=\S){_SPACES}(?=:)")
_AFTER_OPENING_QUOTE = re.compile(rf"(?<=«){_SPACES}(?=\S)")
_THOUSANDS = re.compile(rf"(?<![\d,.])(\d{{1,3}})((?:{_SPACES}\d{{3}})+)(?![\d])")
_GROUP_SPACE = re.compile(_SPACES)
_ANY_MONTH = "|".join(MONTHS)
_DAY_MONTH = re.compile(
    rf"(?<![\w,.])(1er|\d{{1,2}}){_SPACES}(?=(?:{_ANY_MONTH})(?![\w'’-]))", re.IGNORECASE
)
_ANY_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_NUMBER_UNIT = re.compile(rf"(?<=\d){_SPACES}(?=(?:{_ANY_UNIT})(?![\w'’-]))")


def is_french(lang: str) -> bool:
    """'fr' and its regional variants ('fr-CA', 'fr_BE'), however capitalised."""
    code = lang.lower()
    return code == "fr" or code.startswith(("fr-", "fr_"))


def set_text(text: str, lang: str) -> str:
    """`text`, written in `lang`, as it is set on screen: with French non-breaking spaces for
    French, unchanged for any other language."""
    if not is_french(lang):
        return text
    text = _THOUSANDS.sub(_group_thousands, text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}", text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _BEFORE_THIN.sub(NARROW_NBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    return _AFTER_OPENING_QUOTE.sub(NARROW_NBSP, text)


def _group_thousands(match: re.Match[str]) -> str:
    return match.group(1) + _GROUP_SPACE.sub(NARROW_NBSP, match.group(2))


def written_language(text: LocalizedText, lang: str, fallback: str) -> str:
    """The language of the text `text.in_language(lang, fallback)` picks. A text written once
    for every language ('*') reads as each screen's language, as narration speaks it."""
    for wanted in (lang, fallback):
        for code, _ in text.texts:
            if code in (wanted, "*"):
                return wanted
    return text.texts[0][0]


def shown_text(text: LocalizedText, lang: str, fallback: str) -> tuple[str, bool]:
    """What a screen in `lang` shows of `text`, set by the rules of the language it is written
    in, and whether it is translated: the one place the screen, the preview and `kiosk
    validate`'s fit check get a caption from, so what validate measures is what shows."""
    words, translated = text.in_language(lang, fallback)
    return set_text(words, written_language(text, lang, fallback)), translated
