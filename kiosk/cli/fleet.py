"""`kiosk fleet`: every kiosk on the museum's MQTT broker, from an office PC.

`list` prints each kiosk the broker keeps something of (online or not, what it shows, its
problems, when it was last heard); `send ID|all COMMAND [ARG...]` sends a remote command
(kiosk.show.remote_commands) and prints each kiosk's reply; `watch` follows the play log
events as the kiosks write them. The broker and the login come from the options, or else
from the exhibition config's `fleet:` section when there is one (on a kiosk), or else
localhost:1883. The MQTT work is kiosk.hall.fleet_office; the words are here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.common import UsageError, complain
from kiosk.cli.fleet_text import answer_line, event_time, event_words, kiosk_table, when
from kiosk.content.config import load_config
from kiosk.content.exhibition import DEFAULT_CONFIG
from kiosk.content.fleet_config import FleetConfig, split_broker
from kiosk.show.remote_commands import Refusal, RemoteAction, parse_command

if TYPE_CHECKING:  # paho is imported only when the command runs
    from kiosk.hall.fleet_office import Office, OfficeSettings

COMMAND = "kiosk fleet"
MAIN_ARGUMENT = {"language": "lang", "narration": "on", "display": "on"}
"""The argument a bare word stands for: `send hall-2 language en`, `send all display off`."""
WORDS_ON = {"on": True, "true": True, "yes": True, "off": False, "false": False, "no": False}
TROUBLE = 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "fleet",
        help="every kiosk on the museum's MQTT broker: list, send a command, watch",
        description="Talk to the kiosks through the museum's MQTT broker (README, \"Fleet "
        "(MQTT)\"). The broker and login are the options', else the fleet: section of the "
        "config when there is one, else localhost:1883. Exit 0 when all went well, 1 when a "
        "kiosk refused, did not answer or is offline, or the broker cannot be reached.",
    )
    add_connection_options(parser)
    actions = parser.add_subparsers(dest="fleet_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every kiosk, online or not, and what it shows")
    add_connection_options(listing, after=True)
    listing.add_argument("--json", action="store_true", help="print JSON, for scripts")
    send = actions.add_parser("send", help="send a command to a kiosk, or to all online")
    add_connection_options(send, after=True)
    send.add_argument("kiosk", metavar="ID|all")
    send.add_argument("action", choices=[a.value for a in RemoteAction], metavar="COMMAND")
    send.add_argument(
        "arguments",
        nargs="*",
        metavar="ARG",
        help="KEY=VALUE (deck=livron slide=bridge step=2), or the one value of "
        "language, narration and display (en, on, off)",
    )
    send.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where a screenshot goes (default: screenshot-ID-TIME.jpg here)",
    )
    watch = actions.add_parser("watch", help="follow the kiosks' play log events")
    add_connection_options(watch, after=True)
    watch.add_argument("kiosk", nargs="?", default="+", metavar="ID", help="only this kiosk")
    watch.add_argument("--json", action="store_true", help="one JSON object a line")
    watch.add_argument("--stop-after", type=float, metavar="SECONDS", help="stop after SECONDS")
    parser.set_defaults(handler=main)


def add_connection_options(parser: argparse.ArgumentParser, after: bool = False) -> None:
    """--config, --broker, the login, TLS and --timeout: before the action, or `after` it
    (`kiosk fleet list --broker …`), where they are only set when given, so that they never
    undo the same options given before."""

    def given(default: object) -> object:
        return argparse.SUPPRESS if after else default

    parser.add_argument("--config", type=Path, default=given(DEFAULT_CONFIG), help="config file")
    parser.add_argument(
        "--broker",
        default=given(None),
        metavar="HOST[:PORT]",
        help="the broker (port 1883, 8883 with --tls)",
    )
    parser.add_argument(
        "--username", default=given(None), metavar="USER", help="the user name to log in with"
    )
    parser.add_argument(
        "--password-file",
        type=Path,
        default=given(None),
        metavar="FILE",
        help="the file holding the password, on its first line",
    )
    parser.add_argument("--tls", action="store_true", default=given(None), help="connect over TLS")
    parser.add_argument(
        "--ca-file",
        type=Path,
        default=given(None),
        metavar="FILE",
        help="the authority that signed the broker's certificate (with --tls; "
        "default: the system's certificates)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=given(5.0),
        metavar="SECONDS",
        help="how long to wait for replies (default 5)",
    )


def main(args: argparse.Namespace) -> int:
    from kiosk.hall.fleet_office import Office, OfficeError  # paho, only for this command

    office = Office(office_settings(args))
    try:
        office.connect(args.timeout)
    except OfficeError as error:
        return complain(str(error), TROUBLE, COMMAND)
    try:
        match args.fleet_action:
            case "list":
                return list_kiosks(office, args.json)
            case "send":
                return send(office, args)
            case _:
                return watch(office, args)
    except OfficeError as error:
        return complain(str(error), TROUBLE, COMMAND)
    finally:
        office.close()


def office_settings(args: argparse.Namespace) -> OfficeSettings:
    """The options, filled in from the config's fleet: section where there is one."""
    from kiosk.hall.fleet_office import OfficeSettings

    config_fleet = load_config(args.config)[0].fleet if args.config.is_file() else None
    fleet = config_fleet or FleetConfig()
    broker = args.broker or fleet.broker
    if split_broker(broker) is None:
        raise UsageError(f"--broker must be HOST or HOST:PORT, got '{broker}'", COMMAND)
    tls = fleet.tls if args.tls is None else args.tls
    chosen = FleetConfig(broker=broker, tls=tls)
    password_file = args.password_file or _resolved(args.config, fleet.password_file)
    password = None
    if password_file is not None:
        try:
            password = (password_file.read_text(encoding="utf-8").splitlines() or [""])[0]
        except OSError as error:
            raise UsageError(
                f"cannot read the password file {password_file} ({error.strerror})", COMMAND
            ) from None
    return OfficeSettings(
        host=chosen.host,
        port=chosen.port,
        username=args.username or fleet.username,
        password=password,
        tls=tls,
        ca_file=args.ca_file or _resolved(args.config, fleet.ca_file),
    )


def _resolved(config_path: Path, path: Path | None) -> Path | None:
    if path is None or path.is_absolute():
        return path
    return load_config(config_path)[0].resolve(path)


def list_kiosks(office: Office, as_json: bool) -> int:
    kiosks = office.survey()
    if as_json:
        found = [
            {"kiosk": k.kiosk_id, "availability": k.availability, "state": k.state}
            for k in kiosks.values()
        ]
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    if not kiosks:
        print("no kiosk has been heard of on this broker")
        return 0
    print("\n".join(kiosk_table(list(kiosks.values()))))
    return 0


def command_payload(action: str, words: list[str]) -> dict[str, object]:
    """The JSON of `send`'s COMMAND and ARGs, checked as the kiosk will check it."""
    payload: dict[str, object] = {"action": action}
    for word in words:
        key, given, value = word.partition("=")
        if not given:
            key, value = MAIN_ARGUMENT.get(action, ""), word
            if not key:
                raise UsageError(f"write {action}'s arguments as KEY=VALUE, got '{word}'", COMMAND)
        payload[key] = WORDS_ON.get(value.lower(), value) if key == "on" else value
        if key == "step" and value.isdigit():
            payload[key] = int(value)
    checked = parse_command(json.dumps(payload).encode())
    if isinstance(checked, Refusal):
        raise UsageError(checked.message, COMMAND)
    return payload


def send(office: Office, args: argparse.Namespace) -> int:
    payload = command_payload(args.action, args.arguments)
    kiosks = office.survey()
    if args.kiosk == "all":
        targets = [k for k, seen in kiosks.items() if seen.availability == "online"]
        if not targets:
            print("no kiosk is online on this broker")
            return TROUBLE
    else:
        targets = [args.kiosk]
        seen = kiosks.get(args.kiosk)
        if seen is not None and seen.availability == "offline":
            print(
                f"{args.kiosk}: offline (last heard {when((seen.state or {}).get('updated'))})"
                "; the command would be lost: not sent"
            )
            return TROUBLE
    picture = args.action == RemoteAction.SCREENSHOT.value
    answers = office.send(targets, payload, args.timeout, picture)
    trouble = False
    for answer in answers:
        line, ok = answer_line(answer, args.timeout)
        if ok and picture and answer.screenshot is not None:
            line = _save(answer.kiosk_id, answer.screenshot, args.out, len(answers) > 1)
        print(line)
        trouble = trouble or not ok
    return TROUBLE if trouble else 0


def _save(kiosk_id: str, jpeg: bytes, out: Path | None, several: bool) -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = out or Path(f"screenshot-{kiosk_id}-{stamp}.jpg")
    if out is not None and several:
        path = out.with_name(f"{out.stem}-{kiosk_id}{out.suffix or '.jpg'}")
    path.write_bytes(jpeg)
    return f"{kiosk_id}: screenshot saved to {path} ({len(jpeg) // 1000} kB)"


def watch(office: Office, args: argparse.Namespace) -> int:
    def heard(kiosk_id: str, kind: str, payload: bytes) -> None:
        text = payload.decode("utf-8", "replace")
        if args.json:
            event = json.loads(text) if kind == "events" else {"availability": text}
            print(json.dumps({"kiosk": kiosk_id, **event}, ensure_ascii=False), flush=True)
        elif kind == "availability":
            print(f"{datetime.now():%H:%M:%S}  {kiosk_id}  is {text}", flush=True)
        else:
            print(f"{event_time(text)}  {kiosk_id}  {event_words(text)}", flush=True)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C ends the watch, status 0
        office.follow(heard, args.kiosk, args.stop_after)
    return 0
