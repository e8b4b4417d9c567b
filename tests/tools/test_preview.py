"""Preview under SDL's dummy driver: slide PNGs and contact sheets, real pixels checked against
the layout, and each slide the same, to the pixel, as the show's own loop draws it."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageChops

from kiosk.content.caption_fit import caption_fit_warnings
from kiosk.content.exhibition import load_exhibition
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache
from kiosk.screen.renderer import Renderer
from kiosk.screen.slide_frame import caption_view
from kiosk.show import player, theme
from kiosk.show.layout import controls, fit_image_to_screen, layout_slide, usual_photo_area
from kiosk.show.player import PlayerSettings
from kiosk.tools import contact_sheet, preview, preview_files
from tests.helpers import close_to, mask_where
from tests.screen import hostile

SIZE = (1280, 720)
LANGS = ("fr", "en")
RED = (200, 30, 30)
BLUE = (30, 50, 200)

TINY_DECK = """\
title: {fr: "Petit", en: "Tiny"}
slides:
  - id: red
    image: tiny/red.jpg
    caption: {fr: "Une photographie rouge.", en: "A red photograph."}
    credit: "Archives"
  - id: blue
    image: tiny/blue.jpg
    caption: {fr: "Seulement en français."}
    duration: 7.5
"""


# --- fixtures and helpers -------------------------------------------------------------------


def make_exhibition(root: Path, deck: str = TINY_DECK, name: str = "tiny.yaml") -> Path:
    """A tiny exhibition: two solid-colour JPEGs, one deck; returns the config path."""
    (root / "config").mkdir(parents=True, exist_ok=True)
    (root / "slides").mkdir(exist_ok=True)
    (root / "media" / "tiny").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 600), RED).save(root / "media" / "tiny" / "red.jpg", quality=95)
    Image.new("RGB", (600, 800), BLUE).save(root / "media" / "tiny" / "blue.jpg", quality=95)
    (root / "slides" / name).write_text(deck, encoding="utf-8")
    config = root / "config" / "kiosk.yaml"
    config.write_text(
        f"decks: [slides/{name}]\nwindow_size: {SIZE[0]}x{SIZE[1]}\nplay_log: null\n",
        encoding="utf-8",
    )
    return config


def run_preview(config_path: Path, out: Path, languages=LANGS, size=SIZE):
    exhibition = load_exhibition(config_path)
    paths = exhibition.config.deck_paths
    with preview.offscreen():
        reports = preview.preview_exhibition(exhibition, paths, out, size, languages)
    return exhibition, reports


@pytest.fixture
def tiny(tmp_path):
    """The tiny exhibition previewed into tmp_path/out: (exhibition, reports, out)."""
    out = tmp_path / "out"
    exhibition, reports = run_preview(make_exhibition(tmp_path / "show"), out)
    return exhibition, reports, out


def load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def ink_in(image: Image.Image, colour, box, tolerance: int = 30) -> bool:
    return mask_where(image.crop(box), colour, tolerance).getbbox() is not None


def box(rect) -> tuple[int, int, int, int]:
    return (rect.x, rect.y, rect.right, rect.bottom)


def expected(exhibition, slide_index: int, lang: str):
    """The layout and the photo's place, computed by kiosk.show.layout alone."""
    deck = exhibition.decks[0]
    slide = deck.slides[slide_index]
    view = caption_view(deck, slide, lang, "fr")
    has_credit = slide.credit is not None or not view.translated
    buttons = controls(*SIZE, LANGS)
    layout = layout_slide(*SIZE, view.text, has_credit, buttons, Fonts().measure)
    with Image.open(slide.image) as photo:
        decoded = fit_image_to_screen(*photo.size, usual_photo_area(*SIZE, LANGS))
    return layout, fit_image_to_screen(decoded.w, decoded.h, layout.photo_area)


# --- files ----------------------------------------------------------------------------------


def test_one_png_per_slide_per_language_and_a_contact_sheet_per_language(tiny):
    _, reports, out = tiny
    found = sorted(str(path.relative_to(out)) for path in out.rglob("*.png"))
    assert found == [
        "tiny-contact-en.png",
        "tiny-contact-fr.png",
        "tiny/01-red-en.png",
        "tiny/01-red-fr.png",
        "tiny/02-blue-en.png",
        "tiny/02-blue-fr.png",
    ]
    (report,) = reports
    assert len(report.images) == 4 and len(report.sheets) == 2
    assert not report.has_errors


def test_one_language_only(tmp_path):
    out = tmp_path / "out"
    run_preview(make_exhibition(tmp_path / "show"), out, languages=("en",))
    found = sorted(path.name for path in out.rglob("*.png"))
    assert found == ["01-red-en.png", "02-blue-en.png", "tiny-contact-en.png"]


def test_a_removed_slide_leaves_no_stale_picture_behind(tmp_path):
    out = tmp_path / "out"
    config = make_exhibition(tmp_path / "show")
    run_preview(config, out)
    keep = out / "tiny" / "notes.png"  # not one of ours: never touched
    keep.write_bytes(b"")
    renamed = TINY_DECK.replace("id: blue", "id: bleu")
    (tmp_path / "show" / "slides" / "tiny.yaml").write_text(renamed, encoding="utf-8")
    _, reports = run_preview(config, out)
    assert sorted(path.name for path in reports[0].removed) == [
        "02-blue-en.png",
        "02-blue-fr.png",
    ]
    assert sorted(path.name for path in (out / "tiny").iterdir()) == [
        "01-red-en.png",
        "01-red-fr.png",
        "02-bleu-en.png",
        "02-bleu-fr.png",
        "notes.png",
    ]


# --- slide pictures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slide_index", "lang", "colour"),
    [(0, "fr", RED), (0, "en", RED), (1, "fr", BLUE), (1, "en", BLUE)],
)
def test_slide_png_shows_photo_panel_and_caption_where_the_layout_says(
    tiny, slide_index, lang, colour
):
    exhibition, reports, _ = tiny
    path = reports[0].images[slide_index * 2 + LANGS.index(lang)]
    assert path.name.endswith(f"-{lang}.png")
    image = load(path)
    assert image.size == SIZE
    layout, place = expected(exhibition, slide_index, lang)
    for point in [
        (place.x + 3, place.y + 3),
        (place.right - 4, place.y + 3),
        (place.x + 3, place.bottom - 4),
        (place.right - 4, place.bottom - 4),
        (place.x + place.w // 2, place.y + place.h // 2),
    ]:
        assert close_to(image.getpixel(point), colour), point
    # Letterboxing beside the photo is the background.
    mid_y = place.y + place.h // 2
    assert close_to(image.getpixel((place.x - 4, mid_y)), theme.BACKGROUND, 2)
    panel = layout.panel
    assert image.getpixel((panel.x + 3, panel.bottom - 3)) == theme.PANEL
    assert image.getpixel((panel.x + panel.w // 2, panel.y + 2)) == theme.PANEL
    assert ink_in(image, (250, 250, 250), box(layout.caption_box), tolerance=50)
    assert ink_in(image, theme.TITLE, box(layout.header))


def test_buttons_are_drawn_as_in_the_attract_loop_with_the_slides_language_active(tiny):
    _, reports, _ = tiny
    buttons = controls(*SIZE, LANGS)
    for path in reports[0].images:
        lang = path.stem.rsplit("-", 1)[1]
        image = load(path)
        for button in buttons:
            r = button.rect
            fill = image.getpixel((r.x + r.w // 2, r.y + 4))  # inside the border, above ink
            active = button.lang == lang
            assert fill == (theme.BUTTON_ACTIVE if active else theme.BUTTON), (path.name, button)


def test_each_slide_is_what_the_show_itself_draws(tiny):
    """The same pixels as the kiosk's loop: player state, Renderer.draw, a (dummy) screen."""
    exhibition, reports, _ = tiny
    config = exhibition.config
    settings = PlayerSettings(config.languages, config.default_language, 60.0)
    pygame.display.init()
    try:
        screen = pygame.display.set_mode(SIZE)
        for lang in LANGS:
            area = usual_photo_area(*SIZE, config.languages)
            renderer = Renderer(
                screen,
                Fonts(),
                PhotoCache((area.w, area.h)),
                config.languages,
                config.default_language,
                config.transition_seconds,
            )
            state, _ = player.start(exhibition.decks, settings, 0.0, lang)
            for index, slide in enumerate(exhibition.decks[0].slides):
                now = sum(s.duration for s in exhibition.decks[0].slides[:index]) + 0.001
                state, _ = player.tick(state, now)
                assert player.current_slide(state) == slide
                settle(renderer, state, now)
                shown = Image.frombytes("RGB", SIZE, pygame.image.tobytes(screen, "RGB"))
                written = load(reports[0].images[index * 2 + LANGS.index(lang)])
                # All but the "touch the screen" hint, which the loop draws over the top of
                # the photo while nobody is there and the preview (made to be read) leaves out.
                below_hint = (0, SIZE[1] // 8, *SIZE)
                difference = ImageChops.difference(shown, written).crop(below_hint)
                assert difference.getbbox() is None, (index, lang)
            renderer.photos.close()
    finally:
        pygame.display.quit()


def settle(renderer: Renderer, state, now: float) -> None:
    """Draw as the loop would, the clock moving on, until photos are in and fades are over."""
    deadline = time.monotonic() + 10
    while renderer.draw(state, now):
        assert time.monotonic() < deadline, "the renderer never finished drawing"
        time.sleep(0.005)
        now += 0.05


# --- contact sheets -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_contact_sheet_shows_each_thumbnail_at_its_place_and_flags_the_missing_translation(
    tiny, lang
):
    exhibition, _, out = tiny
    sheet = load(out / f"tiny-contact-{lang}.png")
    assert sheet.width == contact_sheet.SHEET_WIDTH
    scale = contact_sheet.thumbnail_size(SIZE)[0] / SIZE[0]
    for index, colour in enumerate((RED, BLUE)):
        thumb, _ = contact_sheet.tile_boxes(index, SIZE)
        _, place = expected(exhibition, index, lang)
        centre = (
            round(thumb.x + (place.x + place.w / 2) * scale),
            round(thumb.y + (place.y + place.h / 2) * scale),
        )
        assert close_to(sheet.getpixel(centre), colour), (index, centre)
    _, red_text = contact_sheet.tile_boxes(0, SIZE)
    _, blue_text = contact_sheet.tile_boxes(1, SIZE)
    # Both have their label; only the untranslated slide has warning ink under it.
    assert ink_in(sheet, theme.CAPTION, box(red_text))
    assert ink_in(sheet, theme.CAPTION, box(blue_text))
    assert not ink_in(sheet, contact_sheet.WARNING_INK, box(red_text))
    assert ink_in(sheet, contact_sheet.WARNING_INK, box(blue_text))
    # ... and the validator's own warning at the bottom, below the grid.
    bottom = (0, blue_text.bottom, sheet.width, sheet.height)
    assert ink_in(sheet, contact_sheet.WARNING_INK, bottom)
    assert not ink_in(sheet, contact_sheet.ERROR_INK, bottom, tolerance=15)


def test_tags_name_each_kind_of_warning(tmp_path):
    long = "Une légende beaucoup trop longue pour le panneau. " * 40
    caption = f'{{fr: "{long}", en: "Short."}}'
    deck = f"{TINY_DECK}  - id: broken\n    image: tiny/broken.jpg\n    caption: {caption}\n"
    root = tmp_path / "show"
    config = make_exhibition(root, deck)
    (root / "media" / "tiny" / "broken.jpg").write_bytes(b"\xff\xd8\xff not a JPEG")
    exhibition = load_exhibition(config)
    too_long = {slide.where for slide in exhibition.decks[0].slides if slide.id == "broken"}
    with preview.offscreen():
        previewer = preview.SlidePreviewer(exhibition.config, SIZE)
        try:
            red, blue, broken = exhibition.decks[0].slides
            assert previewer.tags(red, previewer.photo(red.image), too_long) == ()
            no_en = ("⚠ no EN text",)
            assert previewer.tags(blue, previewer.photo(blue.image), too_long) == no_en
            assert previewer.tags(broken, previewer.photo(broken.image), too_long) == (
                "⚠ caption too long",
                "⚠ photo unavailable",
            )
        finally:
            previewer.close()
    _, reports = run_preview(config, tmp_path / "out")
    sized = replace(exhibition, config=replace(exhibition.config, window_size=SIZE))
    fit = caption_fit_warnings(sized, Fonts().measure)
    assert preview.slides_concerned(exhibition.decks, fit) == {broken.where}
    assert set(fit) <= set(reports[0].problems)  # the validator's own warning, at the bottom
    photo = [p for p in reports[0].problems if "tiny/broken.jpg" in p.message]
    assert [(p.where, p.is_error) for p in photo] == [(broken.where, False)]
    assert len(reports[0].images) == 6  # the broken photo's slide still shows, without it


def test_a_deck_with_errors_still_previews_its_good_slides_and_lists_the_errors(tmp_path):
    deck = TINY_DECK + '  - id: gone\n    image: tiny/gone.jpg\n    caption: "Partie."\n'
    out = tmp_path / "out"
    _, reports = run_preview(make_exhibition(tmp_path / "show", deck), out)
    (report,) = reports
    assert report.has_errors
    assert [path.name for path in report.images][::2] == ["01-red-fr.png", "02-blue-fr.png"]
    sheet = load(out / "tiny-contact-fr.png")
    _, last = contact_sheet.tile_boxes(1, SIZE)
    assert ink_in(sheet, contact_sheet.ERROR_INK, (0, last.bottom, sheet.width, sheet.height), 15)


def test_a_deck_that_cannot_load_gets_a_sheet_that_says_why(tmp_path):
    root = tmp_path / "show"
    config = make_exhibition(root)
    (root / "slides" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    config.write_text(
        "decks: [slides/tiny.yaml, slides/broken.yaml]\nwindow_size: 1280x720\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    _, reports = run_preview(config, out, languages=("fr",))
    tiny_report, broken = reports
    assert not tiny_report.has_errors
    assert broken.deck is None and broken.has_errors and broken.images == []
    assert not (out / "broken").exists()
    sheet = load(out / "broken-contact-fr.png")
    assert ink_in(sheet, contact_sheet.ERROR_INK, (0, 0, sheet.width, sheet.height), 15)


# --- where it may write ---------------------------------------------------------------------


def test_refuses_the_exhibitions_own_folders(tmp_path):
    root = tmp_path / "show"
    exhibition = load_exhibition(make_exhibition(root))
    config, decks = exhibition.config, exhibition.config.deck_paths
    for inside in (root / "slides", root / "slides" / "preview", root / "media" / "x"):
        reason = preview_files.refusal(inside, config, decks)
        assert reason is not None and "never writes there" in reason
    elsewhere = tmp_path / "drafts" / "deck.yaml"
    assert preview_files.refusal(tmp_path / "drafts" / "p", config, (elsewhere,)) is not None
    assert preview_files.refusal(tmp_path / "preview", config, decks) is None
    assert preview_files.refusal(root / "preview", config, decks) is None


def test_offscreen_leaves_no_display_open_that_it_did_not_find():
    pygame.display.quit()
    with preview.offscreen():
        assert pygame.display.get_init()
        assert pygame.Surface((4, 4)).convert().get_size() == (4, 4)
    assert not pygame.display.get_init()


def test_a_photo_pillow_raises_the_unexpected_on_is_a_warning_at_its_slide(tmp_path):
    deck = f"{TINY_DECK}  - id: odd\n    image: tiny/odd.jpg\n    caption: Odd.\n"
    root = tmp_path / "show"
    config = make_exhibition(root, deck)
    hostile.unimplemented_dds(root / "media" / "tiny" / "odd.jpg")  # NotImplementedError
    exhibition = load_exhibition(config)
    _, reports = run_preview(config, tmp_path / "out")
    odd = exhibition.decks[0].slides[-1]
    photo = [p for p in reports[0].problems if "tiny/odd.jpg" in p.message]
    assert [(p.where, p.is_error) for p in photo] == [(odd.where, False)]
    assert "cannot be read as an image (Unimplemented pixel format" in photo[0].message
    assert len(reports[0].images) == 6
