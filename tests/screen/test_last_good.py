"""A photo that showed fine and is then overwritten by a file that cannot be read keeps showing
its last good version, and staff are told; without a last good version it is a failure."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pygame
import pytest
from PIL import Image

from kiosk.screen.images import PhotoCache, PhotoFailure
from kiosk.screen.renditions import Renditions
from tests.screen.hostile import truncated_jpeg

RED = (220, 20, 20)
AREA = (320, 240)


@pytest.fixture(autouse=True)
def no_display():
    pygame.display.quit()
    yield


def wait_for(cache: PhotoCache, path: Path, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = cache.get(path)
        if result is not None:
            return result
        time.sleep(0.005)
    raise AssertionError(f"{path} still pending after {seconds} s")


def red_photo(path: Path) -> Path:
    Image.new("RGB", (640, 480), RED).save(path, "JPEG")
    return path


def shown_then_overwritten(tmp_path: Path) -> tuple[PhotoCache, Path]:
    """A cache with renditions that showed `photo.jpg`, which is then overwritten by a
    truncated JPEG and forgotten (as the reloader does when the file changes)."""
    cache = PhotoCache(AREA, renditions=Renditions(tmp_path / "renditions"))
    photo = red_photo(tmp_path / "photo.jpg")
    assert isinstance(wait_for(cache, photo), pygame.Surface)
    truncated_jpeg(photo)
    cache.forget(photo)
    return cache, photo


def test_an_overwritten_photo_shows_its_last_good_version(tmp_path, caplog):
    cache, photo = shown_then_overwritten(tmp_path)
    try:
        with caplog.at_level(logging.ERROR):
            shown = wait_for(cache, photo)
            assert isinstance(shown, pygame.Surface)
            r, g, b, _ = shown.get_at((shown.get_width() // 2, shown.get_height() // 2))
            assert abs(r - RED[0]) < 40 and g < 60 and b < 60
            assert cache.unshowable == frozenset()  # the loop keeps its slide
            (failure,) = cache.failures
            assert failure.path == photo
            assert failure.reason.startswith("shows in its last good version: the file now ")
            assert "cannot be read" in failure.reason
            cache.forget(photo)  # saved again, still broken: said again
            wait_for(cache, photo)
        said = [r.message for r in caplog.records if "last good version" in r.message]
        assert said == [f"{photo}: photo {failure.reason}"] * 2
    finally:
        cache.close()


def test_a_photo_fixed_again_is_no_longer_listed(tmp_path):
    cache, photo = shown_then_overwritten(tmp_path)
    try:
        wait_for(cache, photo)
        assert cache.failures
        Image.new("RGB", (640, 480), (20, 200, 20)).save(photo, "JPEG")
        cache.forget(photo)
        wait_for(cache, photo)
        assert cache.failures == [] and cache.unshowable == frozenset()
    finally:
        cache.close()


def test_without_its_last_good_rendition_the_photo_cannot_be_shown(tmp_path):
    cache, photo = shown_then_overwritten(tmp_path)
    try:
        for rendition in (tmp_path / "renditions").glob("*.jpg"):
            rendition.unlink()  # pruned, or the cache folder emptied
        assert isinstance(wait_for(cache, photo), PhotoFailure)
        assert cache.unshowable == frozenset({photo})
        assert "last good" not in cache.failures[0].reason
    finally:
        cache.close()


def test_a_deleted_photo_is_not_kept_alive(tmp_path):
    cache, photo = shown_then_overwritten(tmp_path)
    try:
        photo.unlink()
        assert isinstance(wait_for(cache, photo), PhotoFailure)
        assert cache.unshowable == frozenset({photo})
    finally:
        cache.close()


def test_a_photo_broken_from_the_start_has_no_last_good_version(tmp_path):
    cache = PhotoCache(AREA, renditions=Renditions(tmp_path / "renditions"))
    try:
        photo = truncated_jpeg(tmp_path / "photo.jpg")
        assert isinstance(wait_for(cache, photo), PhotoFailure)
        assert cache.unshowable == frozenset({photo})
    finally:
        cache.close()
