"""`kiosk stats`: what visitors did, from the play log: visits, slides, languages, narration.

The play log is read into a SQLite database beside it (kiosk.hall.stats_store), only its new
lines each time; the visits are found in it (kiosk.hall.visits) and counted for a period
(kiosk.hall.stats_figures); the tables go to the terminal, and to CSV files or one HTML page
with charts when asked (kiosk.tools.stats_*).
"""

from __future__ import annotations

import argparse
import sqlite3
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from kiosk.cli.common import (
    UsageError,
    add_config_argument,
    complain,
    museum_today,
    open_config,
)
from kiosk.content.config import Config
from kiosk.content.exhibition import DEFAULT_CONFIG
from kiosk.hall.playlog_files import play_log_files
from kiosk.hall.stats_figures import Period, StatsReport, compute
from kiosk.hall.stats_store import ReadOutcome, StatsStore, StoreBusy, open_store
from kiosk.hall.visits import find_visits
from kiosk.tools.stats_tables import build_tables
from kiosk.tools.stats_text import WIDTH, render_text, write_csv, write_whole

COMMAND = "kiosk stats"
DATABASE = "stats.sqlite"
DEFAULT_DAYS = 7
MARGIN = timedelta(days=2)
"""Lines read on either side of the period: a day for the widest timezone offsets, and one
for a visit under way at midnight."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "stats",
        help="what visitors did, from the play log: visits, slides, languages, narration",
        description="Read the play log (the config's, with its earlier files) into "
        f"{DATABASE} beside it, only what is new, and report on the visits of a period: "
        "when visitors came and how long they stayed, the slides they stayed on and left "
        "from, the languages they chose and the narration they heard.",
    )
    parser.add_argument(
        "play_logs",
        nargs="*",
        type=Path,
        metavar="PLAY_LOG",
        help="the play log of one kiosk, such as logs/play.jsonl (or the folder holding it), "
        "with its earlier files beside it (default: the config's)",
    )
    add_config_argument(parser)
    parser.add_argument(
        "--from", dest="first", type=_day, metavar="YYYY-MM-DD", help="the period's first day"
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_day,
        metavar="YYYY-MM-DD",
        help=f"the period's last day (default: the last {DEFAULT_DAYS} days, today included)",
    )
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write a page of charts")
    parser.add_argument("--csv", type=Path, metavar="DIR", help="also write the tables as CSV")
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    if args.html is not None:
        from kiosk.tools.stats_charts import charts_unavailable

        if (why := charts_unavailable()) is not None:
            raise UsageError(why, COMMAND)
    config = _config(args)
    period = choose_period(args.first, args.last, museum_today(config.schedule))
    logs = _play_logs(args, config)
    files = list(dict.fromkeys(f.resolve() for log in logs for f in play_log_files(log)))
    database = logs[0].parent / DATABASE
    if not files and not database.is_file():
        return complain(f"no play log at {logs[0]}: has the kiosk run here?", 1, COMMAND)
    try:
        reading = _read(database, files, period, config)
    except StoreBusy:
        return complain(f"{database} is busy: another kiosk stats is reading the log", 1, COMMAND)
    except sqlite3.DatabaseError as error:
        why = f"{database} cannot be read ({error}): delete it, the next call builds it again"
        return complain(why, 1, COMMAND)
    kept = f"into {database}" if reading.kept else "(kept in memory only)"
    say(f"Play log {logs[0]} ({len(files)} file(s)): {reading.new_lines} new line(s) read {kept}.")
    return _write(args, reading.report, reading.notes)


@dataclass(frozen=True)
class Reading:
    report: StatsReport
    notes: list[str]
    """Sentences for staff about what was read, and what could not be."""
    new_lines: int
    kept: bool
    """The lines read are kept in the database for the next call."""


def _read(database: Path, files: list[Path], period: Period, config: Config) -> Reading:
    store, warning = open_store(database)
    try:
        outcome = store.read_files(files)
        since = datetime.combine(period.first, time(), UTC) - MARGIN
        until = datetime.combine(period.last + timedelta(days=1), time(), UTC) + MARGIN
        lines = store.lines(since.timestamp(), until.timestamp())
        notes = _notes(store, outcome, warning, period, bool(lines))
    finally:
        store.close()
    visits = find_visits(lines, config.idle_timeout)
    report = compute(lines, visits, period)
    return Reading(report, notes, outcome.new_lines, kept=store.kept)


def _notes(
    store: StatsStore, outcome: ReadOutcome, warning: str | None, period: Period, any_line: bool
) -> list[str]:
    """Sentences for staff about what was read, and what could not be."""
    notes = [warning] if warning else []
    notes += [f"cannot read {failure}" for failure in outcome.failures]
    unreadable = store.unreadable()
    if unreadable.count:
        notes.append(
            f"{unreadable.count} line(s) of the play log could not be read and are left out "
            f"(the first: {unreadable.first})"
        )
    span = store.span()
    if not any_line and span is not None:
        first, last = (line.local.date() for line in span)
        notes.append(
            f"no line of the play log is from {period.first} to {period.last}; it runs "
            f"from {first} to {last}: choose the days with --from and --to"
        )
    return notes


def _write(args: argparse.Namespace, report: StatsReport, notes: list[str]) -> int:
    tables = build_tables(report)
    period = report.period
    print(f"Visits from {period.first:%a %Y-%m-%d} to {period.last:%a %Y-%m-%d}.")
    for note in notes:
        say(f"Note: {note}.")
    print()
    print(render_text(tables))
    try:
        if args.csv is not None:
            written = write_csv(tables, args.csv)
            print(f"\nWrote {len(written)} CSV files in {args.csv}.")
        if args.html is not None:
            from kiosk.tools.stats_charts import draw_charts
            from kiosk.tools.stats_html import stats_page

            write_whole(args.html, stats_page(report, tables, draw_charts(report), notes))
            print(f"Wrote {args.html}.")
    except OSError as error:
        return complain(f"cannot write {error.filename or ''} ({error.strerror})", 1, COMMAND)
    return 0


def say(sentence: str) -> None:
    """A sentence, wrapped to the tables' width."""
    print(textwrap.fill(sentence, WIDTH, subsequent_indent="  ", break_on_hyphens=False))


def choose_period(first: date | None, last: date | None, today: date) -> Period:
    """--from and --to, each defaulting from the other or from today."""
    if last is None:
        last = max(today, first) if first is not None else today
    if first is None:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}", COMMAND)
    return Period(first, last)


def _config(args: argparse.Namespace) -> Config:
    """The config, for its play log and idle_timeout; with play logs named and no config in
    the current folder, the defaults."""
    if args.play_logs and args.config == DEFAULT_CONFIG and not args.config.is_file():
        return Config()
    return open_config(args.config, command=COMMAND)


def _play_logs(args: argparse.Namespace, config: Config) -> list[Path]:
    if args.play_logs:  # a folder: the play log the kiosk writes there
        return [log / "play.jsonl" if log.is_dir() else log for log in args.play_logs]
    if config.play_log_path is None:
        raise UsageError(
            f"{args.config} keeps no play log (play_log is off): name the play log to read",
            COMMAND,
        )
    return [config.play_log_path]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-24") from None
