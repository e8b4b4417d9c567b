"""`kiosk run` imports what it needs to show its first photo, and no more: every module
imported costs start-up time and CPU on a small board, before the first photo and every day."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import REPO

OTHER_SUBCOMMANDS = (
    "kiosk.cli.validate",
    "kiosk.cli.media",
    "kiosk.cli.schedule",
    "kiosk.cli.narrate",
    "kiosk.cli.status",
    "kiosk.cli.stats",
    "kiosk.cli.import_captions",
    "kiosk.cli.preview",
    "kiosk.cli.standins",
    "kiosk.cli.autostart",
    "kiosk.cli.fleet",
)


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_kiosk_run_imports_no_other_subcommand() -> None:
    loaded = imported_after("from kiosk.cli import build_parser\nbuild_parser(['-v', 'run'])")
    assert "kiosk.cli.run" in loaded
    assert loaded.isdisjoint(OTHER_SUBCOMMANDS), sorted(loaded & set(OTHER_SUBCOMMANDS))


def test_without_a_subcommand_every_one_is_there_for_the_help() -> None:
    loaded = imported_after("from kiosk.cli import build_parser\nbuild_parser([])")
    assert loaded.issuperset(OTHER_SUBCOMMANDS)


LATER = (
    "babel",  # event dates, written when a deck with events is read
    "kiosk.show.spoken_numbers",  # narration texts, planned once the first photo is up
    "kiosk.hall.fleet_desk",  # the fleet link, for a config with `fleet:`
    "kiosk.content.media_report",  # a photo deleted under a running show
)
"""Modules `kiosk run` could import before its first photo and does not need for it."""


def test_kiosk_run_leaves_for_later_what_the_first_photo_does_not_need() -> None:
    loaded = imported_after(
        "from kiosk.cli import build_parser\nbuild_parser(['run'])\n"
        "import kiosk.app, kiosk.screen.display  # what `kiosk run` imports before it starts"
    )
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))
