"""`kiosk stats` tables as text for the terminal, and as CSV files for a spreadsheet.

On screen: aligned columns within 100 characters (a long slide name is shortened with …),
times as minutes:seconds, shares as percentages. In CSV: one file per table, UTF-8 with a
header row, times in seconds and shares in percent, so a spreadsheet can sum and chart them.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from kiosk.tools.stats_tables import Cell, Seconds, Share, Table

WIDTH = 100
GAP = "  "


def format_cell(value: Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, Seconds):
        return clock(value)
    if isinstance(value, Share):
        return f"{value * 100:.0f} %"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def clock(seconds: float) -> str:
    """65.4 -> '1:05'; an hour or more -> '1:02:03'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_table(table: Table, width: int = WIDTH) -> str:
    cells = [[format_cell(value) for value in row] for row in table.rows]
    numeric = [
        all(isinstance(row[n], int | float) or row[n] is None for row in table.rows)
        for n in range(len(table.headers))
    ]
    widths = [
        max([len(header)] + [len(row[n]) for row in cells])
        for n, header in enumerate(table.headers)
    ]
    _fit(widths, numeric, width)
    lines = [table.title, _row(table.headers, widths, numeric)]
    lines.append(GAP.join("-" * w for w in widths).rstrip())
    lines += [_row(row, widths, numeric) for row in cells]
    if not table.rows:
        lines.append("(none)")
    return "\n".join(lines)


def _fit(widths: list[int], numeric: list[bool], width: int) -> None:
    """Shorten the widest text column until the table fits in `width`."""
    while sum(widths) + len(GAP) * (len(widths) - 1) > width:
        texts = [n for n, is_number in enumerate(numeric) if not is_number and widths[n] > 8]
        if not texts:
            return
        widest = max(texts, key=lambda n: widths[n])
        widths[widest] -= 1


def _row(values: tuple[str, ...] | list[str], widths: list[int], numeric: list[bool]) -> str:
    parts = []
    for value, size, is_number in zip(values, widths, numeric, strict=True):
        text = value if len(value) <= size else value[: size - 1] + "…"
        parts.append(text.rjust(size) if is_number else text.ljust(size))
    return GAP.join(parts).rstrip()


def render_text(tables: list[Table], width: int = WIDTH) -> str:
    return "\n\n".join(render_table(table, width) for table in tables if table.on_screen)


def csv_value(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, Seconds):
        return round(float(value), 1)
    if isinstance(value, Share):
        return round(float(value) * 100, 1)
    if isinstance(value, float):
        return round(value, 2)
    return value


def csv_columns(table: Table) -> list[int]:
    """The columns a spreadsheet wants: all but those without a header (a bar drawn in text)."""
    return [n for n, header in enumerate(table.headers) if header]


def csv_headers(table: Table) -> list[str]:
    """The headers, with the unit of the columns that have one."""
    headers = []
    for n in csv_columns(table):
        kinds = {type(row[n]) for row in table.rows if row[n] is not None}
        unit = " (s)" if kinds == {Seconds} else " (%)" if kinds == {Share} else ""
        headers.append(table.headers[n] + unit)
    return headers


def write_csv(tables: list[Table], folder: Path) -> list[Path]:
    """One file per table in `folder` (made if need be), each written whole or not at all;
    the paths. Raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(csv_headers(table))
        columns = csv_columns(table)
        writer.writerows([csv_value(row[n]) for n in columns] for row in table.rows)
        path = folder / f"{table.name}.csv"
        write_whole(path, buffer.getvalue())
        written.append(path)
    return written


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed into place, so a reader never
    meets half a file. Raises OSError."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
