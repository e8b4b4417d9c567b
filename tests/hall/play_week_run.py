"""The simulation behind tests/hall/play_week.py: the week's clock, visitors, and lines."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time

from kiosk.hall.visits import RETURN_SLACK, SlideKey
from kiosk.show import opening, player
from kiosk.show.commands import Command
from kiosk.show.deck import Deck, Slide
from kiosk.show.effects import (
    Effect,
    LanguageChanged,
    PauseSpeech,
    ResumeSpeech,
    SlideShown,
    Speak,
    StopSpeech,
)
from kiosk.show.player_state import PlayerState, Position, current_deck, current_slide
from tests.hall.play_week import (
    CRASH,
    END,
    MONDAY,
    NARRATION,
    PLACED,
    RESTART,
    SILENT,
    ZONE,
    Line,
    PlayWeek,
    TrueVisit,
    line_text,
    local,
    make_decks,
    opening_times,
    settings,
)
from tests.hall.play_week_visitors import arrivals, browsing, quiet_action

RELOADS = (
    datetime(2026, 10, 20, 11, 0, tzinfo=ZONE),
    datetime(2026, 10, 22, 16, 30, tzinfo=ZONE),
    datetime(2026, 10, 24, 15, 15, tzinfo=ZONE),
)
DOWN_SECONDS = 30.0
"""How long the kiosk is gone after the crash (systemd restarts it)."""


@dataclass
class Playing:
    slide: SlideKey
    lang: str
    seconds: float
    ends_at: float
    left: float | None = None
    """Seconds still to play, while paused."""


@dataclass
class Visitor:
    actions: list[tuple[float, Command]]
    visit: TrueVisit


@dataclass
class WeekRun:
    rng: random.Random
    decks: tuple[Deck, ...] = field(default_factory=make_decks)
    lines: list[Line] = field(default_factory=list)
    visits: list[TrueVisit] = field(default_factory=list)
    shown: Counter = field(default_factory=Counter)
    starts: Counter = field(default_factory=Counter)
    now: float = 0.0
    state: PlayerState | None = None
    playing: Playing | None = None
    visitor: Visitor | None = None
    last_narration: float = float("-inf")
    position: Position | None = None
    """Where the kiosk was when it stopped."""
    events: list[tuple[float, int, str, object]] = field(default_factory=list)

    def run(self) -> PlayWeek:
        self.now = datetime.combine(MONDAY, time(9), ZONE).timestamp()
        self.events = sorted(self._events())
        self._start(closed=True, trigger="start", autoplay=False)
        self._write({"event": "closed"})
        while (t := self._next_time()) < END.timestamp():
            self.now = max(self.now, t)
            self._step()
        if self.visitor is not None:
            self._end_visit(self.visitor.visit.last_line, "end of log")
        return PlayWeek(self.lines, self.visits, self.shown, self.starts)

    # --- what happens when ----------------------------------------------------------------

    def _events(self) -> list[tuple[float, int, str, object]]:
        """(when, order, what, detail): doors, crash, restart, reloads and arrivals."""
        events: list[tuple[float, int, str, object]] = [
            (t, 0, "doors", opened) for t, opened in opening_times()
        ]
        events.append((CRASH.timestamp(), 1, "crash", None))
        events.append((CRASH.timestamp() + DOWN_SECONDS, 1, "resume", None))
        events.append((RESTART.timestamp(), 1, "restart", None))
        events += [(when.timestamp(), 2, "reload", None) for when in RELOADS]
        events += [(when.timestamp(), 3, "placed", None) for when in PLACED.values()]
        events += [(t, 3, "arrival", None) for t in arrivals(self.rng)]
        return events

    def _next_time(self) -> float:
        times = [self.events[0][0]] if self.events else []
        if self.state is not None:
            deadline = player.next_deadline(self.state)
            times += [deadline] if deadline is not None else []
        if self.playing is not None and self.playing.left is None:
            times.append(self.playing.ends_at)
        if self.visitor is not None and self.visitor.actions:
            times.append(self.visitor.actions[0][0])
        return min(times)

    def _step(self) -> None:
        playing = self.playing
        if playing is not None and playing.left is None and playing.ends_at <= self.now:
            self._narration(playing, "end")
            self.playing = None
        while self.events and self.events[0][0] <= self.now:
            _, _, what, detail = self.events.pop(0)
            self._event(what, detail)
        if self.state is None:
            return
        visitor = self.visitor
        if visitor is not None and visitor.actions and visitor.actions[0][0] <= self.now:
            self._act(visitor.actions.pop(0)[1])
        self._apply(*player.tick(self.state, self.now))

    def _event(self, what: str, detail: object) -> None:
        if what == "doors" and self.state is not None:
            if detail:
                self._write({"event": "open"})
                self._apply(*opening.reopen(self.state, self.now))
            else:
                self._write({"event": "closed"})
                self._apply(*opening.close(self.state, self.now))
        elif what == "crash":
            self._stop_kiosk()
        elif what == "resume":
            self._start(closed=False, trigger="resume", autoplay=False, at=self.position)
        elif what == "restart":
            self._stop_kiosk()
            self.now += 5
            self._start(closed=False, trigger="start", autoplay=True)
        elif what == "reload":
            self._write({"event": "reload", "file": "slides/livron.yaml", "result": "applied"})
        elif what in ("arrival", "placed"):
            self._arrive(placed=what == "placed")

    def _start(
        self, closed: bool, trigger: str, autoplay: bool, at: Position | None = None
    ) -> None:
        self.state, effects = player.start(
            self.decks, settings(autoplay), self.now, at=at, trigger=trigger, closed=closed
        )
        self._apply(self.state, effects)

    def _stop_kiosk(self) -> None:
        """The kiosk ends (a crash, or staff): a visit under way ends with its last line."""
        assert self.state is not None
        self.position = self.state.position
        if self.visitor is not None:
            self._end_visit(self.visitor.visit.last_line, "restart")
        self.state, self.playing = None, None

    # --- visitors ---------------------------------------------------------------------------

    def _arrive(self, placed: bool) -> None:
        state = self.state
        if state is None or state.closed or state.visitor_present or self.visitor is not None:
            assert not placed, "a placed visitor found the kiosk busy: widen the quiet windows"
            return
        quiet = not placed and self.rng.random() < 0.3
        visit = TrueVisit(self.now, quiet)
        if quiet:
            actions = [(self.now, quiet_action(self.rng))]
        else:
            count = 12 if placed else self.rng.randint(0, 12)
            actions = browsing(self.rng, self.now, count, placed)
        self.visitor = Visitor(actions, visit)

    def _act(self, command: Command) -> None:
        assert self.state is not None and self.visitor is not None
        visit = self.visitor.visit
        if visit.quiet and not visit.recording:
            if self.now < self.last_narration + RETURN_SLACK:  # whose narration? a guess
                self.visitor.actions.insert(0, (self.last_narration + RETURN_SLACK + 0.1, command))
                return
            visit.start, visit.recording, visit.last_line = self.now, True, self.now
        if self.state.closed:
            self.visitor.actions.clear()
            return
        self._apply(*player.handle(self.state, command, self.now))

    def _end_visit(self, end: float, ended_by: str) -> None:
        assert self.visitor is not None
        visit = self.visitor.visit
        visit.end, visit.ended_by = end, ended_by
        if visit.views:
            slide, since, _ = visit.views[-1]
            visit.views[-1] = (slide, since, end)
        self.visits.append(visit)
        self.visitor = None

    def _track_views(self) -> None:
        """The slide on screen while a visitor is there: a new view whenever it changes."""
        if self.visitor is None or not self.visitor.visit.recording or self.state is None:
            return
        views = self.visitor.visit.views
        slide = self._key(current_deck(self.state), current_slide(self.state))
        if not views or views[-1][0] != slide:
            if views:
                views[-1] = (views[-1][0], views[-1][1], self.now)
            views.append((slide, self.now, self.now))

    # --- effects into lines -----------------------------------------------------------------

    def _apply(self, state: PlayerState, effects: list[Effect]) -> None:
        self.state = state
        for effect in effects:
            match effect:
                case SlideShown(deck=deck, slide=slide, lang=lang, trigger=trigger):
                    self._shown("slide", deck, slide, lang, trigger)
                case LanguageChanged(deck=deck, slide=slide, lang=lang, trigger=trigger):
                    self._shown("language", deck, slide, lang, trigger)
                case Speak(deck=deck, slide=slide, lang=lang):
                    self._speak(deck, slide, lang)
                case StopSpeech():
                    if self.playing is not None:
                        self._narration(self.playing, "stopped")
                    self.playing = None
                case PauseSpeech() if self.playing and self.playing.left is None:
                    self.playing.left = self.playing.ends_at - self.now
                case ResumeSpeech() if self.playing and self.playing.left is not None:
                    self.playing.ends_at, self.playing.left = self.now + self.playing.left, None
        self._track_views()

    def _shown(self, event: str, deck: Deck, slide: Slide, lang: str, trigger: str) -> None:
        key = self._key(deck, slide)
        visit = self.visitor.visit if self.visitor is not None else None
        if visit is not None and trigger in ("touch", "key") and not visit.recording:
            visit.recording = True
        if event == "slide":
            self.shown[(local(self.now).date(), key)] += 1
        self._write(
            {"event": event, "deck": key[0], "slide": key[1], "lang": lang, "trigger": trigger}
        )
        if visit is not None and visit.recording:
            if event == "language":
                visit.languages.append(lang)
            if trigger == "idle":
                self._end_visit(self.now, "idle")
            else:
                self._track_views()

    def _speak(self, deck: Deck, slide: Slide, lang: str) -> None:
        if self.playing is not None:
            self._narration(self.playing, "stopped")
        key = self._key(deck, slide)
        if lang == SILENT:
            self.playing = None
            self._narration(Playing(key, lang, 0.0, self.now), "unavailable")
            return
        seconds = NARRATION[slide.id]
        self.playing = Playing(key, lang, seconds, self.now + seconds)
        self.starts[(local(self.now).date(), key)] += 1
        self._narration(self.playing, "start")
        assert self.state is not None
        self.state = player.narration_began(self.state, seconds, self.now)

    def _narration(self, playing: Playing, state: str) -> None:
        self.last_narration = self.now
        if self.visitor is not None and self.visitor.visit.recording:
            self.visitor.visit.narration.append((playing.slide, state))
        deck, slide = playing.slide
        fields = {"event": "narration", "state": state, "deck": deck, "slide": slide}
        self._write({**fields, "lang": playing.lang, "source": "tts", "seconds": playing.seconds})

    def _write(self, fields: dict[str, object]) -> None:
        self.lines.append(Line(self.now, line_text(self.now, fields)))
        if self.visitor is not None and self.visitor.visit.recording:
            self.visitor.visit.last_line = self.now
            if fields["event"] == "closed":
                self._end_visit(self.now, "closed")

    @staticmethod
    def _key(deck: Deck | None, slide: Slide | None) -> SlideKey:
        assert deck is not None and slide is not None
        return (deck.name, slide.id)
