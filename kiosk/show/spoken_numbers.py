"""Numbers in a caption as a person says them, before the text reaches the speech engine.

espeak-ng reads digits one word at a time: "1944" in English becomes "nineteen hundred and
forty-four", "79e" in French "soixante-dix-neuf e", "250 000" two numbers. This pure step writes
the words out first, in French and English, with num2words (a maintained library that knows each
language's ordinals and years), so what the engine is sent is what a visitor should hear, and
`kiosk narrate --dry-run` can show it. Other languages are left to the engine as written.

The rules, in the order they apply (each sees the text the ones before left):
1. Dates: "12 septembre 1944" -> "douze septembre mille neuf cent quarante-quatre";
   "12 September 1944" -> "the twelfth of September nineteen forty-four";
   "14 to 15 August" -> "the fourteenth to the fifteenth of August";
   day spans as Babel writes them: "16–17 août" -> "du seize au dix-sept août",
   "31 August – 2 September" -> "the thirty-first of August to the second of September";
   "September 12, 1944" -> "September twelfth, nineteen forty-four". Days 1 to 31 only.
2. Year ranges: "1939-1945" (hyphen or dash) -> "... to ..." in English, "... à ..." in French.
3. Ordinals: "79e", "1er", "1re", "2nde", "XXe"-style digits only -> "soixante-dix-neuvième",
   "premier", "première", "seconde"; "15th", "2nd" -> "fifteenth", "second". Decades: "1940s"
   -> "nineteen forties".
4. Numbers written with thousands separators ("250 000" in French, with a space, no-break or
   narrow no-break space; "250,000" in English) and decimals ("3,5" / "3.5") -> cardinal words.
5. Years: four digits from 1000 to 2099, not joined to other digits or letters and not followed
   by a unit ("1500 m", "1200 kg", "2000 €") -> the year as said ("nineteen forty-four").
   Write "1,944 soldiers" (or "1 944" in French) to have a count said as a count.
6. Any other whole number (not starting with 0, not inside a word such as "B17" or "14h30")
   -> cardinal words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
UNITS = (
    "km|m|cm|mm|kg|g|t|ha|l|h|min|s|%|°|€|\\$|£|km²|m²|m³|mètres?|kilomètres?|tonnes?|euros?"
    "|francs?|metres?|meters?|kilometres?|kilometers?|tons?|dollars?|pounds?|miles?|feet|ft"
)

# Not joined to a word or another number on the left; the lookbehind lets "(1944" and "«1944"
# through but not "B1944" or "1,1944".
START = r"(?<![\w,.:\u00a0\u202f])"
END = r"(?![\w])"
ALONE = r"(?![\w])(?![.,:]\d)"  # END, and not the first part of "3.5", "1,944" or "14:30"
NO_UNIT = rf"(?!\s?(?:{UNITS})(?![\w'’]))"
DAY = r"(?P<day>[12]?\d|3[01])"
YEAR = r"(?P<year>1\d{3}|20\d{2})"
DASHES = "-\u2010\u2011\u2012\u2013\u2014"

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def speak_numbers(text: str, lang: str) -> str:
    """`text` with its numbers written as `lang` says them; unchanged for other languages."""
    rules = RULES.get(lang.split("-")[0].lower())
    if rules is None:
        return text
    for pattern, spoken in rules:
        text = pattern.sub(spoken, text)
    return text


def _words(number: int | Decimal, lang: str, to: str = "cardinal") -> str:
    from num2words import num2words  # imported with the first number said, not at start-up

    # num2words writes "one thousand, nine hundred": the comma would make the voice pause.
    return str(num2words(number, lang=lang, to=to)).replace(",", "")


def _year(text: str, lang: str) -> str:
    return _words(int(text), lang, "year")


# French


def _french_ordinal(match: re.Match[str]) -> str:
    number, suffix = int(match.group("number")), match.group("suffix").lower()
    plural = "s" if suffix.endswith("s") else ""
    if number == 1:
        feminine = suffix.startswith(("r", "èr", "ʳ"))
        return ("première" if feminine else "premier") + plural
    if number == 2 and suffix.startswith("nd"):
        return ("seconde" if suffix.startswith("nde") else "second") + plural
    return _words(number, "fr", "ordinal") + plural


def _french_date(match: re.Match[str]) -> str:
    day = int(match.group("day"))
    spoken = "premier" if day == 1 else _words(day, "fr")
    year = f" {_year(match.group('year'), 'fr')}" if match.group("year") else ""
    return f"{spoken} {match.group('month')}{year}"


NO_ARTICLE = r"(?<!\ble\s)(?<!\bles\s)(?<!\bdu\s)(?<!\bdes\s)(?<!\bau\s)(?<!\bentre\s)"
"""A span the curator already put in words ("les 14-15 août") is left to the rules after."""


def _french_day_span(match: re.Match[str]) -> str:
    """ "16–17 août", "31 août – 2 septembre": "du seize au dix-sept août" (the rules after
    this one say the second date)."""
    day = int(match.group("day"))
    spoken = "premier" if day == 1 else _words(day, "fr")
    month = f" {match.group('month')}" if match.group("month") else ""
    year = f" {_year(match.group('year'), 'fr')}" if match.group("year") else ""
    return f"du {spoken}{month}{year} au "


FRENCH: tuple[Rule, ...] = (
    (
        re.compile(
            rf"{NO_ARTICLE}{START}{DAY}(?:er)?(?:\s+(?P<month>{FRENCH_MONTHS}))?(?:\s+{YEAR})?\s?[{DASHES}]\s?"
            rf"(?=(?:[12]?\d|3[01])(?:er)?\s+(?:{FRENCH_MONTHS}){END})",
            re.I,
        ),
        _french_day_span,
    ),
    (
        re.compile(rf"{START}{DAY}(?:er)?\s+(?P<month>{FRENCH_MONTHS})(?:\s+{YEAR})?{END}", re.I),
        _french_date,
    ),
    (
        re.compile(
            rf"{START}(?P<a>1\d{{3}}|20\d{{2}})\s?[{DASHES}]\s?(?P<b>1\d{{3}}|20\d{{2}}){END}"
        ),
        lambda m: f"{_year(m['a'], 'fr')} à {_year(m['b'], 'fr')}",
    ),
    (
        re.compile(
            rf"{START}(?P<number>\d+)"
            r"(?P<suffix>ères|ère|ères|ers|er|res|re|ndes|nde|nds|nd|èmes|ème|emes|eme|es|e|è"
            rf"|ᵉʳ|ʳᵉ|ᵉ){END}"
        ),
        _french_ordinal,
    ),
    (
        re.compile(rf"{START}(?P<number>\d{{1,3}}(?:[ \u00a0\u202f.]\d{{3}})+){END}"),
        lambda m: _words(int(re.sub(r"\D", "", m["number"])), "fr"),
    ),
    (
        re.compile(rf"{START}(?P<whole>\d+),(?P<part>\d+){END}"),
        lambda m: _words(Decimal(f"{m['whole']}.{m['part']}"), "fr"),
    ),
    (
        re.compile(rf"{START}{YEAR}{ALONE}{NO_UNIT}"),
        lambda m: _year(m["year"], "fr"),
    ),
    (
        re.compile(rf"{START}(?P<number>0|[1-9]\d*){ALONE}"),
        lambda m: _words(int(m["number"]), "fr"),
    ),
)


# English


def _english_day_first(match: re.Match[str]) -> str:
    the = "" if match.group("the") else "the "
    day = _words(int(match.group("day")), "en", "ordinal")
    year = f" {_year(match.group('year'), 'en')}" if match.group("year") else ""
    return f"{match.group('the') or ''}{the}{day} of {match.group('month')}{year}"


def _english_first_day(match: re.Match[str]) -> str:
    """ "14 to 15 August": the first day of a range, said as the ordinal the second will be."""
    the = match.group("the") or "the "
    join = " to " if match.group("join").strip() in DASHES else match.group("join")
    return f"{the}{_words(int(match.group('day')), 'en', 'ordinal')}{join}"


def _english_month_first(match: re.Match[str]) -> str:
    day = _words(int(match.group("day")), "en", "ordinal")
    year = f"{match.group('comma')}{_year(match.group('year'), 'en')}" if match["year"] else ""
    return f"{match.group('month')} {day}{year}"


def _english_decade(match: re.Match[str]) -> str:
    year = _year(match.group("year"), "en")
    return year[:-1] + "ies" if year.endswith("y") else year + "s"


ENGLISH: tuple[Rule, ...] = (
    (  # "31 August – 2 September": the dash said "to", each date by the rules below
        re.compile(
            rf"(?P<first>{START}{DAY}(?:st|nd|rd|th)?\s+(?:{ENGLISH_MONTHS})(?:,?\s+{YEAR})?)"
            rf"\s?[{DASHES}]\s?(?=(?:[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:{ENGLISH_MONTHS}){END})"
        ),
        lambda m: f"{m['first']} to ",
    ),
    (
        re.compile(
            rf"(?P<the>\b[Tt]he\s+)?{START}{DAY}(?:st|nd|rd|th)?"
            rf"(?P<join>\s+(?:to|and)\s+|\s?[{DASHES}]\s?)"
            rf"(?=(?:[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:{ENGLISH_MONTHS}){END})"
        ),
        _english_first_day,
    ),
    (
        re.compile(
            rf"(?P<the>\b[Tt]he\s+)?{START}{DAY}(?:st|nd|rd|th)?\s+(?P<month>{ENGLISH_MONTHS})"
            rf"(?:,?\s+{YEAR})?{END}"
        ),
        _english_day_first,
    ),
    (
        re.compile(
            rf"\b(?P<month>{ENGLISH_MONTHS})\s+{DAY}(?:st|nd|rd|th)?{END}"
            rf"(?:(?P<comma>,?\s+){YEAR}{END})?"
        ),
        _english_month_first,
    ),
    (
        re.compile(
            rf"{START}(?P<a>1\d{{3}}|20\d{{2}})\s?[{DASHES}]\s?(?P<b>1\d{{3}}|20\d{{2}}){END}"
        ),
        lambda m: f"{_year(m['a'], 'en')} to {_year(m['b'], 'en')}",
    ),
    (
        re.compile(rf"{START}(?P<number>\d+)(?:st|nd|rd|th){END}", re.I),
        lambda m: _words(int(m["number"]), "en", "ordinal"),
    ),
    (
        re.compile(rf"{START}(?P<year>1\d{{2}}0|20\d0)'?s{END}"),
        _english_decade,
    ),
    (
        re.compile(rf"{START}(?P<number>\d{{1,3}}(?:[,\u00a0\u202f]\d{{3}})+){END}(?![.,]\d)"),
        lambda m: _words(int(re.sub(r"\D", "", m["number"])), "en"),
    ),
    (
        re.compile(rf"{START}(?P<whole>\d+)\.(?P<part>\d+){END}"),
        lambda m: _words(Decimal(f"{m['whole']}.{m['part']}"), "en"),
    ),
    (
        re.compile(rf"{START}{YEAR}{ALONE}{NO_UNIT}"),
        lambda m: _year(m["year"], "en"),
    ),
    (
        re.compile(rf"{START}(?P<number>0|[1-9]\d*){ALONE}"),
        lambda m: _words(int(m["number"]), "en"),
    ),
)

RULES: dict[str, tuple[Rule, ...]] = {"fr": FRENCH, "en": ENGLISH}
