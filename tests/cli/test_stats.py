"""`kiosk stats` as staff use it: the simulated week's play log in, tables, CSV files and one
page of charts out; never a traceback, and matplotlib only when a page is asked for."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from tests.hall.play_week import play_week
from tests.hall.play_week_files import BROKEN, LogFolder
from tests.helpers import KIOSK, write_config

WEEK = ["--from", "2026-10-19", "--to", "2026-10-25"]
CHART_TITLES = (
    "Visits by hour of the day",
    "Visits by day of the week",
    "Visit lengths",
    "Slides ranked by attention",
    "Languages chosen",
)


@pytest.fixture
def week_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The simulated week's play log in tmp_path/logs; tmp_path is the current folder."""
    folder = LogFolder(play_week(), tmp_path / "logs")
    folder.finish()
    monkeypatch.chdir(tmp_path)
    return folder.path


def run_stats(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["stats", *args])
    out, err = capsys.readouterr()
    return status, out, err


def table_rows(out: str, title: str) -> list[list[str]]:
    """The rows of the table under `title`, split on runs of two spaces or more."""
    lines = out.splitlines()
    start = lines.index(title) + 3
    end = next((n for n in range(start, len(lines)) if not lines[n].strip()), len(lines))
    return [re.split(r"\s{2,}", line.strip()) for line in lines[start:end]]


def flat(out: str) -> str:
    """The output with its sentences unwrapped."""
    return " ".join(out.split())


def read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text("utf-8"))))


def test_the_week_in_the_terminal(week_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_stats(capsys, str(week_log), *WEEK)
    truth = play_week().visits
    assert (status, err) == (0, "")
    assert max(len(line) for line in out.splitlines()) <= 100
    database = week_log.parent / "stats.sqlite"
    assert f": {len(play_week().lines)} new line(s) read into {database}." in flat(out)
    assert f"Note: {len(BROKEN)} line(s) of the play log could not be read" in flat(out)
    summary = dict(table_rows(out, "Visits"))
    assert summary["visits"] == str(len(truth))
    assert summary["visits ended by the museum closing"] == "1"
    days = table_rows(out, "Visits by day")
    assert [row[0] for row in days] == [f"2026-10-{d}" for d in range(19, 26)]
    assert sum(int(row[2]) for row in days) == len(truth)
    slides = table_rows(out, "Slides, by the time visitors spent on them")
    assert len(slides) == 9 and all(len(row) == 7 for row in slides)
    assert sum(int(row[2]) for row in slides) == sum(len(v.views) for v in truth)
    for title in ("Languages chosen", "Narration", "Where visitors leave (the slide on screen)"):
        assert table_rows(out, title)


def test_a_second_call_reads_only_what_is_new(
    week_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_stats(capsys, "logs", *WEEK)  # the folder: its play.jsonl
    second = run_stats(capsys, str(week_log), *WEEK)
    assert ": 0 new line(s) read" in flat(second[1])
    assert first[1].split("Visits from")[1] == second[1].split("Visits from")[1]  # the same


def test_csv_files_hold_the_tables(
    week_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_stats(capsys, str(week_log), *WEEK, "--csv", "sheets")
    truth = play_week().visits
    assert status == 0 and "Wrote 9 CSV files in sheets." in out
    visits = read_csv(tmp_path / "sheets", "visits")
    assert [row["start"] for row in visits] == [
        v.local_start.isoformat(sep=" ", timespec="seconds") for v in truth
    ]
    assert [float(row["length (s)"]) for row in visits] == pytest.approx(
        [round(v.seconds, 1) for v in truth], abs=0.11
    )
    assert [row["end"] for row in visits] == [v.ended_by for v in truth]
    assert [int(row["slides seen"]) for row in visits] == [
        len({slide for slide, _, _ in v.views}) for v in truth
    ]
    by_hour = read_csv(tmp_path / "sheets", "visits_by_hour")
    assert list(by_hour[0]) == ["hour", "visits"]  # the text bar is left out
    assert sum(int(row["visits"]) for row in by_hour) == len(truth)
    slides = read_csv(tmp_path / "sheets", "slides")
    assert list(slides[0]) == [
        "slide",
        "shown",
        "stayed",
        "median stay (s)",
        "total stay (s)",
        "narrated",
        "left",
    ]
    stays = sum(len(v.views) for v in truth)
    assert sum(int(row["stayed"]) for row in slides) == stays
    languages = {row["language"]: row for row in read_csv(tmp_path / "sheets", "languages")}
    english = sum(1 for v in truth if "en" in v.languages)
    assert int(languages["en"]["visits"]) == english
    assert float(languages["en"]["of visits (%)"]) == pytest.approx(
        round(100 * english / len(truth), 1)
    )
    summary = {row["figure"]: row["value"] for row in read_csv(tmp_path / "sheets", "summary")}
    assert summary["visits"] == str(len(truth))


def test_the_page_holds_its_charts_and_nothing_outside(
    week_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_stats(capsys, str(week_log), *WEEK, "--html", "week.html")
    assert status == 0 and "Wrote week.html." in out
    page = (tmp_path / "week.html").read_text("utf-8")
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "url(" not in page
    sources = re.findall(r'src="([^"]*)"', page)
    assert len(sources) == len(CHART_TITLES)
    for title in CHART_TITLES:
        assert f"<h2>{title}</h2><img" in page
    for source in sources:
        assert source.startswith("data:image/png;base64,")
        image = Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1])))
        assert image.format == "PNG" and image.width >= 900 and image.height >= 100
        assert len(image.getcolors(1 << 16) or range(1000)) > 20  # drawn, not blank
    assert f"{len(play_week().visits)} visits in 7 days" in page
    assert "<h3>Where visitors leave (the slide on screen)</h3><table>" in page
    assert "█" not in page  # the text bars are for the terminal


def test_the_default_period_is_the_last_seven_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A visit today and one eight days ago: only today's is in the report."""
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "decks: []\n")
    now = datetime.now().astimezone()
    lines = []
    for moment in (now - timedelta(days=8), now - timedelta(minutes=5)):
        for seconds, trigger in ((0, "touch"), (30, "idle")):
            t = (moment + timedelta(seconds=seconds)).isoformat()
            lines.append({"t": t, "event": "slide", "deck": "d", "slide": "s", "trigger": trigger})
    log = tmp_path / "logs" / "play.jsonl"
    log.parent.mkdir()
    log.write_text("".join(json.dumps(line) + "\n" for line in lines))
    status, out, _ = run_stats(capsys)
    first = (now.date() - timedelta(days=6)).isoformat()
    assert status == 0 and f"Visits from {now.date() - timedelta(days=6):%a} {first}" in out
    assert dict(table_rows(out, "Visits"))["visits"] == "1"


def test_a_period_with_no_line_says_when_the_log_runs(
    week_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_stats(capsys, str(week_log), "--from", "2027-01-01", "--to", "2027-01-07")
    assert status == 0
    assert "it runs from 2026-10-19 to 2026-10-25: choose the days with --from and --to" in flat(
        out
    )
    assert dict(table_rows(out, "Visits"))["visits"] == "0"


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ["--from", "2026-10-25", "--to", "2026-10-19"],
            "kiosk stats: --from 2026-10-25 is after --to 2026-10-19",
        ),
        (
            ["--config", "config/kiosk.yaml"],
            "kiosk stats: config/kiosk.yaml keeps no play log (play_log is off): name the play "
            "log to read",
        ),
        (["--config", "nope.yaml"], "kiosk stats: no config file at nope.yaml; pass --config PATH"),
    ],
    ids=["from after to", "no play log kept", "no config"],
)
def test_a_mistake_in_the_command_is_one_sentence_and_status_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    sentence: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "decks: []\nplay_log: null\n")
    before = sorted(tmp_path.rglob("*"))
    status, out, err = run_stats(capsys, *args)
    assert (status, out, err) == (2, "", sentence + "\n")
    assert sorted(tmp_path.rglob("*")) == before


def test_a_folder_with_no_play_log_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "decks: []\n")
    status, out, err = run_stats(capsys)
    log = tmp_path / "logs" / "play.jsonl"
    assert (status, out) == (1, "")
    assert err == f"kiosk stats: no play log at {log}: has the kiosk run here?\n"


BLOCK_MATPLOTLIB = """
import sys
from importlib.abc import MetaPathFinder

class Refuse(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "matplotlib":
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, Refuse())
"""


def test_without_matplotlib_the_page_says_how_to_install_it(week_log: Path) -> None:
    program = BLOCK_MATPLOTLIB + (
        "from kiosk.cli import main\n"
        f"sys.exit(main(['stats', {str(week_log)!r}, '--html', 'week.html']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("kiosk stats: --html draws its charts with matplotlib")
    assert ".venv/bin/pip install 'matplotlib>=3.8'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (week_log.parent.parent / "week.html").exists()


def test_the_kiosk_and_the_text_report_never_load_matplotlib(week_log: Path) -> None:
    program = (
        "import sys, contextlib, io\n"
        "import kiosk.app\n"
        "from kiosk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['stats', {str(week_log)!r}, '--csv', 'sheets'])\n"
        "print(status, 'matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert result.stdout == "0 False\n", result.stderr


def test_long_slide_names_are_shortened_to_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "the-german-convoy-destroyed-on-the-n7-road-between-montelimar-and-loriol-in-1944"
    lines = [
        {"t": f"2026-10-20T10:00:{s:02d}+02:00", "event": "slide", "deck": "montelimar"}
        | {"slide": name, "lang": "fr", "trigger": trigger}
        for s, trigger in ((0, "touch"), (40, "idle"))
    ]
    log = tmp_path / "play.jsonl"
    log.write_text("".join(json.dumps(line) + "\n" for line in lines))
    status, out, _ = run_stats(capsys, str(log), "--from", "2026-10-20", "--to", "2026-10-20")
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "montelimar / the-german-convoy" in out and "…" in out


def test_piped_into_head_there_is_no_traceback(week_log: Path) -> None:
    result = subprocess.run(
        f"{KIOSK} stats {week_log} {' '.join(WEEK)} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=week_log.parent,
    )
    assert result.stdout.startswith("Play log ") and result.stderr == ""
