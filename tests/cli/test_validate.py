"""`kiosk validate`: the shipped exhibition passes; broken files give FILE:LINE:COL lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.cli.common import museum_today
from kiosk.screen import photo_check
from kiosk.show.calendar import Schedule
from tests.helpers import KIOSK, headless_env
from tests.screen import hostile

PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): .+$")
SUMMARY = re.compile(r"^\d+ decks?, \d+ slides?: \d+ errors?, \d+ warnings?$")

GOOD_DECK = """\
title: {fr: "Bon", en: "Good"}
slides:
  - id: a
    image: town/a.jpg
    caption: {fr: "Texte", en: "Text"}
"""

BROKEN_DECK = """\
title: {fr: "Cassé", en: "Broken"}
slides:
  - id: a
    image: town/a.jpg
    caption: {fr: "Texte", en: "Text"}
    duration: soon
  - id: b
    image: town/missing.jpg
    caption: "Texte"
  - id: c
    imag: town/a.jpg
    caption: "x"
  - id: d
    image: town/a.jpg
    caption: {fr: "Bon", en: "Good"}
"""


@pytest.fixture
def small_config(tmp_path) -> Path:
    """A small exhibition folder: config, one good deck, one photo. Returns the config path."""
    (tmp_path / "config").mkdir()
    (tmp_path / "slides").mkdir()
    (tmp_path / "media" / "town").mkdir(parents=True)
    # Large enough for the screen: a smaller photo would be a warning.
    Image.new("RGB", (1200, 800), (120, 90, 60)).save(tmp_path / "media" / "town" / "a.jpg")
    (tmp_path / "slides" / "good.yaml").write_text(GOOD_DECK, encoding="utf-8")
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_text(
        "decks:\n  - slides/good.yaml\nlanguages: [fr, en]\nplay_log: null\n", encoding="utf-8"
    )
    return config


def validate(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["validate", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def problems(lines: list[str]) -> list[re.Match]:
    """Every line but the summary must be a FILE:LINE:COL problem."""
    *body, summary = lines
    assert SUMMARY.match(summary), summary
    matches = [PROBLEM.match(line) for line in body]
    assert all(matches), body
    return matches


def test_shipped_exhibition_through_the_console_script(tmp_path, shipped_copy):
    """On a copy: validate keeps its photo verdicts in the exhibition's cache/."""
    result = subprocess.run(
        [str(KIOSK), "validate"],
        cwd=shipped_copy,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 decks, 58 slides: 0 errors" in result.stdout
    assert result.stdout.splitlines()[-1] == "4 decks, 58 slides: 0 errors, 0 warnings"
    assert "Traceback" not in result.stderr


def test_shipped_exhibition_through_python_dash_m(tmp_path, shipped_copy):
    config = shipped_copy / "config/kiosk.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--config", str(config)],
        cwd=tmp_path,  # the config's own folder decides where decks and media are
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 decks, 58 slides: 0 errors" in result.stdout


@pytest.mark.parametrize("size", ["1080x1920", "1920x1080", "1280x1024", "768x1366"])
def test_the_shipped_exhibition_fits_every_screen_shape(capsys, shipped_copy, size):
    """Portrait totems included: every caption fits at the size readable from 0.7 m."""
    config = shipped_copy / "config" / "kiosk.yaml"
    status, lines, _ = validate(capsys, "--config", str(config), "--size", size)
    assert status == 0
    assert lines[-1] == "4 decks, 58 slides: 0 errors, 0 warnings"


def test_size_checks_the_captions_for_that_screen(capsys, small_config):
    """The same caption fits a portrait screen and is too long for a small landscape one."""
    deck = small_config.parent.parent / "slides" / "good.yaml"
    long = " ".join(["Le pont de Livron saute le 25 août 1944."] * 15)
    deck.write_text(GOOD_DECK.replace('fr: "Texte"', f'fr: "{long}"'), encoding="utf-8")
    status, lines, _ = validate(capsys, "--config", str(small_config), "--size", "1080x1920")
    assert (status, lines) == (0, ["1 deck, 1 slide: 0 errors, 0 warnings"])
    status, lines, _ = validate(capsys, "--config", str(small_config), "--size", "1280x720")
    assert status == 0
    [warning] = [m.group(0) for m in problems(lines)]
    assert (
        f"{deck}:5:19: warning: slide 'a': the 'fr' caption is too long for a 1280x720 screen"
        in (warning)
    )
    assert f"of its {len(long)} characters fit" in warning
    with pytest.raises(SystemExit) as stop:
        main(["validate", "--config", str(small_config), "--size", "wide"])
    assert stop.value.code == 2
    assert "'wide' is not a size such as 1920x1080" in capsys.readouterr().err


def test_small_exhibition_is_valid(capsys, small_config):
    status, lines, _ = validate(capsys, "--config", str(small_config))
    assert status == 0
    assert lines == ["1 deck, 1 slide: 0 errors, 0 warnings"]


def test_broken_deck_reports_every_problem_with_its_place(capsys, small_config):
    broken = small_config.parent.parent / "slides" / "broken.yaml"
    broken.write_text(BROKEN_DECK, encoding="utf-8")
    status, lines, _ = validate(capsys, "--config", str(small_config), str(broken))
    assert status == 1
    found = problems(lines)
    assert {m["file"] for m in found} == {str(broken)}
    assert {m["severity"] for m in found} == {"error"}
    places = {(int(m["line"]), int(m["col"])): m.group(0) for m in found}
    assert "must be a number" in places[(6, 15)]  # duration: soon
    assert "town/missing.jpg" in places[(8, 12)]  # the image value
    assert "unknown key 'imag'" in places[(11, 5)]  # the misspelt key
    assert "no 'image'" in places[(10, 5)]  # the slide that lacks it
    # Problems read top to bottom, like the file.
    assert [int(m["line"]) for m in found] == sorted(int(m["line"]) for m in found)
    # Only the deck given was checked, and its good slide still counts.
    assert lines[-1] == "1 deck, 1 slide: 4 errors, 0 warnings"


def test_broken_deck_through_the_console_script(tmp_path, small_config):
    broken = tmp_path / "slides" / "broken.yaml"
    broken.write_text(BROKEN_DECK, encoding="utf-8")
    result = subprocess.run(
        [str(KIOSK), "validate", "--config", "config/kiosk.yaml", "slides/broken.yaml"],
        cwd=tmp_path,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "slides/broken.yaml:6:15: error: " in result.stdout
    assert "Traceback" not in result.stderr


def test_warning_alone_does_not_fail(capsys, small_config):
    deck = small_config.parent.parent / "slides" / "half.yaml"
    deck.write_text(GOOD_DECK.replace(', en: "Text"', ""), encoding="utf-8")
    status, lines, _ = validate(capsys, "--config", str(small_config), str(deck))
    assert status == 0
    [warning] = problems(lines)
    assert warning["severity"] == "warning"
    assert (int(warning["line"]), int(warning["col"])) == (5, 14)


def test_a_character_no_font_has_is_a_warning_at_its_caption(capsys, small_config):
    deck = small_config.parent.parent / "slides" / "private.yaml"
    text = GOOD_DECK.replace('en: "Text"', 'en: "Text\ue000"')
    deck.write_text(text, encoding="utf-8")
    status, lines, _ = validate(capsys, "--config", str(small_config), str(deck))
    assert status == 0
    [warning] = problems(lines)
    assert warning["severity"] == "warning"
    assert (int(warning["line"]), int(warning["col"])) == (5, 32)  # the English text
    assert "slide 'a': the 'en' caption has characters no installed font can draw" in lines[0]
    assert "U+E000 (private use" in lines[0]


GARBAGE = [
    pytest.param(bytes(range(256)) * 8, id="binary"),
    pytest.param(b"", id="empty"),
    pytest.param(b"\xef\xbb\xbf", id="bom-only"),
    pytest.param(b"\x00\x01\x02 title: x\n", id="control-characters"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png-header"),
    pytest.param(b"[" * 5000 + b"]" * 5000, id="deeply-nested"),
    pytest.param(b"a: &x [*x, *x]\nslides: *x\n", id="aliases"),
    pytest.param(b"title: x\nslides:\n\t- id: a\n", id="tab"),
    pytest.param(b"title: [unclosed\nslides: {\n", id="unclosed"),
    pytest.param(b"--- a\n--- b\n", id="two-documents"),
    pytest.param(b"!!python/object/apply:os.system ['true']\n", id="python-tag"),
    pytest.param("titre: « Drôme »\n".encode("latin-1"), id="latin-1"),
]


@pytest.mark.parametrize("content", GARBAGE)
def test_garbage_deck_is_an_error_never_a_traceback(capsys, small_config, content):
    deck = small_config.parent.parent / "slides" / "garbage.yaml"
    deck.write_bytes(content)
    status, lines, err = validate(capsys, "--config", str(small_config), str(deck))
    assert status == 1
    found = problems(lines)
    assert found and all(m["file"] == str(deck) for m in found)
    assert "Traceback" not in err


@pytest.mark.parametrize("content", GARBAGE)
def test_garbage_config_is_an_error_never_a_traceback(capsys, small_config, content):
    small_config.write_bytes(content)
    status, lines, err = validate(capsys, "--config", str(small_config))
    assert status == 1
    found = problems(lines)
    assert any(m["file"] == str(small_config) for m in found)
    assert "Traceback" not in err


def test_binary_deck_through_the_console_script(tmp_path, small_config):
    (tmp_path / "slides" / "junk.yaml").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "slides" / "empty.yaml").write_bytes(b"")
    result = subprocess.run(
        [
            str(KIOSK),
            "validate",
            "--config",
            "config/kiosk.yaml",
            "slides/junk.yaml",
            "slides/empty.yaml",
        ],
        cwd=tmp_path,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "slides/empty.yaml:1:1: error: the deck is empty; it needs a title and slides",
        "slides/junk.yaml:2:1: error: the file is not UTF-8 text; save it as UTF-8",  # after b"\n"
        "0 decks, 0 slides: 2 errors, 0 warnings",
    ]
    assert result.stderr == ""


def test_missing_deck_and_directory_as_deck(capsys, small_config):
    folder = small_config.parent.parent / "slides"
    missing = folder / "nope.yaml"
    status, lines, _ = validate(capsys, "--config", str(small_config), str(missing), str(folder))
    assert status == 1
    found = problems(lines)
    assert {m["file"] for m in found} == {str(missing), str(folder)}


def test_missing_config_is_a_usage_error(capsys, tmp_path):
    config = tmp_path / "config" / "kiosk.yaml"
    status, lines, err = validate(capsys, "--config", str(config))
    assert status == 2
    assert lines == []
    assert err == f"kiosk validate: no config file at {config}; check the path given to --config\n"


def test_a_folder_as_config_is_a_usage_error(capsys, tmp_path):
    status, lines, err = validate(capsys, "--config", str(tmp_path))
    assert status == 2
    assert lines == []
    assert "is a folder; give the config file, such as config/kiosk.yaml" in err


def test_outside_an_exhibition_folder_says_where_to_run(tmp_path):
    result = subprocess.run(
        [str(KIOSK), "validate"],
        cwd=tmp_path,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "kiosk validate: no config/kiosk.yaml here; run kiosk validate in the exhibition "
        "folder (the one that holds slides/, media/ and config/), or give --config PATH\n"
    )


def test_a_wrong_option_is_a_usage_error(capsys, small_config):
    with pytest.raises(SystemExit) as stop:
        main(["validate", "--config", str(small_config), "--colour"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path under `root`: its bytes (None for a folder or link) and modification time."""
    seen = {}
    for path in sorted(root.rglob("*")):
        status = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        seen[str(path.relative_to(root))] = (content, status.st_mtime_ns)
    return seen


def test_validate_writes_nothing_but_its_photo_verdicts(tmp_path, small_config):
    root = small_config.parent.parent
    (root / "slides" / "broken.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    (root / "slides" / "garbage.yaml").write_bytes(bytes(range(256)))
    Image.new("RGB", (64, 48)).save(root / "media" / "town" / "small.png")
    (root / "media" / "town" / "link.jpg").symlink_to(root / "media" / "town" / "a.jpg")
    small_config.write_text(
        "decks: [slides/good.yaml, slides/broken.yaml, slides/garbage.yaml, slides/gone.yaml]\n"
        "play_log: logs/play.jsonl\nnarration: {cache_dir: cache/narration}\n",
        encoding="utf-8",
    )
    before = snapshot(root)
    result = subprocess.run(
        [str(KIOSK), "validate"],
        cwd=root,
        env=headless_env(tmp_path / "elsewhere"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    after = snapshot(root)
    # Nothing written, touched, made or removed, but the photo verdicts in cache/.
    assert {name for name in after if name not in before} == {
        "cache",
        "cache/photo-checks.json",
    }
    assert {name: after[name] for name in before} == before


def test_problems_in_the_exhibition_folder_are_shown_with_short_paths(tmp_path, small_config):
    root = small_config.parent.parent
    (root / "slides" / "good.yaml").write_text(
        GOOD_DECK.replace("town/a.jpg", "town/b.jpg"), encoding="utf-8"
    )
    result = subprocess.run(
        [str(KIOSK), "validate"],
        cwd=root,
        env=headless_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == [
        "slides/good.yaml:4:12: error: image 'town/b.jpg' not found in media/; "
        "media/town/ holds: a.jpg",
        "0 decks, 0 slides: 1 error, 0 warnings",
    ]
    assert result.returncode == 1


def test_advice_about_the_photos_is_printed_as_warnings(capsys, small_config):
    root = small_config.parent.parent
    Image.new("RGB", (64, 48)).save(root / "media" / "town" / "a.jpg")
    status, lines, _ = validate(capsys, "--config", str(small_config))
    assert status == 0
    assert lines == [
        f"{root / 'slides' / 'good.yaml'}:4:12: warning: the photo is 64x48, much smaller "
        "than the 1920x1080 screen; it will look soft — use a scan at least 1920 pixels wide",
        "1 deck, 1 slide: 0 errors, 1 warning",
    ]


def test_a_console_that_cannot_show_accents_gets_escapes(tmp_path, small_config):
    root = small_config.parent.parent
    Image.new("RGB", (64, 48)).save(root / "media" / "town" / "a.jpg")
    env = headless_env(tmp_path) | {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    result = subprocess.run(
        [str(KIOSK), "validate"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "it will look soft \\u2014 use a scan" in result.stdout
    assert result.stderr == ""


HOSTILE = {
    # What is not a file in media/ the deck loader already makes an error: the slide is left out.
    "pipe.jpg": (hostile.fifo, "error: image 'town/pipe.jpg' not found in media/"),
    "zero.jpg": (hostile.link_to_zero, "error: image 'town/zero.jpg' is a link to a file outside"),
    "folder.jpg": (hostile.folder, "error: image 'town/folder.jpg' is a folder, not a file"),
    "bomb.png": (hostile.header_bomb, "is 9000x8000 pixels, more than the kiosk can hold"),
    "huge.png": (hostile.huge_png, "is 12000x12000 pixels, more than the kiosk can hold"),
    "cut.jpg": (hostile.truncated_jpeg, "cannot be read as an image (image file is truncated"),
    "odd.jpg": (hostile.unimplemented_dds, "cannot be read as an image"),
    "short.bmp": (hostile.short_bmp, "cannot be read as an image"),
}


def hostile_exhibition(small_config: Path) -> Path:
    """The small exhibition with one slide per hostile photo, each on its own line 3 + 3n."""
    root = small_config.parent.parent
    slides = []
    for name, (make, _) in HOSTILE.items():
        make(root / "media" / "town" / name)
        slides.append(f"  - id: s{len(slides)}\n    image: town/{name}\n    caption: x\n")
    (root / "slides" / "good.yaml").write_text(
        "title: Hostile\nslides:\n" + "".join(slides), encoding="utf-8"
    )
    return root


def test_hostile_photos_are_named_with_file_and_line_and_no_traceback(tmp_path, small_config):
    root = hostile_exhibition(small_config)
    try:
        result = subprocess.run(
            [str(KIOSK), "validate"],
            cwd=root,
            env=headless_env(tmp_path / "elsewhere"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        hostile.release(root / "media" / "town" / "pipe.jpg")
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for number, (name, (_, said)) in enumerate(HOSTILE.items()):
        where = f"slides/good.yaml:{4 + 3 * number}:12: "
        [line] = [line for line in lines if line.startswith(where)] or [f"none for {name}"]
        assert said in line, line
        if "warning" in line:
            assert line.endswith("(until then the slide shows without it)")
    assert lines[-1] == "1 deck, 5 slides: 3 errors, 5 warnings"
    assert result.stderr == ""
    assert result.returncode == 1


def test_a_second_validate_reads_the_verdicts_and_a_fixed_photo_is_decoded_again(
    capsys, small_config, monkeypatch
):
    root = small_config.parent.parent
    photo = hostile.truncated_jpeg(root / "media" / "town" / "a.jpg", (1200, 800))
    decoded: list[Path] = []
    real_decode = photo_check.decode_or_fail

    def counted(path, *args):
        decoded.append(path)
        return real_decode(path, *args)

    monkeypatch.setattr(photo_check, "decode_or_fail", counted)
    _, first, _ = validate(capsys, "--config", str(small_config))
    assert "image file is truncated" in first[0]
    assert (root / "cache" / "photo-checks.json").is_file()
    assert validate(capsys, "--config", str(small_config))[1] == first
    assert decoded == [photo]  # the second validate decoded nothing

    Image.new("RGB", (1200, 800), (120, 90, 60)).save(photo)
    os.utime(photo, ns=(1, 1))
    assert validate(capsys, "--config", str(small_config))[1] == [
        "1 deck, 1 slide: 0 errors, 0 warnings"
    ]
    assert decoded == [photo, photo]


def test_validate_carries_on_when_its_verdicts_cannot_be_kept(capsys, small_config):
    root = small_config.parent.parent
    (root / "cache").write_text("a file where the folder would be", encoding="utf-8")
    status, lines, err = validate(capsys, "--config", str(small_config))
    assert (status, lines, err) == (0, ["1 deck, 1 slide: 0 errors, 0 warnings"], "")


# The calendar (issue 10)

CALENDAR = """\
decks: [slides/good.yaml, slides/anniversary.yaml]
play_log: null
schedule:
  timezone: Europe/Pari
  opening_hours:
    mon: closed
    tue-fri: "10:00-12:30, 12:00-18:00"
    thurs: "10:00-18:00"
    sat-sun: "18:00-10:00"
  closed_on: ["2026-02-30"]
"""


def test_each_calendar_mistake_is_printed_with_its_line_and_column(capsys, small_config):
    small_config.write_text(CALENDAR, encoding="utf-8")
    anniversary = small_config.parent.parent / "slides" / "anniversary.yaml"
    anniversary.write_text(
        GOOD_DECK.replace("slides:", 'plays: {from: "1994-08-15", until: "1994-09-02"}\nslides:'),
        encoding="utf-8",
    )
    status, lines, _ = validate(capsys, "--config", str(small_config))
    assert status == 1
    places = [(m["file"], int(m["line"]), int(m["col"]), m["severity"]) for m in problems(lines)]
    config, deck = str(small_config), str(anniversary)
    assert places == [
        (config, 4, 13, "error"),  # Europe/Pari: did you mean Europe/Paris?
        (config, 7, 28, "error"),  # 12:00-18:00 overlaps 10:00-12:30
        (config, 8, 5, "error"),  # thurs: did you mean thu?
        (config, 9, 14, "error"),  # 18:00-10:00 ends before it starts
        (config, 10, 15, "error"),  # 2026-02-30
        (deck, 2, 1, "warning"),  # plays only in 1994: can never play
    ]
    assert "did you mean 'Europe/Paris'?" in lines[0]
    assert "this deck can never play: its last day, 1994-09-02, has passed" in lines[5]
    assert lines[-1] == "2 decks, 2 slides: 5 errors, 1 warning"


@pytest.mark.parametrize(
    ("timezone", "moment", "day"),
    [
        ("Pacific/Kiritimati", datetime(2026, 8, 10, 12, tzinfo=UTC), date(2026, 8, 11)),
        ("Pacific/Pago_Pago", datetime(2026, 8, 10, 5, tzinfo=UTC), date(2026, 8, 9)),
        ("Europe/Paris", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),
    ],
)
def test_today_is_the_museums_date(timezone: str, moment: datetime, day: date) -> None:
    """The never-play check asks about the museum's today, not the machine's UTC one."""
    assert museum_today(Schedule(timezone=timezone), moment) == day
