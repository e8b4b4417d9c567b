"""Photo decoding (EXIF orientation, fit, draft) and the background PhotoCache."""

from __future__ import annotations

import logging
import struct
import time
import zlib
from pathlib import Path

import pygame
import pytest
from PIL import Image

from kiosk.screen.images import DecodedPhoto, PhotoCache, PhotoFailure, decode_photo
from tests.helpers import wait_for_photo as wait_for

RED = (220, 20, 20)
BLUE = (20, 40, 220)
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def no_display():
    """The cache converts to the display format when there is one; these tests use none."""
    pygame.display.quit()
    yield


def close_to(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def two_halves(path: Path, size=(400, 200), orientation: int | None = None) -> Path:
    """A JPEG whose left half is red and right half blue, with an optional EXIF orientation."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def solid(path: Path, size, colour=RED, fmt: str = "JPEG") -> Path:
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def as_image(photo: DecodedPhoto) -> Image.Image:
    assert len(photo.pixels) == photo.size[0] * photo.size[1] * 3
    return Image.frombytes("RGB", photo.size, photo.pixels)


# --- decode_photo ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("orientation", "red_at", "blue_at"),
    [
        # 6: the camera was turned clockwise; shown upright, the left half ends on top.
        pytest.param(6, "top", "bottom", id="orientation-6"),
        # 8: turned the other way; the left half ends at the bottom.
        pytest.param(8, "bottom", "top", id="orientation-8"),
    ],
)
def test_exif_orientation_turns_the_photo_upright(tmp_path, orientation, red_at, blue_at):
    path = two_halves(tmp_path / "sideways.jpg", orientation=orientation)
    photo = decode_photo(path, (300, 300))
    # 400x200 stored, 200x400 upright, fitted into 300x300 without distortion.
    assert photo.size == (150, 300)
    image = as_image(photo)
    spots = {"top": (75, 40), "bottom": (75, 260)}
    assert close_to(image.getpixel(spots[red_at]), RED)
    assert close_to(image.getpixel(spots[blue_at]), BLUE)


def test_orientation_3_turns_the_photo_round(tmp_path):
    path = two_halves(tmp_path / "upside-down.jpg", orientation=3)
    image = as_image(decode_photo(path, (400, 200)))
    assert image.size == (400, 200)
    assert close_to(image.getpixel((40, 100)), BLUE)
    assert close_to(image.getpixel((360, 100)), RED)


def test_without_orientation_the_photo_is_left_as_it_is(tmp_path):
    path = two_halves(tmp_path / "plain.jpg")
    image = as_image(decode_photo(path, (400, 400)))
    assert image.size == (400, 200)
    assert close_to(image.getpixel((40, 100)), RED)
    assert close_to(image.getpixel((360, 100)), BLUE)


@pytest.mark.parametrize(
    ("source", "area", "expected"),
    [
        pytest.param((400, 300), (1000, 500), (667, 500), id="pillarboxed"),
        pytest.param((400, 300), (400, 600), (400, 300), id="letterboxed"),
        pytest.param((300, 400), (1000, 500), (375, 500), id="portrait"),
        pytest.param((200, 200), (1262, 486), (486, 486), id="square"),
        pytest.param((100, 50), (800, 800), (800, 400), id="enlarged"),
    ],
)
def test_photo_is_scaled_to_fit_the_area_keeping_its_ratio(tmp_path, source, area, expected):
    path = solid(tmp_path / "photo.jpg", source)
    photo = decode_photo(path, area)
    assert photo.size == expected
    assert photo.size[0] <= area[0] and photo.size[1] <= area[1]
    assert photo.size[0] / photo.size[1] == pytest.approx(source[0] / source[1], rel=0.01)
    assert close_to(as_image(photo).getpixel((expected[0] // 2, expected[1] // 2)), RED, 8)


@pytest.mark.parametrize(
    ("area", "expected"),
    [((800, 600), (800, 600)), ((1262, 486), (648, 486)), ((1894, 730), (973, 730))],
)
def test_large_jpeg_decodes_to_the_area_size(tmp_path, area, expected):
    path = solid(tmp_path / "scan.jpg", (4000, 3000), (90, 120, 60))
    photo = decode_photo(path, area)
    assert photo.size == expected
    assert close_to(
        as_image(photo).getpixel((expected[0] // 2, expected[1] // 2)), (90, 120, 60), 8
    )


def test_png_with_transparency_decodes_to_rgb(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGBA", (100, 50), (10, 200, 10, 128)).save(path)
    photo = decode_photo(path, (200, 200))
    assert photo.size == (200, 100)
    assert len(photo.pixels) == 200 * 100 * 3


# --- PhotoCache -----------------------------------------------------------------------------


def test_cache_returns_none_while_pending_then_a_surface(tmp_path):
    path = solid(tmp_path / "slow.jpg", (1600, 1200))
    cache = PhotoCache((640, 480))
    try:
        assert cache.get(path) is None  # the first ask starts the decode; nothing yet
        assert cache.busy
        surface = wait_for(cache, path)
        assert isinstance(surface, pygame.Surface)
        assert surface.get_size() == (640, 480)
        assert close_to(surface.get_at((320, 240))[:3], RED, 8)
        assert not cache.busy
        assert cache.get(path) is surface  # now ready at once, no second decode
    finally:
        cache.close()


def test_request_decodes_ahead_of_get(tmp_path):
    path = solid(tmp_path / "ahead.jpg", (200, 100))
    cache = PhotoCache((100, 100))
    try:
        cache.request(path)
        deadline = time.monotonic() + 10
        while cache.busy and time.monotonic() < deadline:
            cache.collect()
            time.sleep(0.005)
        result = cache.get(path)
        assert isinstance(result, pygame.Surface)
        assert result.get_size() == (100, 50)
    finally:
        cache.close()


def broken_png(path: Path) -> Path:
    """Half a zlib stream, then a chunk whose name is not a name: Pillow raises SyntaxError."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    w, h = 64, 48
    rows = b"".join(b"\x00" + bytes(RED) * w for _ in range(h))
    packed = zlib.compress(rows)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", packed[: len(packed) // 2])
        + chunk(b"IE\xdbD", b"")
    )
    return path


def truncated_jpeg(path: Path) -> Path:
    solid(path, (800, 600))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: p, "missing", id="missing"),
        pytest.param(
            lambda p: (p.write_bytes(b"not a photo at all\n" * 10), p)[1],
            "cannot be read",
            id="garbage",
        ),
        pytest.param(lambda p: (p.write_bytes(b""), p)[1], "cannot be read", id="empty"),
        pytest.param(truncated_jpeg, "cannot be read", id="truncated-jpeg"),
        pytest.param(broken_png, "cannot be read", id="broken-png"),
        pytest.param(lambda p: (p.mkdir(), p)[1], "is a folder", id="directory"),
    ],
)
def test_unreadable_photo_becomes_a_failure_and_is_logged(tmp_path, caplog, make, reason):
    path = make(tmp_path / "bad-photo.jpg")
    cache = PhotoCache((320, 240))
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.screen.images"):
            result = wait_for(cache, path)
            assert isinstance(result, PhotoFailure)
            assert result.path == path
            assert reason in result.reason
            # Asked again, the failure is remembered: no second decode, no second log line.
            assert cache.get(path) is result
            assert not cache.busy
        errors = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == 1
        assert str(path) in errors[0].getMessage()
    finally:
        cache.close()


def test_failure_does_not_stop_other_photos(tmp_path):
    bad = broken_png(tmp_path / "bad.png")
    good = solid(tmp_path / "good.jpg", (200, 200))
    cache = PhotoCache((100, 100))
    try:
        cache.request(bad)
        cache.request(good)
        assert isinstance(wait_for(cache, bad), PhotoFailure)
        assert isinstance(wait_for(cache, good), pygame.Surface)
    finally:
        cache.close()


def test_forget_reads_a_replaced_file_again(tmp_path):
    path = tmp_path / "replaced.jpg"
    path.write_bytes(b"junk")
    cache = PhotoCache((100, 100))
    try:
        assert isinstance(wait_for(cache, path), PhotoFailure)
        solid(path, (100, 100), BLUE)
        assert isinstance(cache.get(path), PhotoFailure)  # still the remembered failure
        cache.forget(path)
        surface = wait_for(cache, path)
        assert isinstance(surface, pygame.Surface)
        assert close_to(surface.get_at((50, 50))[:3], BLUE, 8)
    finally:
        cache.close()


def test_byte_budget_evicts_the_least_recently_used(tmp_path):
    paths = {name: solid(tmp_path / f"{name}.jpg", (100, 100)) for name in "abc"}
    one_photo = 100 * 100 * 3  # 24-bit RGB rows of 300 bytes, no padding
    cache = PhotoCache((100, 100), budget_bytes=int(2.5 * one_photo))
    try:
        first = wait_for(cache, paths["a"])
        assert first.get_height() * first.get_pitch() == one_photo
        wait_for(cache, paths["b"])
        assert isinstance(cache.get(paths["a"]), pygame.Surface)  # a is now the most recent
        wait_for(cache, paths["c"])  # over budget: b, the least recently used, goes
        assert isinstance(cache.get(paths["a"]), pygame.Surface)
        assert isinstance(cache.get(paths["c"]), pygame.Surface)
        assert cache.get(paths["b"]) is None  # evicted: decoding again
        assert cache.busy
        # Bringing b back evicts a, now the least recently used.
        wait_for(cache, paths["b"])
        assert isinstance(cache.get(paths["c"]), pygame.Surface)
        assert cache.get(paths["a"]) is None
    finally:
        cache.close()


def test_a_photo_larger_than_the_budget_is_still_shown(tmp_path):
    path = solid(tmp_path / "huge.jpg", (300, 300))
    cache = PhotoCache((300, 300), budget_bytes=1000)
    try:
        surface = wait_for(cache, path)
        assert isinstance(surface, pygame.Surface)
        assert cache.get(path) is surface
    finally:
        cache.close()


def test_cache_converts_to_the_display_format_when_there_is_a_display(tmp_path):
    path = solid(tmp_path / "shown.jpg", (200, 100))
    pygame.display.init()
    try:
        screen = pygame.display.set_mode((320, 240))
        cache = PhotoCache((200, 100))
        try:
            surface = wait_for(cache, path)
            assert surface.get_bitsize() == screen.get_bitsize()
            assert close_to(surface.get_at((100, 50))[:3], RED, 8)
        finally:
            cache.close()
    finally:
        pygame.display.quit()


def test_a_photo_area_squeezed_to_nothing_still_decodes_the_photo(tmp_path):
    """A tiny window once left the photo area 0 pixels tall, and every photo of the show was
    reported broken (division by zero) and skipped."""
    from PIL import Image as PILImage

    from kiosk.screen.photo_decode import decode_photo
    from kiosk.show.layout import usual_photo_area

    path = tmp_path / "harbour.png"
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(path)
    assert decode_photo(path, (316, 0)).size[0] >= 1
    assert usual_photo_area(320, 180, ("fr", "en")).h >= 180 // 4 - 30
