"""Screens of every shape, on real pixels: title, position, caption, credit and buttons each
stay in their own box, the boxes never overlap, and nothing is cut.

Each slide is drawn by the renderer's own code into a surface of the screen's size, with
SDL's dummy driver and the real fonts; the boxes come from kiosk.show.layout. Every pixel of
the panel that is not the panel's colour must lie in one of those boxes, and each kind of ink
(the title's gold, the caption's white, the grey of the position and the credit) in its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from kiosk.content.exhibition import load_exhibition
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache
from kiosk.screen.renderer import Renderer
from kiosk.show import theme
from kiosk.show.commands import Action
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.layout import LARGER_TEXT, Rect, SlideLayout, controls, layout_slide
from kiosk.show.slide_texts import caption_view, credit_line
from tests.helpers import REPO

SIZES = [(1920, 1080), (1280, 1024), (1080, 1920), (768, 1366)]
LANGUAGE_SETS = [("fr", "en"), ("fr", "en", "de"), ("fr", "en", "de", "es", "it", "nl")]
PHOTO = (200, 30, 30)
LONG_CAPTION = (
    "Le 15 août 1944 commence le débarquement allié en Provence : l'opération Anvil Dragoon. "
    "Trois divisions américaines et sept françaises, 250 000 hommes en tout, doivent prendre "
    "les Allemands en tenaille avec les troupes débarquées en Normandie, puis remonter la "
    "vallée du Rhône."
)
LONG_TITLE = "La bataille de Montélimar et la retraite de la XIXe armée allemande, août 1944"
LONG_CREDIT = (
    "Photographie : U.S. Army Signal Corps, National Archives and Records Administration, "
    "College Park, Maryland, fonds 111-SC, négatif 193046, tirage de 1945"
)


def a_slide(slide_id: str, caption: dict[str, str], credit: str | None = None) -> Slide:
    return Slide(
        id=slide_id,
        image=Path(f"media/{slide_id}.jpg"),
        caption=LocalizedText(tuple(caption.items())),
        credit=LocalizedText.same_everywhere(credit) if credit else None,
        duration=10.0,
        transition="cut",
        where=Mark("test.yaml", 1, 1),
    )


SLIDES = (
    a_slide("short", {"fr": "Nyons est libérée le 25 août 1944.", "en": "Nyons is freed."}),
    a_slide("long", {"fr": LONG_CAPTION, "en": LONG_CAPTION}, "Image provisoire"),
    a_slide("credit", {"fr": "Le pont de Livron."}, LONG_CREDIT),
)
SHOWN_IN = {"short": "fr", "long": "en", "credit": "en"}
"""Each slide is drawn in one language: the last in English, which it lacks, so its credit
line starts by saying so."""
DECKS = {
    "plain": Deck(Path("d.yaml"), LocalizedText.same_everywhere("Livron"), SLIDES),
    "long title": Deck(Path("t.yaml"), LocalizedText.same_everywhere(LONG_TITLE), SLIDES),
}


@pytest.fixture(scope="module")
def fonts():
    pygame.display.init()
    pygame.display.set_mode((1, 1))  # Surface.convert() wants a display
    yield Fonts()
    pygame.display.quit()


def draw(
    fonts: Fonts,
    size: tuple[int, int],
    languages: tuple[str, ...],
    deck: Deck,
    slide: Slide,
    larger_text: bool = False,
    high_contrast: bool = False,
) -> tuple[np.ndarray, SlideLayout, Renderer]:
    """The slide as the show draws it (in its SHOWN_IN language), its layout, the renderer;
    with `larger_text` or `high_contrast`, as a visitor who asked for it sees it."""
    lang = SHOWN_IN[slide.id]
    photos = PhotoCache(size)
    try:
        renderer = Renderer(pygame.Surface(size).convert(), fonts, photos, languages, "fr", 0.0)
        photo = pygame.Surface((1500, 1000))
        photo.fill(PHOTO)
        screen = renderer.compose_still(
            deck, slide, lang, photo, larger_text=larger_text, high_contrast=high_contrast
        )
    finally:
        photos.close()
    view = caption_view(deck, slide, lang, "fr")
    credit = credit_line(view, lang)
    layout = layout_slide(
        *size,
        view.text,
        credit is not None,
        renderer.buttons,
        fonts.measure,
        title=view.title,
        position=view.position,
        credit=credit or "",
        text_scale=LARGER_TEXT if larger_text else 1.0,
    )
    return pygame.surfarray.array3d(screen), layout, renderer


def where(pixels: np.ndarray, colour: tuple[int, int, int], tolerance: int = 40) -> np.ndarray:
    """A mask (x, y) of the pixels within `tolerance` of `colour` on every channel."""
    return (np.abs(pixels.astype(int) - colour) <= tolerance).all(axis=2)


def inside(rects: list[Rect], shape: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(shape[:2], dtype=bool)
    for r in rects:
        mask[r.x : r.right, r.y : r.bottom] = True
    return mask


def text_boxes(layout: SlideLayout) -> dict[str, Rect]:
    boxes = {
        "title": layout.title_box,
        "position": layout.position_box,
        "caption": layout.caption_box,
        "credit": layout.credit_box,
    }
    return {name: box for name, box in boxes.items() if box.w and box.h}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("languages", LANGUAGE_SETS, ids=["2", "3", "6"])
@pytest.mark.parametrize("deck_name", list(DECKS))
def test_texts_and_buttons_keep_to_their_own_boxes(
    fonts: Fonts, size: tuple[int, int], languages: tuple[str, ...], deck_name: str
) -> None:
    check_own_boxes(fonts, size, languages, DECKS[deck_name], larger_text=False)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("languages", LANGUAGE_SETS[:2], ids=["2", "3"])
def test_with_larger_text_too_texts_and_buttons_keep_to_their_own_boxes(
    fonts: Fonts, size: tuple[int, int], languages: tuple[str, ...]
) -> None:
    """A visitor's larger text, long title and all: nothing overlaps, nothing strays, and
    the buttons (the two choices among them) stay where they were."""
    check_own_boxes(fonts, size, languages, DECKS["long title"], larger_text=True)
    usual = draw(fonts, size, languages, DECKS["plain"], SLIDES[0])[2].buttons
    larger = draw(fonts, size, languages, DECKS["plain"], SLIDES[0], larger_text=True)[2]
    assert larger.buttons == usual
    actions = [b.action for b in usual]
    assert Action.LARGER_TEXT in actions and Action.HIGH_CONTRAST in actions


def check_own_boxes(
    fonts: Fonts,
    size: tuple[int, int],
    languages: tuple[str, ...],
    deck: Deck,
    larger_text: bool,
) -> None:
    width, height = size
    for slide in SLIDES:
        pixels, layout, renderer = draw(fonts, size, languages, deck, slide, larger_text)
        boxes = text_boxes(layout)
        assert ("credit" in boxes) is (slide.id != "short")
        boxes.update({f"button {i}": b.rect for i, b in enumerate(renderer.buttons)})
        names = list(boxes)
        for i, one in enumerate(names):
            box = boxes[one]
            assert box.x >= 0 and box.right <= width and box.y >= 0 and box.bottom <= height, one
            for other in names[i + 1 :]:
                assert not box.overlaps(boxes[other]), (slide.id, one, other)
        # Every pixel of the panel that is not the panel is in a box.
        panel = layout.panel
        in_panel = inside([panel], pixels.shape)
        stray = (
            in_panel & ~where(pixels, theme.PANEL, 0) & ~inside(list(boxes.values()), pixels.shape)
        )
        assert not stray.any(), (slide.id, np.argwhere(stray)[:5])
        # Above the panel: the photo, inside its area, on the background.
        photo = where(pixels, PHOTO, 10)
        assert photo.any() and not (photo & ~inside([layout.photo_area], pixels.shape)).any()
        assert layout.photo_area.bottom <= panel.y
        # Each box inked in its own colour; the gold of the title and the white of the
        # caption (where a glyph covers a pixel whole: its edges blend to greys) nowhere else.
        not_buttons = ~inside([b.rect for b in renderer.buttons], pixels.shape)
        for colour, own, tolerance in (
            (theme.TITLE, ["title"], 40),
            (theme.CAPTION, ["caption"], 8),
            (theme.SECONDARY, ["position", "credit"], 8),
        ):
            ink = where(pixels, colour, tolerance) & in_panel & not_buttons
            if colour != theme.SECONDARY:  # a caption's blended edges are greys too
                mine = inside([boxes[name] for name in own], pixels.shape)
                assert not (ink & ~mine).any(), (slide.id, colour)
            for name in (name for name in own if name in boxes):
                box = boxes[name]
                assert ink[box.x : box.right, box.y : box.bottom].any(), (slide.id, name)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("languages", LANGUAGE_SETS, ids=["2", "3", "6"])
def test_no_text_is_wider_than_its_box_and_a_long_title_ends_in_an_ellipsis(
    fonts: Fonts, size: tuple[int, int], languages: tuple[str, ...]
) -> None:
    for deck_name, deck in DECKS.items():
        for slide in SLIDES:
            _, layout, renderer = draw(fonts, size, languages, deck, slide)
            title = fonts.measure
            assert title(layout.title, renderer.sizes.title) <= layout.title_box.w
            if deck_name == "plain":
                assert layout.title == "Livron"
            else:  # whole if it fits; else cut between two characters, on purpose
                whole = title(LONG_TITLE, renderer.sizes.title) <= layout.title_box.w
                assert layout.title == LONG_TITLE if whole else layout.title.endswith("…")
                assert LONG_TITLE.startswith(layout.title.rstrip("…").rstrip())
            position = f"{SLIDES.index(slide) + 1} / {len(SLIDES)}"
            assert title(position, renderer.sizes.title) <= layout.position_box.w
            for line in layout.caption.lines:
                assert fonts.measure(line, layout.caption.size) <= layout.caption_box.w
            assert "…" not in "".join(layout.caption.lines)  # every caption here fits whole
            for line in layout.credit_lines:
                assert fonts.measure(line, renderer.sizes.credit) <= layout.credit_box.w
            for button in renderer.buttons:
                if button.lang is not None:
                    label = fonts.measure_bold(button.label, button.label_size)
                    assert label < button.rect.w


def test_a_portrait_totem_cuts_the_long_title_and_shows_it_all_in_landscape(fonts: Fonts) -> None:
    _, portrait, _ = draw(fonts, (768, 1366), ("fr", "en"), DECKS["long title"], SLIDES[0])
    _, landscape, _ = draw(fonts, (1920, 1080), ("fr", "en"), DECKS["long title"], SLIDES[0])
    assert portrait.title.endswith("…")
    assert landscape.title == LONG_TITLE


def test_the_language_buttons_say_each_language_in_itself(fonts: Fonts) -> None:
    _, _, renderer = draw(fonts, (1080, 1920), ("fr", "en", "de"), DECKS["plain"], SLIDES[0])
    assert [b.label for b in renderer.buttons if b.lang] == ["Français", "English", "Deutsch"]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_shipped_exhibition_fits_whole_on_every_screen(fonts: Fonts, size) -> None:
    """Every caption of the bundled exhibition at a readable size and whole, every deck title
    whole, on each screen shape, in each language: as `kiosk preview --size` draws them."""
    exhibition = load_exhibition(REPO / "config" / "kiosk.yaml")
    config = exhibition.config
    buttons = controls(*size, config.languages, config.screen, fonts.measure_bold)
    for deck in exhibition.decks:
        for slide in deck.slides:
            for lang in config.languages:
                view = caption_view(deck, slide, lang, config.default_language)
                credit = credit_line(view, lang)
                layout = layout_slide(
                    *size,
                    view.text,
                    credit is not None,
                    buttons,
                    fonts.measure,
                    config.screen,
                    title=view.title,
                    position=view.position,
                    credit=credit or "",
                )
                assert layout.caption.fits, (slide.id, lang)
                assert letters(layout.caption.lines) == letters([view.text])  # none lost
                assert layout.title == view.title
                assert letters(layout.credit_lines) == letters([credit or ""])


def letters(lines: tuple[str, ...] | list[str]) -> str:
    """The text without its spaces: what no line break may lose."""
    return "".join("".join(lines).split())
