"""SIGTERM ends the kiosk within 3 s, exit status 0, whatever its threads are doing: a photo
decode stuck on a FIFO, narration synthesis waiting on a speech worker that never answers.
systemd sends SIGTERM and, after its stop timeout, SIGKILL: a kiosk that lingers is killed, its
status and play log left as a crash leaves them."""

from __future__ import annotations

import os
import time

from tests.helpers import headless_env, read_jsonl
from tests.small_show import small_show, start_kiosk, terminate, wait_for_lines

STOP_WITHIN = 3.0


def test_sigterm_ends_the_kiosk_with_a_decode_stuck_on_a_fifo(tmp_path):
    root = small_show(tmp_path / "show")
    first_photo = root / "media" / "harbour.png"
    first_photo.unlink()
    os.mkfifo(first_photo)  # opening it for reading blocks until someone writes: nobody will
    started = time.monotonic()
    kiosk = start_kiosk(root, tmp_path, "--no-narration")
    wait_for_lines(kiosk, root / "play.jsonl")
    time.sleep(max(0.0, started + 2 - time.monotonic()))
    status, seconds, err = terminate(kiosk, within=STOP_WITHIN)
    assert status == 0, (status, err)
    assert seconds < STOP_WITHIN
    assert "Traceback" not in err
    assert "stopped: SIGTERM" in err


def test_sigterm_ends_the_kiosk_while_narration_synthesis_hangs(tmp_path, fake_speech_engine):
    root = small_show(tmp_path / "show")
    hung = tmp_path / "synthesis-hung"
    env = headless_env(tmp_path, **fake_speech_engine.env("hang"), FAKE_PYTTSX3_MARK=str(hung))
    kiosk = start_kiosk(root, tmp_path, "--narration", env=env)
    wait_for_lines(kiosk, root / "play.jsonl")
    deadline = time.monotonic() + 30
    while not hung.exists():  # a speech worker is writing its file, and will never finish
        assert kiosk.poll() is None and time.monotonic() < deadline, kiosk.communicate()
        time.sleep(0.05)
    status, seconds, err = terminate(kiosk, within=STOP_WITHIN)
    assert status == 0, (status, err)
    assert seconds < STOP_WITHIN
    assert "Traceback" not in err
    assert "stopped: SIGTERM" in err
    assert read_jsonl(root / "play.jsonl")[0]["trigger"] == "start"
    # The worker stopped on the way out is not a narration that failed.
    assert "failed" not in err
