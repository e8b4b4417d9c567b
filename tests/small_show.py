"""A small exhibition for tests that run a real `kiosk run`: one deck of three short slides with
tiny photos, in a folder of the test's own (the kiosk writes logs/ and cache/ beside it)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

from tests.conftest import tiny_png
from tests.helpers import KIOSK, headless_env, read_jsonl, write_config

SLIDES = ("harbour", "bridge", "market")


def plain_captions(name: str) -> tuple[str, str]:
    return f"{name} fr", f"{name} en"


def small_show(
    root: Path,
    duration: float = 2,
    slides: tuple[str, ...] = SLIDES,
    captions: Callable[[str], tuple[str, str]] = plain_captions,
) -> Path:
    """ROOT/config, slides/town.yaml (`slides`, each `duration` seconds, with the French and
    English `captions(name)`) and media/ with a small photo for each; returns ROOT."""
    write_config(
        root,
        """\
        decks: [slides/town.yaml]
        languages: [fr, en]
        default_language: fr
        transition: cut
        """,
    )
    entries = "".join(
        f"""
          - id: {name}
            image: {name}.png
            caption: {{fr: "{captions(name)[0]}", en: "{captions(name)[1]}"}}
        """
        for name in slides
    )
    deck = root / "slides" / "town.yaml"
    deck.parent.mkdir(parents=True, exist_ok=True)
    deck.write_text(
        dedent(f"title: {{fr: Ville, en: Town}}\ndefaults: {{duration: {duration}}}\nslides:")
        + dedent(entries),
        encoding="utf-8",
    )
    (root / "media").mkdir(exist_ok=True)
    for name in slides:
        (root / "media" / f"{name}.png").write_bytes(tiny_png(64, 48))
    return root


def start_kiosk(
    root: Path, tmp_path: Path, *arguments: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`kiosk run --windowed` on ROOT, headless, its play log at ROOT/play.jsonl."""
    command = [str(KIOSK), "run", "--windowed", "--size", "320x180", *arguments]
    return subprocess.Popen(
        [*command, "--play-log", str(root / "play.jsonl")],
        cwd=root,
        env=env or headless_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_lines(process: subprocess.Popen[str], log: Path, count: int = 1) -> None:
    """Until the play log holds `count` lines; fails if the kiosk ends or 30 s pass first."""
    deadline = time.monotonic() + 30
    while len(read_jsonl(log)) < count:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"no play log lines: {process.communicate()}")
        time.sleep(0.05)


def terminate(process: subprocess.Popen[str], within: float) -> tuple[int | None, float, str]:
    """SIGTERM, then wait `within` seconds: the exit status (None if it was still running and
    had to be killed), the seconds it took, and what it wrote on stderr."""
    sent = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=within)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        _, err = process.communicate()
        status = None
    return status, time.monotonic() - sent, err


def kiosk_status(root: Path) -> str:
    """What `kiosk status` prints for the exhibition at `root`."""
    result = subprocess.run(
        [str(KIOSK), "status"], cwd=root, capture_output=True, text=True, timeout=60
    )
    return result.stdout


def wait_for_status(root: Path, kiosk: subprocess.Popen[str], wanted) -> str:
    """`kiosk status` once `wanted(text)` holds, within 30 s, while the kiosk runs."""
    deadline = time.monotonic() + 30
    while True:
        text = kiosk_status(root)
        if wanted(text):
            return text
        assert kiosk.poll() is None and time.monotonic() < deadline, text
        time.sleep(0.2)


def add_new_year_deck(root: Path) -> None:
    """ROOT/slides/new-year.yaml, a deck of one 1-second slide that plays only from 31
    December to 1 January, listed after town.yaml in the config."""
    deck = root / "slides" / "new-year.yaml"
    deck.write_text(
        dedent("""\
            title: Nouvel an
            plays: {from: "12-31", until: "01-01"}
            slides:
              - {id: fireworks, image: harbour.png, caption: Feu d'artifice, duration: 1}
            """),
        encoding="utf-8",
    )
    config = root / "config" / "kiosk.yaml"
    both = "[slides/town.yaml, slides/new-year.yaml]"
    config.write_text(config.read_text().replace("[slides/town.yaml]", both), encoding="utf-8")
