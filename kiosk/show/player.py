"""The player: which slide shows, in which language, and when it moves on.

Pure functions over an immutable state. The clock is an argument (`now`, in show seconds), so
tests drive hours of play in microseconds and `--speed` is just a faster clock. Each function
returns the new state and the effects for the edges to carry out (log a slide, and so on);
nothing here draws, sleeps or writes.

Narration: when it is on, a slide's narration starts once the slide has settled after its
transition (`Speak`); a slide or language change stops it at once (`StopSpeech`) and the new
one starts; pause pauses it. The edge reports how long the sound is (`narration_began`), and
the slide then stays at least that long plus a short pause, so speech is never cut off.

Two modes:
- the attract loop: nobody is there; slides advance on their timer, in the default language;
- a visitor is there: any input holds the current slide, so the loop never pulls it away from
  someone reading. Pause/play lets them run the loop again while they watch. After
  `idle_timeout` seconds without input, the player returns to the attract loop, in the default
  language, at the next slide.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.show import choices, opening, presence
from kiosk.show.commands import Action, Command
from kiosk.show.deck import Deck
from kiosk.show.effects import (
    Effect,
    LanguageChanged,
    PauseSpeech,
    ResumeSpeech,
    SetVolume,
    SlideShown,
    Speak,
    StopSpeech,
)
from kiosk.show.player_state import (
    PlayerSettings,
    PlayerState,
    Position,
    can_show,
    current_deck,
    current_slide,
    find_slide,
    locate,
    loop_step,
    slide_at,
    step,
    step_position,
    upcoming,
)
from kiosk.show.showing import Step, show_slide

# The state and the questions asked of it live in kiosk.show.player_state; the player offers
# them too, so that callers read `player.current_slide(state)` next to `player.tick(...)`.
__all__ = [
    "Effect",
    "LanguageChanged",
    "PauseSpeech",
    "PlayerSettings",
    "PlayerState",
    "Position",
    "ResumeSpeech",
    "SetVolume",
    "SlideShown",
    "Speak",
    "Step",
    "StopSpeech",
    "current_deck",
    "current_slide",
    "find_slide",
    "handle",
    "locate",
    "narration_began",
    "next_deadline",
    "photos_failed",
    "replace_decks",
    "slide_at",
    "start",
    "step",
    "tick",
    "upcoming",
]

VOLUME_STEP = 0.1


def start(
    decks: tuple[Deck, ...],
    settings: PlayerSettings,
    now: float,
    lang: str | None = None,
    at: Position | None = None,
    trigger: str = "start",
    closed: bool = False,
) -> Step:
    """The state at launch, in `lang` or the default language: the first slide of the first
    deck, or the slide `at` (where an interrupted run was, its trigger then "resume").
    Started `closed` (the museum is), no slide shows until `opening.reopen`."""
    chosen = lang if lang in settings.languages else settings.default_language
    position = at if at is not None and _exists(decks, at) else Position(0, 0)
    state = PlayerState(
        decks,
        settings,
        position,
        chosen,
        now,
        narration_on=settings.narration_autoplay,
        volume=settings.volume,
        closed=closed,
    )
    return (state, []) if closed else show_slide(state, position, now, trigger)


def _exists(decks: tuple[Deck, ...], position: Position) -> bool:
    return 0 <= position.deck < len(decks) and 0 <= position.slide < len(
        decks[position.deck].slides
    )


def handle(state: PlayerState, command: Command, now: float) -> Step:
    """Apply a visitor's command. Any command means a visitor is there."""
    if state.closed:
        return opening.while_closed(state, command, now)
    if not state.decks:
        return state, []
    trigger = command.source.value
    visiting = replace(state, last_input_at=now, held=True)
    if _asks_for_narration(state, command):
        if not state.sound_available:
            return opening.refuse_narration(visiting, now, "no_sound")
        if state.quiet:
            return opening.refuse_narration(visiting, now)
    match command.action:
        case Action.NEXT:
            return show_slide(visiting, step(state.decks, state.position, +1), now, trigger)
        case Action.PREVIOUS:
            return show_slide(visiting, step(state.decks, state.position, -1), now, trigger)
        case Action.FIRST:
            return show_slide(visiting, Position(0, 0), now, trigger)
        case Action.SHOW_STEP:
            target = step_position(state, command.step if command.step is not None else -1)
            if target is None or target == state.position:
                return visiting, []
            return show_slide(visiting, target, now, trigger)
        case Action.CYCLE_LANGUAGE:
            languages = state.settings.languages
            following = languages[(_index(languages, state.lang) + 1) % len(languages)]
            return _set_language(visiting, following, trigger, now)
        case Action.SET_LANGUAGE:
            wanted = command.lang if command.lang in state.settings.languages else state.lang
            return _set_language(visiting, wanted or state.lang, trigger, now)
        case Action.TOGGLE_PAUSE:
            return _toggle_pause(state, visiting, now)
        case Action.TOGGLE_NARRATION:
            if state.narration_on:
                return replace(visiting, narration_on=False, speak_at=None), [StopSpeech()]
            return replace(visiting, narration_on=True, speak_at=now, speech_paused=False), []
        case Action.REPEAT_NARRATION:
            repeat = replace(visiting, narration_on=True, speak_at=now, speech_paused=False)
            return repeat, [StopSpeech()]
        case Action.VOLUME_UP | Action.VOLUME_DOWN:
            change = VOLUME_STEP if command.action is Action.VOLUME_UP else -VOLUME_STEP
            volume = round(min(1.0, max(0.0, state.volume + change)), 2)
            return replace(visiting, volume=volume), [SetVolume(volume)]
        case Action.LARGER_TEXT | Action.HIGH_CONTRAST:
            return choices.toggle(visiting, command.action), []
        case Action.PRESENCE:
            return visiting, []
    return state, []


def _asks_for_narration(state: PlayerState, command: Command) -> bool:
    if command.action is Action.REPEAT_NARRATION:
        return True
    return command.action is Action.TOGGLE_NARRATION and not state.narration_on


def replace_decks(state: PlayerState, decks: tuple[Deck, ...], now: float) -> Step:
    """New versions of the decks: at once when nobody is there, else at the next slide change.

    The slide on screen keeps its place when it still exists (same deck file, same id);
    applied at once, an edited current slide is shown again in its new version."""
    if state.visitor_present and state.decks:
        return replace(state, pending_decks=decks), []
    if state.closed:  # nothing on screen: the new decks wait for the opening
        return replace(state, decks=decks, position=Position(0, 0), pending_decks=None), []
    return _adopt(replace(state, pending_decks=None), decks, state.position, now)


def _adopt(state: PlayerState, decks: tuple[Deck, ...], position: Position, now: float) -> Step:
    """Show the new decks from where `position` was in the old ones."""
    if not decks:
        return replace(state, decks=decks, position=Position(0, 0)), [StopSpeech()]
    old = slide_at(state, position) if state.decks else None
    found = Position(0, 0)
    if old is not None:
        found = locate(decks, state.decks[position.deck].path, old.id, old.step) or found
    adopted = replace(state, decks=decks, position=found)
    if old is not None and slide_at(adopted, found) == old:
        return adopted, []
    return show_slide(adopted, found, now, "reload")


def photos_failed(state: PlayerState, photos: frozenset[Path], now: float) -> Step:
    """The photos that cannot be shown are now `photos`: the loop skips their slides, and
    moves on at once from one on screen while nobody is there."""
    if photos == state.failed_photos:
        return state, []
    return tick(replace(state, failed_photos=photos), now)


def narration_began(state: PlayerState, seconds: float, now: float) -> PlayerState:
    """The narration now playing lasts `seconds`: keep the slide up until it is over."""
    ends = now + seconds + state.settings.narration_pause
    return replace(state, due_at=max(state.due_at, ends))


def _toggle_pause(state: PlayerState, visiting: PlayerState, now: float) -> Step:
    """Pause holds the slide and pauses speech; play runs the loop (and speech) again."""
    if state.held and state.visitor_present:
        return resume_loop(visiting, now)
    if not state.narration_on:
        return visiting, []
    return replace(visiting, speech_paused=True, speech_paused_at=now), [PauseSpeech()]


def resume_loop(state: PlayerState, now: float) -> Step:
    """The loop runs again: the slide stays its full time from now, or until its narration,
    paused and now resumed, has ended (its end moved on by the pause)."""
    if not state.held:
        return state, []
    slide = current_slide(state)
    due = now + (slide.duration if slide else 0.0)
    speech_due = state.due_at
    if state.speech_paused and state.speech_paused_at is not None:
        speech_due += now - state.speech_paused_at
    resumed = replace(state, held=False, due_at=max(due, speech_due), speech_paused=False)
    return resumed, [ResumeSpeech()] if state.speech_paused else []


def tick(state: PlayerState, now: float) -> Step:
    """Let time pass: return to the attract loop when idle, or advance on the timer."""
    state = opening.expire_notice(state, now)
    if state.closed or not state.decks:
        return state, []
    if state.last_input_at is not None and now >= state.last_input_at + _idle(state):
        settings = state.settings
        attract = replace(
            choices.reset(state),
            lang=settings.default_language,
            held=False,
            last_input_at=None,
            narration_on=settings.narration_autoplay,
            speech_paused=False,
            volume=settings.volume,
        )
        shown, effects = show_slide(attract, loop_step(attract, state.position), now, "idle")
        reset = [SetVolume(settings.volume)] if state.volume != settings.volume else []
        # The visitor's narration ends with their slide, even when the loop is silent.
        if state.narration_on and StopSpeech() not in effects:
            reset.append(StopSpeech())
        return shown, [*reset, *effects]
    if not state.held and now >= state.due_at:
        return show_slide(state, loop_step(state, state.position), now, "timer")
    if not state.visitor_present and not can_show(state, state.position):
        onward = loop_step(state, state.position)
        if can_show(state, onward):  # its photo failed on screen: on at once
            return show_slide(state, onward, now, "skip")
    if state.speak_at is not None and now >= state.speak_at and not state.speech_paused:
        if state.quiet:
            return replace(state, speak_at=None), []
        deck, slide = state.decks[state.position.deck], slide_at(state, state.position)
        return replace(state, speak_at=None), [Speak(deck, slide, state.lang)]
    return state, []


def next_deadline(state: PlayerState, now: float | None = None) -> float | None:
    """When `tick` may next change something, or (given `now`) what is drawn over the slide:
    each second of the idle countdown. The loop can sleep until then."""
    deadlines = [state.notice_until] if state.notice is not None else []
    overlay_change = None if now is None else presence.next_change(state, now)
    if overlay_change is not None:
        deadlines.append(overlay_change)
    if state.closed or not state.decks:
        return min(deadlines) if deadlines else None
    if not state.held:
        deadlines.append(state.due_at)
    if state.speak_at is not None and not state.speech_paused:
        deadlines.append(state.speak_at)
    if state.last_input_at is not None:
        deadlines.append(state.last_input_at + _idle(state))
    return min(deadlines) if deadlines else None


def _set_language(state: PlayerState, lang: str, trigger: str, now: float) -> Step:
    """The caption changes language at once, and so does the narration if it is on."""
    if lang == state.lang:
        return state, []
    deck, slide = state.decks[state.position.deck], slide_at(state, state.position)
    changed = replace(state, lang=lang, speak_at=now if state.narration_on else None)
    effects: list[Effect] = [LanguageChanged(deck, slide, lang, trigger)]
    return changed, [StopSpeech(), *effects] if state.narration_on else effects


def _idle(state: PlayerState) -> float:
    return state.settings.idle_timeout


def _index(languages: tuple[str, ...], lang: str) -> int:
    return languages.index(lang) if lang in languages else -1
