"""The background synthesis keeps out of the way: nothing made ahead when the loop does not
narrate until a visitor asks, no engine started when every file is made, files nobody asked for
made only while the screen stands still, and workers at a low priority."""

from __future__ import annotations

import subprocess
import sys
import time

from kiosk import still_screen
from kiosk.sound import synthesis
from kiosk.sound.synthesis import BackgroundSynthesis
from tests.sound.test_desk import set_up, tts_file
from tests.sound.test_healing import EVERY_FILE, finished, wait_until


def made(loaded) -> list[tuple[int, str]]:
    return [(index, lang) for index, lang in EVERY_FILE if tts_file(loaded, index, lang).is_file()]


def test_without_autoplay_nothing_is_made_until_a_visitor_asks(exhibition, desk) -> None:
    loaded = set_up(exhibition)
    background = BackgroundSynthesis(loaded.decks, loaded.config, ahead=False)
    background.start()
    time.sleep(1.0)
    assert not background._thread.is_alive()
    assert made(loaded) == []
    narration = desk(loaded, background.ledger)
    deck = loaded.decks[0]
    assert narration.speak(deck, deck.slides[1], "en") is None  # a visitor turned it on
    assert wait_until(tts_file(loaded, 1, "en").is_file, 20)
    assert finished(background)
    assert made(loaded) == EVERY_FILE  # then the rest, in play order
    background.stop()


def test_the_engine_is_not_started_when_every_file_is_made(exhibition, monkeypatch) -> None:
    loaded = set_up(exhibition)
    first = BackgroundSynthesis(loaded.decks, loaded.config)
    first.start()
    assert finished(first)
    assert made(loaded) == EVERY_FILE
    probes = []
    real_find_engine = synthesis.find_engine
    monkeypatch.setattr(synthesis, "find_engine", lambda: probes.append(1) or real_find_engine())
    again = BackgroundSynthesis(loaded.decks, loaded.config)
    again.start()
    assert finished(again)
    assert probes == []


def test_files_nobody_asked_for_are_made_while_the_screen_stands_still(exhibition) -> None:
    loaded = set_up(exhibition)
    still_screen.note_screen(moving=True)
    try:
        background = BackgroundSynthesis(loaded.decks, loaded.config)
        background.start()
        time.sleep(2.0)  # time enough to start the engine and make a file or two
        assert made(loaded) == []
    finally:
        still_screen.note_screen(moving=False)
    assert finished(background)
    assert made(loaded) == EVERY_FILE


def test_speech_workers_run_at_a_lower_priority() -> None:
    """The worker lowers its own priority before anything else (here it is asked for nothing
    it can do, and says how nice it ended up)."""
    script = "import os; from kiosk.sound import speech_worker as w; w.main([]); print(os.nice(0))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert int(done.stdout.split()[-1]) >= 10
