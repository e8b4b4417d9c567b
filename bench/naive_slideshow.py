"""A naive pygame slideshow, for comparison: at each slide it loads the photo with pygame and
smoothscales it to fit the screen, and it redraws the whole screen at 60 frames a second.

    python bench/naive_slideshow.py --delay 5 PHOTO...
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame


def fitted(photo: pygame.Surface, screen: pygame.Surface) -> tuple[pygame.Surface, tuple]:
    sw, sh = screen.get_size()
    pw, ph = photo.get_size()
    scale = min(sw / pw, sh / ph)
    size = (max(1, round(pw * scale)), max(1, round(ph * scale)))
    scaled = pygame.transform.smoothscale(photo.convert(), size)
    return scaled, ((sw - size[0]) // 2, (sh - size[1]) // 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("photos", nargs="+")
    args = parser.parse_args()
    pygame.display.init()
    screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    clock = pygame.time.Clock()
    index, shown_at, slide = -1, 0.0, None
    while True:
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
            ):
                return
        now = pygame.time.get_ticks() / 1000
        if slide is None or now - shown_at >= args.delay:
            index = (index + 1) % len(args.photos)
            slide = fitted(pygame.image.load(args.photos[index]), screen)
            shown_at = now
        screen.fill((0, 0, 0))
        screen.blit(*slide)
        pygame.display.flip()
        clock.tick(60)


if __name__ == "__main__":
    main()
