"""Hot reload: saved changes are picked up, broken ones rejected, the last good kept."""

from __future__ import annotations

import os
import time
from pathlib import Path
from textwrap import dedent

import pytest

from kiosk.content.exhibition import load_exhibition
from kiosk.hall import reload as reload_module
from kiosk.hall.reload import Reload, Reloader, changed_paths, take_snapshot

DECK = """\
title: Deck
slides:
  - id: one
    image: a.jpg
    caption: "{caption}"
  - id: two
    image: b.jpg
    caption: "Deux"
"""


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    """A small exhibition: a config naming one deck, two photos."""
    (tmp_path / "config").mkdir()
    (tmp_path / "slides").mkdir()
    (tmp_path / "media").mkdir()
    for name in ("a.jpg", "b.jpg"):
        (tmp_path / "media" / name).write_bytes(b"photo")
    (tmp_path / "config" / "kiosk.yaml").write_text("decks: [slides/d.yaml]\n", "utf-8")
    write_deck(tmp_path, "Un")
    return tmp_path


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reload_module, "SETTLE_SECONDS", 0.05)


def write_deck(root: Path, caption: str, raw: str | None = None) -> None:
    path = root / "slides" / "d.yaml"
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(raw if raw is not None else DECK.format(caption=caption), "utf-8")
    # Make the change visible even on file systems with coarse timestamps.
    os.utime(path, ns=(before + 10**9, before + 10**9))


def reloader_for(root: Path) -> Reloader:
    config = root / "config" / "kiosk.yaml"
    return Reloader(config, (), load_exhibition(config))


def captions(result: Reload) -> list[str]:
    return [slide.caption.get("fr") for deck in result.decks for slide in deck.slides]


def test_nothing_changed_means_nothing_to_load(hall: Path) -> None:
    assert reloader_for(hall).check() is None


def test_an_edited_caption_is_applied(hall: Path) -> None:
    watcher = reloader_for(hall)
    write_deck(hall, "Un, corrigé")
    result = watcher.check()
    assert result is not None
    assert captions(result) == ["Un, corrigé", "Deux"]
    [outcome] = result.outcomes
    assert (outcome.path.name, outcome.result, outcome.problems) == ("d.yaml", "applied", ())
    assert watcher.take() is result


def test_a_broken_save_is_rejected_and_the_last_good_version_kept(hall: Path) -> None:
    watcher = reloader_for(hall)
    write_deck(hall, "", raw='title: Deck\nslides:\n  - id: one\n    caption: "unclosed\n')
    result = watcher.check()
    assert result is not None
    assert captions(result) == ["Un", "Deux"]
    [outcome] = result.outcomes
    assert outcome.result == "rejected"
    assert len(outcome.problems) == 1
    assert str(outcome.problems[0]).startswith(f"{hall / 'slides' / 'd.yaml'}:4:14: error:")
    assert result.problems == outcome.problems


def test_a_half_written_deck_that_drops_a_slide_with_an_error_is_rejected(hall: Path) -> None:
    watcher = reloader_for(hall)
    write_deck(hall, "", raw=DECK.format(caption="Un")[:-25])  # cut inside the second slide
    result = watcher.check()
    assert result is not None
    assert result.outcomes[0].result == "rejected"
    assert captions(result) == ["Un", "Deux"]


def test_a_fix_after_a_rejection_is_applied(hall: Path) -> None:
    watcher = reloader_for(hall)
    write_deck(hall, "", raw="slides: [")
    assert watcher.check().outcomes[0].result == "rejected"
    write_deck(hall, "Réparé")
    result = watcher.check()
    assert result.outcomes[0].result == "applied"
    assert captions(result) == ["Réparé", "Deux"]
    assert result.problems == ()


def test_a_replaced_photo_is_reported_as_changed_media(hall: Path) -> None:
    watcher = reloader_for(hall)
    photo = hall / "media" / "a.jpg"
    photo.write_bytes(b"a new scan, larger")
    result = watcher.check()
    assert result is not None
    assert result.changed_media == (photo,)
    assert [(o.path, o.result) for o in result.outcomes] == [(photo, "applied")]


def test_a_rejected_config_keeps_the_old_one(hall: Path) -> None:
    """The rejected file changes values that are valid on their own (and not the defaults)
    next to one error: none of them is applied, to the config or to the decks loaded with it."""
    config = hall / "config" / "kiosk.yaml"
    config.write_text("decks: [slides/d.yaml]\nidle_timeout: 30\nslide_duration: 20\n", "utf-8")
    watcher = reloader_for(hall)
    config.write_text(
        "decks: [slides/d.yaml]\nidle_timeout: 45\nslide_duration: 7\ntransition: swirl\n",
        "utf-8",
    )
    os.utime(config, ns=(time.time_ns() + 10**9,) * 2)
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (config, "rejected")
    assert "transition" in str(outcome.problems[0])
    assert (result.config.idle_timeout, result.config.slide_duration) == (30.0, 20.0)
    assert [slide.duration for deck in result.decks for slide in deck.slides] == [20.0, 20.0]
    config.write_text("decks: [slides/d.yaml]\nidle_timeout: 45\nslide_duration: 7\n", "utf-8")
    os.utime(config, ns=(time.time_ns() + 2 * 10**9,) * 2)
    result = watcher.check()
    assert (result.config.idle_timeout, result.config.slide_duration) == (45.0, 7.0)
    assert [slide.duration for deck in result.decks for slide in deck.slides] == [7.0, 7.0]


def test_a_save_still_being_written_is_read_once_it_settles(hall: Path, monkeypatch) -> None:
    """The file grows between every two looks, three times: only the whole file is read.

    Each look at the files (a snapshot) lands one more piece of the save, so a watcher that
    read after the first look, or after any fixed number of waits, would read half a deck."""
    watcher = reloader_for(hall)
    whole = DECK.format(caption="Un, version finale")
    pieces = iter([whole[: len(whole) // 2], whole[:-25], whole])
    real_snapshot = reload_module.take_snapshot

    def snapshot_while_editing(*args: object) -> dict:
        piece = next(pieces, None)
        if piece is not None:
            write_deck(hall, "", raw=piece)
        return real_snapshot(*args)

    monkeypatch.setattr(reload_module, "take_snapshot", snapshot_while_editing)
    result = watcher.check()
    assert [(o.path.name, o.result) for o in result.outcomes] == [("d.yaml", "applied")]
    assert captions(result) == ["Un, version finale", "Deux"]


def test_the_thread_picks_up_a_change_within_two_seconds(hall: Path) -> None:
    watcher = reloader_for(hall)
    watcher.start()
    try:
        write_deck(hall, "Vu par le fil")
        deadline = time.monotonic() + 2.0
        result = None
        while result is None and time.monotonic() < deadline:
            result = watcher.take()
            time.sleep(0.02)
        assert result is not None, "no reload within 2 s"
        assert captions(result)[0] == "Vu par le fil"
    finally:
        watcher.stop()


def test_snapshots_compare_by_time_and_size(tmp_path: Path) -> None:
    config = tmp_path / "k.yaml"
    config.write_text("a", "utf-8")
    before = take_snapshot(config, (), tmp_path / "media")
    config.write_text("ab", "utf-8")
    after = take_snapshot(config, (), tmp_path / "media")
    assert changed_paths(before, after) == {config}
    assert changed_paths(after, after) == set()


def test_reloading_never_writes_to_curators_files(hall: Path) -> None:
    files = sorted(p for p in hall.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    watcher = reloader_for(hall)
    write_deck(hall, "Un bis")
    before[hall / "slides" / "d.yaml"] = (
        (hall / "slides" / "d.yaml").read_bytes(),
        (hall / "slides" / "d.yaml").stat().st_mtime_ns,
    )
    watcher.check()
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert sorted(p for p in hall.rglob("*") if p.is_file()) == files


def test_a_new_deck_in_the_config_with_errors_is_not_shown(hall: Path) -> None:
    watcher = reloader_for(hall)
    (hall / "slides" / "new.yaml").write_text(
        dedent("""\
        title: New
        slides:
          - image: missing.jpg
            caption: "x"
        """),
        "utf-8",
    )
    config = hall / "config" / "kiosk.yaml"
    config.write_text("decks: [slides/d.yaml, slides/new.yaml]\n", "utf-8")
    os.utime(config, ns=(time.time_ns() + 10**9,) * 2)
    result = watcher.check()
    assert [deck.name for deck in result.decks] == ["d"]
    assert any("missing.jpg" in str(problem) for problem in result.problems)


def test_a_deck_added_to_the_config_is_loaded_once_then_watched(hall: Path) -> None:
    watcher = reloader_for(hall)
    (hall / "slides" / "extra.yaml").write_text(DECK.format(caption="Extra"), "utf-8")
    config = hall / "config" / "kiosk.yaml"
    config.write_text("decks: [slides/extra.yaml, slides/d.yaml]\n", "utf-8")
    os.utime(config, ns=(time.time_ns() + 10**9,) * 2)
    result = watcher.check()
    assert [deck.name for deck in result.decks] == ["extra", "d"]
    assert [o.path.name for o in result.outcomes] == ["kiosk.yaml"]
    assert watcher.check() is None  # not reported again as a change of its own
    extra = hall / "slides" / "extra.yaml"
    extra.write_text(DECK.format(caption="Extra, edited"), "utf-8")
    os.utime(extra, ns=(time.time_ns() + 2 * 10**9,) * 2)
    assert captions(watcher.check())[0] == "Extra, edited"


def test_a_file_saved_while_waiting_for_another_to_settle_is_reported_too(
    hall: Path, monkeypatch
) -> None:
    """A photo is replaced, and the deck saved while the watcher waits for the photo to
    settle: both changes are loaded and both are in the outcomes staff see."""
    watcher = reloader_for(hall)
    photo = hall / "media" / "a.jpg"
    photo.write_bytes(b"a new scan, larger")
    deck_saved = False
    real_snapshot = reload_module.take_snapshot

    def snapshot_then_save_the_deck(*args: object) -> dict:
        nonlocal deck_saved
        taken = real_snapshot(*args)
        if not deck_saved:
            deck_saved = True
            write_deck(hall, "Un, pendant l'attente")
        return taken

    monkeypatch.setattr(reload_module, "take_snapshot", snapshot_then_save_the_deck)
    result = watcher.check()
    assert captions(result) == ["Un, pendant l'attente", "Deux"]
    assert result.changed_media == (photo,)
    assert sorted((o.path.name, o.result) for o in result.outcomes) == [
        ("a.jpg", "applied"),
        ("d.yaml", "applied"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        ".a.jpg.swp",  # vim
        ".a.jpg.kate-swp",  # kate
        ".#a.jpg",  # emacs, where it cannot make its usual link
        ".~lock.notes.odt#",  # LibreOffice
        ".thumbnails/a.jpg",  # a hidden folder: nothing in it is looked at
    ],
)
def test_a_hidden_file_in_media_does_not_trigger_a_reload(hall: Path, name: str) -> None:
    """Editors keep swap and lock files beside what they edit, and rewrite them as the
    curator types: a reload (and a log line) each time would be noise, and a crossfade."""
    watcher = reloader_for(hall)
    hidden = hall / "media" / name
    hidden.parent.mkdir(parents=True, exist_ok=True)
    hidden.write_bytes(b"swap")
    assert watcher.check() is None
    hidden.write_bytes(b"swap, rewritten as the curator types")
    assert watcher.check() is None
    (hall / "slides" / ".d.yaml.swp").write_bytes(b"swap of the deck")
    assert watcher.check() is None


def test_an_edit_that_keeps_the_size_is_seen_by_its_time(hall: Path) -> None:
    """A typo fixed letter for letter, a photo re-exported to the same number of bytes: the
    modification time alone tells the watcher."""
    watcher = reloader_for(hall)
    write_deck(hall, "Nu")  # "Un" before: same length
    result = watcher.check()
    assert result is not None and captions(result) == ["Nu", "Deux"]
    photo = hall / "media" / "b.jpg"
    before = photo.stat().st_mtime_ns
    photo.write_bytes(b"PHOTO")  # "photo" before: same length
    os.utime(photo, ns=(before + 10**9, before + 10**9))
    result = watcher.check()
    assert result is not None and result.changed_media == (photo,)


def test_a_save_within_the_same_timestamp_tick_is_seen_by_its_size(hall: Path) -> None:
    """On a file system with coarse timestamps (FAT on a USB stick: two seconds) a quick
    second save keeps the modification time; the size still tells the watcher."""
    watcher = reloader_for(hall)
    deck = hall / "slides" / "d.yaml"
    same_time = deck.stat().st_mtime_ns
    deck.write_text(DECK.format(caption="Un, plus long"), "utf-8")
    os.utime(deck, ns=(same_time, same_time))
    result = watcher.check()
    assert result is not None and captions(result) == ["Un, plus long", "Deux"]
    photo = hall / "media" / "b.jpg"
    same_time = photo.stat().st_mtime_ns
    photo.write_bytes(b"a new scan, larger")
    os.utime(photo, ns=(same_time, same_time))
    result = watcher.check()
    assert result is not None and result.changed_media == (photo,)


# --- curators' files as a hall meets them: emptied, locked, deleted (issue 9) ----------------


def touch_later(path: Path, seconds: int = 1) -> None:
    """Move the modification time on, as a save a moment later would."""
    later = time.time_ns() + seconds * 10**9
    os.utime(path, ns=(later, later))


@pytest.mark.parametrize("text", ["", "# all the decks went\n", "decks: []\n"])
def test_a_config_emptied_of_its_decks_is_rejected_and_the_show_kept(hall: Path, text: str) -> None:
    """A save that leaves the config with no deck (emptied to 0 bytes by a full disk or a
    crashed editor, or its list cleared) is a broken save, not an exhibition of nothing."""
    config = hall / "config" / "kiosk.yaml"
    watcher = reloader_for(hall)
    config.write_text(text, "utf-8")
    touch_later(config)
    result = watcher.check()
    assert result is not None
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (config, "rejected")
    [problem] = outcome.problems
    assert problem.is_error and problem.where.file == str(config) and problem.where.line == 1
    assert "no decks" in problem.message and "last good" in problem.message
    assert captions(result) == ["Un", "Deux"]  # the last good content goes on
    assert problem in result.problems  # what staff still have to fix
    config.write_text("decks: [slides/d.yaml]\n", "utf-8")
    touch_later(config, 2)
    result = watcher.check()
    assert [o.result for o in result.outcomes] == ["applied"] and not result.problems


def test_an_emptied_config_says_so(hall: Path) -> None:
    config = hall / "config" / "kiosk.yaml"
    watcher = reloader_for(hall)
    config.write_bytes(b"")
    touch_later(config)
    [problem] = watcher.check().outcomes[0].problems
    assert "the file is empty (0 bytes)" in problem.message


@pytest.mark.parametrize("raw", ["", "title: Deck\nslides: []\n", "title: Deck\n"])
def test_a_deck_emptied_of_its_slides_is_rejected_and_the_show_kept(hall: Path, raw: str) -> None:
    watcher = reloader_for(hall)
    write_deck(hall, "", raw=raw)
    result = watcher.check()
    assert [o.result for o in result.outcomes] == ["rejected"]
    assert captions(result) == ["Un", "Deux"]


def test_a_permission_change_alone_is_noticed(hall: Path) -> None:
    """chmod changes neither the modification time nor the size: the mode is watched too, so
    a deck locked and then unlocked is read again both times. (Root reads a file whatever
    its mode: the unreadable case itself is the next test.)"""
    deck = hall / "slides" / "d.yaml"
    watcher = reloader_for(hall)
    deck.chmod(0o000)
    try:
        result = watcher.check()
        assert result is not None and [o.path for o in result.outcomes] == [deck]
    finally:
        deck.chmod(0o644)
    result = watcher.check()
    assert result is not None and [o.path for o in result.outcomes] == [deck]
    assert watcher.check() is None


def test_an_unreadable_deck_is_rejected_naming_the_file_then_read_again_once_readable(
    hall: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = hall / "slides" / "d.yaml"
    watcher = reloader_for(hall)
    real_open = Path.open

    def refuse_the_deck(path: Path, *args, **kwargs):
        if path == deck:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse_the_deck)
    deck.chmod(0o000)
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (deck, "rejected")
    [problem] = outcome.problems
    assert problem.where.file == str(deck)
    assert problem.message.startswith("the file cannot be read (permission denied); ")
    assert captions(result) == ["Un", "Deux"]
    assert [str(p) for p in result.problems] == [str(problem)]

    monkeypatch.setattr(Path, "open", real_open)
    deck.chmod(0o644)
    result = watcher.check()
    assert [o.result for o in result.outcomes] == ["applied"] and not result.problems


def test_a_deleted_photo_is_a_problem_at_the_image_key_not_an_applied_reload(hall: Path) -> None:
    """The slide's image is missing: the reload is not 'applied', and the problem names the
    deck's `image:` line, where a curator puts it right. The photo is not dropped from the
    screen's memory (it is not changed media): the slide keeps its last good picture."""
    photo = hall / "media" / "a.jpg"
    deck = hall / "slides" / "d.yaml"
    watcher = reloader_for(hall)
    photo.unlink()
    result = watcher.check()
    [outcome] = result.outcomes
    assert (outcome.path, outcome.result) == (photo, "rejected")
    [problem] = outcome.problems
    assert (problem.where.file, problem.where.line) == (str(deck), 4)
    assert "a.jpg" in problem.message and problem.is_error
    assert result.changed_media == ()
    assert captions(result) == ["Un", "Deux"]
    photo.write_bytes(b"photo, put back")
    result = watcher.check()
    assert [(o.path, o.result) for o in result.outcomes] == [(photo, "applied")]
    assert result.changed_media == (photo,) and not result.problems


def test_a_deleted_photo_no_slide_shows_is_simply_applied(hall: Path) -> None:
    spare = hall / "media" / "spare.jpg"
    spare.write_bytes(b"photo")
    watcher = reloader_for(hall)
    spare.unlink()
    result = watcher.check()
    assert [(o.path, o.result, o.problems) for o in result.outcomes] == [(spare, "applied", ())]


def test_staff_asking_for_a_reload_read_the_config_and_decks_again_unchanged(hall: Path) -> None:
    watcher = reloader_for(hall)
    watcher.reload_everything()
    result = watcher.check()
    assert result is not None
    assert [(o.path.name, o.result) for o in result.outcomes] == [
        ("kiosk.yaml", "applied"),
        ("d.yaml", "applied"),
    ]
    assert result.changed_media == ()
    assert watcher.check() is None  # once: the next look finds nothing new
