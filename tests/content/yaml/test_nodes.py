"""Reading curators' YAML as nodes with their places, and reporting instead of raising."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from yaml.nodes import Node

from kiosk.content.problems import (
    Problem,
    Severity,
    error,
    has_errors,
    sorted_problems,
    warning,
)
from kiosk.content.yaml.nodes import NodeReader
from kiosk.content.yaml.reading import MAX_FILE_BYTES, compose, read_text
from kiosk.content.yaml.syntax import syntax_error
from kiosk.show.deck import Mark

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


def test_a_problem_prints_on_one_line_with_nothing_hidden() -> None:
    message = "unknown key 'a\nb\x1b[31m\u202e\ud800' in a slide"
    printed = str(error(Mark("a.yaml", 2, 3), message))
    assert printed == ("a.yaml:2:3: error: unknown key 'a\\x0ab\\x1b[31m\\u202e\\ud800' in a slide")
    printed.encode("utf-8")  # no lone surrogate left
    kept = "Livron\u202f: le pont — « détruit »"
    assert str(warning(Mark("a.yaml"), kept)).endswith(kept)


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
        f"{path}:1:1: error: the file is {MAX_FILE_BYTES + 1} bytes, over the 2 MB limit; "
        "a kiosk file is a short text: check that this is the right file"
    ]


def test_read_text_of_a_folder_is_reported(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert read_text(tmp_path, problems) is None
    assert [str(p) for p in problems] == [
        f"{tmp_path}:1:1: error: this is a folder, not a file; name a file in it"
    ]


def test_read_text_of_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: T\n", encoding="utf-8")
    path.chmod(0)
    problems: list[Problem] = []
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who reads every file")
        assert read_text(path, problems) is None
    finally:
        path.chmod(0o644)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:1:1: error: the file cannot be read (permission")


def test_read_text_of_a_device_reads_nothing(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert read_text(Path("/dev/zero"), problems) is None
    assert [str(p) for p in problems] == [
        "/dev/zero:1:1: error: this is not an ordinary file; name a text file"
    ]


def test_read_text_of_a_name_no_file_can_have(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert read_text(tmp_path / "a\0.yaml", problems) is None
    assert [p.message for p in problems] == [
        "the file name holds a character no file name can have"
    ]


# Composing


@pytest.mark.parametrize("text", ["", "\n\n", "# a comment\n", "---\n", "~\n", "null\n"])
def test_a_file_that_says_nothing_composes_to_none_silently(text: str) -> None:
    problems: list[Problem] = []
    assert compose(text, F, problems) is None
    assert problems == []


TAB = "a tab character; YAML indents with spaces only, so replace it with spaces"
COLON = "a colon followed by a space inside an unquoted text; put the whole text in double quotes"
UNCLOSED_DOUBLE = (
    'a double quote (") opens a text here and is never closed; '
    'add the closing " at the end of the text'
)
KEYS_IN_A_COLUMN = "keys of one block must start in the same column"
ITEMS_IN_A_COLUMN = "start every '- ' of a list in the same column"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        # Tabs, wherever they are not inside quotes or a comment.
        ("a:\n\tb: 1\n", "2:1", TAB),
        ("a:\n  - x\n  \t- y\n", "3:3", TAB),
        ("a: [1,\t2]\n", "1:7", TAB),
        ("a: 1\n\tb: 2\n", "2:1", TAB),
        # Quotes and brackets left open: reported where they open.
        (
            "a: 1\nb: 'x\n",
            "2:4",
            "a single quote (') opens a text here and is never closed; "
            "add the closing ' at the end of the text",
        ),
        ('a: 1\nb: "x\nc: 2\n', "2:4", UNCLOSED_DOUBLE),
        ('a: "x\n---\nb: 1\n', "1:4", UNCLOSED_DOUBLE),
        (
            'a: "x\nb: "y"\n',
            "1:4",
            'a double quote (") opens a text here and is not closed on its line; '
            'add the closing " at the end of the text',
        ),
        (
            "a: [1, 2\n",
            "1:4",
            "the '[' opened here is never closed; add the closing ']' at the end of its text",
        ),
        (
            "a: {b: 1\nc: 2\n",
            "1:4",
            "the '{' opened here is never closed; add the closing '}' at the end of its text",
        ),
        (
            "a: {b: 1 c: 2}\n",
            "1:11",
            "a ',' or the closing '}' is expected here; "
            "if a text between { } holds a colon or a comma, put it in double quotes",
        ),
        # What comes after a closing quote.
        (
            'a: "Le pont" de Livron\n',
            "1:14",
            "more text after the closing quote; put the whole text between one pair of "
            'double quotes, and write \\" for a quote inside it',
        ),
        (
            "a: 'L'eau\n",
            "1:4",
            "an apostrophe ends a text that starts with a single quote ('); "
            "put the whole text in double quotes instead",
        ),
        # Colons.
        ("a: b: c\n", "1:5", COLON),
        ("a: Le pont: détruit\nb: 1\n", "1:11", COLON),
        ("a: 1\nb:2\nc: 3\n", "2:2", "a space is missing after the colon; write 'b: 2'"),
        ("a:1\nb: 2\n", "1:2", "a space is missing after the colon; write 'a: 1'"),
        (
            "a:\n  - b:x\n    c: 1\n",
            "2:6",
            "a space is missing after the colon; write '- b: x'",
        ),
        (
            "a: 1\nb\n",
            "2:1",
            "this line has text but no 'key:' before it; if it goes on from the line above, "
            "put that whole text in double quotes on one line",
        ),
        # Indentation.
        (
            "a:\n  b: 1\n c: 2\n",
            "3:2",
            f"'c' is not lined up with 'b' on line 2; {KEYS_IN_A_COLUMN}",
        ),
        ("a: 1\n  b: 2\n", "2:3", f"'b' is indented more than 'a' on line 1; {KEYS_IN_A_COLUMN}"),
        ("  a: 1\nb: 2\n", "2:1", f"'b' is not lined up with 'a' on line 1; {KEYS_IN_A_COLUMN}"),
        (
            "a:\n  - b: 1\n  c: 2\n",
            "3:3",
            f"'c' is not lined up with 'b' on line 2; {KEYS_IN_A_COLUMN}",
        ),
        (
            "a:\n  - b: 1\n - c: 2\n",
            "3:2",
            f"this list item is not lined up with the one on line 2; {ITEMS_IN_A_COLUMN}",
        ),
        (
            "a:\n  - b: 1\n    - c: 2\n",
            "3:5",
            f"this list item is not lined up with the one on line 2; {ITEMS_IN_A_COLUMN}",
        ),
        # Characters that YAML reads as more than text when a text starts with them.
        ("a: *nowhere\n", "1:4", "a text starting with '*' must be put in double quotes"),
        ("a: *important* news\n", "1:4", "a text starting with '*' must be put in double quotes"),
        ("a: & co\n", "1:4", "a text starting with '&' must be put in double quotes"),
        ("a: @home\n", "1:4", "a text starting with '@' must be put in double quotes"),
        ("a: `x`\n", "1:4", "a text starting with '`' must be put in double quotes"),
        ("a: > x\n", "1:4", "a text starting with '>' must be put in double quotes"),
        ("a: |x\n", "1:4", "a text starting with '|' must be put in double quotes"),
        ("a: !x!y 1\n", "1:4", "a text starting with '!' must be put in double quotes"),
        ("a: {x} y\n", "1:4", "a text starting with '{' must be put in double quotes"),
        ("a: [1944] y\n", "1:4", "a text starting with '[' must be put in double quotes"),
        ("a: ]\n", "1:4", "a text starting with ']' must be put in double quotes"),
        ("a: ? b\n", "1:4", "a text starting with '? ' must be put in double quotes"),
        ("%x\na: 1\n", "1:1", "a line starting with '%' must be put in double quotes"),
        (
            "a: - b\n",
            "1:4",
            "a dash and a space ('- ') start a list item, on a line of its own; "
            "put a text that starts with a dash in double quotes",
        ),
        (
            'a: "C:\\dossier"\n',
            "1:7",
            "a backslash (\\) inside double quotes must be written twice (\\\\); "
            "in a path, use / instead",
        ),
        # Several documents.
        (
            "a: 1\n---\nb: 2\n",
            "2:1",
            "a line '---' starts a second document here; a kiosk file holds only one: "
            "remove that line",
        ),
        (
            "a: 1\n...\nb: 2\n",
            "2:1",
            "a line '...' ends the document here; a kiosk file holds only one: remove that line",
        ),
        (
            "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
            "2:1",
            "a line starting with '%' must be put in double quotes",
        ),
        # Characters no text may hold.
        (
            "title: T\nslides: \x07\n",
            "2:9",
            "an invisible control character (#x0007); delete it, or retype this part of the text",
        ),
    ],
)
def test_syntax_errors_are_reported_at_their_place(text: str, where: str, message: str) -> None:
    problems: list[Problem] = []
    assert compose(text, F, problems) is None
    assert [str(p) for p in problems] == [f"{F}:{where}: error: {message}"]


def test_pyyamls_own_words_when_nothing_plainer_is_known() -> None:
    mark = yaml.Mark("deck.yaml", 40, 2, 6, "", 0)
    exc = yaml.MarkedYAMLError("while doing something new", None, "found a new problem", mark)
    assert str(syntax_error(exc, "a: 1\n", F)) == (
        f"{F}:3:7: error: YAML syntax: found a new problem"
    )


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
        f"{F}:1:1: error: the file is nested too deeply (brackets or indentation inside one "
        "another hundreds of times); a kiosk file never is: check that this is the right file"
    ]


# Walking the nodes


KEYS = frozenset({"title", "slides"})


def test_entries_keep_each_key_in_order_and_its_value_place() -> None:
    reader = NodeReader(F)
    entries = reader.entries(node("title: T\nslides: []\n"), "the deck", KEYS)
    assert entries is not None
    assert list(entries) == ["title", "slides"]
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
    ("text", "what", "tag"),
    [
        ("a: !!python/object:os.system {b: 1}\n", "entries", "!!python/object:os.system"),
        ("a: !!python/object/apply:os.system [ls]\n", "items", "!!python/object/apply:os.system"),
        ("a: !!python/object/apply:os.system [ls]\n", "entries", "!!python/object/apply:os.system"),
        ("a: !!python/tuple [1]\n", "scalar", "!!python/tuple"),
        ("a: !custom {b: 1}\n", "entries", "!custom"),
        ("a: !custom x\n", "scalar", "!custom"),
        ("a: !!set {b, c}\n", "entries", "!!set"),
    ],
)
def test_tags_are_refused(text: str, what: str, tag: str) -> None:
    reader = NodeReader(F)
    found = value(text)
    read = {"entries": reader.entries, "items": reader.items, "scalar": reader.scalar}[what]
    result = read(found, "x", KEYS) if what == "entries" else read(found, "x")
    assert result is None
    assert reported(reader) == [
        f"{F}:1:4: error: x has the tag '{tag}'; remove it, kiosk files use no tags"
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
            "the caption has the tag '!!python/name:os.system'; remove it, kiosk files use no tags",
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: dix\n", "d must be a number of seconds, got 'dix'"),
        ("a: 12s\n", "d must be a number of seconds, got '12s'; write only the number: 12"),
        ("a: 12 sec.\n", "d must be a number of seconds, got '12 sec.'; write only the number: 12"),
        ("a: 2,5 s\n", "d must be a number of seconds, got '2,5 s'; write only the number: 2.5"),
        ("a: 2,5\n", "d must be a number of seconds, got '2,5'; write decimals with a point: 2.5"),
        ("a: '12'\n", "d must be a number of seconds, got '12'; remove the quotes"),
        ("a: 0\n", "d must be between 1 and 3600 seconds, got 0"),
    ],
)
def test_a_number_of_seconds_says_how_to_write_it(text: str, message: str) -> None:
    reader = NodeReader(F)
    assert reader.number(value(text), "d", 1, 3600, "seconds") is None
    assert reported(reader) == [f"{F}:1:4: error: {message}"]


def test_an_unknown_key_names_the_closest_allowed_one() -> None:
    reader = NodeReader(F)
    entries = reader.entries(node("titel: T\nslide: []\ncolour: red\n"), "the deck", KEYS)
    assert entries == {}
    assert reported(reader) == [
        f"{F}:1:1: error: unknown key 'titel' in the deck; did you mean 'title'?",
        f"{F}:2:1: error: unknown key 'slide' in the deck; did you mean 'slides'?",
        f"{F}:3:1: error: unknown key 'colour' in the deck; allowed keys: slides, title",
    ]


def test_an_unknown_key_may_be_worded_by_the_caller() -> None:
    reader = NodeReader(F)
    reader.entries(node("de: x\n"), "the caption", frozenset({"fr"}), lambda key: f"no {key}")
    assert reported(reader) == [f"{F}:1:1: error: no de"]


def test_first_key_mark() -> None:
    reader = NodeReader(F)
    assert reader.first_key_mark(value("a: {  b: 1}\n")) == Mark(F, 1, 7)
    assert reader.first_key_mark(value("a: {}\n")) == Mark(F, 1, 4)
    assert reader.first_key_mark(value("a: x\n")) == Mark(F, 1, 4)


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
        f"{F}:1:4: error: transition must be crossfade or cut, got 'Cut'; did you mean 'cut'?",
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
