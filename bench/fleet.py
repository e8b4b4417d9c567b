"""Fleet (issue 15): fifty kiosks on one Mosquitto, commands sent to all of them; the time from
a command to each kiosk's state update, and the CPU of the broker and of the kiosks. A
benchmark, not a test: it measures and reports.

    .venv/bin/python bench/fleet.py [--kiosks 50] [--processes 5] [--rounds 20] [--out PATH]

What runs: Debian's mosquitto on a free local port with a config of its own (no password, no
persistence, `set_tcp_nodelay true` as config/mosquitto/kiosk-fleet.conf recommends;
Mosquitto's default with `--broker-nagle`); `--processes` child processes sharing `--kiosks`
simulated kiosks. Each is the kiosk's own fleet client (kiosk.hall.fleet.FleetLink, with its
Home Assistant discovery) and a stand-in for its display loop, without a display: a thread
that sleeps until the link wakes it (as EventWaiter.wake wakes the real loop), takes the
commands, carries them out with the real player (kiosk.show.remote on a ten-slide deck),
replies, and publishes the state the real desk would (kiosk.hall.fleet_state from a
StatusFile's fields). Once every kiosk is online, an office client (paho, as `kiosk fleet
send all`) sends `next` to all of them, `--rounds` times `--interval` s apart, and times each
command from just before its publish to the arrival of that kiosk's next state. CPU is read
from /proc for the broker and the children over the rounds, and again over `--idle` seconds
of nothing (heartbeats only).
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/fleet.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO, cpu_seconds, machine_facts, p95

READY = "FLEET-READY"


# --- a simulated kiosk (child processes) -------------------------------------------------------


class SimulatedKiosk:
    """The kiosk's fleet link, and the display loop's part of it without a display."""

    def __init__(self, kiosk_id: str, port: int, stop: threading.Event) -> None:
        from kiosk.hall.fleet import FleetLink, LinkSettings
        from kiosk.hall.fleet_discovery import discovery_messages
        from kiosk.hall.status import OnScreen, StatusFile
        from kiosk.show import player

        discovery = tuple(discovery_messages(kiosk_id, "homeassistant", "bench"))
        settings = LinkSettings(kiosk_id, "127.0.0.1", port, discovery=discovery)
        self.woken, self.stop = threading.Event(), stop
        self.link = FleetLink(settings, on_command=self.woken.set)
        self.status, self.on_screen = StatusFile(None), OnScreen()
        self.state, _ = player.start((bench_deck(),), bench_settings(), 0.0)
        self.published: dict | None = None
        self.thread = threading.Thread(target=self.run, name=kiosk_id, daemon=True)

    def start(self) -> None:
        self.link.start()
        self.thread.start()

    def run(self) -> None:
        from datetime import datetime

        from kiosk.hall.fleet_state import LoopFacts, fleet_state, reply
        from kiosk.show import remote

        began = time.monotonic()
        while not self.stop.is_set():
            self.woken.wait(0.25)  # the real loop's longest sleep on a still slide
            self.woken.clear()
            now = time.monotonic() - began
            for command in self.link.take_commands():
                why = remote.refusal(self.state, command)
                if why is None:
                    self.state, _ = remote.handle(self.state, command, now)
                    self.on_screen.changed("remote", datetime.now())
                kiosk_id = self.link.settings.kiosk_id
                self.link.reply(reply(kiosk_id, command.action.value, command.ref, why))
            self.status.note_showing(self.on_screen.entry(self.state))
            facts = LoopFacts(language=self.state.lang, narration=self.state.narration_on)
            state = fleet_state(self.status.fields, facts)
            if state != self.published:
                self.published = state
                self.link.publish_state(state)


def bench_deck():
    from kiosk.show.deck import Deck, LocalizedText, Mark, Slide

    slides = tuple(
        Slide(f"s{n}", Path(f"media/{n}.jpg"), LocalizedText.same_everywhere(f"slide {n}"),
              None, 12.0, "cut", Mark("bench.yaml", n + 1))
        for n in range(10)
    )  # fmt: skip
    return Deck(Path("slides/bench.yaml"), LocalizedText.same_everywhere("Bench"), slides)


def bench_settings():
    from kiosk.show.player_state import PlayerSettings

    return PlayerSettings(languages=("fr", "en"), default_language="fr", idle_timeout=60.0)


def child(port: int, first: int, count: int) -> None:
    """`count` kiosks, kiosk-FIRST on; READY once started; until stdin closes."""
    stop = threading.Event()
    kiosks = [SimulatedKiosk(f"kiosk-{n:03d}", port, stop) for n in range(first, first + count)]
    for kiosk in kiosks:
        kiosk.start()
    print(READY, flush=True)
    sys.stdin.read()
    stop.set()
    for kiosk in kiosks:
        kiosk.link.close(0.5)


# --- the broker and the office (this process) --------------------------------------------------


def start_broker(folder: Path, nagle: bool) -> tuple[subprocess.Popen, int]:
    """mosquitto with the recommended set_tcp_nodelay (config/mosquitto/kiosk-fleet.conf), or
    with Mosquitto's default (`nagle`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = folder / "mosquitto.conf"
    user = pwd.getpwuid(os.getuid()).pw_name
    config.write_text(
        f"user {user}\npersistence false\nlog_dest none\nallow_anonymous true\n"
        f"max_queued_messages 10000\nset_tcp_nodelay {'false' if nagle else 'true'}\n"
        f"listener {port} 127.0.0.1\n",
        encoding="utf-8",
    )
    program = "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else "mosquitto"
    broker = subprocess.Popen([program, "-c", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return broker, port
        except OSError:
            if broker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mosquitto did not start: {broker.stderr.read()!r}") from None
            time.sleep(0.05)


class Office:
    """`kiosk fleet send all next`, timed: every state message is stamped as it arrives."""

    def __init__(self, port: int) -> None:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion

        self.arrivals: queue.SimpleQueue[tuple[str, str, float]] = queue.SimpleQueue()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
        self.client.on_message = lambda c, u, m: self.arrivals.put(
            (m.topic.split("/")[1], m.topic.split("/")[2], time.monotonic())
        )
        self.client.connect("127.0.0.1", port)
        self.client.subscribe([("kiosk/+/availability", 1), ("kiosk/+/state", 1)])
        self.client.loop_start()

    def wait_online(self, count: int, seconds: float = 60) -> None:
        online: set[str] = set()
        deadline = time.monotonic() + seconds
        while len(online) < count:
            kiosk, kind, _ = self.arrivals.get(timeout=max(0.1, deadline - time.monotonic()))
            if kind == "availability":
                online.add(kiosk)
        time.sleep(1)  # the first states come just after
        while not self.arrivals.empty():
            self.arrivals.get()

    def round(self, kiosks: list[str], seconds: float) -> list[float]:
        """`next` to every kiosk; each one's seconds from its command to its next state."""
        sent: dict[str, float] = {}
        for kiosk in kiosks:
            sent[kiosk] = time.monotonic()
            self.client.publish(f"kiosk/{kiosk}/command", json.dumps({"action": "next"}), qos=1)
        waited: dict[str, float] = {}
        deadline = time.monotonic() + seconds
        while len(waited) < len(kiosks) and time.monotonic() < deadline:
            try:
                kiosk, kind, at = self.arrivals.get(timeout=0.1)
            except queue.Empty:
                continue
            if kind == "state" and kiosk in sent and kiosk not in waited and at >= sent[kiosk]:
                waited[kiosk] = at - sent[kiosk]
        return [waited.get(kiosk, float("nan")) for kiosk in kiosks]


def measure(args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-fleet-bench-"))
    broker, port = start_broker(folder, args.broker_nagle)
    children: list[subprocess.Popen] = []
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    try:
        share = -(-args.kiosks // args.processes)
        for first in range(0, args.kiosks, share):
            count = min(share, args.kiosks - first)
            command = [
                sys.executable,
                "-m",
                "bench.fleet",
                "child",
                str(port),
                str(first),
                str(count),
            ]
            children.append(
                subprocess.Popen(
                    command,
                    cwd=REPO,
                    env=env,
                    text=True,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                )
            )
        for process in children:
            assert process.stdout is not None and process.stdout.readline().strip() == READY
        office = Office(port)
        office.wait_online(args.kiosks)
        kiosks = [f"kiosk-{n:03d}" for n in range(args.kiosks)]
        pids = [broker.pid, *(p.pid for p in children)]
        cpu_before, began = [cpu_seconds(pid) for pid in pids], time.monotonic()
        latencies: list[float] = []
        for _ in range(args.rounds):
            started = time.monotonic()
            latencies += office.round(kiosks, args.interval)
            time.sleep(max(0.0, args.interval - (time.monotonic() - started)))
        busy = time.monotonic() - began
        cpu_busy = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before, strict=True)]
        cpu_before, began = [cpu_seconds(pid) for pid in pids], time.monotonic()
        time.sleep(args.idle)
        idle = time.monotonic() - began
        cpu_idle = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before, strict=True)]
    finally:
        for process in children:
            if process.stdin is not None:
                process.stdin.close()
        for process in children:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        broker.terminate()
        broker.wait(10)
    answered = [value for value in latencies if value == value]
    return {
        "kiosks": args.kiosks,
        "processes": args.processes,
        "broker_nodelay": not args.broker_nagle,
        "rounds": args.rounds,
        "commands": len(latencies),
        "states": len(answered),
        "median_ms": 1000 * statistics.median(answered),
        "p95_ms": 1000 * p95(answered),
        "max_ms": 1000 * max(answered),
        "broker_cpu_busy": 100 * cpu_busy[0] / busy,
        "kiosks_cpu_busy": 100 * sum(cpu_busy[1:]) / busy,
        "broker_cpu_idle": 100 * cpu_idle[0] / idle,
        "kiosks_cpu_idle": 100 * sum(cpu_idle[1:]) / idle,
        "busy_seconds": busy,
        "idle_seconds": idle,
        "machine": machine_facts(),
    }


def report(result: dict) -> str:
    per_kiosk = result["kiosks_cpu_busy"] / result["kiosks"]
    rows = [
        ("command to state update, median", f"{result['median_ms']:.1f} ms"),
        ("command to state update, p95", f"{result['p95_ms']:.1f} ms"),
        ("command to state update, max", f"{result['max_ms']:.1f} ms"),
        ("state updates / commands", f"{result['states']} / {result['commands']}"),
        ("broker CPU while commanding", f"{result['broker_cpu_busy']:.1f} % of a core"),
        (
            "kiosks' CPU while commanding (all)",
            f"{result['kiosks_cpu_busy']:.1f} % of a core ({per_kiosk:.2f} % each)",
        ),
        ("broker CPU idle (heartbeats only)", f"{result['broker_cpu_idle']:.2f} % of a core"),
        ("kiosks' CPU idle (all)", f"{result['kiosks_cpu_idle']:.2f} % of a core"),
    ]
    width = max(len(name) for name, _ in rows)
    head = (
        f"{result['kiosks']} kiosks in {result['processes']} processes, {result['rounds']} "
        f"rounds of `next` to all ({result['busy_seconds']:.0f} s), then "
        f"{result['idle_seconds']:.0f} s idle"
    )
    return "\n".join([head, *(f"  {name.ljust(width)}  {value}" for name, value in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between rounds")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured")
    parser.add_argument("--out", type=Path, help="also write the figures here, as JSON")
    parser.add_argument(
        "--broker-nagle",
        action="store_true",
        help="leave Mosquitto's default set_tcp_nodelay false, to compare",
    )
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    args = parser.parse_args()
    result = measure(args)
    print(report(result))
    if args.out is not None:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
