"""The real kiosk, run in this process (`kiosk.app.run_show`, fullscreen, with its reloader,
play log and status file), with probes on public seams only: `Renderer.draw`,
`Renderer.prepare`, `Fade.blend`, `pygame.display.flip` and `pygame.display.update` are
wrapped to take times, and the `ShowLoop` that `run_show` builds is caught so a benchmark can
stop it.

Every frame sent to the screen (a whole flip, or an update of the regions a fade changes) is
noted with the slide it is drawn for and that slide's opacity in it: the alpha its frame was
blended at over the old one (0 to 255), or 255 when it was drawn without a blend. A frame of
the new slide at opacity 0 looks like the old slide: `first_showing` skips it.

Import this only in a child process whose SDL environment is already set.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pygame

import kiosk.app
from bench.common import SCREEN
from kiosk.app import RunOptions, ShowLoop, run_show
from kiosk.content.exhibition import load_exhibition
from kiosk.screen.fade import Fade
from kiosk.screen.renderer import Renderer
from kiosk.show import player


@dataclass
class Draw:
    started: float
    ended: float
    moving: bool
    flipped: bool
    flip_seconds: float
    slide: object


@dataclass
class Shown:
    """A frame sent to the screen."""

    at: float
    """When the flip or update returned (perf_counter)."""
    slide: object
    opacity: int
    """The slide's opacity in this frame, in 255ths (255: drawn whole, without a blend)."""
    whole: bool
    """A flip of the whole screen (False: an update of some regions)."""


@dataclass
class Probe:
    """What the wrapped seams saw, in time order."""

    show: ShowLoop | None = None
    draws: list[Draw] = field(default_factory=list)
    flips: list[tuple[float, object]] = field(default_factory=list)
    """(time the flip returned, the slide the frame shows)."""
    shown: list[Shown] = field(default_factory=list)
    """Every frame sent, by flip or by update, in time order."""
    still: threading.Event = field(default_factory=threading.Event)
    """Set while the screen is still and every reachable slide is prepared."""
    started: threading.Event = field(default_factory=threading.Event)
    driver: str = "?"
    still_at: int = -1
    """How many draws there had been when `still` was last set."""
    _drawing: object = None
    _flip_seconds: float = 0.0
    _flipped: bool = False
    _moving: bool = True
    _opacity: int = 255


PROBE = Probe()


def _install() -> None:
    original_draw = Renderer.draw
    original_prepare = Renderer.prepare
    original_flip = pygame.display.flip
    original_update = pygame.display.update
    original_blend = Fade.blend

    def draw(self: Renderer, state: player.PlayerState, now: float) -> bool:
        PROBE._drawing = player.current_slide(state)
        PROBE._opacity = 255
        PROBE._flipped = False
        PROBE._flip_seconds = 0.0
        started = time.perf_counter()
        moving = original_draw(self, state, now)
        ended = time.perf_counter()
        PROBE._moving = moving
        if moving:
            PROBE.still.clear()
        PROBE.draws.append(
            Draw(started, ended, moving, PROBE._flipped, PROBE._flip_seconds, PROBE._drawing)
        )
        return moving

    def prepare(self: Renderer, state: player.PlayerState) -> bool:
        worked = original_prepare(self, state)
        show = PROBE.show
        if not worked and not PROBE._moving and show is not None and not show.photos.busy:
            PROBE.still_at = len(PROBE.draws)
            PROBE.still.set()
        else:
            PROBE.still.clear()
        return worked

    def flip() -> None:
        started = time.perf_counter()
        original_flip()
        ended = time.perf_counter()
        PROBE._flipped = True
        PROBE._flip_seconds += ended - started
        PROBE.flips.append((ended, PROBE._drawing))
        PROBE.shown.append(Shown(ended, PROBE._drawing, PROBE._opacity, True))

    def update(*args: object) -> None:
        # A fade's middle frames are sent by update (only where the slides differ): for the
        # frame-time figure they are frames as much as a flip's.
        started = time.perf_counter()
        original_update(*args)
        ended = time.perf_counter()
        PROBE._flipped = True
        PROBE._flip_seconds += ended - started
        PROBE.shown.append(Shown(ended, PROBE._drawing, PROBE._opacity, False))

    def blend(self: Fade, screen: object, frame: object, progress: float, where: object) -> None:
        PROBE._opacity = round(255 * min(1.0, max(0.0, progress)))  # as Fade.blend sets it
        original_blend(self, screen, frame, progress, where)

    class CaughtShowLoop(ShowLoop):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            PROBE.show = self
            PROBE.driver = pygame.display.get_driver()
            PROBE.started.set()

    Renderer.draw = draw
    Renderer.prepare = prepare
    pygame.display.flip = flip
    pygame.display.update = update
    Fade.blend = blend
    kiosk.app.ShowLoop = CaughtShowLoop


def first_showing(since: int, slide: object) -> Shown | None:
    """The first frame from `PROBE.shown[since]` on in which `slide` can be seen (opacity
    above 0), or None."""
    return next((s for s in PROBE.shown[since:] if s.slide == slide and s.opacity > 0), None)


def first_frame(since: int, slide: object) -> Shown | None:
    """The first frame from `PROBE.shown[since]` on drawn for `slide`, seen or not."""
    return next((s for s in PROBE.shown[since:] if s.slide == slide), None)


def wait_for_showing(since: int, slide: object, limit: float) -> Shown | None:
    """`first_showing(since, slide)` once there is one; None after `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        showing = first_showing(since, slide)
        if showing is not None:
            return showing
        time.sleep(0.002)
    return None


def run(config: Path, exit_after: float) -> str:
    """Play the exhibition at `config` fullscreen at 1920x1080 until stopped."""
    _install()
    exhibition = load_exhibition(config)
    problems = [p for p in exhibition.problems if p.is_error]
    if problems:
        raise SystemExit(f"bench exhibition has errors: {problems[0]}")
    options = RunOptions(
        fullscreen=True,
        size=SCREEN,
        exit_after=exit_after,
        play_log=exhibition.config.play_log_path,
    )
    return run_show(exhibition, options, config)


def stop(reason: str = "bench") -> None:
    if PROBE.show is not None:
        PROBE.show.stop.set(reason)
        PROBE.show.waiter.wake()
