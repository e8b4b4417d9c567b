"""Photos that block, never end, or make Pillow raise the unexpected: refused with a reason,
never a hang, never a traceback, and never in the way of the photos after them."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageFile

from kiosk.screen import images
from kiosk.screen.images import PhotoCache, PhotoFailure, decode_photo
from kiosk.screen.photo_files import (
    DECODE_BUDGET_BYTES,
    PhotoRefused,
    decode_bytes,
    read_photo_size,
    require_room,
)
from kiosk.screen.renditions import Renditions
from tests.helpers import wait_for_photo as wait_for
from tests.screen.hostile import (
    fifo,
    finishes_within,
    folder,
    header_bomb,
    huge_png,
    link_to_zero,
    release,
    unimplemented_dds,
)

AREA = (320, 240)


@pytest.fixture(autouse=True)
def no_display():
    pygame.display.quit()
    yield


def good(path: Path) -> Path:
    Image.new("RGB", (200, 150), (20, 40, 220)).save(path, "JPEG")
    return path


def test_a_named_pipe_is_refused_and_the_photos_after_it_still_load(tmp_path):
    pipe = fifo(tmp_path / "pipe.jpg")
    after = good(tmp_path / "after.jpg")
    cache = PhotoCache(AREA)
    try:
        cache.request(pipe)
        cache.request(after)
        assert isinstance(wait_for(cache, after), pygame.Surface)
        failure = wait_for(cache, pipe)
        assert isinstance(failure, PhotoFailure)
        assert "named pipe" in failure.reason
    finally:
        release(pipe)
        cache.close()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        pytest.param(fifo, "is a named pipe, not an ordinary file", id="fifo"),
        pytest.param(link_to_zero, "is a device (a link to /dev/zero)", id="dev-zero"),
        pytest.param(folder, "is a folder, not an ordinary file", id="folder"),
    ],
)
def test_what_is_not_a_file_is_refused_by_every_reader(tmp_path, make, said):
    path = make(tmp_path / "photo.jpg")
    try:
        size = finishes_within(5, lambda: read_photo_size(path))
        assert isinstance(size, str) and size.startswith(said)
        with pytest.raises(Exception, match=re.escape(said)):
            finishes_within(5, lambda: decode_photo(path, AREA, Renditions(tmp_path / "r")))
        cache = PhotoCache(AREA)
        try:
            assert wait_for(cache, path).reason.startswith(said)
        finally:
            cache.close()
    finally:
        if path.is_fifo():
            release(path)


@pytest.fixture
def hanging_reads(monkeypatch):
    """Reading a file whose name is in the set hangs until the event is set: a photo on a
    network share that stopped answering."""
    hanging: set[str] = set()
    let_go = threading.Event()
    real_load = ImageFile.ImageFile.load

    def load(image):
        if str(getattr(image.fp, "name", "")) in hanging:
            let_go.wait(30)
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    yield hanging
    let_go.set()


def test_a_decode_that_hangs_is_given_up_and_the_next_photo_loads(tmp_path, hanging_reads):
    stuck = good(tmp_path / "stuck.jpg")
    hanging_reads.add(str(stuck))
    after = good(tmp_path / "after.jpg")
    cache = PhotoCache(AREA, decode_limit_seconds=0.3)
    try:
        cache.request(stuck)
        cache.request(after)
        assert isinstance(wait_for(cache, after), pygame.Surface)
        failure = cache.get(stuck)
        assert isinstance(failure, PhotoFailure)
        assert "took over 0.3 s" in failure.reason
    finally:
        cache.close()


def test_hanging_decodes_do_not_pile_up(tmp_path, hanging_reads):
    paths = [good(tmp_path / f"stuck-{n}.jpg") for n in range(5)]
    hanging_reads.update(str(path) for path in paths)
    threads_before = threading.active_count()
    cache = PhotoCache(AREA, decode_limit_seconds=0.1)
    try:
        for path in paths:
            cache.request(path)
        reasons = [wait_for(cache, path).reason for path in paths]
        assert [r.startswith("took over") for r in reasons] == [True] * 2 + [False] * 3
        assert all("hang while being read" in r for r in reasons[2:])
        # The dispatcher and the two decodes left behind: no more.
        assert threading.active_count() <= threads_before + 3
    finally:
        cache.close()


def test_an_exception_pillow_rarely_raises_is_a_failure_logged_once(tmp_path, caplog, monkeypatch):
    path = unimplemented_dds(tmp_path / "odd.jpg")
    monkeypatch.setattr(images, "RECHECK_SECONDS", 0.0)
    decodes: list[Path] = []
    real_decode = images.decode_or_fail

    def counted(*args):
        decodes.append(args[0])
        return real_decode(*args)

    monkeypatch.setattr(images, "decode_or_fail", counted)
    cache = PhotoCache(AREA)
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.screen.images"):
            failure = wait_for(cache, path)
            assert isinstance(failure, PhotoFailure)
            assert "Unimplemented pixel format" in failure.reason
            for _ in range(20):  # the show asks for it again and again
                assert isinstance(cache.get(path), PhotoFailure)
                time.sleep(0.005)
            assert cache.failures == [failure]
        assert len(decodes) == 1  # looked at again, never decoded again
        assert len([r for r in caplog.records if str(path) in r.getMessage()]) == 1

        good(path)  # fixed: another size, another time
        os.utime(path, ns=(1, 1))
        deadline = time.monotonic() + 5
        while not isinstance(cache.get(path), pygame.Surface):
            assert time.monotonic() < deadline, "the fixed photo was not read again"
            time.sleep(0.01)
        assert cache.failures == []
    finally:
        cache.close()


def test_keyboard_interrupt_is_not_swallowed(tmp_path, monkeypatch):
    path = good(tmp_path / "photo.jpg")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ImageFile.ImageFile, "load", interrupted)
    with pytest.raises(KeyboardInterrupt):
        images.decode_or_fail(path, AREA)


# --- memory ---------------------------------------------------------------------------------

PEAK_LIMIT_MB = 250

DECODE_AND_REPORT = """
import resource, subprocess, sys
child = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True,
                       text=True)
print(child.stdout + child.stderr)
print("peak", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""
"""Runs the decode in a grandchild, whose peak RSS starts from nothing (a child's would start
from the peak of the process that forked it, here pytest's)."""

DECODE = """
import sys
from pathlib import Path
from kiosk.screen.photo_decode import decode_or_fail
print(decode_or_fail(Path(sys.argv[1]), (1500, 1000)))
"""


def test_a_huge_png_is_refused_before_it_fills_the_memory(tmp_path):
    path = huge_png(tmp_path / "huge.png")
    assert path.stat().st_size < 1_000_000
    result = subprocess.run(
        [sys.executable, "-c", DECODE_AND_REPORT, DECODE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    *said, peak = result.stdout.strip().splitlines()
    assert "is 12000x12000 pixels, more than the kiosk can hold; save it at most 5100 " in (
        "\n".join(said)
    )
    assert "Traceback" not in result.stdout
    assert int(peak.split()[1]) < PEAK_LIMIT_MB, peak


def test_a_tiny_file_claiming_72_million_pixels_is_refused_before_decoding(tmp_path):
    path = header_bomb(tmp_path / "bomb.png", 9000, 8000)
    assert path.stat().st_size < 200
    with pytest.raises(PhotoRefused, match="9000x8000 pixels, more than the kiosk can hold"):
        finishes_within(5, lambda: decode_photo(path, AREA))
    failure = images.decode_or_fail(path, AREA)
    assert failure.reason.startswith("is 9000x8000 pixels")


@pytest.mark.parametrize(
    ("size", "refused"),
    [
        pytest.param((5000, 5000), False, id="25-megapixel-png"),
        pytest.param((6000, 6000), True, id="36-megapixel-png"),
    ],
)
def test_the_memory_budget_is_judged_from_the_header(tmp_path, size, refused):
    path = header_bomb(tmp_path / "claims.png", *size)
    with Image.open(path) as image:
        if refused:
            with pytest.raises(PhotoRefused, match=r"save it at most \d+00 pixels wide"):
                require_room(image, image.size)
        else:
            require_room(image, image.size)
            assert decode_bytes(image, size[0] * size[1]) <= DECODE_BUDGET_BYTES


def test_a_large_jpeg_is_decoded_reduced_within_the_budget(tmp_path):
    """libjpeg decodes at 1/8 scale: a JPEG whose full decode would not fit still shows."""
    path = tmp_path / "large.jpg"
    Image.new("RGB", (7200, 5400), (200, 30, 30)).save(path, "JPEG", quality=50)
    with Image.open(path) as image:
        assert decode_bytes(image, 7200 * 5400) > DECODE_BUDGET_BYTES  # in full
    photo = decode_photo(path, AREA)
    assert photo.size == (320, 240)
