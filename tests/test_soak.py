"""The soak's moving parts, without its hour: the deck saves it makes are really one valid
change and one broken file in turn, and its play log tally counts what the kiosk wrote."""

from __future__ import annotations

import json

from bench.soak import EDITED_DECK, DeckEditor, PlayLogTally, exhibition_copy
from kiosk.content.exhibition import load_exhibition


def test_the_soak_saves_a_valid_caption_change_then_a_broken_deck(tmp_path):
    config = exhibition_copy(tmp_path)
    editor = DeckEditor(config.parent.parent)

    editor.save_next()
    valid = load_exhibition(config)
    assert not [p for p in valid.problems if p.is_error]
    captions = [str(slide.caption) for deck in valid.decks for slide in deck.slides]
    assert any("(edit 1)" in caption for caption in captions)

    editor.save_next()
    broken = load_exhibition(config)
    assert [p for p in broken.problems if p.is_error and EDITED_DECK in str(p)]


def test_the_tally_counts_new_lines_by_kind_across_calls(tmp_path):
    log = tmp_path / "play.jsonl"
    lines = [{"event": "slide"}, {"event": "reload", "result": "rejected"}]
    log.write_text("".join(json.dumps(line) + "\n" for line in lines) + '{"event": "sl')
    tally = PlayLogTally(log)
    assert tally() == {"slide": 1, "reload rejected": 1}
    with log.open("a") as more:
        more.write('ide"}\n' + json.dumps({"event": "narration", "state": "start"}) + "\n")
    assert tally() == {"slide": 2, "reload rejected": 1, "narration start": 1}
