"""Ken Burns frame time at 1920x1080, beside the crossfade's, measured in one process.

One `Renderer.draw` call that shows a new view is one frame: the pan and zoom of a slide
whose photo (a 4000x3000 scan, decoded by the kiosk's own PhotoCache) runs from the whole
photo to a 1.25 zoom (what `motion: auto` does), then the crossfade to the next slide, timed
the same way. Frames are drawn at the kiosk's 30 fps with the clock given to `draw`, so the
figures are the drawing's cost, not the sleep's. The dummy driver runs here; with --xvfb the
same child runs again on a private Xvfb (bench.common.Xvfb).

    python -m bench.kenburns [--frames 300] [--xvfb]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

FRAME_SECONDS = 1 / 30


def _photo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (4000, 3000), (90, 80, 60))
    draw = ImageDraw.Draw(image)
    for i in range(0, 4000, 50):
        draw.line([(i, 0), (4000 - i, 3000)], fill=(i % 255, 120, 200 - i % 200), width=9)
    image.save(path, "JPEG", quality=90)
    return path


def child(frames: int) -> dict:
    import pygame

    from kiosk.screen.fonts import Fonts
    from kiosk.screen.images import PhotoCache
    from kiosk.screen.renderer import Renderer
    from kiosk.show import player
    from kiosk.show.deck import Deck, LocalizedText, Mark, Slide
    from kiosk.show.layout import usual_photo_area
    from kiosk.show.motion import auto_motion
    from kiosk.show.player import PlayerSettings

    pygame.display.init()
    screen = pygame.display.set_mode((1920, 1080))
    langs = ("fr", "en")
    fonts = Fonts()
    area = usual_photo_area(1920, 1080, langs)
    renderer = Renderer(screen, fonts, PhotoCache((area.w, area.h)), langs, "fr", 1.0)
    folder = Path(tempfile.mkdtemp(prefix="kenburns-"))
    duration = frames * FRAME_SECONDS
    slides = tuple(
        Slide(
            name,
            _photo(folder / f"{name}.jpg"),
            LocalizedText.same_everywhere("Le 12 septembre 1944, la 2e DB entre dans la ville."),
            None,
            duration,
            "crossfade",
            Mark("bench.yaml"),
            motion=auto_motion((0.3, 0.4)),
        )
        for name in ("one", "two")
    )
    deck = Deck(Path("bench.yaml"), LocalizedText.same_everywhere("Bench"), slides)
    state, _ = player.start((deck,), PlayerSettings(langs, "fr", 60.0), 0.0, None)
    state = replace(state, last_input_at=0.0)
    for image in (s.image for s in slides):
        while renderer.photos.get(image) is None:
            time.sleep(0.01)
    now, motion, fade = 0.0, [], []
    renderer.draw(state, now)
    while True:
        now += FRAME_SECONDS
        started = time.perf_counter()
        more = renderer.draw(state, now)
        motion.append(time.perf_counter() - started)
        if not more:
            break
    while renderer.prepare(state):
        pass
    state, _ = player.handle(state, _next(), now)
    while True:
        started = time.perf_counter()
        more = renderer.draw(state, now)
        fade.append(time.perf_counter() - started)
        now += FRAME_SECONDS
        if renderer._fade is None:  # the fade is over; what follows is the next motion
            break
    return {"driver": pygame.display.get_driver(), "motion": motion, "crossfade": fade}


def _next():
    from kiosk.show.commands import Action, Command, Source

    return Command(Action.NEXT, Source.TOUCH)


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--xvfb", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.frames)))
        return
    runs = [("dummy", {"SDL_VIDEODRIVER": "dummy"})]
    if args.xvfb:
        from bench.common import Xvfb

        xvfb = Xvfb().__enter__()
        env = {
            "SDL_VIDEODRIVER": "x11",
            "DISPLAY": xvfb.display,
            "SDL_FRAMEBUFFER_ACCELERATION": "0",
        }
        runs.append(("xvfb, SDL_FRAMEBUFFER_ACCELERATION=0 (the kiosk's default)", env))
    try:
        for name, extra in runs:
            env = {**os.environ, "SDL_AUDIODRIVER": "dummy", **extra}
            command = [sys.executable, "-m", "bench.kenburns", "--child", "--frames"]
            out = subprocess.run(
                [*command, str(args.frames)], env=env, capture_output=True, text=True, check=True
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            print(
                f"{name}: Ken Burns ({len(result['motion'])} frames) {_summary(result['motion'])}"
            )
            print(
                f"{name}: crossfade ({len(result['crossfade'])} frames) "
                f"{_summary(result['crossfade'])}"
            )
    finally:
        if args.xvfb:
            xvfb.__exit__(None, None, None)


if __name__ == "__main__":
    main()
