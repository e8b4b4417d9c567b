"""The visitors of tests/hall/play_week.py: when they come and what they do."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from kiosk.show.commands import Action, Command, Source
from tests.hall.play_week import (
    CLOSES,
    END,
    HOURLY,
    MONDAY,
    PLACED,
    QUIET_WINDOW,
    RESTART,
    ZONE,
)

VISITOR_ACTIONS = (
    (Action.NEXT, 45),
    (Action.PREVIOUS, 10),
    (Action.SET_LANGUAGE, 6),
    (Action.CYCLE_LANGUAGE, 3),
    (Action.TOGGLE_NARRATION, 8),
    (Action.REPEAT_NARRATION, 3),
    (Action.TOGGLE_PAUSE, 6),
    (Action.VOLUME_UP, 2),
    (Action.VOLUME_DOWN, 2),
    (Action.PRESENCE, 12),
    (Action.FIRST, 3),
)
FIRST_ACTIONS = (Action.NEXT, Action.PREVIOUS, Action.SET_LANGUAGE, Action.CYCLE_LANGUAGE)
QUIET_ACTIONS = (Action.PRESENCE, Action.TOGGLE_PAUSE, Action.VOLUME_UP, Action.TOGGLE_NARRATION)
TOUCH_ONLY = (Action.SET_LANGUAGE, Action.PRESENCE, Action.TOGGLE_NARRATION)
KEY_ONLY = (Action.CYCLE_LANGUAGE, Action.VOLUME_UP, Action.VOLUME_DOWN, Action.FIRST)


def arrivals(rng: random.Random) -> list[float]:
    """When visitors come, at random in opening hours (busier in the afternoon and at the
    weekend); none where a placed visitor, a closing, the restart or the end needs the kiosk
    free, so that each visit there is one the play log can show."""
    busy = [(p.timestamp() - 900, p.timestamp() + 600) for p in PLACED.values()]
    for n in range(1, 7):
        close = datetime.combine(MONDAY + timedelta(days=n), CLOSES, ZONE).timestamp()
        busy.append((close - QUIET_WINDOW, close))
    busy += [(e.timestamp() - QUIET_WINDOW, e.timestamp() + 60) for e in (RESTART, END)]
    found = []
    for n in range(1, 7):
        day = MONDAY + timedelta(days=n)
        for hour, rate in HOURLY.items():
            rate *= 1.6 if day.weekday() >= 5 else 1.0
            t = datetime.combine(day, time(hour), ZONE)
            start, t_end = t.timestamp(), t.timestamp() + 3600
            at = start + rng.expovariate(rate / 3600)
            while at < t_end:
                if not any(a <= at <= b for a, b in busy):
                    found.append(round(at, 3))
                at += rng.expovariate(rate / 3600)
    return found


def quiet_action(rng: random.Random) -> Command:
    """The one action of a visitor the log shows only at the return to the loop."""
    action = rng.choice(QUIET_ACTIONS)
    return Command(action, source(rng, action))


def browsing(
    rng: random.Random, now: float, count: int, placed: bool
) -> list[tuple[float, Command]]:
    """A browser's actions from `now`: a first one that writes a line with its trigger, then
    `count` of any kind, each within the idle timeout of the one before (a placed visitor's
    more slowly, so that the visit is still under way when it must end)."""
    first = rng.choice(FIRST_ACTIONS)
    lang = rng.choice(("en", "de")) if first is Action.SET_LANGUAGE else None
    actions = [(now, Command(first, source(rng, first), lang))]
    t = now
    kinds, weights = zip(*VISITOR_ACTIONS, strict=True)
    for action in rng.choices(kinds, weights, k=count):
        t += rng.uniform(20, 40) if placed else rng.uniform(3, 55)
        lang = rng.choice(("fr", "en", "de")) if action is Action.SET_LANGUAGE else None
        actions.append((round(t, 3), Command(action, source(rng, action), lang)))
    return actions


def source(rng: random.Random, action: Action) -> Source:
    if action in TOUCH_ONLY:
        return Source.TOUCH
    if action in KEY_ONLY:
        return Source.KEY
    return rng.choice((Source.TOUCH, Source.KEY))
