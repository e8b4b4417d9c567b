"""Whatever bytes a curator's file holds, loading reports problems and never raises, fast.

Hypothesis writes arbitrary bytes, and YAML-ish text built from the tokens that trip parsers
(indentation, tabs, anchors, tags, brackets, quotes), through both loaders; a few hostile
files (a billion laughs, one over the size limit, nesting 10000 deep) must finish quickly with
a clear problem, and the command itself must never print a traceback.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.calendar_checks import check_decks_can_play
from kiosk.content.config import Config, load_config
from kiosk.content.deck_loader import load_deck
from kiosk.content.problems import Problem, has_errors
from kiosk.content.yaml.reading import MAX_FILE_BYTES
from kiosk.screen.photo_files import read_photo_size
from kiosk.show.calendar import Period, Schedule
from tests.helpers import KIOSK, write_config

TOKENS = [
    ":",
    ": ",
    "- ",
    "  ",
    "\t",
    "&a",
    "*a",
    "&b ",
    "*b",
    "!!python/object",
    "!!python/object/apply:os.system",
    "!x",
    "[",
    "]",
    "{",
    "}",
    ",",
    '"',
    "'",
    "\\",
    "#",
    "?",
    "|",
    ">",
    "%",
    "@",
    "---",
    "...",
    "\n",
    "\r\n",
    "key",
    "caption",
    "slides",
    "title",
    "image",
    "id",
    "fr",
    "en",
    "duration",
    "12",
    "a.png",
    "media_dir",
    "decks",
    "languages",
    "narration",
    "kind",
    "timeline",
    "map",
    "events",
    "events_from",
    "date",
    "1944-08-21",
    "1944-08-16/17",
    "place",
    "é",
    "\x00",
    "\ufeff",
    "\u2028",
]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
ANY_BYTES = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(str.encode),
    YAMLISH.map(lambda text: text.encode("utf-8", "surrogatepass")),
)
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def check_places(problems: tuple[Problem, ...] | list[Problem], path: Path) -> None:
    for problem in problems:
        assert problem.where.file == str(path)
        assert problem.where.line >= 1
        assert problem.where.column >= 1
        assert problem.message and "\n" not in problem.message


@FUZZ
@given(data=ANY_BYTES)
def test_any_deck_bytes_load_without_raising(exhibition, data: bytes) -> None:
    path = exhibition.root / "slides" / "any.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    result = load_deck(path, exhibition.config(), advise=True, photo_size=read_photo_size)
    assert result.deck is not None or has_errors(result.problems)
    check_places(result.problems, path)


@FUZZ
@given(text=YAMLISH)
def test_yamlish_deck_text_loads_without_raising(exhibition, text: str) -> None:
    path = exhibition.root / "slides" / "mix.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    result = load_deck(path, exhibition.config(), advise=True, photo_size=read_photo_size)
    check_places(result.problems, path)
    if result.deck is not None:
        slides = result.deck.slides  # the steps of a timeline or map share its id
        assert len({(slide.id, slide.step) for slide in slides}) == len(slides)


@FUZZ
@given(data=ANY_BYTES)
def test_any_config_bytes_load_without_raising(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "config" / "kiosk.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    config, problems = load_config(path)
    assert isinstance(config, Config)
    assert config.default_language in config.languages
    assert len(config.deck_where) == len(config.decks)
    check_places(problems, path)


def timed_load(exhibition, text: str | bytes) -> tuple[float, list[str]]:
    path = exhibition.root / "slides" / "hostile.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    began = time.monotonic()
    result = load_deck(path, exhibition.config(), advise=True, photo_size=read_photo_size)
    return time.monotonic() - began, [problem.message for problem in result.problems]


def test_a_billion_laughs_costs_nothing(exhibition) -> None:
    lines = ["title: T", "slides:", "  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"  - &{n} [{', '.join([f'*{p}'] * 9)}]"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    lines += ["pronunciations: {fr: *i, en: *i}"]
    seconds, messages = timed_load(exhibition, "\n".join(lines) + "\n")
    assert seconds < 2
    assert messages == [
        *["a slide must be a set of 'key: value' lines"] * 9,
        "the 'fr' pronunciations must be a set of 'written: spoken' lines",
        "the 'en' pronunciations must be a set of 'written: spoken' lines",
    ]


def test_a_file_over_the_limit_is_refused_unread(exhibition) -> None:
    big = b"title: T\nslides:\n" + b"  - {image: a.png, caption: A}\n" * (MAX_FILE_BYTES // 30)
    assert len(big) > MAX_FILE_BYTES
    seconds, messages = timed_load(exhibition, big)
    assert seconds < 1
    assert messages == [
        f"the file is {len(big)} bytes, over the 2 MB limit; a kiosk file is a short text: "
        "check that this is the right file"
    ]


NESTED_TOO_DEEP = (
    "the file is nested too deeply (brackets or indentation inside one another hundreds of "
    "times); a kiosk file never is: check that this is the right file"
)


def test_nesting_10000_deep_is_reported_fast(exhibition) -> None:
    for text in (
        "slides: " + "[" * 10000 + "]" * 10000 + "\n",
        "slides: " + "{a: " * 10000 + "}" * 10000 + "\n",
        "slides:\n" + "- " * 10000 + "x\n",
        "slides: " + "[" * 10000 + "\n",  # never closed
    ):
        seconds, messages = timed_load(exhibition, text)
        assert seconds < 5
        assert messages == [NESTED_TOO_DEEP]


def test_nesting_by_indentation_is_reported_fast(exhibition) -> None:
    text = "".join(" " * depth + "a:\n" for depth in range(1500))
    seconds, messages = timed_load(exhibition, text)
    assert seconds < 5
    assert messages == [NESTED_TOO_DEEP]


def test_a_long_file_just_under_the_limit_finishes(exhibition) -> None:
    slide = '  - {image: a.png, caption: "Le pont de Livron est détruit dans la nuit."}\n'
    text = "title: T\nslides:\n" + slide * (MAX_FILE_BYTES // len(slide.encode()) - 1)
    assert len(text.encode()) <= MAX_FILE_BYTES
    seconds, messages = timed_load(exhibition, text)
    assert seconds < 30
    assert messages[0] == "a deck holds at most 1000 slides"


NASTY = (
    b"\xef\xbb\xbftitle: &t [*t, \"\\x\n\tslides: !!python/object/apply:os.system ['echo pwned']\n"
    + b"- " * 3000
    + b"\x00\xff\xfe{[&a *b\n"
)


def test_the_command_on_a_nasty_file_prints_problems_not_a_traceback(tmp_path: Path) -> None:
    for folder in ("config", "slides", "media"):
        (tmp_path / folder).mkdir()
    (tmp_path / "config" / "kiosk.yaml").write_bytes(NASTY)
    (tmp_path / "slides" / "nasty.yaml").write_bytes(NASTY)
    (tmp_path / "slides" / "text.yaml").write_bytes(NASTY.replace(b"\x00\xff\xfe", b""))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    result = subprocess.run(
        [str(KIOSK), "validate", "slides/nasty.yaml", "slides/text.yaml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[-1] == "0 decks, 0 slides: 3 errors, 0 warnings"
    assert lines[:-1] == [
        "config/kiosk.yaml:3:1: error: the file is not UTF-8 text; save it as UTF-8",
        "slides/nasty.yaml:3:1: error: the file is not UTF-8 text; save it as UTF-8",
        "slides/text.yaml:1:19: error: a backslash (\\) inside double quotes must be written "
        "twice (\\\\); in a path, use / instead",
    ]
    assert not (tmp_path / "pwned").exists()


ESCAPES = st.sampled_from(["\\0", "\\ud800", "\\x1b[2J", "\\u202e", "\\U0001F600", "\\N", "\\L"])
CAPTIONS = st.lists(st.one_of(ESCAPES, st.text(max_size=5)), max_size=8).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(caption=CAPTIONS, title=CAPTIONS, lines=st.lists(st.sampled_from(TOKENS), max_size=20))
def test_the_command_prints_whatever_a_deck_holds(
    exhibition, capsys, caption: str, title: str, lines: list[str]
) -> None:
    from kiosk.cli import main

    exhibition.photo("big.png", 1920, 1080)
    config = write_config(exhibition.root, "decks: [slides/deck.yaml, slides/mix.yaml]\n")
    quoted = caption.replace('"', "'")
    exhibition.deck(
        f'title: "{title.replace(chr(34), chr(39))}"\nslides:\n'
        f'  - {{image: big.png, caption: "{quoted}", credit: "{quoted}"}}\n'
        f'  - {{image: a.png, caption: {{fr: "{quoted}", en: "{quoted * 40}"}}}}\n'
    )
    (exhibition.root / "slides" / "mix.yaml").write_bytes("".join(lines).encode())
    status = main(["validate", "--config", str(config)])
    out, err = capsys.readouterr()
    assert status in (0, 1)
    assert err == ""
    *body, summary = out.splitlines()
    assert summary.startswith(("0 decks", "1 deck", "2 decks"))
    assert all(": error: " in line or ": warning: " in line for line in body), body
    out.encode("utf-8")  # printable: no lone surrogate reached the terminal


CALENDAR_TOKENS = [
    *("10:00", "9h30", "24:00", "25:61", "6pm", "13pm", "-", "–", " to ", ",", " ", "closed"),
    *("mon", "sat-sun", "sun-mon", "thurs", "weekend", "0000-01-01", "9999-12-31", "2026-02-30"),
    *("02-29", "12-25", "25/12", "[", "]", "{", "}", '"', "'", ": ", "\n    ", "null", "true"),
    *("!!binary ", "!!python/name:os.system ", "&a ", "*a", "Europe/Paris", "../etc", "from: "),
    *("until: ", "weekdays: ", "\\u0000", "1e9999", "0x10"),
]
CALENDAR_KEYS = [
    *("timezone", "opening_hours", "closed_on", "open_on", "quiet_hours", "when_closed"),
    *("wake_before_opening", "wake_on_touch", "mon", "tue-fri"),
]
CALENDAR_TEXT = st.lists(st.sampled_from(CALENDAR_TOKENS), max_size=14).map("".join)


@FUZZ
@given(key=st.sampled_from(CALENDAR_KEYS), text=CALENDAR_TEXT)
def test_any_calendar_loads_without_raising(tmp_path: Path, key: str, text: str) -> None:
    """What is written under schedule: (or under one day of opening_hours) is reported,
    never raised, and the calendar that comes out is one the kiosk can use."""
    where = f"  opening_hours:\n    {key}: " if key in ("mon", "tue-fri") else f"  {key}: "
    path = write_config(tmp_path, f"schedule:\n{where}{text}\n")
    config, problems = load_config(path)
    check_places(problems, path)
    weekly = config.schedule.weekly
    assert weekly is None or len(weekly) == 7
    for period in (*(p for day in weekly or () for p in day), *config.schedule.quiet_hours):
        assert 0 <= period.start < period.end <= 1440


@FUZZ
@given(text=CALENDAR_TEXT, today=st.dates())
def test_any_plays_loads_and_is_checked_without_raising(exhibition, text: str, today) -> None:
    path = exhibition.deck(
        f'title: "T"\nplays: {text}\nslides:\n  - {{image: a.png, caption: x}}\n'
    )
    result = load_deck(path, exhibition.config())
    check_places(result.problems, path)
    if result.deck is not None:
        schedule = Schedule(weekly=((),) * 6 + ((Period(600, 700),),))
        check_places(check_decks_can_play([result.deck], schedule, today), path)
