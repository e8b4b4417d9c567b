"""French non-breaking spaces are added when captions are set: `kiosk validate` measures the
caption the screen shows, and neither validate nor preview writes a byte into a deck file."""

from __future__ import annotations

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.content.caption_fit import captions_too_long
from kiosk.content.exhibition import load_exhibition
from kiosk.screen.fonts import Fonts
from kiosk.screen.slide_frame import caption_view
from kiosk.show.layout import controls, layout_slide

DECK = """\
title: {fr: "Montélimar : la bataille", en: "Montélimar: the battle"}
slides:
  - id: losses
    image: town/a.jpg
    caption:
      fr: "Le 2 septembre 1944 ; 11 000 soldats, 2 100 véhicules sur 14 km « en tenaille » !"
      en: "On 2 September 1944; 11,000 soldiers, 2,100 vehicles over 14 km!"
    credit: "Photo : Archives départementales"
"""


@pytest.fixture
def show(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "slides").mkdir()
    (tmp_path / "media" / "town").mkdir(parents=True)
    Image.new("RGB", (1200, 800), (120, 90, 60)).save(tmp_path / "media" / "town" / "a.jpg")
    (tmp_path / "slides" / "battle.yaml").write_text(DECK, encoding="utf-8")
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_text(
        "decks: [slides/battle.yaml]\nlanguages: [fr, en]\nwindow_size: 1920x1080\n"
        "play_log: null\n",
        encoding="utf-8",
    )
    return config


def test_validate_measures_the_caption_as_the_screen_sets_it(show) -> None:
    exhibition = load_exhibition(show)
    measured: list[str] = []
    fonts = Fonts()

    def recording(text: str, size: int) -> int:
        measured.append(text)
        return fonts.measure(text, size)

    assert captions_too_long(exhibition, recording) == []
    [deck] = exhibition.decks
    [slide] = deck.slides
    french = caption_view(deck, slide, "fr", "fr").text
    assert french != slide.caption.get("fr")
    # Every French piece measured is a piece of what the screen shows ...
    assert any("11\u202f000" in text for text in measured)
    assert not any("11 000" in text or "2 septembre" in text for text in measured)
    # ... and validate tried the very lines the screen draws.
    width, height = exhibition.config.window_size
    buttons = controls(width, height, ("fr", "en"))
    on_screen = layout_slide(width, height, french, True, buttons, fonts.measure).caption
    assert len(on_screen.lines) > 1
    assert all(line in measured for line in on_screen.lines)


def test_validate_and_preview_leave_the_deck_file_as_the_curator_wrote_it(
    show, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    deck_file = tmp_path / "slides" / "battle.yaml"
    before = deck_file.read_bytes()
    assert main(["validate", "--config", str(show)]) == 0
    assert main(["preview", "--config", str(show), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert deck_file.read_bytes() == before
    assert "\u202f".encode() not in before and "\u00a0".encode() not in before
    assert sorted(p.name for p in (tmp_path / "out" / "battle").glob("*.png")) == [
        "01-losses-en.png",
        "01-losses-fr.png",
    ]
