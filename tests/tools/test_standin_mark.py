"""The stand-in mark: written into a JPEG or PNG without touching a pixel, read back cheaply,
never found in a photograph; `kiosk standins --mark` marks stand-ins drawn before marks."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk.cli import main as kiosk_main
from kiosk.tools.standin_mark import (
    NotMarkable,
    add_mark,
    is_stand_in,
    mark_file,
    mark_text,
    read_mark,
)
from tests.helpers import REPO


def encoded(fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.radial_gradient("L").convert("RGB").save(buffer, fmt, **options)
    return buffer.getvalue()


def pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_the_mark_is_read_back_and_the_pixels_are_untouched(fmt):
    plain = encoded(fmt)
    marked = add_mark(plain, mark_text("bridge"))
    assert read_mark(io.BytesIO(marked)) == mark_text("bridge")
    assert read_mark(io.BytesIO(plain)) is None
    assert ImageChops.difference(pixels(plain), pixels(marked)).getbbox() is None


def test_a_jpeg_keeps_its_exif_first_and_other_comments_are_not_marks():
    exif = Image.Exif()
    exif[0x0112] = 6  # turned: the orientation must survive the mark
    plain = encoded("JPEG", exif=exif.tobytes(), comment="scanned at 600 dpi")
    marked = add_mark(plain, mark_text())
    with Image.open(io.BytesIO(marked)) as image:
        assert image.getexif()[0x0112] == 6
    assert read_mark(io.BytesIO(plain)) is None  # a comment, but not a stand-in's
    assert read_mark(io.BytesIO(marked)).startswith("kiosk stand-in")


def test_only_a_jpeg_or_a_png_can_be_marked():
    with pytest.raises(NotMarkable):
        add_mark(b"GIF89a....", mark_text())
    assert read_mark(io.BytesIO(b"GIF89a....")) is None
    assert read_mark(io.BytesIO(b"")) is None


def test_a_damaged_header_is_no_stand_in(tmp_path):
    damaged = tmp_path / "damaged.jpg"
    damaged.write_bytes(b"\xff\xd8\xff\xe0\x00\x01")  # a segment shorter than its own length
    assert not is_stand_in(damaged)
    assert not is_stand_in(tmp_path / "missing.jpg")
    assert not is_stand_in(tmp_path)  # a folder


def test_a_pipe_is_never_waited_on(tmp_path):
    pipe = tmp_path / "pipe.jpg"
    os.mkfifo(pipe)
    assert not is_stand_in(pipe)  # returns at once: no writer ever comes


def test_mark_file_marks_once(tmp_path):
    path = tmp_path / "old.png"
    path.write_bytes(encoded("PNG"))
    assert mark_file(path) is True
    assert is_stand_in(path)
    once = path.read_bytes()
    assert mark_file(path) is False
    assert path.read_bytes() == once
    assert [p.name for p in tmp_path.iterdir()] == ["old.png"]  # no temporary file left


def test_kiosk_standins_mark(tmp_path, capsys):
    old = tmp_path / "old.jpg"
    old.write_bytes(encoded("JPEG"))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo", encoding="utf-8")
    status = kiosk_main(["standins", "--mark", str(old), str(notes), str(tmp_path / "gone.jpg")])
    out, err = capsys.readouterr()
    assert status == 1
    assert is_stand_in(old)
    assert f"cannot mark {notes}: only a JPEG or a PNG" in err
    assert f"cannot mark {tmp_path / 'gone.jpg'}: No such file" in err
    assert out.splitlines()[-1] == "1 stand-in(s) marked, 0 already marked, 2 problem(s)"
    assert kiosk_main(["standins", "--mark", str(old)]) == 0
    assert "0 stand-in(s) marked, 1 already marked, 0 problem(s)" in capsys.readouterr().out


def test_the_shipped_stand_ins_carry_the_mark():
    shipped = sorted(Path(REPO / "media").rglob("*.jpg"))
    assert len(shipped) == 45
    assert all(is_stand_in(path) for path in shipped)
