"""Colours and the few words the kiosk itself says, chosen for reading from 1.5 m.

Every text colour is checked against its background for a contrast of at least 7:1 (WCAG AAA);
`contrast_ratio` is here so a test can hold the palette to that.
"""

from __future__ import annotations

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
MISSING_PHOTO: Colour = SECONDARY

TEXT_PAIRS: tuple[tuple[str, Colour, Colour], ...] = (
    ("caption", CAPTION, PANEL),
    ("title", TITLE, PANEL),
    ("credit and position", SECONDARY, PANEL),
    ("button", BUTTON_TEXT, BUTTON),
    ("active button", BUTTON_ACTIVE_TEXT, BUTTON_ACTIVE),
    ("missing photo notice", MISSING_PHOTO, BACKGROUND),
)

UI_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "not_translated": "Texte non traduit",
        "photo_unavailable": "Photographie indisponible",
        "no_slides": "Exposition en préparation",
    },
    "en": {
        "not_translated": "Not yet translated into English",
        "photo_unavailable": "Photograph unavailable",
        "no_slides": "Exhibition being prepared",
    },
}


def ui_text(lang: str, key: str) -> str:
    """The kiosk's own wording in `lang`; English for a language it has no words for."""
    return UI_TEXT.get(lang, UI_TEXT["en"])[key]


def relative_luminance(colour: Colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: Colour, background: Colour) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
