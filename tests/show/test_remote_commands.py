"""The parser of remote commands: a command value, or a refusal that says what was wrong."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.show.remote_commands import (
    MAX_PAYLOAD_BYTES,
    Refusal,
    RemoteAction,
    RemoteCommand,
    command_payload,
    parse_command,
)


def parse(value: object) -> RemoteCommand | Refusal:
    return parse_command(json.dumps(value).encode())


@pytest.mark.parametrize(
    ("payload", "command"),
    [
        ({"action": "next"}, RemoteCommand(RemoteAction.NEXT)),
        ({"action": "previous", "ref": "r1"}, RemoteCommand(RemoteAction.PREVIOUS, ref="r1")),
        (
            {"action": "goto", "deck": "livron", "slide": "bridge"},
            RemoteCommand(RemoteAction.GOTO, deck="livron", slide="bridge"),
        ),
        (
            {"action": "goto", "deck": "d", "slide": "timeline", "step": 3},
            RemoteCommand(RemoteAction.GOTO, deck="d", slide="timeline", step=3),
        ),
        ({"action": "pause"}, RemoteCommand(RemoteAction.PAUSE)),
        ({"action": "resume"}, RemoteCommand(RemoteAction.RESUME)),
        ({"action": "language", "lang": "en"}, RemoteCommand(RemoteAction.LANGUAGE, lang="en")),
        ({"action": "narration", "on": False}, RemoteCommand(RemoteAction.NARRATION, on=False)),
        ({"action": "reload"}, RemoteCommand(RemoteAction.RELOAD)),
        ({"action": "restart"}, RemoteCommand(RemoteAction.RESTART)),
        ({"action": "display", "on": True}, RemoteCommand(RemoteAction.DISPLAY, on=True)),
        ({"action": "screenshot"}, RemoteCommand(RemoteAction.SCREENSHOT)),
    ],
)
def test_every_action_with_its_arguments(payload: dict, command: RemoteCommand) -> None:
    assert parse(payload) == command
    assert command_payload(command) == payload


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"next", 'a command is one JSON object, such as {"action": "next"}; this is not JSON'),
        (b'["next"]', 'a command is one JSON object, such as {"action": "next"}'),
        (b"\xff\xfe", 'a command is JSON text in UTF-8, such as {"action": "next"}'),
        (
            b"{}",
            "a command needs an 'action', one of: next, previous, goto, pause, resume, "
            "language, narration, reload, restart, display, screenshot",
        ),
        (
            b'{"action": "quit"}',
            'unknown action "quit"; the actions are: next, previous, goto, pause, resume, '
            "language, narration, reload, restart, display, screenshot",
        ),
        (b'{"action": "goto", "deck": "d"}', "'goto' needs 'slide' (text)"),
        (
            b'{"action": "goto", "deck": "d", "slide": "s", "step": -1}',
            "'goto': 'step' must be a whole number from 0",
        ),
        (
            b'{"action": "goto", "deck": "d", "slide": "s", "step": true}',
            "'goto': 'step' must be a whole number from 0",
        ),
        (b'{"action": "goto", "deck": "", "slide": "s"}', "'goto': 'deck' must be text"),
        (b'{"action": "narration", "on": "yes"}', "'narration': 'on' must be true or false"),
        (
            b'{"action": "language", "lang": "English"}',
            "'language': 'lang' must be a language code such as en",
        ),
        (b'{"action": "next", "slide": "s"}', "'next' takes nothing more; remove 'slide'"),
        (
            b'{"action": "display", "on": true, "command": "rm -rf /"}',
            "'display' takes on; remove 'command'",
        ),
        (b'{"action": "next", "ref": 7}', "'ref' must be text of at most 200 characters"),
    ],
)
def test_what_is_not_a_command_is_refused_with_why(payload: bytes, message: str) -> None:
    refused = parse_command(payload)
    assert isinstance(refused, Refusal)
    assert refused.message == message


def test_a_refusal_keeps_the_ref_so_the_sender_knows_which_command_failed() -> None:
    assert parse({"action": "jump", "ref": "abc"}) == Refusal(
        'unknown action "jump"; the actions are: next, previous, goto, pause, resume, '
        "language, narration, reload, restart, display, screenshot",
        "abc",
    )


def test_a_payload_too_long_is_refused_before_it_is_read() -> None:
    payload = json.dumps({"action": "next", "ref": "x" * MAX_PAYLOAD_BYTES}).encode()
    refused = parse_command(payload)
    assert isinstance(refused, Refusal)
    assert refused.message == f"a command is at most 4096 bytes, got {len(payload)}"


@given(st.binary(max_size=300))
def test_any_bytes_give_a_command_or_a_refusal(payload: bytes) -> None:
    assert isinstance(parse_command(payload), RemoteCommand | Refusal)


@given(
    st.dictionaries(
        st.sampled_from(["action", "deck", "slide", "step", "lang", "on", "ref", "x"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text('abé" -', max_size=5)),
    )
)
def test_any_json_object_gives_a_command_or_a_refusal(payload: dict) -> None:
    assert isinstance(parse(payload), RemoteCommand | Refusal)
