"""Fonts: DejaVu when installed, pygame's own font otherwise; measure agrees with render."""

from __future__ import annotations

import logging
import os

import pygame
import pytest

from kiosk.screen import fonts as fonts_module
from kiosk.screen.fonts import Fonts
from kiosk.show.layout import wrap_text


def test_measure_is_the_rendered_width():
    fonts = Fonts()
    for text in ("Montélimar", "« Drôme, août 1944 »", "Œuvre — ça", "1 / 27"):
        for size in (24, 45):
            assert (
                fonts.measure(text, size) == fonts.render(text, size, (255, 255, 255)).get_width()
            )


def test_fonts_are_opened_once_per_size_and_weight():
    fonts = Fonts()
    assert fonts.font(30) is fonts.font(30)
    assert fonts.font(30) is not fonts.font(31)
    assert fonts.font(30, bold=True) is not fonts.font(30)


def open_font_files() -> int:
    """Descriptors this process holds on font files."""
    held = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        held += target.endswith((".ttf", ".otf", ".ttc"))
    return held


def test_sizes_tried_one_by_one_keep_a_bounded_number_of_fonts_open():
    """Fitting labels tries sizes one by one; each font holds its file open. An hour's soak
    ended with 30 descriptors open and climbing, before the cache was bounded."""
    fonts = Fonts()
    before = open_font_files()
    for size in range(12, 112):
        fonts.render("Montélimar", size, (255, 255, 255))
        fonts.measure("Montélimar", size, bold=True)
    assert open_font_files() - before <= 2 * fonts_module.OPEN_FONTS
    assert fonts.font(111) is fonts.font(111)  # the recent ones are still kept


def test_bold_is_wider_than_regular():
    fonts = Fonts()
    regular = fonts.render("LANGUE", 40, (255, 255, 255)).get_width()
    bold = fonts.render("LANGUE", 40, (255, 255, 255), bold=True).get_width()
    assert bold > regular


def ink_rows(surface: pygame.Surface) -> list[int]:
    w, h = surface.get_size()
    return [y for y in range(h) if any(surface.get_at((x, y)).a > 0 for x in range(w))]


def test_french_accents_are_drawn_not_replaced_by_boxes():
    fonts = Fonts()
    plain = fonts.render("e", 60, (255, 255, 255))
    accented = fonts.render("é", 60, (255, 255, 255))
    assert plain.get_size() == accented.get_size()
    e_rows, accent_rows = ink_rows(plain), ink_rows(accented)
    # The same letter underneath (a missing glyph would be a box, not an e) ...
    w = plain.get_width()
    for y in e_rows[len(e_rows) // 2 :]:
        row = [plain.get_at((x, y)).a for x in range(w)]
        assert row == [accented.get_at((x, y)).a for x in range(w)], y
    # ... and an accent above it.
    assert accent_rows[0] < e_rows[0] - 3


def test_rendered_text_uses_the_colour_asked_for():
    fonts = Fonts()
    surface = fonts.render("H", 80, (242, 196, 109))
    w, h = surface.get_size()
    opaque = [
        surface.get_at((x, y))
        for x in range(w)
        for y in range(h)
        if surface.get_at((x, y)).a == 255
    ]
    assert opaque
    assert all(tuple(p)[:3] == (242, 196, 109) for p in opaque)


def test_wrapped_lines_fit_the_width_when_rendered():
    fonts = Fonts()
    text = (
        "Le 20 août, le général Truscott ordonne la création d'un groupe de combat appelé "
        "« Team des maîtres d'hôtel ». Celui-ci lance des actions pour ralentir la retraite."
    )
    for width in (300, 700):
        lines = wrap_text(text, width, 32, fonts.measure)
        assert len(lines) > 1
        assert all(fonts.render(line, 32, (0, 0, 0)).get_width() <= width for line in lines)


def test_without_dejavu_pygame_font_is_used_with_a_warning(monkeypatch, caplog):
    missing = {False: ("/nonexistent/DejaVuSans.ttf",), True: ("/nonexistent/Bold.ttf",)}
    monkeypatch.setattr(fonts_module, "FONT_FILES", missing)
    monkeypatch.setattr(pygame.font, "match_font", lambda *args, **kwargs: None)
    with caplog.at_level(logging.WARNING, logger="kiosk.screen.fonts"):
        fonts = Fonts()
    assert any("fonts-dejavu-core" in r.getMessage() for r in caplog.records)
    surface = fonts.render("Exposition en préparation", 32, (255, 255, 255))
    assert surface.get_width() > 100
    assert fonts.measure("Exposition", 32) == fonts.render("Exposition", 32, (1, 1, 1)).get_width()


@pytest.mark.skipif(
    not any(os.path.isfile(p) for p in fonts_module.FONT_FILES[False]),
    reason="DejaVu Sans is not installed here",
)
def test_dejavu_is_preferred_when_installed():
    assert fonts_module.find_font_file(False).endswith("DejaVuSans.ttf")
    assert fonts_module.find_font_file(True).endswith("DejaVuSans-Bold.ttf")


def test_characters_sdl_cannot_draw_cost_only_themselves() -> None:
    fonts = Fonts()
    odd = "Le pont\ud800 de Livron\x00"
    assert fonts.measure(odd, 30) > fonts.measure("Le pont de Livron", 30)
    assert fonts.render(odd, 30, (255, 255, 255)).get_width() > 0


def test_every_character_of_plain_latin_text_is_one_dejavu_draws_plainly() -> None:
    """The short way for Latin text (no fontTools, no bidi) draws exactly what the long way
    would: DejaVu has each of its characters, left to right, unshaped."""
    from kiosk.show.line_break_rules import KNOWN

    shown = Fonts()
    if not shown._dejavu:
        pytest.skip("DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
    known = sorted(KNOWN)
    assert len(known) > 350
    assert [char for char in known if not shown.plain_character(char)] == []


def test_latin_text_is_measured_without_fonttools_or_bidi() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from kiosk.screen.fonts import Fonts; f = Fonts(); "
        "f.measure('L\\'été 1944 : « 30 000 » soldats !', 30); "
        "f.render('Prix : 12,50 €', 30, (255, 255, 255)); "
        "print(sorted(m for m in ('fontTools', 'bidi', 'uniseg') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
