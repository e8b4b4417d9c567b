"""Renderer under SDL's dummy video driver: real pixels checked against the layout."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageChops

from kiosk.screen.images import PhotoCache
from kiosk.screen.renderer import Renderer
from kiosk.screen.slide_frame import caption_view
from kiosk.show import player, theme
from kiosk.show.commands import Action, Command, Source
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.layout import (
    controls_left_edge,
    fit_image_to_screen,
    layout_slide,
    usual_photo_area,
)
from kiosk.show.player import PlayerSettings
from tests.helpers import close_to, mask_where, snapshot

LANGS = ("fr", "en")
SETTINGS = PlayerSettings(LANGS, "fr", 60.0)
PHOTO_RED = (200, 30, 30)
PHOTO_BLUE = (30, 50, 200)
SIZES = [pytest.param((1280, 720), id="720p"), pytest.param((1920, 1080), id="1080p")]


# --- fixtures and helpers -------------------------------------------------------------------


def make_renderer(screen, fonts, transition_seconds: float = 1.0) -> Renderer:
    area = usual_photo_area(*screen.get_size(), LANGS)
    return Renderer(screen, fonts, PhotoCache((area.w, area.h)), LANGS, "fr", transition_seconds)


def solid_jpeg(path: Path, size, colour) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG", quality=95)
    return path


def slide(
    slide_id: str,
    image: Path,
    caption: str | dict[str, str] = "Texte",
    credit: str | None = None,
    transition: str = "crossfade",
    duration: float = 10.0,
) -> Slide:
    if isinstance(caption, str):
        text = LocalizedText.same_everywhere(caption)
    else:
        text = LocalizedText(tuple(caption.items()))
    return Slide(
        id=slide_id,
        image=image,
        caption=text,
        credit=LocalizedText.same_everywhere(credit) if credit else None,
        duration=duration,
        transition=transition,
        where=Mark("test.yaml", 1, 1),
    )


def deck(*slides: Slide, name: str = "test") -> Deck:
    title = LocalizedText((("fr", "Titre du jeu"), ("en", "Deck title")))
    return Deck(Path(f"{name}.yaml"), title, tuple(slides))


def start(*decks: Deck, lang: str | None = None):
    state, _ = player.start(tuple(decks), SETTINGS, 0.0, lang)
    return state


def start_visited(*decks: Deck):
    """A visitor there since 0 s: nothing but the slide on screen (no touch hint)."""
    return replace(start(*decks), last_input_at=0.0)


def settle(renderer: Renderer, state, now: float, seconds: float = 10.0):
    """Draw until the screen is complete (photos decoded, no fade), as the loop would: the
    player hears of the photos that failed at each pass. Returns the state drawn."""
    deadline = time.monotonic() + seconds
    while True:
        state, _ = player.photos_failed(state, renderer.photos.unshowable, now)
        if not renderer.draw(state, now):
            return state
        if time.monotonic() > deadline:
            raise AssertionError("the renderer never finished drawing")
        time.sleep(0.005)


def warm(renderer: Renderer, *paths: Path, seconds: float = 10.0) -> None:
    """Decode photos ahead, so the next draw composes at once."""
    deadline = time.monotonic() + seconds
    for path in paths:
        while renderer.photos.get(path) is None:
            assert time.monotonic() < deadline, f"{path} never decoded"
            time.sleep(0.005)


def bright(image: Image.Image) -> Image.Image:
    """Caption ink (theme.CAPTION): the only near-white a slide draws outside the buttons."""
    return mask_where(image, (250, 250, 250), 50)


def not_background(image: Image.Image) -> Image.Image:
    return ImageChops.invert(mask_where(image, theme.BACKGROUND, 12))


def like(colour, tolerance: int):
    return lambda image: mask_where(image, colour, tolerance)


def bbox_of(image: Image.Image, mask_of, box=None):
    """Bounding box (left, top, right, bottom) of the pixels `mask_of` keeps, within `box`."""
    region = image.crop(box) if box else image
    found = mask_of(region).getbbox()
    if found is None or box is None:
        return found
    return (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])


def rows_with(image: Image.Image, mask_of, box) -> list[int]:
    """The y of each row of `box` holding at least one pixel `mask_of` keeps."""
    x0, y0, x1, y1 = box
    raw = mask_of(image.crop(box)).tobytes()
    w = x1 - x0
    empty = bytes(w)
    return [y0 + y for y in range(y1 - y0) if raw[y * w : (y + 1) * w] != empty]


def count_runs(rows: list[int]) -> int:
    """How many separate bands the rows form (one per line of text)."""
    return sum(1 for i, y in enumerate(rows) if i == 0 or y != rows[i - 1] + 1)


def expected_layout(renderer: Renderer, the_deck: Deck, the_slide: Slide, lang: str):
    view = caption_view(the_deck, the_slide, lang, "fr")
    has_credit = the_slide.credit is not None or not view.translated
    return layout_slide(
        renderer.width,
        renderer.height,
        view.text,
        has_credit,
        renderer.buttons,
        renderer.fonts.measure,
    )


def button(renderer: Renderer, lang: str | None):
    return next(b for b in renderer.buttons if b.lang == lang)


# --- the photo ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "photo_size",
    [
        pytest.param((800, 600), id="4x3"),
        pytest.param((1800, 1200), id="3x2"),
        pytest.param((640, 800), id="4x5-portrait"),
        pytest.param((700, 700), id="square"),
        pytest.param((2000, 500), id="panorama"),
    ],
)
def test_photo_is_placed_where_layout_says_with_letterboxing(
    tmp_path, fonts, open_screen, size, photo_size
):
    screen = open_screen(size)
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", photo_size, PHOTO_RED)
    the_slide = slide("one", path, "Une légende courte.", credit="Archives")
    the_deck = deck(the_slide)
    state = start(the_deck)  # a visitor there: no hint over the photo
    state, _ = player.handle(state, Command(Action.PRESENCE, Source.TOUCH), 0.0)
    settle(renderer, state, 0.0)

    layout = expected_layout(renderer, the_deck, the_slide, "fr")
    decoded = fit_image_to_screen(*photo_size, usual_photo_area(*size, LANGS))
    place = fit_image_to_screen(decoded.w, decoded.h, layout.photo_area)
    # The photo fills the area in one direction and keeps its aspect ratio.
    assert place.w == layout.photo_area.w or place.h == layout.photo_area.h
    assert place.w / place.h == pytest.approx(photo_size[0] / photo_size[1], rel=0.01)

    image = snapshot(screen)
    inside = [
        (place.x + 2, place.y + 2),
        (place.right - 3, place.y + 2),
        (place.x + 2, place.bottom - 3),
        (place.right - 3, place.bottom - 3),
        (place.x + place.w // 2, place.y + place.h // 2),
    ]
    for point in inside:
        assert close_to(image.getpixel(point), PHOTO_RED), point
    mid_x, mid_y = place.x + place.w // 2, place.y + place.h // 2
    outside = [
        (place.x - 3, mid_y),
        (place.right + 2, mid_y),
        (mid_x, place.y - 3),
        (mid_x, place.bottom + 2),
    ]
    for point in outside:
        assert close_to(image.getpixel(point), theme.BACKGROUND, 2), point
    # Measured from the pixels alone: the photo's extent and shape.
    found = bbox_of(image, not_background, (0, 0, size[0], layout.panel.y))
    assert found is not None
    width, height = found[2] - found[0], found[3] - found[1]
    assert width / height == pytest.approx(photo_size[0] / photo_size[1], rel=0.015)
    assert abs(found[0] - place.x) <= 1 and abs(found[1] - place.y) <= 1
    # Letterboxing is balanced: the photo is centred in its area.
    area = layout.photo_area
    assert abs((found[0] - area.x) - (area.right - found[2])) <= 2
    assert abs((found[1] - area.y) - (area.bottom - found[3])) <= 2


# --- the caption ----------------------------------------------------------------------------

LONG_CAPTION = (
    "Après la prise de contrôle de Marseille par les Français et les Américains, les unités "
    "convergent vers Montélimar. L'armée allemande subit un harcèlement constant ; elle fuit "
    "par la route ou le rail en utilisant engins à moteur ou animaux, mais prise en tenaille, "
    "ses convois sont décimés par l'artillerie et l'aviation."
)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "caption",
    [
        pytest.param("Nyons est libérée le 25 août 1944.", id="short"),
        pytest.param(LONG_CAPTION, id="long"),
        pytest.param(" ".join([LONG_CAPTION] * 3), id="very-long"),
    ],
)
def test_caption_text_lies_in_the_panel_inside_the_screen(
    tmp_path, fonts, open_screen, size, caption
):
    screen = open_screen(size)
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    the_slide = slide("one", path, caption, credit="Archives départementales")
    the_deck = deck(the_slide)
    settle(renderer, start_visited(the_deck), 0.0)
    layout = expected_layout(renderer, the_deck, the_slide, "fr")
    image = snapshot(screen)
    w, h = size

    buttons_left = controls_left_edge(renderer.buttons)
    text_area = (0, 0, buttons_left, h)  # everything left of the buttons
    found = bbox_of(image, bright, text_area)
    assert found is not None, "no caption ink on screen"
    box = layout.caption_box
    panel = layout.panel
    # All the caption ink is in its box (a glyph may overhang by a pixel or two) ...
    assert found[0] >= box.x - 2
    assert found[2] <= box.right + 2
    assert found[1] >= box.y - 2
    assert found[3] <= box.bottom + 2
    # ... which is in the panel, which is on the screen, left of the buttons.
    assert panel.y <= found[1] and found[3] <= panel.bottom <= h
    assert found[2] < buttons_left
    assert found[3] < h
    # Every wrapped line is drawn: one band of ink per line.
    rows = rows_with(image, bright, (box.x, box.y, min(box.right + 2, w), box.bottom))
    assert count_runs(rows) == len(layout.caption.lines)
    # The photo is above the panel, never under it.
    assert layout.photo_area.bottom <= panel.y


def test_untranslated_caption_shows_the_default_language_and_says_so(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    the_slide = slide("one", path, {"fr": "Seulement en français."})
    the_deck = deck(the_slide)
    settle(renderer, start(the_deck, lang="en"), 0.0)
    layout = expected_layout(renderer, the_deck, the_slide, "en")
    image = snapshot(screen)
    # The French text is shown, and the credit line carries the 'not translated' note.
    assert bbox_of(image, bright, _box(layout.caption_box)) is not None
    assert layout.credit_box.h > 0
    secondary = bbox_of(image, like(theme.SECONDARY, 30), _box(layout.credit_box))
    assert secondary is not None


def _box(rect):
    return (rect.x, rect.y, rect.right, rect.bottom)


# --- the buttons ----------------------------------------------------------------------------


def button_fill(image: Image.Image, rect) -> tuple[int, int, int]:
    """A point inside the border, left of the centred label."""
    return image.getpixel((rect.x + 6, rect.y + rect.h // 2))


@pytest.mark.parametrize("size", SIZES)
def test_active_language_button_is_drawn_in_the_active_colour(tmp_path, fonts, open_screen, size):
    screen = open_screen(size)
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    the_deck = deck(slide("one", path, {"fr": "Bonjour", "en": "Hello"}))
    state = start(the_deck)
    settle(renderer, state, 0.0)
    image = snapshot(screen)
    fr, en = button(renderer, "fr").rect, button(renderer, "en").rect
    assert button_fill(image, fr) == theme.BUTTON_ACTIVE
    assert button_fill(image, en) == theme.BUTTON
    assert button_fill(image, button(renderer, None).rect) == theme.BUTTON

    state, _ = player.handle(state, Command(Action.SET_LANGUAGE, Source.TOUCH, "en"), 1.0)
    settle(renderer, state, 1.0)
    image = snapshot(screen)
    assert button_fill(image, fr) == theme.BUTTON
    assert button_fill(image, en) == theme.BUTTON_ACTIVE
    # The label of the active button is dark ink on the light fill.
    label = bbox_of(
        image,
        like(theme.BUTTON_ACTIVE_TEXT, 30),
        (en.x, en.y, en.right, en.bottom),
    )
    assert label is not None


# --- crossfade and still slides -------------------------------------------------------------


def two_slide_show(tmp_path, transition: str):
    red = solid_jpeg(tmp_path / "red.jpg", (800, 600), PHOTO_RED)
    blue = solid_jpeg(tmp_path / "blue.jpg", (800, 600), PHOTO_BLUE)
    the_deck = deck(
        slide("red", red, "Rouge", transition=transition),
        slide("blue", blue, "Bleu", transition=transition),
    )
    return the_deck, red, blue


def photo_centre(renderer: Renderer, the_deck: Deck) -> tuple[int, int]:
    layout = expected_layout(renderer, the_deck, the_deck.slides[0], "fr")
    area = layout.photo_area
    return area.x + area.w // 2, area.y + area.h // 2


def test_crossfade_midway_mixes_the_two_frames(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=1.0)
    the_deck, red, blue = two_slide_show(tmp_path, "crossfade")
    warm(renderer, red, blue)
    state = start(the_deck)
    settle(renderer, state, 0.0)
    centre = photo_centre(renderer, the_deck)
    assert close_to(screen.get_at(centre)[:3], PHOTO_RED)

    state, shown = player.tick(state, 10.0)  # the timer moves on to the blue slide
    assert shown[0].slide.id == "blue"
    assert renderer.draw(state, 10.0) is True  # the fade starts: more frames wanted
    assert close_to(screen.get_at(centre)[:3], PHOTO_RED)
    assert renderer.draw(state, 10.5) is True
    mid = screen.get_at(centre)[:3]
    for channel, (a, b) in enumerate(zip(PHOTO_RED, PHOTO_BLUE, strict=True)):
        low, high = sorted((a, b))
        assert low + 0.3 * (high - low) <= mid[channel] <= high - 0.3 * (high - low), mid
    assert renderer.draw(state, 11.01) is False  # the fade is over
    assert close_to(screen.get_at(centre)[:3], PHOTO_BLUE)


def test_the_first_frame_of_a_fade_already_shows_the_new_slide(tmp_path, fonts, open_screen):
    """The frame that answers a change is drawn one frame period into the fade: the new slide
    can be seen in it, not a frame later."""
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=1.0)
    the_deck, red, blue = two_slide_show(tmp_path, "crossfade")
    warm(renderer, red, blue)
    state = settle(renderer, start_visited(the_deck), 0.0)
    centre = photo_centre(renderer, the_deck)
    state, _ = player.tick(state, 10.0)
    renderer.draw(state, 10.0)
    first = screen.get_at(centre)[:3]
    assert first != PHOTO_RED
    assert first[2] - PHOTO_RED[2] >= (PHOTO_BLUE[2] - PHOTO_RED[2]) // 40  # about 1/30 in


def fade_at(tmp_path, fonts, screen, moments, in_place: bool, monkeypatch):
    """The screen after drawing a red-to-blue fade at `moments`, with fades in place or
    whole; and the rectangles each frame sent to the display (None: all of it)."""
    sent: list[list | None] = []
    real_update, real_flip = pygame.display.update, pygame.display.flip
    monkeypatch.setattr(pygame.display, "update", lambda r: sent.append(list(r)) or real_update(r))
    monkeypatch.setattr(pygame.display, "flip", lambda: sent.append(None) or real_flip())
    if not in_place:
        monkeypatch.setattr(Renderer, "_fade_in_place", lambda self, frame, now: False)
    renderer = make_renderer(screen, fonts, transition_seconds=1.0)
    the_deck, red, blue = two_slide_show(tmp_path, "crossfade")
    warm(renderer, red, blue)
    state = settle(renderer, start_visited(the_deck), 0.0)
    state, _ = player.tick(state, 10.0)
    sent.clear()
    for moment in moments:
        renderer.draw(state, moment)
    monkeypatch.undo()
    return snapshot(screen), sent


def test_a_fade_blends_and_sends_only_what_changes_and_looks_the_same(
    tmp_path, fonts, open_screen, monkeypatch
):
    screen = open_screen((1280, 720))
    moments = (10.0, 10.2, 10.5)
    whole, _ = fade_at(tmp_path, fonts, screen, moments, False, monkeypatch)
    in_place, sent = fade_at(tmp_path, fonts, screen, moments, True, monkeypatch)
    assert ImageChops.difference(whole, in_place).getbbox() is None  # the very same pixels
    assert sent[0] is None  # the first frame is drawn whole, then only what changes
    for rects in sent[1:]:
        assert rects is not None
        assert sum(r.w * r.h for r in rects) < 0.6 * 1280 * 720


def test_moving_on_keeps_the_previous_slides_frame(tmp_path, fonts, open_screen):
    """The frames kept are the slide on screen, the next and the previous: moving on composes
    only the new next slide, never the one just left."""
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=0.0)
    photos = [solid_jpeg(tmp_path / f"p{n}.jpg", (800, 600), (n * 40, 80, 80)) for n in range(5)]
    the_deck = deck(*(slide(f"s{n}", photo, f"Texte {n}") for n, photo in enumerate(photos)))
    composed: list[str] = []
    real = renderer.composer.compose_with_targets
    renderer.composer.compose_with_targets = lambda key, photo: (
        composed.append(key.slide.id) or real(key, photo)
    )
    state = start_visited(the_deck)
    now = 0.0
    for _ in range(3):
        state = settle(renderer, state, now)
        deadline = time.monotonic() + 10
        while state is not renderer._prepared_for:  # the loop prepares while the screen is still
            renderer.prepare(state)
            assert time.monotonic() < deadline, "the next slides were never prepared"
            time.sleep(0.005)
        now = state.due_at
        state, _ = player.tick(state, now)
    assert composed == ["s0", "s1", "s4", "s2", "s3"]


def test_a_page_turned_mid_fade_fades_on_from_what_is_on_screen(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=1.0)
    the_deck, red, blue = two_slide_show(tmp_path, "crossfade")
    warm(renderer, red, blue)
    state = start(the_deck)
    settle(renderer, state, 0.0)
    centre = photo_centre(renderer, the_deck)
    state, _ = player.tick(state, 10.0)  # red -> blue begins
    renderer.draw(state, 10.0)
    renderer.draw(state, 10.5)
    halfway = screen.get_at(centre)[:3]
    state, _ = player.handle(state, Command(Action.PREVIOUS, Source.KEY), 10.5)  # back to red
    renderer.draw(state, 10.5)
    # The new fade starts from the half-mixed picture, not from a full blue frame.
    assert close_to(screen.get_at(centre)[:3], halfway)
    assert not close_to(screen.get_at(centre)[:3], PHOTO_BLUE)


@pytest.mark.parametrize(
    ("transition", "transition_seconds"),
    [("cut", 1.0), ("crossfade", 0.0)],
)
def test_slide_without_fade_replaces_the_old_one_at_once(
    tmp_path, fonts, open_screen, transition, transition_seconds
):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=transition_seconds)
    the_deck, red, blue = two_slide_show(tmp_path, transition)
    warm(renderer, red, blue)
    state = start(the_deck)
    settle(renderer, state, 0.0)
    centre = photo_centre(renderer, the_deck)
    assert close_to(screen.get_at(centre)[:3], PHOTO_RED)

    state, shown = player.tick(state, 10.0)  # timer: same language, still not held
    assert shown[0].slide.id == "blue"
    settle(renderer, state, 10.0)
    assert close_to(screen.get_at(centre)[:3], PHOTO_BLUE)


def test_still_slide_is_not_redrawn(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_RED)
    the_deck = deck(slide("one", path, "Texte"))
    still = replace(SETTINGS, reduced_motion=True)  # the hint does not pulse
    state, _ = player.start((the_deck,), still, 0.0)
    settle(renderer, state, 0.0)
    centre = photo_centre(renderer, the_deck)
    # Scribble on the screen: a redraw would paint over it.
    screen.fill((0, 255, 0), (centre[0] - 5, centre[1] - 5, 10, 10))
    for now in (0.5, 3.0, 9.0):
        state, effects = player.tick(state, now)
        assert effects == []
        assert renderer.draw(state, now) is False
    assert screen.get_at(centre)[:3] == (0, 255, 0)


def test_pause_state_change_redraws_the_controls(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_RED)
    state = start(deck(slide("one", path, "Texte")))
    settle(renderer, state, 0.0)
    pause = button(renderer, None).rect
    before = snapshot(screen).crop((pause.x, pause.y, pause.right, pause.bottom))
    state, _ = player.handle(state, Command(Action.PRESENCE, Source.TOUCH), 1.0)  # held
    assert renderer.draw(state, 1.0) is False
    after = snapshot(screen).crop((pause.x, pause.y, pause.right, pause.bottom))
    assert ImageChops.difference(before, after).getbbox() is not None  # pause -> play icon


# --- failures and the empty show ------------------------------------------------------------


def test_photo_failure_slide_still_shows_its_caption(tmp_path, fonts, open_screen):
    """A visitor who steps onto a slide whose photo failed reads its caption; where the photo
    would be, a calm fill and one small line of text, not a big notice."""
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff this is not really a JPEG")
    the_slide = slide("broken", broken, "La légende reste lisible.", credit="Archives")
    the_deck = deck(the_slide)
    settle(renderer, start_visited(the_deck), 0.0)
    layout = expected_layout(renderer, the_deck, the_slide, "fr")
    image = snapshot(screen)
    assert bbox_of(image, bright, _box(layout.caption_box)) is not None
    area = layout.photo_area
    for corner in ((area.x + 2, area.y + 2), (area.right - 3, area.bottom - 3)):
        assert close_to(image.getpixel(corner)[:3], theme.MISSING_PHOTO_FILL, 4)
    notice = bbox_of(image, like(theme.MISSING_PHOTO, 20), _box(area))
    assert notice is not None, "no 'photograph unavailable' line"
    assert notice[3] - notice[1] <= renderer.sizes.credit, "the notice is not discreet"
    centre_x, centre_y = (notice[0] + notice[2]) / 2, (notice[1] + notice[3]) / 2
    assert abs(centre_x - (area.x + area.w / 2)) < 4
    assert abs(centre_y - (area.y + area.h / 2)) < 6


def test_a_failed_photo_the_player_has_not_heard_of_is_not_drawn(tmp_path, fonts, open_screen):
    """Nobody there: the loop will skip the slide, so its failure never reaches the screen."""
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=0.0)
    good = solid_jpeg(tmp_path / "good.jpg", (800, 600), PHOTO_BLUE)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo at all")
    the_deck = deck(slide("good", good, "Là"), slide("broken", broken, "Cassée"))
    state = settle(renderer, start(the_deck), 0.0)
    deadline = time.monotonic() + 10
    while not renderer.photos.unshowable:  # prepared ahead: the failure is known early
        assert renderer.prepare(state) or renderer.photos.busy
        assert time.monotonic() < deadline
        time.sleep(0.005)
    unheard, _ = player.tick(state, 10.0)  # the timer, before the player heard of it
    assert player.current_slide(unheard).id == "broken"
    assert renderer.draw(unheard, 10.0) is True  # nothing drawn: the loop passes again
    assert close_to(screen.get_at(photo_centre(renderer, the_deck))[:3], PHOTO_BLUE)


def test_missing_photo_file_does_not_stop_the_next_slide(tmp_path, fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts, transition_seconds=0.0)
    good = solid_jpeg(tmp_path / "good.jpg", (800, 600), PHOTO_BLUE)
    the_deck = deck(slide("gone", tmp_path / "gone.jpg", "Absente"), slide("good", good, "Là"))
    state = start(the_deck)
    settle(renderer, state, 0.0)
    state, _ = player.tick(state, 10.0)
    settle(renderer, state, 10.0)
    assert close_to(screen.get_at(photo_centre(renderer, the_deck))[:3], PHOTO_BLUE)


@pytest.mark.parametrize("size", SIZES)
def test_empty_show_draws_the_no_slides_screen(fonts, open_screen, size):
    screen = open_screen(size)
    screen.fill((255, 0, 255))
    renderer = make_renderer(screen, fonts)
    state = start()
    assert renderer.draw(state, 0.0) is False
    image = snapshot(screen)
    w, h = size
    ink = bbox_of(image, bright)
    assert ink is not None, "no 'exhibition being prepared' text"
    assert abs((ink[0] + ink[2]) / 2 - w / 2) < 4
    assert abs((ink[1] + ink[3]) / 2 - h / 2) < 6
    # Nothing else: background everywhere but the notice, and no buttons to press.
    assert image.getpixel((5, 5)) == theme.BACKGROUND
    assert image.getpixel((w - 5, h - 5)) == theme.BACKGROUND
    for b in renderer.buttons:
        assert button_fill(image, b.rect) == theme.BACKGROUND
    # Drawn once: a second pass leaves the screen alone.
    screen.fill((0, 255, 0), (0, 0, 10, 10))
    assert renderer.draw(state, 5.0) is False
    assert screen.get_at((2, 2))[:3] == (0, 255, 0)


def test_empty_show_speaks_the_visitors_language(fonts, open_screen):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    renderer.draw(start(lang="fr"), 0.0)
    french = snapshot(screen)
    other = make_renderer(screen, fonts)
    other.draw(start(lang="en"), 0.0)
    english = snapshot(screen)
    assert ImageChops.difference(french, english).getbbox() is not None


def test_an_untranslated_caption_shows_the_default_language_not_the_first_written(
    tmp_path, fonts, open_screen
):
    """Languages [en, fr, de], default fr: a slide written in en then fr, shown in de, draws
    exactly what a slide written in French alone draws in de (the French text, with the 'not
    translated' note), and not what an English-only slide draws."""
    languages = ("en", "fr", "de")
    settings = PlayerSettings(languages, "fr", 60.0)
    screen = open_screen((1280, 720))
    area = usual_photo_area(1280, 720, languages)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    written = {"en": "The Livron bridge, blown up.", "fr": "Le pont de Livron, détruit."}

    def drawn(caption: dict[str, str], lang: str) -> Image.Image:
        renderer = Renderer(screen, fonts, PhotoCache((area.w, area.h)), languages, "fr", 0.0)
        state, _ = player.start((deck(slide("one", path, caption)),), settings, 0.0, lang)
        settle(renderer, state, 0.0)
        return snapshot(screen)

    the_deck = deck(slide("one", path, written))
    view = caption_view(the_deck, the_deck.slides[0], "de", "fr")
    assert (view.text, view.translated) == (written["fr"], False)
    shown = drawn(written, "de")
    assert ImageChops.difference(shown, drawn({"fr": written["fr"]}, "de")).getbbox() is None
    assert ImageChops.difference(shown, drawn({"en": written["en"]}, "de")).getbbox() is not None


@pytest.mark.parametrize(
    ("caption", "from_the_right"),
    [("מוזיאון הלובר, 1944", True), ("متحف اللوفر", True), ("Le musée du Louvre", False)],
)
def test_a_right_to_left_caption_is_aligned_right(
    tmp_path, fonts, open_screen, caption, from_the_right
):
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    path = solid_jpeg(tmp_path / "photo.jpg", (800, 600), PHOTO_BLUE)
    the_slide = slide("one", path, caption)
    the_deck = deck(the_slide)
    settle(renderer, start(the_deck), 0.0)
    box = expected_layout(renderer, the_deck, the_slide, "fr").caption_box
    left, _, right, _ = bbox_of(snapshot(screen), bright, (box.x, box.y, box.right + 2, box.bottom))
    if from_the_right:
        assert box.right - 4 <= right <= box.right + 2
        assert left > box.x + box.w // 2
    else:
        assert box.x <= left <= box.x + 4
        assert right < box.x + box.w // 2


def test_a_frame_composed_while_its_photo_decodes_is_the_same_frame(tmp_path, fonts, open_screen):
    """While the screen waits for a photo, the rest of its frame is composed; placing the
    photo into it then gives exactly the frame composed in one go."""
    from kiosk.screen.slide_frame import FrameKey

    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    the_deck, red, _ = two_slide_show(tmp_path, "crossfade")
    warm(renderer, red)
    photo = renderer.photos.get(red)
    key = FrameKey(the_deck, the_deck.slides[0], "fr")
    whole = snapshot(renderer.composer.compose(key, photo))
    renderer.composer.prepare_base(key)
    assert renderer.composer._base is not None
    placed = snapshot(renderer.composer.compose(key, photo))
    assert renderer.composer._base is None
    assert ImageChops.difference(whole, placed).getbbox() is None


def test_the_photo_on_screen_is_decoded_the_quick_way_and_the_next_one_carefully(
    tmp_path, fonts, open_screen, monkeypatch
):
    import kiosk.screen.images as images

    asked: list[tuple[str, bool]] = []
    real = images.decode_or_fail
    monkeypatch.setattr(
        images,
        "decode_or_fail",
        lambda path, area, renditions, quick=False: (
            asked.append((path.stem, quick)) or real(path, area, renditions, quick)
        ),
    )
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    the_deck, _, _ = two_slide_show(tmp_path, "crossfade")
    state = settle(renderer, start_visited(the_deck), 0.0)
    deadline = time.monotonic() + 10
    while state is not renderer._prepared_for and time.monotonic() < deadline:
        renderer.prepare(state)
        time.sleep(0.005)
    assert asked == [("red", True), ("blue", False)]
