"""Colours and the few words the kiosk itself says, chosen to be read at the viewing distance.

Every text colour has a contrast of at least 7:1 (WCAG AAA) against the background it is
drawn on; tests/show/test_theme.py holds the palette to that.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

Colour = tuple[int, int, int]

BACKGROUND: Colour = (10, 10, 10)
PANEL: Colour = (22, 22, 22)
CAPTION: Colour = (245, 245, 245)
TITLE: Colour = (242, 196, 109)
SECONDARY: Colour = (184, 184, 184)
BUTTON: Colour = (46, 46, 46)
BUTTON_BORDER: Colour = (138, 138, 138)
BUTTON_TEXT: Colour = CAPTION
BUTTON_ACTIVE: Colour = TITLE
BUTTON_ACTIVE_TEXT: Colour = (17, 17, 17)
BUTTON_UNAVAILABLE: Colour = (110, 110, 110)
"""The ink of a control that cannot work here (no sound device): visibly out of use."""
MISSING_PHOTO: Colour = SECONDARY
MISSING_PHOTO_FILL: Colour = (34, 34, 34)
"""A calm neutral in place of a photo that cannot be shown, a small line of text on it."""

UI_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "not_translated": "Texte non traduit",
        "photo_unavailable": "Photographie momentanément indisponible",
        "no_slides": "Exposition en préparation",
        "quiet": "Commentaire audio suspendu pour le moment",
        "closed": "Fermé",
        "opens_today": "Ouvre aujourd'hui à {time}",
        "opens_tomorrow": "Ouvre demain à {time}",
        "opens_on": "Ouvre le {day} à {time}",
        "hours_on": "Horaires : {hours}",
        "no_sound": "Pas de son sur cette borne",
        "touch": "Touchez l’écran",
        "still_there": "Toujours là ? {seconds}",
    },
    "en": {
        "not_translated": "Not yet translated into English",
        "photo_unavailable": "Photograph temporarily unavailable",
        "no_slides": "Exhibition being prepared",
        "quiet": "Audio narration is paused at this time",
        "closed": "Closed",
        "opens_today": "Opens today at {time}",
        "opens_tomorrow": "Opens tomorrow at {time}",
        "opens_on": "Opens on {day} at {time}",
        "hours_on": "Hours: {hours}",
        "no_sound": "This kiosk has no sound",
        "touch": "Touch the screen",
        "still_there": "Still there? {seconds}",
    },
}


def ui_text(lang: str, key: str) -> str:
    """The kiosk's own wording in `lang`; English for a language it has no words for (and
    then the untranslated note names that language, not English)."""
    if lang not in UI_TEXT and key == "not_translated":
        return f"Not yet translated into {english_name(lang)}"
    return UI_TEXT.get(lang, UI_TEXT["en"])[key]


def english_name(lang: str) -> str:
    """ "German" for de, from Babel's CLDR data; the code itself for one it does not know."""
    try:
        return Locale.parse("en").languages.get(lang.split("-")[0].split("_")[0]) or lang
    except (UnknownLocaleError, ValueError):
        return lang
