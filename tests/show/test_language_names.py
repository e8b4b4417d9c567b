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
