"""Reading curators' YAML as nodes with their places, and reporting instead of raising."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml.nodes import Node

from kiosk.validation import Mark, Problem, Severity, error, has_errors, sorted_problems, warning
from kiosk.yamlnodes import MAX_FILE_BYTES, NodeReader, compose, read_text

F = "deck.yaml"


def node(text: str) -> Node:
    problems: list[Problem] = []
    root = compose(text, F, problems)
    assert problems == []
    assert root is not None
    return root


def value(text: str) -> Node:
    """The value node of the only key in `text`."""
    (_, value_node), *_ = node(text).value
    return value_node


def reported(reader: NodeReader) -> list[str]:
    return [str(problem) for problem in reader.problems]


# Problems and places


def test_a_problem_reads_like_a_compiler_message() -> None:
    assert str(error(Mark("a.yaml", 3, 7), "bad")) == "a.yaml:3:7: error: bad"
    assert str(warning(Mark("a.yaml"), "odd")) == "a.yaml:1:1: warning: odd"
    assert error(Mark("a"), "x").is_error
    assert warning(Mark("a"), "x").severity is Severity.WARNING


def test_problems_sort_by_file_line_and_column() -> None:
    problems = [
        error(Mark("b.yaml", 1, 1), "4"),
        warning(Mark("a.yaml", 10, 2), "3"),
        error(Mark("a.yaml", 2, 9), "2"),
        error(Mark("a.yaml", 2, 3), "1"),
    ]
    assert [p.message for p in sorted_problems(problems)] == ["1", "2", "3", "4"]


def test_has_errors_ignores_warnings() -> None:
    assert has_errors([]) is False
    assert has_errors([warning(Mark("a"), "x")]) is False
    assert has_errors([warning(Mark("a"), "x"), error(Mark("a"), "y")]) is True


# Reading the file


def test_read_text_strips_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufefftitle: Drôme\n".encode())
    problems: list[Problem] = []
    assert read_text(path, problems) == "title: Drôme\n"
    assert problems == []


def test_read_text_reports_the_line_of_the_first_byte_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("title: ok\nslides:\n  - caption: Drôme\n".encode("latin-1"))
    problems: list[Problem] = []
    assert read_text(path, problems) is None
    assert [str(p) for p in problems] == [
        f"{path}:3:1: error: the file is not UTF-8 text; save it as UTF-8"
    ]


def test_read_text_refuses_a_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    problems: list[Problem] = []
    assert read_text(path, problems) is None
    assert [str(p) for p in problems] == [
        f"{path}:1:1: error: the file is {MAX_FILE_BYTES + 1} bytes, over the 2 MB limit"
    ]


def test_read_text_of_a_folder_is_reported(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert read_text(tmp_path, problems) is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path}:1:1: error: cannot read the file: ")


# Composing


@pytest.mark.parametrize("text", ["", "\n\n", "# a comment\n", "---\n", "~\n", "null\n"])
def test_a_file_that_says_nothing_composes_to_none_silently(text: str) -> None:
    problems: list[Problem] = []
    assert compose(text, F, problems) is None
    assert problems == []


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a:\n\tb: 1\n", "2:1", "a tab character; YAML indents with spaces only"),
        ("a:\n  - x\n  \t- y\n", "3:3", "a tab character; YAML indents with spaces only"),
        ("a: [1,\t2]\n", "1:7", "a tab character; YAML indents with spaces only"),
        (
            "a: 1\nb: 'x\n",
            "2:4",
            "YAML syntax: the file ends while scanning a quoted scalar; "
            "a closing quote or bracket is missing",
        ),
        (
            'a: 1\nb: "x\nc: 2\n',
            "2:4",
            "YAML syntax: the file ends while scanning a quoted scalar; "
            "a closing quote or bracket is missing",
        ),
        (
            "a: [1, 2\n",
            "1:4",
            "YAML syntax: the file ends while parsing a flow sequence; "
            "a closing quote or bracket is missing",
        ),
        ("a: b: c\n", "1:5", "YAML syntax: mapping values are not allowed here"),
        ("a: 1\nb\n", "3:1", "YAML syntax: could not find expected ':'"),
        (
            "a:\n  b: 1\n c: 2\n",
            "3:2",
            "YAML syntax: expected <block end>, but found '<block mapping start>'",
        ),
        ("a: *nowhere\n", "1:4", "YAML syntax: found undefined alias 'nowhere'"),
        ("title: T\nslides: \x07\n", "2:9", "a control character (#x0007); remove it"),
    ],
)
def test_syntax_errors_are_reported_at_their_place(text: str, where: str, message: str) -> None:
    problems: list[Problem] = []
    assert compose(text, F, problems) is None
    assert [str(p) for p in problems] == [f"{F}:{where}: error: {message}"]


@pytest.mark.parametrize(
    "text", ['a: "x\ty"\n', "a: 'x\n\ty'\n", "a: 1 # note:\tsee\n", "# \t\na: 1\n"]
)
def test_a_tab_inside_quotes_or_comments_is_fine(text: str) -> None:
    problems: list[Problem] = []
    assert compose(text, F, problems) is not None
    assert problems == []


def test_deep_nesting_is_reported_not_raised() -> None:
    problems: list[Problem] = []
    assert compose("[" * 5000 + "]" * 5000, F, problems) is None
    assert [str(p) for p in problems] == [
        f"{F}:1:1: error: the file is nested too deeply to be a kiosk file"
    ]


# Walking the nodes


KEYS = frozenset({"title", "slides"})


def test_entries_keep_each_key_and_its_place() -> None:
    reader = NodeReader(F)
    entries = reader.entries(node("title: T\nslides: []\n"), "the deck", KEYS)
    assert entries is not None
    assert list(entries) == ["title", "slides"]
    assert reader.mark(entries["slides"].key_node) == Mark(F, 2, 1)
    assert reader.mark(entries["slides"].value) == Mark(F, 2, 9)
    assert reader.problems == []


def test_entries_report_unknown_repeated_and_odd_keys() -> None:
    reader = NodeReader(F)
    entries = reader.entries(
        node("title: T\ncolour: red\ntitle: U\n1944: year\n[a]: list\n"), "the deck", KEYS
    )
    assert entries is not None
    assert list(entries) == ["title"]
    assert reader.scalar(entries["title"].value, "title") == "T"
    assert reported(reader) == [
        f"{F}:2:1: error: unknown key 'colour' in the deck; allowed keys: slides, title",
        f"{F}:3:1: error: 'title' appears twice in the deck; keep only one",
        f"{F}:4:1: error: the deck has a key that is not a plain name",
        f"{F}:5:1: error: the deck has a key that is not a plain name",
    ]


def test_entries_of_something_else_than_a_mapping() -> None:
    reader = NodeReader(F)
    assert reader.entries(value("a: [1, 2]\n"), "a slide", KEYS) is None
    assert reported(reader) == [f"{F}:1:4: error: a slide must be a set of 'key: value' lines"]


def test_items_of_a_list_and_of_something_else() -> None:
    reader = NodeReader(F)
    items = reader.items(value("a:\n  - x\n  - y\n"), "slides")
    assert [item.value for item in items] == ["x", "y"]
    assert reader.items(value("a: x\n"), "slides") is None
    assert reported(reader) == [
        f"{F}:1:4: error: slides must be a list, each item starting with '- '"
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("a: !!python/object:os.system {b: 1}\n", "entries"),
        ("a: !!python/object/apply:os.system [ls]\n", "items"),
        ("a: !custom {b: 1}\n", "entries"),
        ("a: !!set {b, c}\n", "entries"),
    ],
)
def test_collections_with_tags_are_refused(text: str, what: str) -> None:
    reader = NodeReader(F)
    found = value(text)
    result = reader.entries(found, "x", KEYS) if what == "entries" else reader.items(found, "x")
    assert result is None
    assert reported(reader) == [
        f"{F}:1:4: error: x has the tag '{found.tag}'; remove it, kiosk files use no tags"
    ]


def test_explicit_standard_tags_are_plain() -> None:
    reader = NodeReader(F)
    assert reader.entries(value("a: !!map {title: T}\n"), "x", KEYS) is not None
    assert reader.items(value("a: !!seq [1]\n"), "x") is not None
    assert reader.text(value("a: !!str 1944\n"), "x") == "1944"
    assert reader.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: Le pont\n", "Le pont"),
        ("a: 1944\n", "1944"),
        ("a: 12.5\n", "12.5"),
        ("a: '  x  '\n", "  x  "),
        ('a: "Drôme — août"\n', "Drôme — août"),
    ],
)
def test_text(text: str, expected: str) -> None:
    reader = NodeReader(F)
    assert reader.text(value(text), "the caption") == expected
    assert reader.problems == []


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a:\n", "1:3", "the caption is empty"),
        ("a: ''\n", "1:4", "the caption is empty"),
        ("a: '   '\n", "1:4", "the caption is empty"),
        ("a: yes\n", "1:4", "the caption must be text; put it in double quotes"),
        ("a: 2024-08-28\n", "1:4", "the caption must be text; put it in double quotes"),
        ("a: [x]\n", "1:4", "the caption must be a single value, not a list or a mapping"),
        (
            "a: !!python/name:os.system x\n",
            "1:4",
            "the caption: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/name:os.system'",
        ),
        ("a: !!int twelve\n", "1:4", "the caption: 'twelve' cannot be read as int"),
        ("a: !!float ''\n", "1:4", "the caption: '' cannot be read as float"),
        ("a: !!bool maybe\n", "1:4", "the caption: 'maybe' cannot be read as bool"),
        ("a: !!timestamp soon\n", "1:4", "the caption: 'soon' cannot be read as timestamp"),
        (
            "a: !!timestamp 2024-13-45\n",
            "1:4",
            "the caption: '2024-13-45' cannot be read as timestamp",
        ),
    ],
)
def test_bad_text_is_reported_once(text: str, where: str, message: str) -> None:
    reader = NodeReader(F)
    assert reader.text(value(text), "the caption") is None
    assert reported(reader) == [f"{F}:{where}: error: {message}"]


def test_number() -> None:
    reader = NodeReader(F)
    assert reader.number(value("a: 12\n"), "d", 1, 3600) == 12.0
    assert reader.number(value("a: 1\n"), "d", 1, 3600) == 1.0
    assert reader.number(value("a: 3600.0\n"), "d", 1, 3600) == 3600.0
    assert reader.problems == []
    assert reader.number(value("a: 0.99\n"), "d", 1, 3600) is None
    assert reader.number(value("a: dix\n"), "d", 1, 3600) is None
    assert reader.number(value("a: true\n"), "d", 1, 3600) is None
    assert reader.number(value("a: .nan\n"), "d", 1, 3600) is None
    assert reader.number(value("a: {x: 1}\n"), "d", 1, 3600) is None
    assert reported(reader) == [
        f"{F}:1:4: error: d must be between 1 and 3600, got 0.99",
        f"{F}:1:4: error: d must be a number, got 'dix'",
        f"{F}:1:4: error: d must be a number, got 'true'",
        f"{F}:1:4: error: d must be between 1 and 3600, got nan",
        f"{F}:1:4: error: d must be a single value, not a list or a mapping",
    ]


def test_boolean_and_choice() -> None:
    reader = NodeReader(F)
    assert reader.boolean(value("a: false\n"), "fullscreen") is False
    assert reader.boolean(value("a: true\n"), "fullscreen") is True
    assert reader.choice(value("a: cut\n"), "transition", ("crossfade", "cut")) == "cut"
    assert reader.problems == []
    assert reader.boolean(value("a: 1\n"), "fullscreen") is None
    assert reader.choice(value("a: Cut\n"), "transition", ("crossfade", "cut")) is None
    assert reader.choice(value("a: [cut]\n"), "transition", ("crossfade", "cut")) is None
    assert reported(reader) == [
        f"{F}:1:4: error: fullscreen must be true or false, got '1'",
        f"{F}:1:4: error: transition must be crossfade or cut, got 'Cut'",
        f"{F}:1:4: error: transition must be a single value, not a list or a mapping",
    ]


def test_aliases_share_the_anchored_node() -> None:
    root = node("a: &x {title: T}\nb: *x\n")
    (_, first), (_, second) = root.value
    assert first is second


def test_composing_never_constructs_python_objects(tmp_path: Path) -> None:
    target = tmp_path / "ran"
    text = f"a: !!python/object/apply:os.mkdir ['{target}']\n"
    problems: list[Problem] = []
    root = compose(text, F, problems)
    assert problems == []
    assert root is not None
    assert not target.exists()
    yaml.unsafe_load(text)  # the same text is live under an unsafe loader
    assert target.exists()
