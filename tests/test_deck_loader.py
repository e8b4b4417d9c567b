"""Deck files: what loads, what is reported (with FILE:LINE:COL), and what is left out."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import Config, load_config
from kiosk.deck import Deck, LocalizedText
from kiosk.deck_loader import MAX_SLIDES, load_deck
from kiosk.validation import has_errors

REPO_ROOT = Path(__file__).resolve().parent.parent
SLIDE_KEYS = "caption, credit, duration, id, image, narration, transition"


def load(exhibition, text: str, config: Config | None = None) -> tuple[Deck | None, list[str]]:
    path = exhibition.deck(text)
    result = load_deck(path, config or exhibition.config())
    return result.deck, [str(problem) for problem in result.problems]


def ids(deck: Deck | None) -> list[str]:
    assert deck is not None
    return [slide.id for slide in deck.slides]


@pytest.fixture
def deck_path(exhibition) -> str:
    return str(exhibition.root / "slides" / "deck.yaml")


# The shipped exhibition


@pytest.mark.parametrize(
    ("name", "count"), [("montelimar", 27), ("livron", 3), ("drome-liberation", 9)]
)
def test_the_shipped_decks_load_without_any_problem(name: str, count: int) -> None:
    config, problems = load_config(REPO_ROOT / "config" / "kiosk.yaml")
    assert problems == []
    result = load_deck(REPO_ROOT / "slides" / f"{name}.yaml", config)
    assert [str(problem) for problem in result.problems] == []
    deck = result.deck
    assert deck is not None
    assert deck.name == name
    assert len(deck.slides) == count
    assert len({slide.id for slide in deck.slides}) == count
    assert set(deck.title.languages) == {"fr", "en"}
    for slide in deck.slides:
        assert slide.image.is_file()
        assert slide.image.is_relative_to(REPO_ROOT / "media" / name)
        assert slide.caption.languages == ("fr", "en")
        assert slide.credit is not None
        assert slide.transition == "crossfade"
        assert slide.duration in (12.0, 15.0)


def test_a_shipped_slide_keeps_its_own_duration() -> None:
    config, _ = load_config(REPO_ROOT / "config" / "kiosk.yaml")
    deck = load_deck(REPO_ROOT / "slides" / "livron.yaml", config).deck
    assert deck is not None
    assert [(slide.id, slide.duration) for slide in deck.slides] == [
        ("bridge-blown-up", 12.0),
        ("resistance-sabotage", 15.0),
        ("retreat-disrupted", 12.0),
    ]
    assert deck.title == LocalizedText((("fr", "Le pont de Livron"), ("en", "The Livron bridge")))
    assert deck.slides[0].where.line == 10
    assert deck.slides[0].where.column == 5


# What a good deck gives


def test_plain_and_per_language_captions(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Le pont
        slides:
          - image: a.png
            caption: Une légende pour tous
          - image: town/1.png
            caption:
              en: Hello
              fr: Bonjour
            credit: {fr: Musée, en: Museum}
          - image: b.png
            caption: 1944
        """,
    )
    assert problems == []
    assert deck is not None
    assert deck.title == LocalizedText((("*", "Le pont"),))
    first, second, third = deck.slides
    assert first.caption == LocalizedText((("*", "Une légende pour tous"),))
    assert first.caption.get("en") == "Une légende pour tous"
    assert first.credit is None
    assert second.caption == LocalizedText((("en", "Hello"), ("fr", "Bonjour")))
    assert second.caption.get("fr") == "Bonjour"
    assert second.credit == LocalizedText((("fr", "Musée"), ("en", "Museum")))
    assert third.caption.get("fr") == "1944"
    assert [slide.id for slide in deck.slides] == ["a", "1", "b"]
    assert second.image == exhibition.media / "town" / "1.png"
    assert [(slide.where.line, slide.where.column) for slide in deck.slides] == [
        (3, 5),
        (5, 5),
        (10, 5),
    ]


def test_deck_defaults_apply_to_slides_that_do_not_say(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        defaults: {duration: 20, transition: cut}
        slides:
          - {image: a.png, caption: A}
          - {image: b.png, caption: B, duration: 5}
          - {image: c.png, caption: C, transition: crossfade}
        """,
        exhibition.config(slide_duration=9.0),
    )
    assert problems == []
    assert deck is not None
    assert [(s.id, s.duration, s.transition) for s in deck.slides] == [
        ("a", 20.0, "cut"),
        ("b", 5.0, "cut"),
        ("c", 20.0, "crossfade"),
    ]


def test_without_deck_defaults_the_config_values_apply(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - {image: a.png, caption: A}
          - {image: b.png, caption: B, transition: crossfade}
        """,
        exhibition.config(slide_duration=9.0, transition="cut"),
    )
    assert problems == []
    assert [(s.duration, s.transition) for s in deck.slides] == [
        (9.0, "cut"),
        (9.0, "crossfade"),
    ]


def test_a_bad_default_is_reported_and_the_config_value_kept(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        defaults: {duration: dix, transition: wipe}
        slides:
          - {image: a.png, caption: A}
        """,
    )
    assert problems == [
        f"{deck_path}:2:22: error: duration (seconds) must be a number, got 'dix'",
        f"{deck_path}:2:39: error: transition must be crossfade or cut, got 'wipe'",
    ]
    assert [(s.duration, s.transition) for s in deck.slides] == [(12.0, "crossfade")]


def test_an_image_path_may_use_backslashes(exhibition) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: 'town\\1.png', caption: A}\n")
    assert problems == []
    assert deck.slides[0].image == exhibition.media / "town" / "1.png"


# Problems in a slide: reported at their place, the slide left out, the others kept


def test_an_unknown_key_leaves_out_its_slide_only(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
            colour: red
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:5:5: error: unknown key 'colour' in a slide; allowed keys: {SLIDE_KEYS}"
    ]
    assert ids(deck) == ["b"]


def test_a_duration_that_is_not_a_number(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
          - image: b.png
            caption: B
            duration: dix
          - image: c.png
            caption: C
        """,
    )
    assert problems == [f"{deck_path}:7:15: error: duration (seconds) must be a number, got 'dix'"]
    assert ids(deck) == ["a", "c"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "duration (seconds) must be between 1 and 3600, got 0"),
        ("3601", "duration (seconds) must be between 1 and 3600, got 3601"),
        ("true", "duration (seconds) must be a number, got 'true'"),
        ("[1, 2]", "duration (seconds) must be a single value, not a list or a mapping"),
    ],
)
def test_a_duration_out_of_range_or_of_the_wrong_kind(
    exhibition, deck_path, value: str, message: str
) -> None:
    deck, problems = load(
        exhibition,
        f"title: Test\nslides:\n  - image: a.png\n    caption: A\n    duration: {value}\n"
        "  - image: b.png\n    caption: B\n",
    )
    assert problems == [f"{deck_path}:5:15: error: {message}"]
    assert ids(deck) == ["b"]


def test_a_language_not_in_the_config(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption:
              fr: Bonjour
              de: Hallo
          - image: b.png
            caption: {fr: Salut, en: Hi}
        """,
    )
    assert problems == [
        f"{deck_path}:6:7: error: unknown key 'de' in the caption; allowed keys: en, fr",
        f"{deck_path}:5:7: warning: the caption has no 'en' text; 'fr' shows",
    ]
    assert ids(deck) == ["b"]


def test_a_language_added_to_the_config_is_accepted(exhibition) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - image: a.png\n    caption: {fr: Bonjour, de: Hallo}\n",
        exhibition.config(languages=("fr", "de")),
    )
    assert problems == []
    assert deck.slides[0].caption.get("de") == "Hallo"


def test_a_duplicate_id_names_the_earlier_line(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - id: bridge
            image: a.png
            caption: A
          - image: c.png
            caption: C
          - id: bridge
            image: b.png
            caption: B
        """,
    )
    assert problems == [f"{deck_path}:8:5: error: slide id 'bridge' is already used at line 3"]
    assert ids(deck) == ["bridge", "c"]
    assert deck.slides[0].image.name == "a.png"


def test_two_slides_of_one_photo_without_ids_collide(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: a.png, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:4:5: error: slide id 'a' is already used at line 3"]
    assert ids(deck) == ["a"]


def test_a_bad_slide_id(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - id: Le Pont\n    image: a.png\n    caption: A\n"
        "  - {image: b.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:9: error: slide id 'Le Pont' may use only lowercase letters, "
        "digits and hyphens"
    ]
    assert ids(deck) == ["b"]


def test_a_missing_media_file(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: A
          - caption: B
            image: town/2.png
        """,
    )
    assert problems == [
        f"{deck_path}:6:12: error: image 'town/2.png' not found in {exhibition.media}"
    ]
    assert ids(deck) == ["a"]


def test_a_folder_is_not_a_photo(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: town, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:3:13: error: image 'town' not found in {exhibition.media}"]
    assert ids(deck) == ["a"]


@pytest.mark.parametrize(
    "image", ["../outside.png", "town/../../outside.png", "/etc/passwd", "..\\outside.png"]
)
def test_an_image_path_leaving_media_is_refused(exhibition, deck_path, image: str) -> None:
    (exhibition.root / "outside.png").write_bytes(b"x")
    deck, problems = load(
        exhibition,
        f"title: T\nslides:\n  - image: '{image}'\n    caption: A\n"
        "  - {image: a.png, caption: B}\n",
    )
    assert problems == [
        f"{deck_path}:3:12: error: image '{image}' must be a path inside media/, like town/1.jpg"
    ]
    assert ids(deck) == ["a"]


def test_a_link_leading_outside_media_is_refused(exhibition, deck_path) -> None:
    outside = exhibition.root / "outside.png"
    outside.write_bytes(b"x")
    os.symlink(outside, exhibition.media / "link.png")
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - {image: link.png, caption: A}\n  - {image: a.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:3:13: error: image 'link.png' leads outside media/"]
    assert ids(deck) == ["a"]


def test_a_slide_without_image_or_caption(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - caption: No photo
          - image: a.png
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:3:5: error: this slide has no 'image'; name a photo file under media/",
        f"{deck_path}:4:5: error: this slide has no 'caption'",
    ]
    assert ids(deck) == ["b"]


@pytest.mark.parametrize(
    ("caption", "column", "message"),
    [
        ('""', 14, "the caption is empty"),
        ("", 13, "the caption is empty"),
        ("true", 14, "the caption must be text; put it in double quotes"),
        ("[a, b]", 14, "the caption must be a set of 'key: value' lines"),
        ("{}", 14, "the caption has no text in any language"),
    ],
)
def test_a_caption_with_no_text(
    exhibition, deck_path, caption: str, column: int, message: str
) -> None:
    deck, problems = load(
        exhibition,
        f"title: T\nslides:\n  - image: a.png\n    caption: {caption}\n"
        "  - {image: b.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:4:{column}: error: {message}"]
    assert ids(deck) == ["b"]


def test_a_missing_translation_is_a_warning_and_the_slide_plays(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: {fr: Le pont, en: The bridge}
        slides:
          - image: a.png
            caption:
              fr: Bonjour
        """,
    )
    assert problems == [f"{deck_path}:5:7: warning: the caption has no 'en' text; 'fr' shows"]
    assert ids(deck) == ["a"]
    assert deck.slides[0].caption.in_language("en", "fr") == ("Bonjour", False)


def test_a_deck_without_a_title_plays_under_its_file_name(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "slides:\n  - {image: a.png, caption: A}\n")
    assert problems == [
        f"{deck_path}:1:1: error: the deck has no 'title'; add one, such as title: {{fr: …, en: …}}"
    ]
    assert deck is not None
    assert deck.title == LocalizedText((("*", "deck"),))
    assert ids(deck) == ["a"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: T\n", "1:1", "the deck has no 'slides' list"),
        ("title: T\nslides: []\n", "2:9", "the slides list is empty; add at least one slide"),
        ("title: T\nslides: a.png\n", "2:9", "slides must be a list, each item starting with '- '"),
        ("- a.png\n- b.png\n", "1:1", "the deck must be a set of 'key: value' lines"),
        ("just a sentence\n", "1:1", "the deck must be a set of 'key: value' lines"),
    ],
)
def test_a_deck_with_nothing_to_play(
    exhibition, deck_path, text: str, where: str, message: str
) -> None:
    deck, problems = load(exhibition, text)
    assert problems == [f"{deck_path}:{where}: error: {message}"]
    assert deck is None


def test_a_deck_whose_every_slide_is_bad_is_left_out(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: nope.png, caption: A}\n")
    assert problems == [
        f"{deck_path}:3:13: error: image 'nope.png' not found in {exhibition.media}"
    ]
    assert deck is None


def test_at_most_max_slides_are_read(exhibition, deck_path) -> None:
    lines = [f"  - {{id: s{i}, image: a.png, caption: A}}" for i in range(MAX_SLIDES + 2)]
    deck, problems = load(exhibition, "title: T\nslides:\n" + "\n".join(lines) + "\n")
    assert problems == [f"{deck_path}:{MAX_SLIDES + 3}:5: error: a deck holds at most 1000 slides"]
    assert len(deck.slides) == MAX_SLIDES


# Problems with the whole file


def test_tab_indentation(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        "title: T\nslides:\n  - image: a.png\n  \tcaption: A\n  - {image: b.png, caption: B}\n",
    )
    assert problems == [f"{deck_path}:4:3: error: a tab character; YAML indents with spaces only"]
    assert deck is None


def test_a_tab_inside_quotes_or_a_comment_is_not_indentation(exhibition) -> None:
    deck, problems = load(
        exhibition, 'title: T # a\tcomment\nslides:\n  - image: a.png\n    caption: "x\ty"\n'
    )
    assert problems == []
    assert deck.slides[0].caption.get("fr") == "x\ty"


def test_an_unclosed_quote_is_reported_where_it_opens(exhibition, deck_path) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: Test
        slides:
          - image: a.png
            caption: "Le pont
          - image: b.png
            caption: B
        """,
    )
    assert problems == [
        f"{deck_path}:4:14: error: YAML syntax: the file ends while scanning a quoted scalar; "
        "a closing quote or bracket is missing"
    ]
    assert deck is None


def test_an_unclosed_bracket_is_reported_where_it_opens(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: a.png, caption: A\n")
    assert problems == [
        f"{deck_path}:3:5: error: YAML syntax: the file ends while parsing a flow mapping; "
        "a closing quote or bracket is missing"
    ]
    assert deck is None


def test_a_syntax_error_is_reported_at_the_offending_character(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - image: a.png\n    caption: A: B\n")
    assert problems == [
        f"{deck_path}:4:15: error: YAML syntax: mapping values are not allowed here"
    ]
    assert deck is None


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_deck(exhibition, deck_path, text: str) -> None:
    deck, problems = load(exhibition, text)
    assert problems == [f"{deck_path}:1:1: error: the deck is empty; it needs a title and slides"]
    assert deck is None


def test_a_missing_deck_file(exhibition) -> None:
    path = exhibition.root / "slides" / "nope.yaml"
    result = load_deck(path, exhibition.config())
    assert [str(p) for p in result.problems] == [
        f"{path}:1:1: error: file not found; check the name and the folder"
    ]
    assert result.deck is None


def test_binary_garbage_is_reported_not_raised(exhibition) -> None:
    path = exhibition.root / "slides" / "garbage.yaml"
    path.parent.mkdir()
    path.write_bytes(bytes(range(256)) * 4)
    result = load_deck(path, exhibition.config())
    # The first byte that is not UTF-8 (0x80) comes after one newline (0x0a).
    assert [str(p) for p in result.problems] == [
        f"{path}:2:1: error: the file is not UTF-8 text; save it as UTF-8"
    ]
    assert result.deck is None


def test_a_control_character_is_reported_at_its_place(exhibition) -> None:
    path = exhibition.root / "slides" / "control.yaml"
    path.parent.mkdir()
    path.write_bytes(b"title: T\nslides: \x00\x01\n")
    result = load_deck(path, exhibition.config())
    assert [str(p) for p in result.problems] == [
        f"{path}:2:9: error: a control character (#x0000); remove it"
    ]
    assert result.deck is None


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_file_of_aliases_costs_nothing(exhibition, deck_path) -> None:
    text = BILLION_LAUGHS + "title: *i\nslides: *i\n"
    began = time.monotonic()
    deck, problems = load(exhibition, text)
    assert time.monotonic() - began < 5
    assert deck is None
    unknown = "in the deck; allowed keys: defaults, pronunciations, slides, title"
    assert problems == [
        *(
            f"{deck_path}:{n}:1: error: unknown key '{k}' {unknown}"
            for n, k in enumerate("abcdefghi", 1)
        ),
        f"{deck_path}:9:4: error: the deck title must be a set of 'key: value' lines",
        *[f"{deck_path}:8:4: error: a slide must be a set of 'key: value' lines"] * 9,
    ]


def test_an_alias_to_itself_does_not_loop(exhibition, deck_path) -> None:
    deck, problems = load(exhibition, "title: &t [*t]\nslides: &s [*s]\n")
    assert problems == [
        f"{deck_path}:1:8: error: the deck title must be a set of 'key: value' lines",
        f"{deck_path}:2:9: error: a slide must be a set of 'key: value' lines",
    ]
    assert deck is None


# Tags that would run code: an error, and never run


def mkdir_payload(target: Path) -> dict[str, str]:
    """Decks that would each create `target` if a loader honoured their tags."""
    apply = f"!!python/object/apply:os.mkdir ['{target}']"
    return {
        "deck": f"{apply}\n",
        "title": f"title: {apply}\nslides:\n  - {{image: a.png, caption: A}}\n",
        "caption": f"title: T\nslides:\n  - image: a.png\n    caption: {apply}\n",
        "mapping": (
            f"title: T\nslides:\n  - image: a.png\n    caption: !!python/object/new:os.mkdir "
            f"{{args: ['{target}'], fr: x}}\n"
        ),
        "slides": f"title: T\nslides: !!python/object/apply:os.mkdir\n  - '{target}'\n",
        "scalar": "title: T\nslides:\n  - image: a.png\n    caption: !!python/name:os.mkdir ''\n",
    }


def test_the_payloads_are_live_under_an_unsafe_loader(tmp_path: Path) -> None:
    """So that the test below would notice a loader that runs them."""
    target = tmp_path / "ran"
    yaml.unsafe_load(mkdir_payload(target)["caption"])
    assert target.is_dir()


@pytest.mark.parametrize(
    ("case", "where", "message", "playing"),
    [
        ("deck", "1:1", "the deck must be a set of 'key: value' lines", None),
        ("title", "1:8", "the deck title must be a set of 'key: value' lines", ["a"]),
        ("caption", "4:14", "the caption must be a set of 'key: value' lines", None),
        (
            "mapping",
            "4:14",
            "the caption has the tag 'tag:yaml.org,2002:python/object/new:os.mkdir'; "
            "remove it, kiosk files use no tags",
            None,
        ),
        (
            "slides",
            "2:9",
            "slides has the tag 'tag:yaml.org,2002:python/object/apply:os.mkdir'; "
            "remove it, kiosk files use no tags",
            None,
        ),
        (
            "scalar",
            "4:14",
            "the caption: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/name:os.mkdir'",
            None,
        ),
    ],
)
def test_a_python_tag_is_an_error_and_never_runs(
    exhibition, deck_path, case: str, where: str, message: str, playing: list[str] | None
) -> None:
    target = exhibition.root / "ran"
    deck, problems = load(exhibition, mkdir_payload(target)[case])
    assert not target.exists()
    assert problems == [f"{deck_path}:{where}: error: {message}"]
    assert (ids(deck) if deck is not None else None) == playing


def test_a_python_tag_on_the_whole_deck(exhibition, deck_path) -> None:
    target = exhibition.root / "ran"
    deck, problems = load(
        exhibition,
        f"!!python/object:os.mkdir\ntitle: T\nslides:\n  - {{image: a.png, caption: '{target}'}}\n",
    )
    assert not target.exists()
    assert problems == [
        f"{deck_path}:1:1: error: the deck has the tag 'tag:yaml.org,2002:python/object:os.mkdir'; "
        "remove it, kiosk files use no tags"
    ]
    assert deck is None


# Whatever the bytes, loading reports and never raises


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_load_without_raising(exhibition, data: bytes) -> None:
    path = exhibition.root / "slides" / "any.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    result = load_deck(path, exhibition.config())
    assert result.deck is not None or has_errors(result.problems)
    for problem in result.problems:
        assert problem.where.file == str(path)
        assert problem.where.line >= 1
        assert problem.where.column >= 1


YAMLISH = st.lists(
    st.sampled_from(
        [
            "title: T",
            "slides:",
            "  - image: a.png",
            "    caption: A",
            "  - {image: b.png}",
            "    caption: {fr: x, de: y}",
            "    duration: dix",
            "  - &x {image: c.png, caption: C}",
            "  - *x",
            "defaults: {duration: 3}",
            "    id: a",
            "\t",
            '"',
            "[",
            "{",
            ": :",
            "- -",
            "!!python/object:os.system",
            "  ",
            "---",
            "...",
            "? k",
            "&a [*a]",
            "    duration: !!int twelve",
            "    caption: !!bool maybe",
            "title: !!timestamp x",
            "    caption: !!float ''",
            "  - !!binary ~~",
            "    id: !!str 7",
        ]
    ),
    max_size=12,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=YAMLISH)
def test_any_mix_of_deck_lines_loads_without_raising(exhibition, lines: list[str]) -> None:
    path = exhibition.root / "slides" / "mix.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_deck(path, exhibition.config())
    if result.deck is not None:
        assert result.deck.slides
        assert len({slide.id for slide in result.deck.slides}) == len(result.deck.slides)
        for slide in result.deck.slides:
            assert slide.image.is_file()
