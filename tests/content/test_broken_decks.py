"""A corpus of decks as a curator might break them, each with the exact messages it must give.

Every `tests/content/broken_decks/NN-name.yaml` starts with `# expect: LINE:COL: SEVERITY: MESSAGE`
lines: everything `kiosk validate` says about that file, in order. Decks are checked against
`tests/content/broken_decks/config/kiosk.yaml` and its media folder; a file named `NN-config-…` is
checked as a kiosk configuration itself, `NN-places-…` as the places file, `NN-points-…` as a
map's reference points file (for a map of POINTS_MAP_SIZE). As `kiosk validate` would on TODAY,
so that a deck whose dates have passed says so. See tests/content/broken_decks/README.md.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.content.caption_fit import caption_fit_warnings
from kiosk.content.caption_glyphs import undrawable_warnings
from kiosk.content.config import load_config
from kiosk.content.exhibition import load_exhibition
from kiosk.content.map_reader import read_projection
from kiosk.content.places import load_places
from kiosk.content.problems import Problem, sorted_problems
from kiosk.screen.fonts import Fonts
from kiosk.screen.photo_files import read_photo_size
from tests.helpers import REPO

CORPUS = Path(__file__).resolve().parent / "broken_decks"
CONFIG = CORPUS / "config" / "kiosk.yaml"
CASES = sorted(CORPUS.glob("[0-9][0-9]-*.yaml"))
EXPECT = re.compile(rb"^# expect: (.*)$")
TODAY = date(2026, 8, 10)
POINTS_MAP_SIZE = (1000, 1500)


def expected(path: Path) -> list[str]:
    lines = []
    for line in path.read_bytes().splitlines():
        match = EXPECT.match(line)
        if match is None:
            break
        lines.append(match[1].decode("utf-8"))
    return lines


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return Fonts()  # the renderer's own measure and glyphs, as `kiosk validate` uses


def test_the_corpus_is_all_there() -> None:
    assert len(CASES) >= 25
    assert all(expected(path) for path in CASES), "every case says what it expects"
    assert (CORPUS / "media" / "elsewhere.jpg").is_symlink()


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_a_broken_file_gives_exactly_its_expected_messages(path: Path, fonts: Fonts) -> None:
    if re.match(r"^\d+-(places|points)-", path.name):
        problems = shared_file_problems(path)
    else:
        problems = deck_or_config_problems(path, fonts)
    found = [
        f"{p.where.line}:{p.where.column}: {p.severity.value}: {p.message}"
        for p in problems
        if p.where.file == str(path)
    ]
    assert found == expected(path)
    others = [str(p) for p in problems if p.where.file != str(path)]
    assert others == [], "the config and the other decks are good"


def shared_file_problems(path: Path) -> list[Problem]:
    """A places file, or a map's reference points file, read as `kiosk validate` reads it."""
    if "-places-" in path.name:
        config, _ = load_config(CONFIG)
        return sorted_problems(load_places(replace(config, places=path)).problems)
    problems: list[Problem] = []
    read_projection(path, POINTS_MAP_SIZE, problems)
    return sorted_problems(problems)


def deck_or_config_problems(path: Path, fonts: Fonts) -> list[Problem]:
    if re.match(r"^\d+-config-", path.name):
        show = load_exhibition(path, advise=True, photo_size=read_photo_size, today=TODAY)
    else:
        show = load_exhibition(
            CONFIG, (path,), advise=True, photo_size=read_photo_size, today=TODAY
        )
    screen = [*caption_fit_warnings(show, fonts.measure), *undrawable_warnings(show, fonts.missing)]
    return sorted_problems([*show.problems, *screen])


def test_the_curator_guide_quotes_real_messages() -> None:
    """Each message in slides/README.md's table is word for word one the corpus gives."""
    guide = (REPO / "slides" / "README.md").read_text(encoding="utf-8")
    table = guide.split("## What the messages mean and what to do", 1)[1].split("\n## ", 1)[0]
    quoted = re.findall(r"^\| `(.+?)` \|", table, flags=re.MULTILINE)
    assert len(quoted) >= 25
    given = set()
    for path in CASES:
        given.update(line.split(": ", 2)[2] for line in expected(path))
    assert [message for message in quoted if message not in given] == []
