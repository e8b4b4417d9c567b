"""The one loop, in-process, on the shipped exhibition, with a clock the test moves by hand."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import time
from dataclasses import replace

import pygame
import pytest
from PIL import Image, ImageChops

import kiosk.app
from kiosk.app import RunOptions, ShowLoop, StopFlag
from kiosk.content.exhibition import load_exhibition
from kiosk.screen import waiting
from kiosk.screen.slide_frame import caption_view
from kiosk.show import player, theme
from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
from kiosk.show.layout import controls_left_edge, layout_slide
from kiosk.show.player import LanguageChanged, SlideShown
from tests.helpers import FakeClock, mask_where, post_key, post_tap, snapshot

SIZE = (1280, 720)


@pytest.fixture(scope="module")
def shipped(shipped_copy):
    """The shipped exhibition, run from a copy: the show's renditions and background
    synthesis write beside the copy, never into the checkout."""
    shown = load_exhibition(shipped_copy / "config" / "kiosk.yaml")
    assert not [p for p in shown.problems if p.is_error]
    return shown


@pytest.fixture
def make_show(tmp_path, shipped, fast_sleep):
    """A ShowLoop on the dummy display with a FakeClock; closed after the test."""
    shows = []
    pygame.display.init()

    def factory(
        size=SIZE, lang=None, fullscreen=False, decks=None, config=None
    ) -> tuple[ShowLoop, FakeClock]:
        screen = pygame.display.set_mode(size)
        pygame.event.clear()
        options = RunOptions(
            fullscreen=fullscreen, size=size, lang=lang, play_log=tmp_path / "play.jsonl"
        )
        show = ShowLoop(
            screen,
            config or shipped.config,
            shipped.decks if decks is None else decks,
            options,
            StopFlag(),
        )
        clock = FakeClock()
        show.clock = clock
        shows.append(show)
        return show, clock

    yield factory
    for show in shows:
        show.close()
    pygame.display.quit()


def settle(show: ShowLoop, clock: FakeClock, seconds: float = 10.0) -> None:
    """Run passes until the screen is complete, moving show time on only within the slide."""
    deadline = time.monotonic() + seconds
    while True:
        show.one_pass()
        done = not show.photos.busy and not show.renderer.draw(show.state, clock.t)
        if done:
            return
        assert time.monotonic() < deadline, "the loop never finished drawing the slide"
        clock.t = max(clock.t, min(clock.t + 0.1, show.state.due_at - 0.5))


def log_lines(show: ShowLoop) -> list[dict]:
    path = show.options.play_log
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def bbox_in(mask: Image.Image, box):
    found = mask.crop(box).getbbox()
    if found is None:
        return None
    return (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])


def line_bands(mask: Image.Image, box, shortest: int = 1) -> int:
    """How many separate horizontal bands of set pixels `box` holds, at least `shortest`
    rows tall: lines of text (the accents over a line without tall letters, as in
    "région.", make a thin band of their own, which `shortest` leaves out)."""
    x0, y0, x1, y1 = box
    raw = mask.crop(box).tobytes()
    w, empty = x1 - x0, bytes(x1 - x0)
    rows = [y for y in range(y1 - y0) if raw[y * w : (y + 1) * w] != empty]
    bands: list[int] = []
    for i, y in enumerate(rows):
        if i == 0 or y != rows[i - 1] + 1:
            bands.append(0)
        bands[-1] += 1
    return sum(1 for height in bands if height >= shortest)


def check_screen(show: ShowLoop) -> None:
    """The slide on screen: photo with its own aspect ratio, caption inside the screen. It is
    measured as a visitor sees it, without the attract loop's hint over the photo."""
    deck, slide = player.current_deck(show.state), player.current_slide(show.state)
    renderer = show.renderer
    now = show.clock.now()
    renderer.draw(dataclasses.replace(show.state, last_input_at=now, held=True), now)
    view = caption_view(deck, slide, show.state.lang, "fr")
    has_credit = slide.credit is not None or not view.translated
    layout = layout_slide(
        renderer.width, renderer.height, view.text, has_credit, renderer.buttons,
        renderer.fonts.measure,
    )  # fmt: skip
    image = snapshot()
    w, h = image.size

    photo = ImageChops.invert(mask_where(image, theme.BACKGROUND, 12))
    found = bbox_in(photo, (0, 0, w, layout.panel.y))
    assert found is not None, f"{slide.id}: no photo on screen"
    if slide.panel is None:  # a timeline's or map's step draws its panel there instead
        with Image.open(slide.image) as source:
            source_ratio = source.width / source.height
        shown_ratio = (found[2] - found[0]) / (found[3] - found[1])
        assert shown_ratio == pytest.approx(source_ratio, rel=0.015), slide.id
        area = layout.photo_area
        assert (found[2] - found[0]) >= area.w - 2 or (found[3] - found[1]) >= area.h - 2, slide.id

    ink = mask_where(image, theme.CAPTION, 50)
    # Stand-in photos have light cards, so the caption's ink is looked for below the photo.
    text_zone = (0, layout.photo_area.bottom, controls_left_edge(renderer.buttons), h)
    caption = bbox_in(ink, text_zone)
    assert caption is not None, f"{slide.id}: no caption on screen"
    box = layout.caption_box
    assert box.x - 2 <= caption[0] and caption[2] <= box.right + 2, slide.id
    assert box.y - 2 <= caption[1] and caption[3] <= box.bottom + 2, slide.id
    assert caption[3] < h and layout.panel.bottom <= h, slide.id
    lines = line_bands(ink, (box.x, box.y, box.right, box.bottom), layout.caption.size // 3)
    assert lines == len(layout.caption.lines), slide.id


# --- the exhibition, slide by slide ------------------------------------------------------


def test_every_shipped_slide_shows_its_photo_undistorted_and_its_caption_on_screen(make_show):
    show, clock = make_show()
    order = [(deck.name, slide.id) for deck in show.state.decks for slide in deck.slides]
    seen = []
    for _ in order:
        settle(show, clock)
        seen.append((player.current_deck(show.state).name, player.current_slide(show.state).id))
        check_screen(show)
        clock.t = show.state.due_at  # the timer moves on
    assert seen == order
    records = log_lines(show)
    assert [(r["deck"], r["slide"]) for r in records][: len(order)] == order
    assert records[0]["trigger"] == "start"
    assert {r["trigger"] for r in records[1:]} == {"timer"}


def test_english_slides_at_1080p(make_show):
    show, clock = make_show(size=(1920, 1080), lang="en")
    for _ in range(4):
        settle(show, clock)
        assert show.state.lang == "en"
        check_screen(show)
        clock.t = show.state.due_at
    assert {r["lang"] for r in log_lines(show)} == {"en"}


def test_a_still_slide_keeps_the_loop_asleep_until_its_deadline(make_show, shipped):
    # Without reduced motion, the hint's pulse wakes it twice a second (tests/show/test_presence)
    show, clock = make_show(config=dataclasses.replace(shipped.config, reduced_motion=True))
    settle(show, clock)
    # Whatever the driver, the loop's pass sleeps until the deadline, a few times a second at
    # most so that SIGTERM is seen ...
    assert not show.waiter.blocks  # the dummy driver cannot block on input ...
    assert show.wait_seconds(moving=False) == pytest.approx(waiting.BLOCK_SECONDS)
    clock.t = show.state.due_at - 0.005
    assert show.wait_seconds(moving=False) == pytest.approx(0.005, abs=1e-6)
    assert show.wait_seconds(moving=True) == waiting.FRAME_SECONDS
    # ... so its wait looks for input in between: 12 times a second while nobody is there,
    # 60 times while a visitor is.
    asked: list[tuple[float, float]] = []
    real_waiter = show.waiter
    show.waiter = type(
        "Recording", (), {"blocks": False, "wait": lambda self, s, poll: asked.append((s, poll))}
    )()
    clock.t = show.state.due_at - 1.0
    show.one_pass()
    assert asked[-1] == pytest.approx((waiting.BLOCK_SECONDS, waiting.IDLE_POLL_SECONDS))
    show.state = dataclasses.replace(show.state, last_input_at=clock.t, held=True)
    show.one_pass()
    assert asked[-1][1] == pytest.approx(waiting.INPUT_POLL_SECONDS)
    show.waiter = real_waiter


# --- input through SDL's queue --------------------------------------------------------------


def test_keys_and_taps_drive_the_show_and_reach_the_play_log(make_show):
    show, clock = make_show()
    settle(show, clock)
    first = player.current_slide(show.state)

    clock.t += 1.0
    post_key(pygame.K_RIGHT)
    settle(show, clock)
    assert player.current_slide(show.state) != first
    assert show.state.held  # a visitor is there: the timer no longer turns the page

    clock.t += 1.0
    en = next(b for b in show.renderer.buttons if b.lang == "en")
    post_tap(en.rect.x + en.rect.w / 2, en.rect.y + en.rect.h / 2)
    settle(show, clock)
    assert show.state.lang == "en"
    image = snapshot()
    assert image.getpixel((en.rect.x + 6, en.rect.y + en.rect.h // 2)) == theme.BUTTON_ACTIVE
    check_screen(show)

    clock.t += 1.0
    post_tap(40, 200)  # left third: back to the first slide
    settle(show, clock)
    assert player.current_slide(show.state) == first

    records = log_lines(show)
    assert [(r["event"], r["trigger"], r["lang"]) for r in records] == [
        ("slide", "start", "fr"),
        ("slide", "key", "fr"),
        ("language", "touch", "en"),
        ("slide", "touch", "en"),
    ]
    # Nobody touches it for idle_timeout: back to the loop, in French, at the next slide.
    clock.t = show.state.last_input_at + show.state.settings.idle_timeout
    show.one_pass()
    assert show.state.lang == "fr" and not show.state.held
    last = log_lines(show)[-1]
    assert (last["event"], last["trigger"], last["lang"]) == ("slide", "idle", "fr")


@pytest.mark.parametrize("fullscreen", [False, True])
def test_staff_combination_stops_the_loop(make_show, fullscreen):
    show, clock = make_show(fullscreen=fullscreen)
    settle(show, clock)
    post_key(pygame.K_q, pygame.KMOD_LCTRL | pygame.KMOD_LALT)
    show.one_pass()
    assert show.stop
    assert show.stop.reason == "staff combination"


def test_closing_the_window_stops_only_a_windowed_show(make_show):
    show, clock = make_show(fullscreen=True)
    settle(show, clock)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    post_key(pygame.K_ESCAPE)
    show.one_pass()
    assert not show.stop

    windowed, clock = make_show(fullscreen=False)
    settle(windowed, clock)
    post_key(pygame.K_ESCAPE)
    windowed.one_pass()
    assert windowed.stop


# --- the loop itself ------------------------------------------------------------------------


def test_run_stops_after_exit_after_seconds(tmp_path, shipped, fast_sleep):
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((640, 480))
        options = RunOptions(
            fullscreen=False, size=(640, 480), exit_after=0.3, play_log=tmp_path / "p.jsonl"
        )
        stop = StopFlag()
        show = ShowLoop(screen, shipped.config, shipped.decks, options, stop)
        started = time.monotonic()
        show.run()
        show.close()
        assert time.monotonic() - started < 3.0
        assert stop.reason == "--exit-after"
    finally:
        pygame.display.quit()


def test_an_unexpected_error_is_logged_and_the_show_goes_on(
    tmp_path, shipped, fast_sleep, monkeypatch, caplog
):
    monkeypatch.setattr(kiosk.app, "ERROR_PAUSE_SECONDS", 0.01)
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((640, 480))
        options = RunOptions(
            fullscreen=False, size=(640, 480), exit_after=0.5, play_log=tmp_path / "p.jsonl"
        )
        show = ShowLoop(screen, shipped.config, shipped.decks, options, StopFlag())
        real_draw = show.renderer.draw
        calls = {"n": 0}

        def flaky_draw(state, now):
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("boom")
            return real_draw(state, now)

        show.renderer.draw = flaky_draw
        with caplog.at_level(logging.ERROR, logger="kiosk.app"):
            show.run()
        show.close()
        assert calls["n"] > 3  # it went on drawing after the error
        assert any("unexpected error" in r.getMessage() for r in caplog.records)
        assert show.stop.reason == "--exit-after"
    finally:
        pygame.display.quit()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signals_set_the_stop_flag(signum):
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        stop = StopFlag()
        stop.install_signal_handlers()
        assert not stop
        os.kill(os.getpid(), signum)
        deadline = time.monotonic() + 2
        while not stop and time.monotonic() < deadline:
            time.sleep(0.001)
        assert stop.reason == signal.Signals(signum).name
        stop.set("later reason")
        assert stop.reason == signal.Signals(signum).name  # the first reason stays
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


@pytest.mark.parametrize(
    ("titled", "ink_colour"), [(True, theme.TITLE), (False, theme.CAPTION)], ids=["title", "none"]
)
def test_empty_exhibition_shows_its_title_or_the_waiting_screen(
    make_show, shipped, titled, ink_colour
):
    config = shipped.config if titled else replace(shipped.config, title=None)
    show, _ = make_show(decks=(), config=config)
    for _ in range(3):
        show.one_pass()
    image = snapshot()
    ink = mask_where(image, ink_colour, 30).getbbox()
    assert ink is not None
    assert abs((ink[0] + ink[2]) / 2 - SIZE[0] / 2) < 4
    post_key(pygame.K_RIGHT)
    show.one_pass()  # keys on an empty show change nothing, raise nothing
    assert not show.stop


# --- effects --------------------------------------------------------------------------------


def test_untranslated_caption_is_noted_once_for_staff(tmp_path, make_show, caplog):
    slide = Slide(
        id="only-fr",
        image=tmp_path / "x.jpg",
        caption=LocalizedText((("fr", "Seulement en français"),)),
        credit=None,
        duration=10.0,
        transition="crossfade",
        where=Mark("deck.yaml", 7, 5),
    )
    deck = Deck(tmp_path / "deck.yaml", LocalizedText.same_everywhere("Deck"), (slide,))
    show, _ = make_show(decks=(deck,))  # starts on it in French: nothing to note
    with caplog.at_level(logging.WARNING, logger="kiosk.hall.untranslated"):
        show.apply([LanguageChanged(deck, slide, "en", "touch")], 1.0)
        show.apply([SlideShown(deck, slide, "en", "touch")] * 3, 2.0)
        show.apply([SlideShown(deck, slide, "fr", "timer")], 3.0)
    warnings = [r.getMessage() for r in caplog.records if r.name == "kiosk.hall.untranslated"]
    assert len(warnings) == 1
    assert "deck.yaml:7:5" in warnings[0] and "only-fr" in warnings[0] and "'en'" in warnings[0]
    assert [line["event"] for line in log_lines(show)] == ["slide", "language", *["slide"] * 4]


# --- a fault that stays ---------------------------------------------------------------------


class SteppedClock(FakeClock):
    """A FakeClock whose real time the test moves too, as the loop's fault log reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.real = 0.0

    def real_elapsed(self) -> float:
        return self.real


def test_a_repeating_error_is_logged_in_full_once_then_only_counted(make_show, monkeypatch, caplog):
    """400 failing passes two seconds apart (13 minutes) log one traceback and two counts,
    not 400 tracebacks; a new error is logged in full at once."""
    monkeypatch.setattr(kiosk.app, "ERROR_PAUSE_SECONDS", 0.0)
    show, _ = make_show()
    clock = show.clock = SteppedClock()
    passes = {"n": 0}

    def faulty_draw(state, now):
        passes["n"] += 1
        clock.real += 2.0
        if passes["n"] <= 400:  # the message changes, the place in the code does not
            raise RuntimeError(f"photo {passes['n']} vanished")
        if passes["n"] == 401:
            raise KeyError("a new fault")
        show.stop.set("test over")
        return False

    show.renderer.draw = faulty_draw
    with caplog.at_level(logging.ERROR, logger="kiosk.hall.fault_log"):
        show.run()
    errors = [r for r in caplog.records if r.name == "kiosk.hall.fault_log"]
    in_full = [r for r in errors if r.exc_info]
    assert [type(r.exc_info[1]) for r in in_full] == [RuntimeError, KeyError]
    assert "photo 1 vanished" in str(in_full[0].exc_info[1])
    assert all("unexpected error" in r.getMessage() for r in in_full)
    counted = [r.getMessage() for r in errors if not r.exc_info]
    assert (
        counted
        == ["the same error again, 150 times in the last 5 minutes: RuntimeError: photo 1 vanished"]
        * 2
    )
    assert errors[-1] is in_full[1]  # the new error did not wait for a count


def test_a_slide_without_the_visitors_language_shows_the_default_one_not_the_first(
    make_show, shipped, tmp_path, caplog
):
    """Languages [en, fr, de], default fr, a slide written in en then fr, a visitor reading
    German: the screen is what a French-only slide shows, and staff read that French is shown."""
    config = dataclasses.replace(  # exhibition_dir: photo renditions are kept in tmp_path
        shipped.config, languages=("en", "fr", "de"), default_language="fr", exhibition_dir=tmp_path
    )
    photo = tmp_path / "pont.jpg"
    Image.new("RGB", (800, 600), (30, 50, 200)).save(photo)
    written = (("en", "The Livron bridge, blown up."), ("fr", "Le pont de Livron, détruit."))

    def screen_for(caption: tuple[tuple[str, str], ...], name: str) -> Image.Image:
        slide = Slide(
            id="pont",
            image=photo,
            caption=LocalizedText(caption),
            credit=None,
            duration=60.0,
            transition="cut",
            where=Mark(f"{name}.yaml", 3, 5),
        )
        deck = Deck(tmp_path / f"{name}.yaml", LocalizedText.same_everywhere("Livron"), (slide,))
        show, clock = make_show(lang="de", decks=(deck,), config=config)
        settle(show, clock)
        assert show.state.lang == "de"
        return snapshot()

    with caplog.at_level(logging.WARNING, logger="kiosk.hall.untranslated"):
        shown = screen_for(written, "both")
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.hall.untranslated"] == [
        "both.yaml:3:5: slide 'pont' has no 'de' caption; showing 'fr'"
    ]
    assert ImageChops.difference(shown, screen_for(written[1:], "french")).getbbox() is None
    assert ImageChops.difference(shown, screen_for(written[:1], "english")).getbbox() is not None


def test_the_play_log_keeps_as_many_old_files_as_the_config_says(make_show, shipped) -> None:
    show, _ = make_show(config=dataclasses.replace(shipped.config, play_log_keep=3))
    assert show.play_log.keep == 3


def test_a_window_the_compositor_resizes_is_drawn_again_at_its_new_size(make_show, shipped):
    """cage maximises a window, a new monitor brings another mode: SDL then draws on a new
    display surface, and the kiosk must draw there (drawing on the old one crashed it)."""
    show, clock = make_show(size=(640, 360))
    settle(show, clock)
    pygame.display.set_mode((800, 450))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 450), w=800, h=450))
    settle(show, clock)  # the new parts decode the photo again, at the new size
    assert show.renderer.screen is pygame.display.get_surface()
    assert (show.mapper.width, show.mapper.height) == (800, 450)
    panel = snapshot().crop((0, 400, 500, 450))
    assert theme.PANEL in [colour for _, colour in panel.getcolors(1 << 16)]


def test_without_autoplay_no_narration_is_made_until_a_visitor_asks(make_show, shipped, tmp_path):
    """The first day of a loop that does not narrate by itself costs no speech synthesis;
    the speaker button starts it, the slide on screen first."""
    narration = dataclasses.replace(shipped.config.narration, cache_dir=tmp_path / "narration")
    config = dataclasses.replace(shipped.config, narration=narration, reduced_motion=True)
    assert not config.narration.loop_narrates()
    show, clock = make_show(config=config)
    settle(show, clock)
    time.sleep(3.0)  # the old kiosk had made a dozen files by now
    assert list((tmp_path / "narration").glob("*.wav")) == []
    post_key(pygame.K_n)  # a visitor turns narration on
    deadline = time.monotonic() + 30
    while not list((tmp_path / "narration").glob("*.wav")) and time.monotonic() < deadline:
        show.one_pass()
        time.sleep(0.05)
    assert list((tmp_path / "narration").glob("*.wav"))


def test_without_autoplay_the_sound_device_is_looked_for_once_the_first_photo_is_up(
    make_show, monkeypatch
):
    """Opening and closing the device to see whether there is one takes about 70 ms: not
    before the first photo."""
    asked_at: list[int] = []
    real_probe = kiosk.app.Mixer.probe

    def probe(mixer):
        asked_at.append(shown.renderer.frames_shown if shown else -1)
        return real_probe(mixer)

    shown = None
    monkeypatch.setattr(kiosk.app.Mixer, "probe", probe)
    shown, clock = make_show()
    assert asked_at == []
    settle(shown, clock)
    assert len(asked_at) == 1 and asked_at[0] >= 1


def test_without_autoplay_the_narration_is_planned_once_the_first_photo_is_up(
    make_show, monkeypatch
):
    """Planning every slide's narration (its spoken numbers, its cache file) is for the
    background synthesis, not for the first photo to wait for."""
    made_at: list[int] = []
    real_synthesis = kiosk.app.BackgroundSynthesis

    def synthesis(*args, **kwargs):
        made_at.append(shown.renderer.frames_shown if shown else -1)
        return real_synthesis(*args, **kwargs)

    shown = None
    monkeypatch.setattr(kiosk.app, "BackgroundSynthesis", synthesis)
    shown, clock = make_show()
    assert made_at == []
    settle(shown, clock)
    assert len(made_at) == 1 and made_at[0] >= 1


def test_a_visitor_asking_for_narration_before_the_first_photo_gets_it_made(
    make_show, shipped, tmp_path
):
    narration = dataclasses.replace(shipped.config.narration, cache_dir=tmp_path / "narration")
    config = dataclasses.replace(shipped.config, narration=narration, reduced_motion=True)
    show, _clock = make_show(config=config)
    post_key(pygame.K_n)  # before the first pass has drawn anything
    deadline = time.monotonic() + 30
    while not list((tmp_path / "narration").glob("*.wav")) and time.monotonic() < deadline:
        show.one_pass()
        time.sleep(0.05)
    assert list((tmp_path / "narration").glob("*.wav"))
