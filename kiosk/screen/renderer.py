"""From player state and time to pixels.

Each slide is composed once per language into a screen-sized frame (photo, caption, title,
position, credit: see kiosk.screen.slide_frame); a crossfade is then only two blits a frame,
and a still slide costs nothing at all, because `draw` does no work when nothing on screen has
changed. Frames for the slides a visitor can reach next are composed ahead, while the screen
is still.

Over the 300 lines the house aims for (384): the fade, the moving photo, the lit sentence,
the overlays and the whole-screen cards all share the bookkeeping of what is on screen
(`_shown_key`, `_drawn_state`, `_controls_drawn`). The seam to cut next is the cards (title,
closed hours) into a painter of their own in kiosk.screen.cards, with that bookkeeping.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame

from kiosk.screen.buttons import ControlsState, draw_button, draw_controls
from kiosk.screen.cards import (
    draw_hint,
    draw_hours_card,
    draw_message_card,
    draw_notice,
    draw_title_card,
)
from kiosk.screen.fade import Fade, changed_rects
from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoCache, PhotoFailure
from kiosk.screen.motion_frames import PhotoMotion
from kiosk.screen.slide_frame import FrameKey, SlideComposer
from kiosk.show import presence, theme
from kiosk.show.deck import Deck, LocalizedText, Slide
from kiosk.show.layout import ScreenSpec, TypeSizes, controls
from kiosk.show.panel_layout import TapTargets
from kiosk.show.player_state import PlayerState, current_deck, current_slide, upcoming

MAX_FRAMES = 3  # the slide on screen, the next and the previous: 8 MB each at 1080p


class Renderer:
    def __init__(
        self,
        screen: pygame.Surface,
        fonts: Fonts,
        photos: PhotoCache,
        languages: tuple[str, ...],
        default_language: str,
        transition_seconds: float,
        title: LocalizedText | None = None,
        spec: ScreenSpec | None = None,
    ) -> None:
        self.screen = screen
        self.title = title
        self.default_language = default_language
        self.hours_lines: dict[str, tuple[str, ...]] = {}
        """What a touch while closed shows, by language: set by the app from the calendar."""
        self.fonts = fonts
        self.photos = photos
        self.transition_seconds = transition_seconds
        self.width, self.height = screen.get_size()
        self.spec = spec or ScreenSpec()
        """The physical screen: how small text and buttons may be on it."""
        self.sizes = TypeSizes.for_screen(self.height, self.width, self.spec)
        self.buttons = controls(self.width, self.height, languages, self.spec, fonts.measure_bold)
        self.composer = SlideComposer(
            screen, fonts, self.sizes, self.buttons, default_language, self.spec
        )
        self._frames: OrderedDict[FrameKey, pygame.Surface] = OrderedDict()
        self._awaited: FrameKey | None = None
        self._targets: dict[FrameKey, TapTargets] = {}
        self.tap_targets: TapTargets = ()
        """Where a tap on the frame on screen shows a timeline's or a map's event."""
        self.spoken: int | None = None
        """The caption sentence being spoken, drawn brighter: set by the app (`highlight`)."""
        self._lit: tuple[FrameKey, pygame.Surface] | None = None
        self._shown_key: FrameKey | None = None
        self._shown_frame: pygame.Surface | None = None
        self._fade: Fade | None = None
        self.motion = PhotoMotion()
        """The Ken Burns pan and zoom of the photo on screen (kiosk.screen.motion_frames)."""
        self._controls_drawn: ControlsState | None = None
        self._card_drawn: tuple[object, ...] | None = None
        self._overlay_drawn: presence.Overlay | None = None
        self._overlay_rect = pygame.Rect(0, 0, 0, 0)
        self._prepared_for: PlayerState | None = None
        self._drawn_state: PlayerState | None = None
        self.frames_shown = 0
        """Frames flipped onto the screen so far: the show is up once there is one."""

    def highlight(self, spoken: int | None) -> None:
        """Show sentence `spoken` of the caption on screen brighter (None: none)."""
        if spoken != self.spoken:
            self.spoken, self._drawn_state = spoken, None

    def draw(self, state: PlayerState, now: float) -> bool:
        """Bring the screen up to date; True while it still needs frames (fading,
        loading, a photo moving)."""
        over = None if state.closed else presence.overlay(state, now)
        if state is self._drawn_state and self._fade is None and over == self._overlay_drawn:
            return False  # the player returns the very same state while nothing changes
        if state.closed:
            return self._draw_closed(state)
        deck, slide = current_deck(state), current_slide(state)
        if deck is None or slide is None:
            return self._draw_empty(state.lang)
        self._card_drawn = None
        key = FrameKey(deck, slide, state.lang, state.larger_text, state.high_contrast, self.spoken)
        frame = self._frame(key, state.failed_photos, now=True)
        if frame is None:
            return True
        changed = key != self._shown_key
        if changed:
            self._begin(key, frame, now, state.settings.reduced_motion)
        narrating = state.narration_on and not state.quiet and state.sound_available
        controls_state = ControlsState(
            state.lang,
            state.held,
            narrating,
            state.sound_available,
            state.larger_text,
            state.high_contrast,
        )
        unchanged = controls_state == self._controls_drawn and over == self._overlay_drawn
        still = state.held or state.settings.reduced_motion
        moving = self.motion.moving(self._fade is None and not still)
        if self._fade is not None and unchanged and not changed and self._fade_in_place(frame, now):
            return True
        if self._fade is None and not changed and unchanged:
            if not moving:
                self._drawn_state = state
                return False
            if over is None:
                return self._move_photo(controls_state, now)
        self._paint(frame, now)
        moving = self.motion.moving(self._fade is None and not still)  # a fade may have ended
        if moving:
            self.motion.tick(now)
            moving = self.motion.progress < 1
        if self._fade is None:
            self.motion.paint(self.screen)
        self._draw_controls(controls_state)
        self._draw_overlay(over)
        pygame.display.flip()
        self.frames_shown += 1
        self._drawn_state = state if self._fade is None and not moving else None
        if self._fade is not None and self._fade.regions is None:  # once, after its first frame
            self._fade.regions = changed_rects(self._fade.old, frame)
        return self._fade is not None or moving

    def _fade_in_place(self, frame: pygame.Surface, now: float) -> bool:
        """A frame of the fade blended and sent only where the two slides differ, when
        nothing else on screen changes (see kiosk.screen.fade); False when it cannot be."""
        fade = self._fade
        assert fade is not None
        progress = fade.progress(now, self.transition_seconds)
        if fade.regions is None or progress >= 1:
            return False  # the first and the last frame are drawn whole
        for where in fade.regions:
            fade.blend(self.screen, frame, progress, where)
        controls, palette = self._controls_drawn, theme.palette(self._controls_drawn.high_contrast)
        for b in self.buttons:  # a button a region overlaps is drawn again over the blend
            if pygame.Rect(b.rect.x, b.rect.y, b.rect.w, b.rect.h).collidelist(fade.regions) >= 0:
                draw_button(self.screen, self.fonts, b, controls, palette, self.sizes.button)
        sent = list(fade.regions)
        if self._overlay_drawn is not None and self._overlay_rect.collidelist(sent) >= 0:
            self._draw_overlay(self._overlay_drawn)  # the hint or notice, over the blend
            sent.append(self._overlay_rect)
        pygame.display.update(sent)
        self.frames_shown += 1
        self._drawn_state = None
        return True

    def _move_photo(self, controls_state: ControlsState, now: float) -> bool:
        """One frame of the pan and zoom: the photo's place only, the caption left as it is."""
        self.motion.tick(now)
        place = self.motion.paint(self.screen)
        if place is not None and any(
            place.colliderect(b.rect.x, b.rect.y, b.rect.w, b.rect.h) for b in self.buttons
        ):
            self._draw_controls(controls_state)
        pygame.display.update(place)
        self.frames_shown += 1
        return self.motion.progress < 1

    def compose_still(
        self,
        deck: Deck,
        slide: Slide,
        lang: str,
        photo: pygame.Surface | PhotoFailure | None,
        held: bool = False,
        narration_on: bool = False,
        larger_text: bool = False,
        high_contrast: bool = False,
    ) -> pygame.Surface:
        """`slide` at rest in `lang`, controls drawn, on `self.screen` (any surface) by the
        code `draw` uses: for `kiosk preview` (and with a visitor's choices, for screenshots).
        Nothing is flipped or kept; the next `draw` paints the whole screen again."""
        key = FrameKey(deck, slide, lang, larger_text, high_contrast)
        self.screen.blit(self.composer.compose(key, photo), (0, 0))
        if isinstance(photo, pygame.Surface):  # a moving photo shows its first view
            self.motion.prepare(key, self.screen, photo, self.composer.photo_place(key, photo))
            self.motion.forget(key)
        choices = ControlsState(lang, held, narration_on, True, larger_text, high_contrast)
        self._draw_controls(choices)
        self._shown_key = self._shown_frame = self._fade = None
        self._drawn_state = None
        return self.screen

    def prepare(self, state: PlayerState) -> bool:
        """Decode and compose the frames a visitor can reach next; True if it did any work.

        Call while the screen is still: it composes at most one frame per call, so that
        input is never kept waiting behind a batch of preparation.
        """
        if state is self._prepared_for:
            return False
        keys = [
            FrameKey(deck, slide, state.lang, state.larger_text, state.high_contrast)
            for deck, slide in upcoming(state)
        ]
        shown = None if self._shown_key is None else replace(self._shown_key, spoken=None)
        for stale in [key for key in self._frames if key not in keys and key != shown]:
            self._drop(stale)  # before it could push out the previous slide's frame
        for key in keys:
            if key not in self._frames:
                if self._frame(key, state.failed_photos) is not None:
                    return True
                # A failure the player has yet to hear of: the loop passes again at once, and
                # then skips the slide in time.
                return isinstance(self.photos.get(key.slide.image), PhotoFailure)
        self._prepared_for = state
        return False

    def forget_photo(self, path: Path, redraw: bool) -> None:
        """A photo file changed: compose its slides again. With `redraw`, the slide on screen
        fades to its new photo at once; otherwise it changes at the next slide change."""
        for key in [key for key in self._frames if key.slide.image == path]:
            self._drop(key)
        if redraw and self._shown_key is not None and self._shown_key.slide.image == path:
            self._shown_key = None
        self._drawn_state = self._prepared_for = self._lit = None

    def _begin(self, key: FrameKey, frame: pygame.Surface, now: float, cut: bool) -> None:
        """A new frame on screen: it fades in over the old one, or with `cut` (reduced
        motion) simply replaces it. Another sentence lit is only a new caption colour: a fade
        or the photo's motion goes on."""
        shown = self._shown_key
        if shown is not None and replace(shown, spoken=key.spoken) == key:
            self._shown_key, self._shown_frame = key, frame
            return
        changed_slide = shown is None or shown.slide != key.slide
        fades = key.slide.transition == "crossfade" and self.transition_seconds > 0 and not cut
        if self._shown_frame is not None and changed_slide and fades:
            # A page turned mid-fade fades on from what is on screen, without a jump.
            moved = self._fade is not None or self.motion.moved
            old = self.screen.copy() if moved else self._shown_frame
            self._fade = Fade.begin(old, now)
        else:
            self._fade = None
        self._shown_key, self._shown_frame = key, frame
        self.tap_targets = self._targets.get(replace(key, spoken=None), ())
        self.motion.show(key)

    def _paint(self, frame: pygame.Surface, now: float) -> None:
        if self._fade is None:
            self.screen.blit(frame, (0, 0))
            return
        progress = self._fade.progress(now, self.transition_seconds)
        if progress >= 1:
            self._fade = None
            self.screen.blit(frame, (0, 0))
            return
        self._fade.blend(self.screen, frame, progress, self.screen.get_rect())

    def _frame(
        self, key: FrameKey, failed_photos: frozenset[Path], now: bool = False
    ) -> pygame.Surface | None:
        """The composed frame, None while its photo decodes, and also while its photo failed
        but the player has not heard of it yet: nobody there, it moves on without showing it.
        `now` when the screen waits for it: its photo is decoded the quick way, and the rest
        of the frame composed meanwhile."""
        if key.spoken is not None:
            return self._lit_frame(key, failed_photos, now)
        if key in self._frames:
            self._frames.move_to_end(key)
            return self._frames[key]
        image = key.slide.image  # None: a timeline event without a photo, nothing to wait for
        photo = None if image is None else self.photos.get(image, now)
        unheard = isinstance(photo, PhotoFailure) and image not in failed_photos
        if photo is None and image is not None and now:
            if self._awaited == key:  # not at once: the decode's threads start first
                self.composer.prepare_base(key)
            self._awaited = key
        if (photo is None and image is not None) or unheard:
            return None
        frame, self._targets[key] = self.composer.compose_with_targets(key, photo)
        if isinstance(photo, pygame.Surface):
            self.motion.prepare(key, frame, photo, self.composer.photo_place(key, photo))
        self._frames[key] = frame
        while len(self._frames) > MAX_FRAMES:
            self._drop(next(iter(self._frames)))
        return frame

    def _drop(self, key: FrameKey) -> None:
        del self._frames[key]
        self._targets.pop(key, None)
        self.motion.forget(key)

    def _lit_frame(
        self, key: FrameKey, failed_photos: frozenset[Path], now: bool
    ) -> pygame.Surface | None:
        """The frame with a sentence highlighted: only the one on screen is kept, beside the
        plain frames, so that it never pushes out the next slide's."""
        if self._lit is not None and self._lit[0] == key:
            return self._lit[1]
        plain = self._frame(replace(key, spoken=None), failed_photos, now)
        if plain is None:
            return None
        self._lit = (key, self.composer.highlighted(plain, key))
        return self._lit[1]

    def _draw_controls(self, controls_state: ControlsState) -> None:
        """The buttons, in the palette the visitor chose (kiosk.screen.buttons)."""
        palette = theme.palette(controls_state.high_contrast)
        draw_controls(
            self.screen, self.fonts, self.buttons, controls_state, palette, self.sizes.button
        )
        self._controls_drawn = controls_state

    def _draw_overlay(self, over: presence.Overlay | None) -> None:
        """The hint, the countdown or a notice over the slide (see kiosk.show.presence)."""
        if over is not None and over.kind == "hint":
            self._overlay_rect = draw_hint(self.screen, self.fonts, self.sizes, over.text)
        elif over is not None:
            self._overlay_rect = draw_notice(self.screen, self.fonts, self.sizes, over.text)
        self._overlay_drawn = over

    def _draw_empty(self, lang: str) -> bool:
        """No deck to play (none yet, or none today): the exhibition's title card."""
        title = self.title.in_language(lang, self.default_language)[0] if self.title else None
        return self._draw_card(("title", lang), lambda: self._title_card(lang, title))

    def _title_card(self, lang: str, title: str | None) -> None:
        if title is None:
            no_slides = theme.ui_text(lang, "no_slides")
            draw_message_card(self.screen, self.fonts, self.sizes, no_slides)
        else:
            draw_title_card(self.screen, self.fonts, self.sizes, title)

    def _draw_closed(self, state: PlayerState) -> bool:
        """Closed: black, or the opening hours for a visitor who touched the screen."""
        lines = self.hours_lines.get(state.lang, ()) if state.notice == "hours" else ()
        self._drawn_state = state
        return self._draw_card(("closed", lines), lambda: self._hours_card(lines, state.lang))

    def _hours_card(self, lines: tuple[str, ...], lang: str) -> None:
        draw_hours_card(self.screen, self.fonts, self.sizes, lines)
        if lines and len(self.buttons) > 1:  # the language buttons, to read them in another
            shown = ControlsState(lang, held=False, narration_on=False)
            for button in self.buttons:
                if button.lang is not None:
                    draw_button(
                        self.screen, self.fonts, button, shown, theme.STANDARD, self.sizes.button
                    )

    def _draw_card(self, key: tuple[object, ...], paint: Callable[[], None]) -> bool:
        """Paint a whole-screen card once; the slide that follows is drawn afresh."""
        if self._card_drawn == key:
            return False
        paint()
        pygame.display.flip()
        self.frames_shown += 1
        self._card_drawn = key
        self._controls_drawn = None
        self._shown_key = self._shown_frame = self._fade = self.motion.shown = None
        self.tap_targets = ()
        return False
