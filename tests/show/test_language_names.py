"""Language buttons say each language's name in that language, never a code or a flag."""

from __future__ import annotations

import pytest

from kiosk.show.language_names import language_name


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("fr", "Français"),
        ("en", "English"),
        ("de", "Deutsch"),
        ("es", "Español"),
        ("it", "Italiano"),
        ("nl", "Nederlands"),
        ("pt", "Português"),
        ("oc", "Occitan"),
        ("ar", "العربية"),
        ("zh", "中文"),
    ],
)
def test_each_language_is_named_in_itself_and_capitalised(code: str, name: str) -> None:
    assert language_name(code) == name


def test_a_code_nobody_knows_is_shown_as_the_code() -> None:
    assert language_name("qq") == "QQ"
    assert language_name("xyz") == "XYZ"


def test_the_names_written_out_are_babels() -> None:
    from kiosk.show.language_names import KNOWN_NAMES, cldr_name

    assert {code: cldr_name(code) for code in KNOWN_NAMES} == KNOWN_NAMES


def test_a_known_language_is_named_without_reading_the_cldr() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from kiosk.show.language_names import language_name; "
        "language_name('fr'); language_name('en'); print('babel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
