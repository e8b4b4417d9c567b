"""The one loop: events in, player functions, effects out, pixels, then sleep.

The clock (kiosk.clock) is read here and only here; everything else is given the time. The
loop sleeps whenever nothing moves: a still slide is drawn once, and the loop only wakes to
look for input and for the next deadline. SIGTERM and SIGINT end it cleanly between two
iterations.

What the player's effects and a reload do to the rest of the kiosk (sound, play log, status,
caches) is carried out by kiosk.loop_effects, which the loop hands them to.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pygame

from kiosk.clock import ShowClock
from kiosk.content.config import Config
from kiosk.content.exhibition import Exhibition
from kiosk.hall.calendar_keeper import CalendarKeeper
from kiosk.hall.children import stop_child_processes
from kiosk.hall.fault_log import FaultLog
from kiosk.hall.fleet_choice import open_desk
from kiosk.hall.notify import SystemdNotifier
from kiosk.hall.playlog import PlayLog
from kiosk.hall.reload import Reloader
from kiosk.hall.resume import Interrupted
from kiosk.hall.status import OnScreen, StatusFile
from kiosk.hall.stop_flag import StopFlag
from kiosk.hall.untranslated import UntranslatedNotes
from kiosk.loop_effects import apply_effects, take_reload
from kiosk.screen.display import keep_memory_bounded, open_display
from kiosk.screen.display_power import DisplayPower
from kiosk.screen.input_map import ExitRequest
from kiosk.screen.parts import ScreenAssembly
from kiosk.screen.screenshot import grab_screen
from kiosk.screen.waiting import EventWaiter, input_poll_seconds, sleep_seconds
from kiosk.show import player
from kiosk.show.deck import Deck
from kiosk.show.player import Effect
from kiosk.show.player_state import current_deck, current_slide
from kiosk.sound.desk import NarrationDesk
from kiosk.sound.mixer import Mixer
from kiosk.sound.synthesis import BackgroundSynthesis
from kiosk.still_screen import note_screen

log = logging.getLogger(__name__)

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
    resume: Interrupted | None = None
    """Where the last run was when it ended without stopping: this run starts there."""
    start_time: datetime | None = None
    """The wall-clock time the run pretends to start at, to rehearse the calendar."""


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
    notifier = SystemdNotifier.from_environment(os.environ)
    keep_memory_bounded()
    config = exhibition.config
    size = options.size or (None if options.fullscreen else config.window_size)
    screen = open_display(options.fullscreen, size, config.framebuffer_acceleration)
    reloader = None
    if config_path is not None:
        reloader = Reloader(config_path, cli_decks, exhibition, on_result=EventWaiter.wake)
    show = ShowLoop(screen, config, exhibition.decks, options, stop, reloader, notifier)
    show.status.note_problems(exhibition.problems)
    try:
        show.run()
    finally:
        notifier.stopping()
        show.close()
        pygame.display.quit()
        notifier.close()
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
        notifier: SystemdNotifier | None = None,
    ) -> None:
        log.info("showing %d decks on a %dx%d screen", len(decks), *screen.get_size())
        self.options, self.stop = options, stop
        self.notifier = notifier or SystemdNotifier(None)
        self.assembly = ScreenAssembly(config, options.fullscreen, RENDITIONS_DIR)
        self.waiter, self.photos, self.renderer, self.mapper = self.assembly.assemble(screen)
        self.play_log = PlayLog(options.play_log, keep=config.play_log_keep)
        self.untranslated = UntranslatedNotes(config.default_language)
        autoplay = config.narration.loop_narrates(options.narration)
        self.mixer = Mixer(config.narration.volume, open_now=autoplay)
        self.sound_checked = autoplay  # else once the first photo is up: it takes 70 ms
        self.clock = ShowClock(options.speed, options.start_time)
        desk_clock = lambda: self.clock.real_elapsed()  # noqa: E731 (the clock may be swapped)
        self.narration = NarrationDesk(config, self.mixer, self.play_log, clock=desk_clock)
        self.synthesis: BackgroundSynthesis | None = None
        self.waiting_synthesis = (decks, config)  # else once the first photo is up
        if autoplay:
            self.begin_synthesis()
        power = DisplayPower.for_the_display(pygame.display.get_driver(), os.environ)
        self.keeper = CalendarKeeper(config.schedule, decks, power, config.languages)
        self.faults = FaultLog()
        self.reloader = reloader
        self.status = StatusFile(config.status_path if reloader else None)
        self.on_screen = OnScreen()
        self.fleet = open_desk(config, self.play_log, EventWaiter.wake, grab_screen, desk_clock)
        self.start_player(config, decks)
        if reloader is not None:
            reloader.start()

    def start_player(self, config: Config, decks: tuple[Deck, ...]) -> None:
        """The first slide, or the one an interrupted run was showing (if it is still there)."""
        settings = config.player_settings(self.options.narration)
        resume, now = self.options.resume, self.clock.now()
        today, closed = self.keeper.start(self.clock.wall_now())
        at, trigger = None, "start"
        if resume is not None and not closed:
            log.warning("the last run (pid %d) did not stop: resuming where it was", resume.pid)
            at = player.find_slide(today, resume.deck, resume.slide, resume.step)
            trigger = "resume"
        lang = self.options.lang
        started = player.start(today, settings, now, lang, at, trigger, closed=closed)
        self.state, effects = started
        if self.sound_checked:
            self.state = replace(self.state, sound_available=self.mixer.probe())
        self.apply(effects, now)
        self.follow_calendar(now)
        self.note_status()

    def run(self) -> None:
        while not self.stop:
            try:
                self.one_pass()
            except Exception as error:  # the show must go on: log it, breathe, carry on
                self.faults.report(error, self.clock.real_elapsed())
                time.sleep(ERROR_PAUSE_SECONDS)
            elapsed = self.clock.real_elapsed()
            self.faults.tick(elapsed)
            if self.options.exit_after is not None and elapsed >= self.options.exit_after:
                self.stop.set("--exit-after")

    def tell_systemd_the_loop_turns(self) -> None:
        """READY=1 once a frame is on screen, WATCHDOG=1 when due: only once a pass has done
        its work (before it sleeps, so a ping is not held back by the sleep), so a loop stuck
        anywhere, or failing every pass, stops the pings."""
        if self.renderer.frames_shown:
            self.notifier.ready()
        self.notifier.ping_if_due(self.clock.real_elapsed())

    def one_pass(self) -> None:
        now = self.clock.now()
        self.follow_calendar(now)
        for event in pygame.event.get():
            if event.type == pygame.VIDEORESIZE:  # SDL now draws on another surface
                self.photos.close()
                parts = self.assembly.assemble(pygame.display.get_surface())
                self.waiter, self.photos, self.renderer, self.mapper = parts
            outcome = self.mapper.map_event(event)
            if isinstance(outcome, ExitRequest):
                self.stop.set(outcome.reason)
            elif outcome is not None and not self.keeper.ignores_input():
                self.state, produced = player.handle(self.state, outcome, now)
                if self.state.closed:  # the hours, as of now, for the card the touch shows
                    self.renderer.hours_lines = self.keeper.hours_lines(self.clock.wall_now())
                self.apply(produced, now)
        self.note_photos(now)  # before the timer, which must know which slides to skip
        self.state, produced = player.tick(self.state, now)
        self.apply(produced, now)
        self.fleet.serve(self, now)  # staff's remote commands, between two frames
        if self.reloader is not None:
            self.take_reload(now)
        self.narration.poll()
        if not self.state.narration_on:
            self.mixer.suspend()
        if self.state.sound_available and not self.mixer.available:  # the device went away
            self.state = replace(self.state, sound_available=False)
        self.keeper.drive_display(self.state, self.clock.real_elapsed())
        self.note_status()
        self.renderer.highlight(self.spoken_sentence())
        moving = self.renderer.draw(self.state, now)
        note_screen(moving or self.photos.busy)  # background work waits for a still screen
        if not self.sound_checked and self.renderer.frames_shown:
            self.sound_checked = True  # the speaker buttons say whether there is a device
            self.state = replace(self.state, sound_available=self.mixer.probe())
        if self.renderer.frames_shown:
            self.begin_synthesis()
        prepared = False if moving else self.renderer.prepare(self.state)
        self.tell_systemd_the_loop_turns()
        poll = input_poll_seconds(self.state.visitor_present)
        self.waiter.wait(0 if prepared else self.wait_seconds(moving), poll)

    def spoken_sentence(self) -> int | None:
        """The caption sentence the narration is saying, for the renderer to light."""
        deck, slide = current_deck(self.state), current_slide(self.state)
        if deck is None or slide is None or self.state.closed:
            return None
        return self.narration.spoken_sentence(deck, slide, self.state.lang)

    def note_status(self) -> None:
        """Tell the status file what holds now; it writes only what changed, so a language
        switch or a visitor leaving reaches `kiosk status` at once, and a still slide writes
        nothing."""
        self.status.note_showing(self.on_screen.entry(self.state))
        self.status.note_calendar(self.keeper.status())
        self.status.note_narration_failures(self.narration.ledger.failures.listed())
        self.fleet.note_state(self)

    def follow_calendar(self, now: float) -> None:
        """Open, close, quiet hours and today's decks, as the museum's calendar says."""
        self.state, produced = self.keeper.follow(self.state, self.clock.wall_now(), now)
        self.apply(produced, now)

    def note_photos(self, now: float) -> None:
        """Photos that cannot be shown: listed for staff, skipped by the loop when unattended."""
        self.photos.collect()
        self.status.note_photo_failures([(f.path, f.reason) for f in self.photos.failures])
        self.state, produced = player.photos_failed(self.state, self.photos.unshowable, now)
        self.apply(produced, now)

    def wait_seconds(self, moving: bool) -> float:
        """How long to sleep: a frame while something moves, else until input or deadline."""
        deadline = player.next_deadline(self.state, self.clock.now())
        until = None if deadline is None else self.clock.real_seconds_until(deadline)
        calendar = self.keeper.seconds_until_change(self.clock.wall_now())
        if calendar is not None:
            calendar /= self.clock.speed
            until = calendar if until is None else min(until, calendar)
        cue = self.narration.timer.seconds_to_next_cue()  # the highlight's next sentence
        if cue is not None:
            until = cue if until is None else min(until, cue)
        return sleep_seconds(moving, self.narration.playing, until)

    def begin_synthesis(self) -> None:
        """The background synthesis of the decks the run started with, unless it is at work:
        at once when the loop narrates, else after the first photo (planning every slide's
        narration is not for the first photo to wait for) or when a visitor asks first."""
        if self.synthesis is None:
            decks, config = self.waiting_synthesis
            ahead = config.narration.loop_narrates(self.options.narration)
            self.synthesis = BackgroundSynthesis(decks, config, self.narration.ledger, ahead)
            self.synthesis.start()

    def apply(self, effects: list[Effect], now: float) -> None:
        """Carry out the player's effects (kiosk.loop_effects)."""
        apply_effects(self, effects, now)

    def take_reload(self, now: float) -> None:
        """Apply what the reloader loaded (kiosk.loop_effects)."""
        take_reload(self, now)

    def close(self) -> None:
        self.fleet.close()
        self.faults.flush(self.clock.real_elapsed())
        if self.reloader is not None:
            self.reloader.stop()
        self.status.stopped()
        if self.synthesis is not None:
            self.synthesis.stop()
        stop_child_processes()  # a hung speech worker would hold its thread, and the exit
        self.narration.stop()
        self.mixer.close()
        self.play_log.close()
        self.photos.close()
        note_screen(moving=False)  # nothing is left waiting for a screen that is gone
