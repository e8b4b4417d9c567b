"""Cutting a line into runs: bidi levels, run order, scripts, and which font has what."""

from __future__ import annotations

import pytest

from kiosk.screen import font_chain
from kiosk.screen.font_chain import FontChain, noto_file, script_fonts
from kiosk.screen.fonts import find_font_file
from kiosk.screen.text_runs import (
    TextRun,
    bidi_levels,
    line_runs,
    paragraph_is_rtl,
    resolved_scripts,
    visual_order,
)

needs_noto = pytest.mark.skipif(
    noto_file("NotoSansHebrew-Regular.ttf") is None
    or noto_file("NotoSansArabic-Regular.ttf") is None,
    reason="Debian's fonts-noto-core is not installed (install.sh installs it)",
)


def run(text: str, level: int) -> TextRun:
    return TextRun(text, "font.ttf", "Zyyy", level)


def test_paragraph_direction_is_that_of_its_first_letter() -> None:
    assert paragraph_is_rtl("שלום Louvre")
    assert paragraph_is_rtl("« مرحبا » Louvre")
    assert not paragraph_is_rtl("Louvre שלום")
    assert not paragraph_is_rtl("1944")
    assert not paragraph_is_rtl("")


def test_levels_of_a_right_to_left_line_with_a_number_and_a_name() -> None:
    text = "שלום 1944 Louvre"
    levels = bidi_levels(text, rtl=True)
    assert levels[:4] == [1] * 4  # Hebrew
    assert levels[5:9] == [2] * 4  # digits: left to right inside
    assert levels[10:] == [2] * 6  # Latin
    assert bidi_levels("abc", rtl=False) == [0, 0, 0]


def test_joiners_and_unassigned_code_points_take_a_level() -> None:
    assert bidi_levels("a\u200db", rtl=False) == [0, 0, 0]
    assert bidi_levels("ש\u200dש", rtl=True) == [1, 1, 1]
    assert len(bidi_levels("\U000e0fff ש", rtl=True)) == 3


def test_runs_are_reversed_from_the_highest_level_down() -> None:
    """Rule L2: [a(0) b(1) c(2) d(1) e(0)] shows a d c b e... with c, at level 2, reversed
    twice, so kept in its place inside the reversed stretch."""
    runs = [run("a", 0), run("b", 1), run("c", 2), run("d", 1), run("e", 0)]
    assert [r.text for r in visual_order(runs)] == ["a", "d", "c", "b", "e"]
    assert [r.text for r in visual_order([run("x", 1), run("y", 1)])] == ["y", "x"]
    assert [r.text for r in visual_order([run("x", 0), run("y", 0)])] == ["x", "y"]


def test_spaces_and_digits_take_the_script_of_the_words_before_them() -> None:
    assert resolved_scripts("« שלום, 1944 »") == ["Hebr"] * 14
    assert resolved_scripts("Le Louvre : مرحبا") == ["Latn"] * 12 + ["Arab"] * 5


@needs_noto
def test_a_hebrew_caption_naming_the_louvre_is_cut_in_runs_by_font_and_direction() -> None:
    chain = FontChain({False: find_font_file(False), True: find_font_file(True)})
    runs = line_runs("מוזיאון הלובר Louvre", chain, bold=False, rtl=True)
    # Shown left to right: the Latin name first, then the Hebrew words read from the right.
    assert [(r.text, r.rtl) for r in runs] == [("Louvre", False), ("מוזיאון הלובר ", True)]
    assert runs[0].font == find_font_file(False)
    assert runs[1].font.endswith("NotoSansHebrew-Regular.ttf")


@needs_noto
def test_each_script_asks_its_own_noto_font_first() -> None:
    assert script_fonts("Arab", False)[0].endswith("NotoSansArabic-Regular.ttf")
    assert script_fonts("Arab", True)[0].endswith("NotoSansArabic-Bold.ttf")
    assert script_fonts("Deva", False)[0].endswith("NotoSansDevanagari-Regular.ttf")
    assert script_fonts("Latn", False) == ()  # DejaVu's own
    chain = FontChain({False: find_font_file(False), True: find_font_file(True)})
    assert chain.font_for("ب", "Arab", False).endswith("NotoSansArabic-Regular.ttf")
    assert chain.font_for("é", "Latn", False) == find_font_file(False)


def test_joiners_and_selectors_are_never_missing() -> None:
    chain = FontChain({False: find_font_file(False), True: find_font_file(True)})
    assert chain.missing("a\u200d\ufe0f\u200f\n") == ""
    assert chain.missing("\ue000\ue000\ue001") == "\ue000\ue001"


def test_without_noto_fonts_dejavu_draws_what_it_can(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(font_chain, "NOTO_FOLDERS", (str(tmp_path),))
    font_chain.noto_files.cache_clear()
    script_fonts.cache_clear()
    font_chain.general_fonts.cache_clear()
    try:
        chain = FontChain({False: find_font_file(False), True: find_font_file(True)})
        assert chain.missing("中 é") == "中"
        assert line_runs("中", chain, bold=False, rtl=False)[0].font == find_font_file(False)
    finally:
        font_chain.noto_files.cache_clear()
        script_fonts.cache_clear()
        font_chain.general_fonts.cache_clear()
