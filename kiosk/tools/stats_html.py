"""`kiosk stats --html`: one page that holds everything, to mail or open from a USB stick.

The charts are PNG images inside the page (data: addresses) and the style is in the page, so
it needs no other file, no server and no network; it opens in any browser.
"""

from __future__ import annotations

import base64
from html import escape

from kiosk.hall.stats_figures import StatsReport
from kiosk.tools.stats_charts import Chart
from kiosk.tools.stats_tables import Table
from kiosk.tools.stats_text import format_cell

STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 2em auto;
       max-width: 1000px; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.5em 0 0.3em; }
p.lead { color: #555; margin-top: 0; }
p.warning { background: #fff4e0; border-left: 4px solid #c8783a; padding: 0.4em 0.8em; }
figure { margin: 1em 0 2em; }
figure img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f2f4f5; }
"""


def stats_page(
    report: StatsReport, tables: list[Table], charts: list[Chart], notes: list[str]
) -> str:
    """The whole page; `notes` are sentences for staff (lines that could not be read...)."""
    period = report.period
    title = f"Visitors, {period.first:%a %d %b %Y} to {period.last:%a %d %b %Y}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="lead">{escape(_lead(report))}</p>',
    ]
    parts += [f'<p class="warning">{escape(note)}</p>' for note in notes]
    if not charts:
        parts.append("<p>No visit in this period: no chart to draw.</p>")
    parts += [chart_html(chart) for chart in charts]
    parts.append("<h2>The figures</h2>")
    parts += [table_html(table) for table in tables if table.on_screen]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _lead(report: StatsReport) -> str:
    days = len(report.period.days)
    return (
        f"{len(report.visits)} visits in {days} days, from the kiosk's play log "
        f"({report.lines} lines). Times are the kiosk's local time."
    )


def chart_html(chart: Chart) -> str:
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure><h2>{escape(chart.title)}</h2><img alt="{escape(chart.text)}" '
        f'src="data:image/png;base64,{data}"><figcaption>{escape(chart.text)}</figcaption>'
        "</figure>"
    )


def table_html(table: Table) -> str:
    """The table, without the columns that have no header (a bar drawn in text: the charts
    draw it better)."""
    columns = [n for n, header in enumerate(table.headers) if header]
    numeric = {
        n: all(isinstance(row[n], int | float) or row[n] is None for row in table.rows)
        for n in columns
    }
    head = "".join(f"<th>{escape(table.headers[n])}</th>" for n in columns)
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="number">{escape(format_cell(row[n]))}</td>'
            if numeric[n]
            else f"<td>{escape(format_cell(row[n]))}</td>"
            for n in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(columns)}">(none)</td></tr>'
    return f"<h3>{escape(table.title)}</h3><table><tr>{head}</tr>{body}</table>"
