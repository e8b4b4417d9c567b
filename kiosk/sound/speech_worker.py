"""One synthesis, in a process of its own: `python -m kiosk.sound.speech_worker JOB_JSON`.

pyttsx3 2.99 keeps state between calls that breaks the next file (a second `save_to_file`
loses the first, a `say` after a save writes into the file, properties apply one run late)
and its `runAndWait` can hang when driven from threads or in a loop. One process per file,
one `runAndWait`, then exit, avoids all of it; the parent enforces a timeout and checks the
result. `--voices` prints the voice ids the engine offers, one per line.

With espeak-ng, `runAndWait` also often returns before the utterance is finished (seen here
in 7 runs out of 8 for a 40-word caption); exiting then loses the file. So the worker waits
for the engine's own "finished-utterance" signal before it exits.

A worker runs at a lower CPU priority (WORKER_NICENESS) than the kiosk's display loop: what it
makes is wanted later, and a crossfade or a tap is wanted now.

A worker must not outlive the kiosk (a SIGKILL gives the kiosk no chance to stop it): on
Linux the kernel kills it with its parent (PR_SET_PDEATHSIG); elsewhere a watch thread ends
it within a second of the parent's death.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys
import threading
import time

FINISH_TIMEOUT = 60.0
PARENT_VARIABLE = "KIOSK_SPEECH_PARENT"  # the pid of the process that started this worker
PR_SET_PDEATHSIG = 1
ORPHANED = 4
WORKER_NICENESS = 10


def die_with_parent() -> None:
    """Arm the kernel to kill this worker when its parent dies, then check the parent has not
    died already (between the fork and now). Where prctl is missing, watch the parent's pid."""
    expected = os.environ.get(PARENT_VARIABLE, "")
    parent = int(expected) if expected.isdigit() else os.getppid()
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:
        sys.exit(ORPHANED)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(ORPHANED)


def synthesize(job: dict[str, object]) -> int:
    import pyttsx3

    finished = threading.Event()
    engine = pyttsx3.init()
    engine.connect("finished-utterance", lambda name, completed: finished.set())
    engine.setProperty("voice", job["voice"])
    engine.setProperty("rate", job["rate"])
    engine.setProperty("volume", job["volume"])
    engine.save_to_file(job["text"], job["out"])
    engine.runAndWait()
    if not finished.wait(FINISH_TIMEOUT):
        print("the engine never finished the utterance", file=sys.stderr)
        return 3
    return 0


def list_voices() -> None:
    import pyttsx3

    for voice in pyttsx3.init().getProperty("voices"):
        print(voice.id)


def lower_priority() -> None:
    """Step aside for the display loop: the kernel then gives the worker a small share of a
    core whenever the loop wants it too."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not worth failing a synthesis for
            os.nice(WORKER_NICENESS)


def main(argv: list[str]) -> int:
    die_with_parent()
    lower_priority()
    if argv == ["--voices"]:
        list_voices()
    elif len(argv) == 1:
        return synthesize(json.loads(argv[0]))
    else:
        print("usage: python -m kiosk.sound.speech_worker JOB_JSON | --voices", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
