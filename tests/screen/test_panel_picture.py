"""Timelines and maps on real pixels, under SDL's dummy driver: the lit event moves along the
axis in date order, a place's marker lands where its coordinates say, a tap on a marker asks
for its step, and a step without a photo asks the photo cache for nothing."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageDraw

from kiosk.content.config import Config
from kiosk.screen.images import PhotoCache
from kiosk.screen.input_map import InputMapper
from kiosk.screen.renderer import Renderer
from kiosk.show import player, theme
from kiosk.show.commands import Action, Command, Source
from kiosk.show.layout import usual_photo_area
from kiosk.show.motion import Motion, View
from kiosk.show.player import PlayerSettings
from kiosk.tools.preview import DeckPreview, SlideFiles, SlidePreviewer, offscreen
from tests.helpers import button_centre, finger_event, mask_where, snapshot
from tests.show.drome_panels import (
    LIBERATION,
    deck,
    drome_map,
    liberation_events,
    pixel_of,
    steps,
    timeline,
)

LANGS = ("fr", "en")
SIZES = [pytest.param((1920, 1080), id="landscape"), pytest.param((1080, 1920), id="portrait")]
MAP_SIZE = (800, 1000)
MAP_GREEN = (196, 222, 178)
PHOTO_RED = (200, 30, 30)
ACCENT = theme.STANDARD.accent


class CountingPhotos(PhotoCache):
    """A photo cache that remembers every photo it was asked for."""

    def __init__(self, area: tuple[int, int]) -> None:
        super().__init__(area)
        self.asked: list[object] = []

    def get(self, path):
        self.asked.append(path)
        return super().get(path)

    def request(self, path) -> None:
        self.asked.append(path)
        super().request(path)


def make_renderer(screen: pygame.Surface, fonts, photos: PhotoCache | None = None) -> Renderer:
    area = usual_photo_area(*screen.get_size(), LANGS)
    photos = photos or PhotoCache((area.w, area.h))
    return Renderer(screen, fonts, photos, LANGS, "fr", transition_seconds=0.0)


def map_png(path: Path) -> Path:
    """A plain green test map with a grey frame a few pixels inside its edge."""
    image = Image.new("RGB", MAP_SIZE, MAP_GREEN)
    ImageDraw.Draw(image).rectangle((20, 20, MAP_SIZE[0] - 21, MAP_SIZE[1] - 21), outline=(90,) * 3)
    image.save(path)
    return path


def wait_for(photos: PhotoCache, path: Path) -> pygame.Surface:
    deadline = time.monotonic() + 10
    while (photo := photos.get(path)) is None:
        assert time.monotonic() < deadline, f"{path} never decoded"
        time.sleep(0.005)
    assert isinstance(photo, pygame.Surface)
    return photo


def accent_box(image: Image.Image, box: tuple[int, int, int, int], colour=ACCENT):
    """The bounding box of the accent-coloured pixels within `box`, in screen pixels."""
    found = mask_where(image.crop(box), colour, 40).getbbox()
    assert found is not None, f"no accent pixels in {box}"
    return (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])


def axis_row(image: Image.Image, colour) -> int:
    """The row of the photo area crossed by the longest run of the axis's colour."""
    mask = mask_where(image, colour, 20)
    width = image.width
    counts = [
        sum(1 for v in mask.crop((0, y, width, y + 1)).tobytes() if v)
        for y in range(image.height * 2 // 3)
    ]
    return max(range(len(counts)), key=counts.__getitem__)


def still(renderer: Renderer, slides, index: int, lang: str = "fr", **choices) -> Image.Image:
    the_deck = deck(*slides)
    slide = the_deck.slides[index]
    photo = None if slide.image is None else wait_for(renderer.photos, slide.image)
    return snapshot(renderer.compose_still(the_deck, slide, lang, photo, **choices))


# --- the timeline ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_the_lit_event_moves_along_the_axis_in_date_order(fonts, open_screen, size) -> None:
    renderer = make_renderer(open_screen(size), fonts)
    slides = steps(timeline(liberation_events()))
    finger = 55
    xs = []
    for step in range(len(slides)):
        image = still(renderer, slides, step)
        y = axis_row(image, theme.STANDARD.secondary)
        box = accent_box(image, (0, y - 3 * finger, size[0], y + finger // 2))
        xs.append((box[0] + box[2]) / 2)
    assert xs == sorted(xs)
    assert xs[6] == pytest.approx(xs[7], abs=1), "31 August, twice"
    assert len({round(x) for x in xs}) == 8
    assert xs[-1] - xs[0] > size[0] * 0.7, "the events spread across the screen"


def test_the_event_photo_is_above_the_axis_and_its_date_is_written_without_one(
    tmp_path, fonts, open_screen
) -> None:
    renderer = make_renderer(open_screen((1920, 1080)), fonts)
    photo = tmp_path / "buis.jpg"
    Image.new("RGB", (900, 600), PHOTO_RED).save(photo, "JPEG", quality=95)
    slides = steps(timeline(liberation_events(images={1: photo})))
    with_photo = still(renderer, slides, 1)
    y = axis_row(with_photo, theme.STANDARD.secondary)
    red = mask_where(with_photo, PHOTO_RED, 30).getbbox()
    assert red is not None and red[3] < y - 55 // 2
    without = still(renderer, slides, 2)
    assert mask_where(without, PHOTO_RED, 30).getbbox() is None
    written = accent_box(without, (0, 0, 1920, y - 2 * 55))  # "25 août 1944", large
    assert written[3] - written[1] > 60


def test_high_contrast_draws_the_timeline_in_yellow_on_black_with_thicker_lines(
    fonts, open_screen
) -> None:
    renderer = make_renderer(open_screen((1920, 1080)), fonts)
    slides = steps(timeline(liberation_events()))
    usual = still(renderer, slides, 3)
    high = still(renderer, slides, 3, high_contrast=True)
    assert high.getpixel((5, 5)) == theme.BLACK
    y_usual = axis_row(usual, theme.STANDARD.secondary)
    y_high = axis_row(high, theme.HIGH_CONTRAST.secondary)
    accent_box(high, (0, y_high - 100, 1920, y_high + 27), theme.HIGH_CONTRAST.accent)

    def thickness(image, y, colour) -> int:
        """The axis's, where no tick crosses it: the thinnest of a few columns."""
        columns = (
            mask_where(image.crop((x, y - 10, x + 1, y + 10)), colour, 20) for x in range(650, 750)
        )
        return min(sum(1 for v in column.tobytes() if v) for column in columns)

    assert thickness(high, y_high, theme.HIGH_CONTRAST.secondary) > thickness(
        usual, y_usual, theme.STANDARD.secondary
    )


def test_a_step_never_moves_even_with_a_motion(tmp_path, fonts, open_screen) -> None:
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (900, 600), PHOTO_RED).save(photo, "JPEG")
    moving = Motion(View(0.3, 0.3, 1.0), View(0.7, 0.7, 2.0))
    slides = tuple(
        replace(s, motion=moving) for s in steps(timeline(liberation_events(3, {0: photo})))
    )
    wait_for(renderer.photos, photo)
    state, _ = player.start((deck(*slides),), PlayerSettings(LANGS, "fr", 60.0), 0.0)
    assert renderer.draw(state, 0.0) is False, "nothing left to move"
    assert renderer.motion.shown is None


# --- a step without a photo -----------------------------------------------------------------


def test_a_step_without_a_photo_is_drawn_without_asking_the_photo_cache(fonts, open_screen) -> None:
    screen = open_screen((1280, 720))
    area = usual_photo_area(1280, 720, LANGS)
    photos = CountingPhotos((area.w, area.h))
    renderer = make_renderer(screen, fonts, photos)
    slides = steps(timeline(liberation_events(4)))
    state, _ = player.start((deck(*slides),), PlayerSettings(LANGS, "fr", 60.0), 0.0)
    assert renderer.draw(state, 0.0) is False, "drawn at once: nothing to wait for"
    assert renderer.frames_shown == 1
    while renderer.prepare(state):
        pass
    assert photos.asked == []
    assert photos.failures == [] and photos.unshowable == frozenset()
    assert accent_box(snapshot(screen), (0, 0, 1280, area.bottom))


# --- the map --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_each_place_lands_where_its_coordinates_say(tmp_path, fonts, open_screen, size) -> None:
    renderer = make_renderer(open_screen(size), fonts)
    panel = drome_map(map_png(tmp_path / "drome.png"), liberation_events(), MAP_SIZE)
    slides = steps(panel)
    for step, (_, town) in enumerate(LIBERATION):
        if town is None:
            continue
        image = still(renderer, slides, step)
        left, top, right, bottom = mask_where(image, MAP_GREEN, 6).getbbox()
        x, y = pixel_of(town, MAP_SIZE)
        expected = (left + x * (right - left) / MAP_SIZE[0], top + y * (bottom - top) / MAP_SIZE[1])
        reach = 55 // 2 + 2
        window = (round(expected[0]) - reach, round(expected[1]) - reach,
                  round(expected[0]) + reach + 1, round(expected[1]) + reach + 1)  # fmt: skip
        found = accent_box(image, window)
        centre = ((found[0] + found[2] - 1) / 2, (found[1] + found[3] - 1) / 2)
        assert centre == pytest.approx(expected, abs=3), town.id


def test_a_map_in_high_contrast_and_larger_text_lights_its_place(
    tmp_path, fonts, open_screen
) -> None:
    renderer = make_renderer(open_screen((1080, 1920)), fonts)
    panel = drome_map(map_png(tmp_path / "drome.png"), liberation_events(), MAP_SIZE)
    image = still(renderer, steps(panel), 5, high_contrast=True, larger_text=True)
    left, top, right, bottom = mask_where(image, MAP_GREEN, 6).getbbox()
    assert accent_box(image, (left, top, right, bottom), theme.HIGH_CONTRAST.accent)


# --- taps -----------------------------------------------------------------------------------


def tap(mapper: InputMapper, x: float, y: float, size) -> Command | None:
    width, height = size
    mapper.map_event(finger_event(pygame.FINGERDOWN, x / width, y / height))
    return mapper.map_event(finger_event(pygame.FINGERUP, x / width, y / height))


def white_runs(image: Image.Image, y: int) -> list[float]:
    """The middles of the runs of caption-white pixels along row `y`: the unlit markers."""
    row = mask_where(image.crop((0, y, image.width, y + 1)), theme.STANDARD.caption, 30).tobytes()
    runs, start = [], None
    for x, value in enumerate([*row, 0]):
        if value and start is None:
            start = x
        elif not value and start is not None:
            runs.append((start + x - 1) / 2)
            start = None
    return runs


def test_a_tap_on_a_marker_asks_for_its_step_and_the_buttons_still_win(fonts, open_screen) -> None:
    size = (1920, 1080)
    screen = open_screen(size)
    renderer = make_renderer(screen, fonts)
    slides = steps(timeline(liberation_events()))
    state, _ = player.start((deck(*slides),), PlayerSettings(LANGS, "fr", 60.0), 0.0)
    state, _ = player.handle(state, Command(Action.NEXT, Source.KEY), 0.0)  # step 1 lit
    renderer.draw(state, 0.0)
    mapper = InputMapper(size, renderer.buttons, "ctrl+alt+q", False, lambda: renderer.tap_targets)
    image = snapshot(screen)
    y = axis_row(image, theme.STANDARD.secondary)
    lit = accent_box(image, (0, y - 20, 1920, y + 20))
    assert tap(mapper, (lit[0] + lit[2]) / 2, y, size) == Command(
        Action.SHOW_STEP, Source.TOUCH, step=1
    )
    unlit = white_runs(image, y)
    assert len(unlit) == 7  # the bridge's bar, 25, 27, 28, 30, 31 August, 2 September
    shown = [tap(mapper, x + 10, y + 20, size) for x in unlit]  # off centre, still a fingertip
    assert [command.step for command in shown] == [0, 2, 3, 4, 5, 6, 8]
    assert tap(mapper, 30, 40, size) == Command(Action.PREVIOUS, Source.TOUCH)
    pause = next(b for b in renderer.buttons if b.action is Action.TOGGLE_PAUSE)
    everywhere = InputMapper(size, renderer.buttons, "ctrl+alt+q", False,
                             lambda: ((pause.rect, 3),))  # fmt: skip
    assert tap(everywhere, *button_centre(pause), size).action is Action.TOGGLE_PAUSE


def test_a_photo_slide_and_a_card_have_no_tap_targets(tmp_path, fonts, open_screen) -> None:
    screen = open_screen((1280, 720))
    renderer = make_renderer(screen, fonts)
    slides = steps(timeline(liberation_events(3)))
    photo = tmp_path / "a.jpg"
    Image.new("RGB", (90, 60), PHOTO_RED).save(photo, "JPEG")
    plain = replace(slides[0], id="plain", image=photo, panel=None, step=0)
    wait_for(renderer.photos, photo)
    state, _ = player.start((deck(*slides, plain),), PlayerSettings(LANGS, "fr", 60.0), 0.0)
    renderer.draw(state, 0.0)
    assert len(renderer.tap_targets) == 3
    for _ in range(3):
        state, _ = player.handle(state, Command(Action.NEXT, Source.KEY), 0.0)
    renderer.draw(state, 0.0)
    assert renderer.tap_targets == ()
    state, _ = player.handle(state, Command(Action.NEXT, Source.KEY), 0.0)
    renderer.draw(state, 0.0)
    assert len(renderer.tap_targets) == 3
    renderer._draw_empty("fr")
    assert renderer.tap_targets == ()


# --- the preview ----------------------------------------------------------------------------


def test_preview_draws_every_step_and_waits_for_no_photo(tmp_path) -> None:
    panel = drome_map(map_png(tmp_path / "drome.png"), liberation_events(3), MAP_SIZE)
    the_deck = deck(*steps(timeline(liberation_events(3))), *steps(panel))
    with offscreen():
        previewer = SlidePreviewer(
            replace(Config(exhibition_dir=tmp_path), languages=LANGS), (960, 540)
        )
        try:
            assert previewer.photo(None) is None
            report = DeckPreview("liberation", the_deck.path, the_deck, [])
            files = SlideFiles(tmp_path / "out", ("fr",), len(the_deck.slides))
            previewer.draw_slides(report, the_deck, set(), files, None)
        finally:
            previewer.close()
    assert [path.name for path in report.images] == [
        f"0{n}-{panel_id}-fr.png"
        for n, panel_id in enumerate(["liberation-days"] * 3 + ["liberation-map"] * 3, start=1)
    ]
    assert report.problems == [] and all(tile.tags == () for tile in files.tiles["fr"])
    pixels = Image.open(report.images[4]).convert("RGB")
    assert mask_where(pixels, MAP_GREEN, 6).getbbox() is not None
