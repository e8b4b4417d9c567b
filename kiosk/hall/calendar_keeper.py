"""The museum's calendar beside the show: opening, closing, quiet hours, today's decks, and the
display's power.

Each pass the loop hands the keeper the wall-clock time (read by the app, nowhere else) and the
player's state. The keeper asks the pure calendar (kiosk.show.calendar) what holds now, and
only when that changes does it tell the player (kiosk.show.opening), pick today's decks, and
switch the display. What the display switch is does not matter here: anything with
`switch_off`, `switch_on` and `keep_off` (kiosk.screen.display_power in the real show).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Protocol

from kiosk.show import opening, player
from kiosk.show.calendar import Schedule, deck_plays_on
from kiosk.show.calendar_clock import Doors, doors_at, next_change
from kiosk.show.deck import Deck
from kiosk.show.effects import DoorsChanged, Effect
from kiosk.show.hours_notice import hours_notice
from kiosk.show.player_state import PlayerState

log = logging.getLogger(__name__)

KEEP_OFF_SECONDS = 60.0
"""How often a display switched off is told again to stay off: some wake up by themselves."""

Step = tuple[PlayerState, list[Effect]]


class DisplaySwitch(Protocol):
    def switch_off(self) -> bool: ...

    def switch_on(self) -> None: ...

    def keep_off(self) -> None: ...

    @property
    def method(self) -> str | None: ...


class CalendarKeeper:
    """What the calendar says, followed pass by pass; see the module's docstring."""

    def __init__(
        self,
        schedule: Schedule,
        decks: tuple[Deck, ...],
        display: DisplaySwitch | None = None,
        languages: tuple[str, ...] = ("fr", "en"),
    ) -> None:
        self.schedule = schedule
        self.languages = languages
        self.all_decks = decks
        self.display = display
        self.doors: Doors | None = None
        self.display_on: bool | None = None
        """As last switched; None before the first pass, which switches it either way (a run
        that ended while the display was off must not leave it off through opening hours)."""
        self.staff_display: tuple[bool, Doors | None] | None = None
        """Staff's remote switch, and what the calendar said then: it holds until that
        changes."""
        self._change_at: datetime | None = None
        self._looked_at = datetime.min.replace(tzinfo=UTC)
        self._kept_off_at = 0.0
        self._playing: tuple[Deck, ...] = ()
        self._told: Doors | None = None
        """What the player was last brought in line with."""

    @property
    def keeps_playing(self) -> bool:
        return self.schedule.when_closed == "keep_playing"

    def look(self, at: datetime) -> Doors:
        """What holds at `at`, worked out again only once the last answer may have changed."""
        stale = self._change_at is None or not self._looked_at <= at < self._change_at
        if self.doors is None or stale:  # also when the clock was set back
            self.doors = doors_at(self.schedule, at)
            self._change_at = next_change(self.schedule, at)
            self._looked_at = at
        return self.doors

    def start(self, at: datetime) -> tuple[tuple[Deck, ...], bool]:
        """The decks to start with, and whether the player starts closed: a kiosk started in
        closed hours starts asleep, one started (after a power cut) in opening hours plays."""
        self._playing = self.playing(at)
        return self._playing, not self.look(at).open and not self.keeps_playing

    def playing(self, at: datetime) -> tuple[Deck, ...]:
        """The decks whose dates include the museum's day at `at`, in the config's order."""
        day = self.look(at).day
        return tuple(deck for deck in self.all_decks if deck_plays_on(deck.plays, day))

    def follow(self, state: PlayerState, at: datetime, now: float) -> Step:
        """Bring the player in line with the calendar at `at`; `now` is the show clock."""
        before, doors = self._told, self.look(at)
        if doors == before:
            return state, []
        self._told = doors
        effects: list[Effect] = []
        playing = self.playing(at)
        if playing != self._playing:
            log.info("the decks playing on %s: %s", doors.day, _names(playing))
            state, shown = player.replace_decks(state, playing, now)
            effects += shown
            self._playing = playing
        # At start only a closed museum is worth a line; later, every opening and closing.
        if doors.open != (True if before is None else before.open):
            effects.append(DoorsChanged(doors.open))
            if not self.keeps_playing:
                change = opening.reopen if doors.open else opening.close
                state, changed = change(state, now)
                effects += changed
        quiet = doors.quiet or (self.keeps_playing and not doors.open)
        state, quieted = opening.set_quiet(state, quiet, now)
        return state, [*effects, *quieted]

    def take(self, schedule: Schedule, decks: tuple[Deck, ...], at: datetime) -> tuple[Deck, ...]:
        """A reload: the calendar and the decks as saved now; returns today's decks, which the
        player is given by the caller. The next `follow` applies the new calendar."""
        if schedule != self.schedule:
            self.schedule, self.doors, self._told = schedule, None, None
        self.all_decks = decks
        self._playing = self.playing(at)
        return self._playing

    def hours_lines(self, at: datetime) -> dict[str, tuple[str, ...]]:
        """What the hours card says at `at`, in each language the show has."""
        return {lang: hours_notice(self.schedule, at, lang) for lang in self.languages}

    def seconds_until_change(self, at: datetime) -> float | None:
        """Real seconds until the calendar may next change something (at speed 1)."""
        self.look(at)
        return None if self._change_at is None else (self._change_at - at).total_seconds()

    def ignores_input(self) -> bool:
        """A display switched off by the calendar stays off under a touch, unless the config
        lets a touch wake it (to show the hours)."""
        return self.display_on is False and not self.schedule.wake_on_touch

    def switch_display(self, on: bool) -> None:
        """Staff switched the display from afar: so it stays until the calendar next
        switches it (or staff again)."""
        self.staff_display = (on, self.doors)

    def drive_display(self, state: PlayerState, real_seconds: float) -> None:
        """Switch the display as the calendar (or a visitor's touch while closed) wants it,
        or as staff last did."""
        doors = self.doors
        wanted = doors is None or doors.display_on
        wanted = wanted or (state.notice is not None and self.schedule.wake_on_touch)
        if self.staff_display is not None and self.staff_display[1] != doors:
            self.staff_display = None  # the calendar moved on: it decides again
        if self.staff_display is not None:
            wanted = self.staff_display[0]
        if self.display is None or wanted == self.display_on:
            if not self.display_on and real_seconds - self._kept_off_at >= KEEP_OFF_SECONDS:
                self._kept_off_at = real_seconds
                if self.display is not None:
                    self.display.keep_off()
            return
        self.display_on = wanted
        if wanted:
            self.display.switch_on()
        else:  # the switch says itself, once, when nothing could switch the panel off
            self._kept_off_at = real_seconds
            self.display.switch_off()

    def status(self) -> dict[str, object]:
        """For `kiosk status`: open or closed, quiet, the display, and the next change."""
        doors = self.doors
        if doors is None or (self.schedule.always_open and not self.schedule.quiet_hours):
            return {"open": True}
        until = self._change_at.isoformat(timespec="minutes") if self._change_at else None
        return {
            "open": doors.open,
            "quiet": doors.quiet,
            "display": "on" if self.display_on is not False else "off",
            "display_switched_by": self.display.method if self.display else None,
            "until": until,
        }


def _names(decks: tuple[Deck, ...]) -> str:
    return ", ".join(deck.name for deck in decks) or "none (the title card shows)"
