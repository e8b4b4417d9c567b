"""Image sizes read from file headers, checked on real files Pillow writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.image_size import image_size

FORMATS = [
    ("map.png", "PNG", {}),
    ("map.jpg", "JPEG", {}),
    ("map-progressive.jpg", "JPEG", {"progressive": True}),
    ("map-lossy.webp", "WEBP", {"quality": 80}),
    ("map-lossless.webp", "WEBP", {"lossless": True}),
    ("map.gif", "GIF", {}),
]


def write(path: Path, size: tuple[int, int], fmt: str, **options: object) -> Path:
    image = Image.new("RGB", size, (200, 180, 150))
    image.save(path, fmt, **options)
    return path


@pytest.mark.parametrize(("name", "fmt", "options"), FORMATS, ids=[f[0] for f in FORMATS])
@pytest.mark.parametrize("size", [(301, 217), (64, 1000)])
def test_the_size_of_a_real_file_is_read_from_its_header(
    tmp_path: Path, name: str, fmt: str, options: dict[str, object], size: tuple[int, int]
) -> None:
    assert image_size(write(tmp_path / name, size, fmt, **options)) == size


def test_an_extended_webp_with_transparency_is_read(tmp_path: Path) -> None:
    path = tmp_path / "alpha.webp"
    Image.new("RGBA", (123, 45), (0, 0, 0, 10)).save(path, "WEBP", quality=70)
    assert path.read_bytes()[12:16] == b"VP8X"
    assert image_size(path) == (123, 45)


def test_a_progressive_jpeg_has_no_baseline_frame_and_still_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "p.jpg", (320, 200), "JPEG", progressive=True)
    data = path.read_bytes()
    assert b"\xff\xc2" in data and b"\xff\xc0" not in data
    assert image_size(path) == (320, 200)


def test_a_jpeg_with_a_large_exif_segment_first_is_read(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010E] = "x" * 30000  # ImageDescription: the frame header comes after it
    path = write(tmp_path / "big-exif.jpg", (90, 70), "JPEG", exif=exif.tobytes())
    assert image_size(path) == (90, 70)


@pytest.mark.parametrize(("orientation", "size"), [(1, (90, 70)), (3, (90, 70)), (6, (70, 90))])
def test_a_jpeg_turned_by_its_exif_orientation_is_given_upright(
    tmp_path: Path, orientation: int, size: tuple[int, int]
) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = write(tmp_path / "turned.jpg", (90, 70), "JPEG", exif=exif.tobytes())
    assert image_size(path) == size


@pytest.mark.parametrize(
    "content",
    [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00"],
    ids=["empty", "text", "png-signature-only", "jpeg-cut-short"],
)
def test_an_unreadable_file_gives_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    assert image_size(path) is None


def test_a_missing_file_or_a_folder_gives_none(tmp_path: Path) -> None:
    assert image_size(tmp_path / "absent.png") is None
    assert image_size(tmp_path) is None


def test_a_truncated_real_file_gives_none_or_its_size(tmp_path: Path) -> None:
    """Cut anywhere, a file never raises; once its header is whole, its size is right."""
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40)).save(buffer, "JPEG")
    data = buffer.getvalue()
    for cut in range(0, len(data), 7):
        path = tmp_path / "cut.jpg"
        path.write_bytes(data[:cut])
        assert image_size(path) in (None, (50, 40))
