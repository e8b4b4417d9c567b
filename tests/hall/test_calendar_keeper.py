"""The calendar beside the show: the keeper tells the player when the museum opens and closes,
picks each day's decks, and switches the display, all at the times the test chooses."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.hall.calendar_keeper import KEEP_OFF_SECONDS, CalendarKeeper
from kiosk.show import opening, player
from kiosk.show.calendar import DeckDates, MonthDay, Period, Schedule
from kiosk.show.commands import Action, Command, Source
from kiosk.show.effects import DoorsChanged, SlideShown
from kiosk.show.player_state import PlayerSettings
from tests.show.test_player import make_deck

PARIS = ZoneInfo("Europe/Paris")
SETTINGS = PlayerSettings(languages=("fr", "en"), default_language="fr", idle_timeout=60.0)
DAYS = tuple((Period(600, 1080),) for _ in range(7))  # 10:00-18:00 every day
SCHEDULE = Schedule(timezone="Europe/Paris", weekly=DAYS, wake_before_opening=5)
EVERY_DAY = make_deck("town", 10, 10)
NEW_YEAR = replace(make_deck("newyear", 10), plays=DeckDates(MonthDay(12, 31), MonthDay(1, 1)))


class Panel:
    """A display switch that records what it was asked."""

    def __init__(self, works: bool = True) -> None:
        self.calls: list[str] = []
        self.works = works

    def switch_off(self) -> bool:
        self.calls.append("off")
        return self.works

    def switch_on(self) -> None:
        self.calls.append("on")

    def keep_off(self) -> None:
        self.calls.append("keep off")

    @property
    def method(self) -> str | None:
        return "test panel" if self.calls[-1:] == ["off"] and self.works else None


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def started(keeper: CalendarKeeper, at: datetime):
    decks, closed = keeper.start(at)
    state, _ = player.start(decks, SETTINGS, 0.0, closed=closed)
    return keeper.follow(state, at, 0.0)


def test_started_at_night_it_is_closed_dark_and_wakes_before_opening():
    panel = Panel()
    keeper = CalendarKeeper(SCHEDULE, (EVERY_DAY,), panel)
    night = paris(date(2026, 12, 2), 7)
    state, effects = started(keeper, night)
    assert state.closed and effects[0] == DoorsChanged(False)
    keeper.drive_display(state, 0.0)
    assert panel.calls == ["off"]
    assert keeper.seconds_until_change(night) == (2 * 60 + 55) * 60  # 09:55, the wake
    wake = paris(date(2026, 12, 2), 9, 55)
    state, effects = keeper.follow(state, wake, 1.0)
    keeper.drive_display(state, 1.0)
    assert effects == [] and state.closed and panel.calls == ["off", "on"]
    state, effects = keeper.follow(state, paris(date(2026, 12, 2), 10), 2.0)
    assert effects[0] == DoorsChanged(True)
    assert [e.trigger for e in effects if isinstance(e, SlideShown)] == ["open"]


def test_a_display_switched_off_is_told_again_every_minute():
    panel = Panel()
    keeper = CalendarKeeper(SCHEDULE, (EVERY_DAY,), panel)
    state, _ = started(keeper, paris(date(2026, 12, 2), 20))
    for second in range(0, 200, 10):
        keeper.drive_display(state, float(second))
    assert panel.calls == ["off"] + ["keep off"] * int(190 // KEEP_OFF_SECONDS)


def test_a_touch_while_dark_is_ignored_unless_the_config_lets_it_wake_the_screen():
    panel = Panel()
    keeper = CalendarKeeper(SCHEDULE, (EVERY_DAY,), panel)
    state, _ = started(keeper, paris(date(2026, 12, 2), 20))
    keeper.drive_display(state, 0.0)
    assert keeper.ignores_input()
    waking = CalendarKeeper(replace(SCHEDULE, wake_on_touch=True), (EVERY_DAY,), panel)
    state, _ = started(waking, paris(date(2026, 12, 2), 20))
    waking.drive_display(state, 0.0)
    assert not waking.ignores_input()
    state, _ = player.handle(state, Command(Action.NEXT, Source.TOUCH), 5.0)
    waking.drive_display(state, 5.0)
    assert state.notice == "hours" and panel.calls[-1] == "on"
    state, _ = player.tick(state, 5.0 + opening.HOURS_NOTICE_SECONDS)
    waking.drive_display(state, 5.0 + opening.HOURS_NOTICE_SECONDS)
    assert panel.calls[-1] == "off"


def test_the_decks_of_the_day_change_at_midnight():
    keeper = CalendarKeeper(replace(SCHEDULE, weekly=None), (EVERY_DAY, NEW_YEAR), Panel())
    before = paris(date(2026, 12, 30), 23, 59)
    state, _ = started(keeper, before)
    assert [deck.name for deck in state.decks] == ["town"]
    state, _ = keeper.follow(state, before + timedelta(minutes=1), 60.0)
    assert [deck.name for deck in state.decks] == ["town", "newyear"]
    state, _ = keeper.follow(state, paris(date(2027, 1, 2), 0, 0), 120.0)
    assert [deck.name for deck in state.decks] == ["town"]


def test_keep_playing_logs_closing_and_keeps_the_loop_going_silently():
    schedule = replace(SCHEDULE, when_closed="keep_playing")
    panel = Panel()
    keeper = CalendarKeeper(schedule, (EVERY_DAY,), panel)
    state, effects = started(keeper, paris(date(2026, 12, 2), 20))
    keeper.drive_display(state, 0.0)
    assert DoorsChanged(False) in effects and not state.closed and state.quiet
    assert panel.calls == ["on"]  # switched on at start, in case a last run left it off
    state, effects = player.tick(state, 10.0)
    assert any(isinstance(effect, SlideShown) for effect in effects)


def test_a_saved_calendar_applies_at_once():
    keeper = CalendarKeeper(SCHEDULE, (EVERY_DAY,), Panel())
    noon = paris(date(2026, 12, 2), 12)
    state, _ = started(keeper, noon)
    assert not state.closed
    closed_today = replace(SCHEDULE, closed_on=(date(2026, 12, 2),))
    decks = keeper.take(closed_today, (EVERY_DAY,), noon)
    state, _ = player.replace_decks(state, decks, 1.0)
    state, effects = keeper.follow(state, noon, 1.0)
    assert state.closed and DoorsChanged(False) in effects
    assert keeper.status()["open"] is False


def test_staff_switch_the_display_from_afar_until_the_calendar_next_does():
    panel = Panel()
    keeper = CalendarKeeper(SCHEDULE, (EVERY_DAY,), panel)
    noon = paris(date(2026, 12, 2), 12)
    state, _ = started(keeper, noon)
    keeper.drive_display(state, 0.0)
    keeper.switch_display(False)  # a remote `display off` in opening hours
    keeper.drive_display(state, 1.0)
    keeper.drive_display(state, 2.0)
    assert panel.calls == ["on", "off"] and keeper.status()["display"] == "off"
    keeper.switch_display(True)
    keeper.drive_display(state, 3.0)
    keeper.switch_display(False)
    keeper.drive_display(state, 4.0)
    assert panel.calls == ["on", "off", "on", "off"]
    evening = paris(date(2026, 12, 2), 18)  # closing: the calendar decides again...
    state, _ = keeper.follow(state, evening, 5.0)
    keeper.drive_display(state, 5.0)
    morning = paris(date(2026, 12, 3), 9, 55)  # ... and wakes the screen for the opening
    state, _ = keeper.follow(state, morning, 6.0)
    keeper.drive_display(state, 6.0)
    assert panel.calls[-1] == "on" and keeper.status()["display"] == "on"
