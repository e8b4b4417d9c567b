"""The proofreading sheet's tables of texts: a column per language, each cell marked with its
language (`<td lang="fr">`) so that screen readers and spell checkers read it right, a text
written once for every language across all columns, and a missing translation said as such.
Everything curators wrote is HTML-escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from babel import Locale, UnknownLocaleError

from kiosk.show.deck import LocalizedText, NarrationOverride, Slide

WARNING_SIGN = "⚠"


def texts_table(languages: Sequence[str], rows: list[str], label: str) -> str:
    """A table of texts: a column per language, a row per text (`text_row`, `narration_row`)."""
    heads = "".join(
        f'<th scope="col">{escape(language_name(lang))} ({escape(lang)})</th>' for lang in languages
    )
    return (
        f'<table class="texts" aria-label="{escape(label)}">\n'
        f'<colgroup><col class="label"><col span="{len(languages)}"></colgroup>\n'
        f"<thead><tr><td></td>{heads}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def text_row(label: str, text: LocalizedText, languages: Sequence[str], default: str) -> str:
    """A row of one text in each language; one wide cell for a text written once for all."""
    if text.languages == ("*",):  # most likely in the language visitors see first
        width = len(languages)
        cell = (
            f'<td colspan="{width}"><span lang="{escape(default)}">'
            f"{escape(text.texts[0][1])}</span> "
            '<em class="note">(one text for every language)</em></td>'
        )
        return f'<tr><th scope="row">{label}</th>{cell}</tr>'
    cells = "".join(_text_cell(text, lang, default) for lang in languages)
    return f'<tr><th scope="row">{label}</th>{cells}</tr>'


def _text_cell(text: LocalizedText, lang: str, default: str) -> str:
    written = text.get(lang)
    if written is not None:
        return f'<td lang="{escape(lang)}">{escape(written)}</td>'
    instead = default if text.get(default) is not None else text.texts[0][0]
    return (
        f'<td lang="{escape(lang)}" class="missing"><em lang="en" class="note">'
        f'<span aria-hidden="true">{WARNING_SIGN}</span> not translated: the kiosk shows '
        f"the {escape(language_name(instead))} text</em></td>"
    )


def narration_row(slide: Slide, languages: Sequence[str]) -> str:
    """What the kiosk says aloud instead of the caption, in each language."""
    cells = "".join(_narration_cell(slide.narration_in(lang), lang) for lang in languages)
    return f'<tr><th scope="row">Said aloud</th>{cells}</tr>'


def _narration_cell(override: NarrationOverride | None, lang: str) -> str:
    if override is not None and override.text is not None:
        return f'<td lang="{escape(lang)}">{escape(override.text)}</td>'
    if override is not None and override.audio is not None:
        name = escape(override.audio.name)
        return f'<td><em class="note">the recording <code>{name}</code></em></td>'
    return '<td><em class="note">the caption</em></td>'


def in_language(text: LocalizedText, lang: str, default: str) -> str:
    """The text as the kiosk shows it in `lang`, marked with the language it is in."""
    shown = text.get(lang)
    if shown is None:
        lang = default if text.get(default) is not None else text.texts[0][0]
        shown = text.in_language(lang, lang)[0]
    return f'<span lang="{escape(lang)}">{escape(shown)}</span>'


def language_name(code: str) -> str:
    """'French' for 'fr', in English; the code itself for one Babel does not know."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code
