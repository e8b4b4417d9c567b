"""The play log: one flushed JSON line per effect, and never a reason to stop the show."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from kiosk.hall.playlog import PlayLog
from kiosk.show.player import LanguageChanged, SlideShown
from tests.helpers import make_deck
from tests.show.panels import drome_deck, event, panel_slides

FIELDS = {"t", "event", "deck", "slide", "lang", "trigger"}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_json_line_per_slide_shown_with_exactly_the_fields(tmp_path):
    path = tmp_path / "logs" / "play.jsonl"  # the folder does not exist yet
    log = PlayLog(path)
    deck = make_deck()
    before = datetime.now().astimezone()
    log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
    log.effect(SlideShown(deck, deck.slides[1], "en", "touch"))
    after = datetime.now().astimezone()
    log.close()
    records = lines(path)
    assert len(records) == 2
    for record in records:
        assert set(record) == FIELDS
    assert {k: v for k, v in records[0].items() if k != "t"} == {
        "event": "slide",
        "deck": "livron",
        "slide": "bridge-blown-up",
        "lang": "fr",
        "trigger": "start",
    }
    assert records[1]["slide"] == "retreat"
    assert records[1]["lang"] == "en"
    assert records[1]["trigger"] == "touch"
    first, second = (datetime.fromisoformat(r["t"]) for r in records)
    assert first.tzinfo is not None  # local time with its offset, for a museum's records
    assert before <= first <= second <= after  # when each line was written


def test_a_timeline_step_is_logged_with_its_step(tmp_path):
    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    slides = panel_slides("liberation-days", (event(16, "livron"), event(21, "buis")))
    deck = drome_deck(*slides)
    log.effect(SlideShown(deck, slides[1], "en", "timer"))
    log.effect(LanguageChanged(deck, slides[1], "fr", "touch"))
    log.close()
    records = lines(path)
    assert [(r["event"], r["slide"], r["step"]) for r in records] == [
        ("slide", "liberation-days", 1),
        ("language", "liberation-days", 1),
    ]
    assert set(records[0]) == FIELDS | {"step"}


def test_language_change_is_a_line_with_the_same_fields(tmp_path):
    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    deck = make_deck()
    log.effect(LanguageChanged(deck, deck.slides[1], "en", "touch"))
    log.close()
    [record] = lines(path)
    assert set(record) == FIELDS
    assert record["event"] == "language"
    assert record["lang"] == "en"
    assert record["trigger"] == "touch"
    assert (record["deck"], record["slide"]) == (deck.name, deck.slides[1].id)


def test_each_line_is_on_disk_as_soon_as_it_is_written(tmp_path):
    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    deck = make_deck()
    for count in (1, 2, 3):
        log.effect(SlideShown(deck, deck.slides[0], "fr", "timer"))
        assert len(lines(path)) == count  # read back before close: flushed
    log.close()


def test_appends_to_an_existing_log(tmp_path):
    path = tmp_path / "play.jsonl"
    deck = make_deck()
    for _ in range(2):
        log = PlayLog(path)
        log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
        log.close()
    assert [r["trigger"] for r in lines(path)] == ["start", "start"]


def test_accented_text_is_written_as_utf8(tmp_path):
    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    deck = make_deck(name="drôme-libérée")
    log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
    log.close()
    assert "drôme-libérée" in path.read_text(encoding="utf-8")
    assert lines(path)[0]["deck"] == "drôme-libérée"


def test_deck_file_name_that_is_not_utf8_is_still_logged(tmp_path):
    # `kiosk run slides/*.yaml` hands Python a Latin-1 file name as surrogate escapes.
    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    deck = make_deck(name="vall\udce9e")
    log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
    log.effect(SlideShown(deck, deck.slides[1], "fr", "timer"))
    log.close()
    records = lines(path)
    assert [r["slide"] for r in records] == ["bridge-blown-up", "retreat"]
    # Written as the escape \udce9, which a JSON reader turns back into the very name.
    assert records[0]["deck"] == deck.name


def test_unwritable_path_is_reported_once_and_never_raises(tmp_path, caplog):
    path = tmp_path / "a-directory"
    path.mkdir()
    log = PlayLog(path)
    deck = make_deck()
    with caplog.at_level(logging.WARNING, logger="kiosk.hall.playlog"):
        for _ in range(5):
            log.effect(SlideShown(deck, deck.slides[0], "fr", "timer"))
        log.effect(LanguageChanged(deck, deck.slides[0], "en", "key"))
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1
        assert errors[0].getMessage().startswith(f"{path}: cannot write the play log (")
        # The lines wait, and are written once the path can be written again.
        path.rmdir()
        log.effect(SlideShown(deck, deck.slides[0], "fr", "timer"))
        log.close()
    assert [r["event"] for r in lines(path)] == ["slide"] * 5 + ["language", "slide"]
    recovered = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert recovered == [f"{path}: the play log is written again (7 lines that waited)"]


def test_log_under_a_file_instead_of_a_folder_never_raises(tmp_path, caplog):
    blocker = tmp_path / "logs"
    blocker.write_text("I am a file, not a folder\n")
    log = PlayLog(blocker / "play.jsonl")
    deck = make_deck()
    with caplog.at_level(logging.ERROR, logger="kiosk.hall.playlog"):
        log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
        log.effect(SlideShown(deck, deck.slides[1], "fr", "timer"))
    log.close()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    # Named by the log's own path, which the OS error (about logs/) does not give.
    assert errors[0].getMessage().startswith(f"{blocker / 'play.jsonl'}: cannot write the play log")


def test_no_path_means_no_log(tmp_path, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a log given no path might otherwise land
    log = PlayLog(None)
    deck = make_deck()
    with caplog.at_level(logging.DEBUG):
        log.effect(SlideShown(deck, deck.slides[0], "fr", "start"))
        log.effect(LanguageChanged(deck, deck.slides[0], "en", "key"))
    log.close()
    assert caplog.records == []
    assert list(tmp_path.iterdir()) == []


def test_a_listener_is_told_each_line_as_written_even_without_a_file(tmp_path):
    """The fleet link sends the play log's lines on as events (kiosk.hall.fleet)."""
    deck = make_deck()
    path = tmp_path / "play.jsonl"
    told: dict[Path | None, list[str]] = {}
    for where in (path, None):
        heard = told.setdefault(where, [])
        log = PlayLog(where)
        log.listener = heard.append
        log.effect(SlideShown(deck, deck.slides[0], "fr", "remote"))
        log.record({"event": "command", "action": "next", "trigger": "remote"})
        log.close()
        assert [json.loads(line)["trigger"] for line in heard] == ["remote", "remote"]
    assert told[path] == path.read_text(encoding="utf-8").splitlines()
