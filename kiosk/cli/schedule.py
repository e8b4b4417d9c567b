"""`kiosk schedule`: the museum's calendar day by day, as the kiosk will follow it.

For staff to check, before the days come, that the hours, the closed days, the quiet hours,
the dated decks and the display's sleep are what they meant. Times are the museum's (the
calendar's timezone), whatever the machine's clock is set to.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from kiosk.cli.common import add_config_argument, open_exhibition
from kiosk.show.calendar import Period, Schedule, format_hours
from kiosk.show.calendar_plan import DayPlan, plan_days
from kiosk.show.calendar_zone import local

WHY = {"closed_on": "closed_on", "open_on": "open_on, not the weekly hours", "weekly": None}
WHEN_CLOSED = {
    "display_off": "the display is switched off",
    "black": "the screen stays on, black",
    "keep_playing": "the loop keeps playing, without narration",
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schedule",
        help="the calendar day by day: hours, quiet hours, decks, display",
        description="Print the museum's calendar as the kiosk will follow it, one day a "
        "line or two: the opening hours, the quiet hours, the decks that play, and when the "
        "display is switched on and off. Times are in the calendar's timezone.",
    )
    add_config_argument(parser)
    parser.add_argument(
        "--from",
        dest="first",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the first day (default: today, in the museum's timezone)",
    )
    parser.add_argument(
        "--days", type=_days, default=7, metavar="N", help="how many days (default 7, up to 400)"
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    exhibition = open_exhibition(args.config, ())
    schedule = exhibition.config.schedule
    first = args.first or local(schedule, datetime.now().astimezone()).date()
    decks = [(deck.name, deck.plays) for deck in exhibition.decks]
    print(heading(schedule, str(args.config)))
    for plan in plan_days(schedule, decks, first, args.days):
        print("\n".join(describe_day(plan, schedule)))
    errors = [problem for problem in exhibition.problems if problem.is_error]
    if errors:
        print(f"\n{len(errors)} error(s) in the files: run kiosk validate to see them.")
    return 1 if errors else 0


def heading(schedule: Schedule, source: str) -> str:
    timezone = schedule.timezone or "the machine's timezone"
    lines = [f"Calendar from {source}, in {timezone}."]
    if schedule.always_open:
        lines.append("No opening hours are set: the kiosk plays all day, every day.")
    else:
        closed = WHEN_CLOSED.get(schedule.when_closed, schedule.when_closed)
        lines.append(f"When closed, {closed}.")
        if schedule.when_closed == "display_off":
            touch = "wakes it to show the hours" if schedule.wake_on_touch else "is ignored"
            lines.append(
                f"It is switched on {schedule.wake_before_opening} min before opening; "
                f"a touch while it is off {touch}."
            )
    if schedule.quiet_hours:
        lines.append(f"Quiet hours, every day: {format_hours(schedule.quiet_hours)}.")
    return "\n".join(lines) + "\n"


def describe_day(plan: DayPlan, schedule: Schedule) -> list[str]:
    """The day's line, then indented lines for what else happens that day."""
    day = f"{plan.day:%a %Y-%m-%d}"
    why = WHY.get(plan.why or "")
    if not plan.hours:
        return [f"{day}  closed ({why or 'weekly hours'})"]
    hours = "all day" if plan.hours == (Period(0, 1440),) else format_hours(plan.hours)
    lines = [f"{day}  open {hours}" + (f" ({why})" if why else "")]
    if plan.quiet:
        lines.append(f"{'':16}quiet {format_hours(plan.quiet)}")
    switches = [f"{'on' if on else 'off'} {local(schedule, at):%H:%M}" for at, on in plan.switches]
    if switches:
        lines.append(f"{'':16}display {', '.join(switches)}")
    lines.append(f"{'':16}decks: {', '.join(plan.decks) or 'none: the title card shows'}")
    return lines


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-24") from None


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 400:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days from 1 to 400")
    return int(text)
