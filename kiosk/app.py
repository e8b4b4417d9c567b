"""The one loop: events in, player functions, effects out, pixels, then sleep.

The show clock is read here and only here; everything else is given `now`. The loop sleeps
whenever nothing moves: a still slide is drawn once, and the loop only wakes to look for input
and for the next deadline. SIGTERM and SIGINT end it cleanly between two iterations.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType

import pygame

from kiosk.content.config import Config
from kiosk.content.exhibition import Exhibition
from kiosk.hall.playlog import EffectRunner, PlayLog
from kiosk.hall.reload import Reloader
from kiosk.hall.status import StatusFile
from kiosk.screen.display import keep_memory_bounded, open_display
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache
from kiosk.screen.input_map import ExitRequest, InputMapper
from kiosk.screen.renderer import Renderer
from kiosk.screen.renditions import Renditions
from kiosk.screen.waiting import EventWaiter
from kiosk.show import player
from kiosk.show.deck import Deck
from kiosk.show.layout import usual_photo_area
from kiosk.show.player import (
    Effect,
    PauseSpeech,
    PlayerSettings,
    ResumeSpeech,
    SetVolume,
    SlideShown,
    Speak,
    StopSpeech,
)
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.mixer import Mixer
from kiosk.sound.synthesis import BackgroundSynthesis

log = logging.getLogger(__name__)

# A crossfade runs at 30 frames a second: each frame blends two full screens (about 3 ms
# here), and at 60 a show of 5 s slides spent most of its CPU fading.
FRAME_SECONDS = 1 / 30
# Where SDL can block until input (see kiosk.screen.waiting), a still screen sleeps until input, a
# deadline, or at most BLOCK_SECONDS (so SIGTERM is seen promptly: Python runs its handler
# only between two calls). Elsewhere it wakes to look for input: at 60 Hz while a visitor is
# there, so taps answer within a frame; at 30 Hz in the unattended loop, which halves that
# cost, and a first touch waits at most 33 ms.
BLOCK_SECONDS = 0.25
SPEAKING_POLL_SECONDS = 0.05  # to log a narration's end promptly
INPUT_POLL_SECONDS = 1 / 60
IDLE_POLL_SECONDS = 1 / 30
ERROR_PAUSE_SECONDS = 0.5
RENDITIONS_DIR = Path("cache/renditions")


@dataclass(frozen=True)
class RunOptions:
    fullscreen: bool
    size: tuple[int, int] | None
    lang: str | None = None
    speed: float = 1.0
    exit_after: float | None = None
    play_log: Path | None = None
    narration: bool | None = None
    """Overrides the config's narration autoplay for this run when not None."""


class ShowClock:
    """Show time in seconds since launch, running `speed` times faster than real time."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self._start = time.monotonic()

    def now(self) -> float:
        return (time.monotonic() - self._start) * self.speed

    def real_elapsed(self) -> float:
        return time.monotonic() - self._start

    def real_seconds_until(self, show_time: float) -> float:
        return max(0.0, (show_time - self.now()) / self.speed)


class StopFlag:
    """Set by SIGTERM, SIGINT or the staff combination; the loop checks it every pass."""

    def __init__(self) -> None:
        self.reason: str | None = None

    def set(self, reason: str) -> None:
        self.reason = self.reason or reason

    def __bool__(self) -> bool:
        return self.reason is not None

    def install_signal_handlers(self) -> None:
        def on_signal(signum: int, frame: FrameType | None) -> None:
            self.set(signal.Signals(signum).name)

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)


def player_settings(config: Config, options: RunOptions) -> PlayerSettings:
    autoplay = config.narration.loop_narrates(options.narration)
    return PlayerSettings(
        config.languages,
        config.default_language,
        config.idle_timeout,
        narration_autoplay=autoplay,
        settle_seconds=config.transition_seconds,
        narration_pause=config.narration.pause_after,
        volume=config.narration.volume,
    )


def run_show(
    exhibition: Exhibition,
    options: RunOptions,
    config_path: Path | None = None,
    cli_decks: tuple[Path, ...] = (),
) -> str:
    """Play until stopped and return why it stopped. Raises DisplayUnavailable at once.

    With `config_path`, saved changes to the config, decks and photos are picked up live."""
    stop = StopFlag()
    stop.install_signal_handlers()  # first, so a SIGTERM during start-up still ends cleanly
    keep_memory_bounded()
    config = exhibition.config
    size = options.size or (None if options.fullscreen else config.window_size)
    screen = open_display(options.fullscreen, size, config.framebuffer_acceleration)
    reloader = None
    if config_path is not None:
        reloader = Reloader(config_path, cli_decks, exhibition, on_result=EventWaiter.wake)
    show = ShowLoop(screen, config, exhibition.decks, options, stop, reloader)
    show.status.update(problems=[str(problem) for problem in exhibition.problems])
    try:
        show.run()
    finally:
        show.close()
        pygame.display.quit()
    return stop.reason or "stopped"


class ShowLoop:
    """The wiring of one run: player state, clock, input, renderer and effects."""

    def __init__(
        self,
        screen: pygame.Surface,
        config: Config,
        decks: tuple[Deck, ...],
        options: RunOptions,
        stop: StopFlag,
        reloader: Reloader | None = None,
    ) -> None:
        width, height = screen.get_size()
        log.info("showing %d decks on a %dx%d screen", len(decks), width, height)
        area = usual_photo_area(width, height, config.languages)
        self.waiter = EventWaiter()
        renditions = Renditions(config.resolve(RENDITIONS_DIR))
        self.photos = PhotoCache((area.w, area.h), on_ready=self.waiter.wake, renditions=renditions)
        threading.Thread(target=renditions.prune, name="prune-renditions", daemon=True).start()
        self.renderer = Renderer(
            screen,
            Fonts(),
            self.photos,
            config.languages,
            config.default_language,
            config.transition_seconds,
        )
        self.mapper = InputMapper(
            (width, height), self.renderer.buttons, config.staff_exit, not options.fullscreen
        )
        self.play_log = PlayLog(options.play_log)
        self.effects = EffectRunner(self.play_log, config.default_language)
        autoplay = config.narration.loop_narrates(options.narration)
        self.mixer = Mixer(config.narration.volume, open_now=autoplay)
        self.narration = NarrationDesk(config, self.mixer, self.play_log)
        self.synthesis = BackgroundSynthesis(decks, config)
        self.synthesis.start()
        self.options = options
        self.stop = stop
        self.clock = ShowClock(options.speed)
        self.reloader = reloader
        self.status = StatusFile(config.status_path if reloader else None)
        settings = player_settings(config, options)
        self.state, started = player.start(decks, settings, self.clock.now(), options.lang)
        self.apply(started, self.clock.now())
        if reloader is not None:
            reloader.start()

    def run(self) -> None:
        while not self.stop:
            try:
                self.one_pass()
            except Exception:  # the show must go on: log it, breathe, carry on
                log.exception("unexpected error in the display loop; carrying on")
                time.sleep(ERROR_PAUSE_SECONDS)
            exit_after = self.options.exit_after
            if exit_after is not None and self.clock.real_elapsed() >= exit_after:
                self.stop.set("--exit-after")

    def one_pass(self) -> None:
        now = self.clock.now()
        for event in pygame.event.get():
            outcome = self.mapper.map_event(event)
            if isinstance(outcome, ExitRequest):
                self.stop.set(outcome.reason)
            elif outcome is not None:
                self.state, produced = player.handle(self.state, outcome, now)
                self.apply(produced, now)
        self.state, produced = player.tick(self.state, now)
        self.apply(produced, now)
        if self.reloader is not None:
            self.take_reload(now)
        self.narration.poll()
        if not self.state.narration_on:
            self.mixer.suspend()
        self.photos.collect()
        moving = self.renderer.draw(self.state, now)
        prepared = False if moving else self.renderer.prepare(self.state)
        self.waiter.wait(0 if prepared else self.wait_seconds(moving))

    def wait_seconds(self, moving: bool) -> float:
        """How long to sleep: a frame while something moves, else until input or deadline."""
        if moving:
            return FRAME_SECONDS
        if self.narration.playing:
            poll = SPEAKING_POLL_SECONDS
        elif self.waiter.blocks:
            poll = BLOCK_SECONDS
        else:
            poll = INPUT_POLL_SECONDS if self.state.visitor_present else IDLE_POLL_SECONDS
        deadline = player.next_deadline(self.state)
        if deadline is None:
            return poll
        return min(poll, self.clock.real_seconds_until(deadline))

    def apply(self, effects: list[Effect], now: float) -> None:
        """Carry out the player's effects: sound here, the log and notes in EffectRunner."""
        for effect in effects:
            match effect:
                case Speak(deck=deck, slide=slide, lang=lang):
                    seconds = self.narration.speak(deck, slide, lang)
                    if seconds is not None:
                        self.state = player.narration_began(self.state, seconds, now)
                case StopSpeech():
                    self.narration.stop()
                case PauseSpeech():
                    self.mixer.pause()
                case ResumeSpeech():
                    self.mixer.resume()
                case SetVolume(volume=volume):
                    self.mixer.set_volume(volume)
                case SlideShown(deck=deck, slide=slide, lang=lang, trigger=trigger):
                    if self.state.narration_on:
                        self.narration.prepare(deck, slide, lang)
                    self.effects.run([effect])
                    showing = {"deck": deck.name, "slide": slide.id, "lang": lang}
                    self.status.update(showing={**showing, "trigger": trigger})
                case _:
                    self.effects.run([effect])

    def take_reload(self, now: float) -> None:
        """Apply what the reloader loaded: photos re-read, decks swapped when it is safe."""
        assert self.reloader is not None
        result = self.reloader.take()
        if result is None:
            return
        for path in result.changed_media:
            self.photos.forget(path)
            self.mixer.forget(path)
            self.renderer.forget_photo(path, redraw=not self.state.visitor_present)
        for outcome in result.outcomes:
            record = {"file": str(outcome.path), "result": outcome.result}
            self.play_log.record({"event": "reload", **record, "problems": len(outcome.problems)})
            self.status.note_reload(record)
            level = logging.INFO if outcome.result == "applied" else logging.ERROR
            log.log(level, "reload %s: %s", outcome.result, outcome.path)
            for problem in outcome.problems:
                log.log(level, "%s", problem)
        settings = player_settings(result.config, self.options)
        if settings.languages == self.state.settings.languages:
            self.state = replace(self.state, settings=settings)
        else:
            log.warning("the languages changed in the config: restart the kiosk to apply that")
        self.state, produced = player.replace_decks(self.state, result.decks, now)
        self.apply(produced, now)
        self.synthesis.stop()
        self.synthesis = BackgroundSynthesis(result.decks, result.config)
        self.synthesis.start()
        self.status.update(problems=[str(problem) for problem in result.problems])

    def close(self) -> None:
        if self.reloader is not None:
            self.reloader.stop()
        self.status.stopped()
        self.synthesis.stop()
        self.narration.stop()
        self.mixer.close()
        self.play_log.close()
        self.photos.close()
