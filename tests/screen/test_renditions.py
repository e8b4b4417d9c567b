"""Screen-sized renditions on disk: made once, read after, renewed when the scan changes."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from PIL import Image

from kiosk import still_screen
from kiosk.screen.images import decode_photo
from kiosk.screen.renditions import Renditions

AREA = (640, 360)


def scan(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (1600, 1200)) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG", quality=90)
    return path


def test_the_first_decode_keeps_a_rendition_and_the_second_reads_it(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache")
    first = decode_photo(source, AREA, renditions)
    [kept] = list((tmp_path / "cache").glob("*.jpg"))
    assert kept.name.endswith("-640x360.jpg")
    with Image.open(kept) as image:
        assert image.size == first.size == (480, 360)

    opened: list[str] = []
    real_open = Image.open

    def spy(path, *args, **kwargs):
        opened.append(Path(getattr(path, "name", path)).name)  # a path or a file
        return real_open(path, *args, **kwargs)

    Image.open = spy
    try:
        second = decode_photo(source, AREA, renditions)
    finally:
        Image.open = real_open
    assert opened == [kept.name]  # the scan itself is not decoded again
    assert second.size == first.size
    r, g, b = Image.frombytes("RGB", second.size, second.pixels).getpixel((240, 180))
    assert r > 150 and g < 80 and b < 80


def test_a_replaced_scan_gets_a_new_rendition(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache")
    decode_photo(source, AREA, renditions)
    scan(source, (30, 30, 200))
    os.utime(source, ns=(1, 1))
    photo = decode_photo(source, AREA, renditions)
    r, _, b = Image.frombytes("RGB", photo.size, photo.pixels).getpixel((240, 180))
    assert b > 150 and r < 80
    assert len(list((tmp_path / "cache").glob("*.jpg"))) == 2


def test_another_screen_size_gets_its_own_rendition(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (20, 160, 20))
    renditions = Renditions(tmp_path / "cache")
    assert decode_photo(source, AREA, renditions).size == (480, 360)
    assert decode_photo(source, (1280, 720), renditions).size == (960, 720)
    assert len(list((tmp_path / "cache").glob("*.jpg"))) == 2


def test_pruning_keeps_the_most_recently_used_within_the_budget(tmp_path: Path) -> None:
    renditions = Renditions(tmp_path / "cache")
    sources = [scan(tmp_path / f"s{n}.jpg", (n * 40, 0, 0)) for n in range(3)]
    for n, source in enumerate(sources):
        decode_photo(source, AREA, renditions)
        kept = renditions.path_for(source, AREA)
        os.utime(kept, (1000 + n, 1000 + n))
    renditions.budget_bytes = renditions.path_for(sources[2], AREA).stat().st_size
    assert renditions.prune() == 2
    assert [p.name for p in (tmp_path / "cache").glob("*.jpg")] == [
        renditions.path_for(sources[2], AREA).name
    ]


def test_an_unwritable_cache_costs_only_the_speed_up(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(blocker)
    with caplog.at_level(logging.WARNING, logger="kiosk.screen.renditions"):
        assert decode_photo(source, AREA, renditions).size == (480, 360)
        assert decode_photo(source, AREA, renditions).size == (480, 360)
    assert len([r for r in caplog.records if r.name == "kiosk.screen.renditions"]) == 1


def test_a_damaged_rendition_is_made_again(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache")
    decode_photo(source, AREA, renditions)
    renditions.path_for(source, AREA).write_bytes(b"half a file")
    assert decode_photo(source, AREA, renditions).size == (480, 360)
    with Image.open(renditions.path_for(source, AREA)) as image:
        assert image.size == (480, 360)


def test_the_curators_scan_is_never_written(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    renditions = Renditions(tmp_path / "cache")
    decode_photo(source, AREA, renditions)
    decode_photo(source, AREA, renditions)
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


def test_pruning_at_start_spares_a_rendition_being_written(tmp_path: Path, monkeypatch) -> None:
    """The start prunes in a thread while the first photos decode: a temporary file this run
    is writing is not a leftover, and its rendition is kept. One a killed run left goes."""
    renditions = Renditions(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    leftover = tmp_path / "cache" / ".0123-640x360.jpg.999999999.140000000000000.tmp"
    leftover.write_bytes(b"half a JPEG")
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    real_save = Image.Image.save

    def save_then_prune(image: Image.Image, *args, **kwargs) -> None:
        real_save(image, *args, **kwargs)
        renditions.prune()  # what the pruning thread may do before the rename

    monkeypatch.setattr(Image.Image, "save", save_then_prune)
    decode_photo(source, AREA, renditions)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [
        renditions.path_for(source, AREA).name
    ]


def test_renditions_are_encoded_cheaply(tmp_path: Path) -> None:
    """4:2:0 chroma, as cameras write: half the encoding work of full-resolution colour."""
    from PIL import JpegImagePlugin

    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache")
    decode_photo(source, AREA, renditions)
    with Image.open(renditions.path_for(source, AREA)) as kept:
        assert JpegImagePlugin.get_sampling(kept) == 2  # 4:2:0


def test_written_behind_the_photo_comes_first_and_its_rendition_once_the_screen_is_still(
    tmp_path: Path,
) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache", write_behind=True)
    still_screen.note_screen(moving=True)  # a crossfade runs
    try:
        photo = decode_photo(source, AREA, renditions)
        assert photo.size == (480, 360)
        assert not renditions.flush(timeout=0.3)  # waits for a still screen
        assert not renditions.path_for(source, AREA).exists()
        assert renditions.last_good(source, AREA) is not None  # kept meanwhile, in memory
    finally:
        still_screen.note_screen(moving=False)
    assert renditions.flush()
    with Image.open(renditions.path_for(source, AREA)) as kept:
        assert kept.size == (480, 360)
    renditions.close()


def test_renditions_are_written_behind_at_a_lower_priority(tmp_path: Path) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30))
    renditions = Renditions(tmp_path / "cache", write_behind=True)
    decode_photo(source, AREA, renditions)
    assert renditions.flush()
    [writer] = [t for t in threading.enumerate() if t.name == "rendition-writer" and t.is_alive()]
    ours = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert os.getpriority(os.PRIO_PROCESS, writer.native_id) > ours
    renditions.close()
    writer.join(5)
    assert not writer.is_alive()


def test_a_photo_wanted_now_is_scaled_quickly_and_its_rendition_still_with_lanczos(
    tmp_path: Path, monkeypatch
) -> None:
    source = scan(tmp_path / "scan.jpg", (200, 30, 30), size=(1700, 1200))
    careful = Renditions(tmp_path / "careful")
    decode_photo(source, AREA, careful)
    filters: list[int] = []
    real_resize = Image.Image.resize

    def resize(image, size, resample=None, *args, **kwargs):
        filters.append(resample)
        return real_resize(image, size, resample, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", resize)
    quick = Renditions(tmp_path / "quick")
    photo = decode_photo(source, AREA, quick, quick=True)
    assert photo.size == (510, 360)
    assert filters == [Image.Resampling.BILINEAR, Image.Resampling.LANCZOS]
    monkeypatch.undo()
    kept = quick.path_for(source, AREA).read_bytes()
    assert kept == careful.path_for(source, AREA).read_bytes()  # the same rendition
