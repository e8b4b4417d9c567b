"""What the player's effects and a reload do beside the screen: the narration, the play log,
systemd's status line, notes for staff, caches and the background synthesis.

The loop (kiosk.app) owns the state and hands each pass's effects here; these functions
change the loop's parts and, where an effect starts narration, its state.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.hall.reload import record_outcomes
from kiosk.show import player
from kiosk.show.effects import DoorsChanged
from kiosk.show.player import Effect, LanguageChanged, SlideShown, Speak
from kiosk.sound.desk import SpeechControl
from kiosk.sound.synthesis import BackgroundSynthesis

if TYPE_CHECKING:
    from kiosk.app import ShowLoop

log = logging.getLogger(__name__)


def apply_effects(show: ShowLoop, effects: list[Effect], now: float) -> None:
    """Carry out the player's effects: the sound, the play log, notes for staff."""
    if show.state.narration_on:
        show.begin_synthesis()  # a visitor asked for narration before the first photo
    for effect in effects:
        match effect:
            case Speak(deck=deck, slide=slide, lang=lang):
                seconds = show.narration.speak(deck, slide, lang)
                if seconds is not None:
                    show.state = player.narration_began(show.state, seconds, now)
            case _ if isinstance(effect, SpeechControl):
                show.narration.control(effect)
            case SlideShown(deck=deck, slide=slide, lang=lang):
                if show.state.narration_on:
                    show.narration.prepare(deck, slide, lang)
                note_shown(show, effect)
            case LanguageChanged():
                note_shown(show, effect)
            case DoorsChanged(open=opened):
                show.play_log.record({"event": "open" if opened else "closed"})
                if not opened and not show.keeper.keeps_playing:
                    show.notifier.status("closed, by the museum's calendar")


def note_shown(show: ShowLoop, shown: SlideShown | LanguageChanged) -> None:
    """A line in the play log, systemd's status line, and a note for staff if the caption
    is untranslated."""
    show.play_log.effect(shown)
    show.untranslated.note(shown)
    where = f"{shown.deck.name} / {shown.slide.id} in {shown.lang}"
    show.notifier.status(f"showing {where} ({shown.trigger})")
    show.on_screen.changed(shown.trigger, show.clock.wall_now())


def take_reload(show: ShowLoop, now: float) -> None:
    """Apply what the reloader loaded: photos re-read, decks swapped when it is safe."""
    assert show.reloader is not None
    result = show.reloader.take()
    if result is None:
        return
    for path in result.changed_media:
        show.photos.forget(path)
        show.mixer.forget(path)
        show.renderer.forget_photo(path, redraw=not show.state.visitor_present)
    record_outcomes(result.outcomes, show.play_log, show.status)
    today = show.keeper.take(result.config.schedule, result.decks, show.clock.wall_now())
    show.renderer.title = result.config.title
    settings = result.config.player_settings(show.options.narration)
    if settings.languages == show.state.settings.languages:
        show.state = replace(show.state, settings=settings)
    else:
        log.warning("the languages changed in the config: restart the kiosk to apply that")
    show.state, produced = player.replace_decks(show.state, today, now)
    apply_effects(show, produced, now)
    show.follow_calendar(now)
    if show.synthesis is not None:
        show.synthesis.stop()
    show.narration.forget_failures()
    ahead = show.state.narration_on or result.config.narration.loop_narrates(show.options.narration)
    show.synthesis = BackgroundSynthesis(result.decks, result.config, show.narration.ledger, ahead)
    show.synthesis.start()
    show.status.note_problems(result.problems)
