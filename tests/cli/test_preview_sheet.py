"""`kiosk preview --sheet FILE.html`: one page for proofreaders, read back as a browser would,
on a small show with a hostile caption and a missing translation, and on the shipped
exhibition; where it refuses to write, it says so with exit status 2."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.content.exhibition import load_exhibition
from tests.helpers import REPO
from tests.small_show import small_show
from tests.tools.html_tree import Element, parse

HOSTILE = "<script>alert(1)</script> & <b>bold</b>"
JPEG_DATA = "data:image/jpeg;base64,"


def captions(name: str) -> tuple[str, str]:
    return (HOSTILE if name == "bridge" else f"{name} fr"), f"{name} en"


@pytest.fixture(autouse=True)
def dummy_driver(monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")


@pytest.fixture
def show(tmp_path) -> Path:
    """The small show, 'bridge' captioned with markup, 'market' in French only; its config."""
    root = small_show(tmp_path / "show", captions=captions)
    deck = root / "slides" / "town.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace(', en: "market en"', ""), encoding="utf-8")
    return root / "config" / "kiosk.yaml"


def preview(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["preview", "--size", "640x360", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def articles(tree: Element) -> dict[str, Element]:
    """Each slide's article, by the slide id in its heading ('Slide 2 · bridge')."""
    return {a.find("h3").text.split(" · ")[1]: a for a in tree.find_all("article")}


def caption_cells(article: Element) -> list[tuple[str, str]]:
    heading = article.find("th", lambda e: e.text == "Caption")
    tr = article.find("tr", lambda e: heading in e.children)
    return [(td.attrs.get("lang", ""), td.text) for td in tr.find_all("td")]


def decoded_pictures(tree: Element) -> list[Image.Image]:
    images = []
    for img in tree.find_all("img"):
        assert img.attrs["src"].startswith(JPEG_DATA) and img.attrs["alt"]
        data = base64.b64decode(img.attrs["src"][len(JPEG_DATA) :], validate=True)
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            assert image.format == "JPEG"
            images.append(image)
    return images


def test_the_sheet_alone_is_one_page_with_everything_inside(show, tmp_path, capsys):
    sheet = tmp_path / "sent" / "proofreading.html"
    sheet.parent.mkdir()
    status, lines, err = preview(capsys, "--config", str(show), "--sheet", str(sheet))
    assert status == 0, err
    assert sorted(tmp_path.rglob("*.png")) == sorted((show.parent.parent / "media").glob("*.png"))
    assert list(sheet.parent.iterdir()) == [sheet]  # no partial file left beside it
    assert lines[-1].startswith("preview: 1 deck, 3 slides, 2 languages at 640x360: ")
    assert "a proofreading sheet of " in lines[-1] and f"kB in {sheet}; " in lines[-1]
    assert lines[-1].endswith("; 0 errors, 1 warning")  # the missing translation
    text = sheet.read_text(encoding="utf-8")
    tree = parse(text)
    slides = articles(tree)
    assert list(slides) == ["harbour", "bridge", "market"]
    assert caption_cells(slides["harbour"]) == [("fr", "harbour fr"), ("en", "harbour en")]
    assert caption_cells(slides["bridge"]) == [("fr", HOSTILE), ("en", "bridge en")]
    assert "<script" not in text and tree.find_all("script") == tree.find_all("b") == []
    lang, missing = caption_cells(slides["market"])[1]
    assert lang == "en" and "not translated" in missing
    notes = slides["market"].find("ul", lambda e: "notes" in e.classes)
    assert notes.text == "⚠ no EN text"
    assert all(not a.find_all("ul") for name, a in slides.items() if name != "market")
    (problem,) = tree.find("section", lambda e: "problems" in e.classes).find_all("li")
    assert problem.text.startswith("line 14: warning: ") and "'en'" in problem.text
    assert [image.size for image in decoded_pictures(tree)] == [(640, 360)] * 3
    assert "http://" not in text and "https://" not in text and 'src="file' not in text
    assert all(a.attrs["href"].startswith("#") for a in tree.find_all("a"))


def test_with_out_too_both_are_written(show, tmp_path, capsys):
    out, sheet = tmp_path / "out", tmp_path / "sheet.html"
    status, lines, _ = preview(
        capsys, "--config", str(show), "--out", str(out), "--sheet", str(sheet)
    )
    assert status == 0
    assert len(list(out.rglob("*.png"))) == 3 * 2 + 2  # slides in two languages, two sheets
    assert f"wrote {sheet}" in lines
    assert f"6 slide images and 2 contact sheets in {out}, a proofreading sheet of " in lines[-1]
    assert len(decoded_pictures(parse(sheet.read_text(encoding="utf-8")))) == 3


def test_pictures_in_the_one_language_asked_for(show, tmp_path, capsys):
    sheet = tmp_path / "sheet.html"
    status, _, _ = preview(capsys, "--config", str(show), "--sheet", str(sheet), "--lang", "en")
    assert status == 0
    tree = parse(sheet.read_text(encoding="utf-8"))
    assert all("in English" in img.attrs["alt"] for img in tree.find_all("img"))
    assert caption_cells(articles(tree)["harbour"]) == [("en", "harbour en")]


def test_a_photo_that_cannot_be_shown_is_flagged_at_its_slide(show, tmp_path, capsys):
    (show.parent.parent / "media" / "bridge.png").write_bytes(b"\x89PNG not really")
    sheet = tmp_path / "sheet.html"
    status, lines, _ = preview(capsys, "--config", str(show), "--sheet", str(sheet))
    assert status == 0, lines
    tree = parse(sheet.read_text(encoding="utf-8"))
    assert articles(tree)["bridge"].find("ul").text == "⚠ photo unavailable"
    problems = tree.find("section", lambda e: "problems" in e.classes).find_all("li")
    said = [li.text for li in problems if "bridge.png" in li.text]
    assert len(said) == 1 and said[0].startswith("line 8: warning: photo 'bridge.png' ")


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("missing/sheet.html", "there is no folder"),
        ("slides/sheet.html", "never writes there"),
        ("sheet.txt", "must end in .html"),
        (".", "is a folder"),
    ],
)
def test_where_the_sheet_cannot_go_is_a_usage_error(show, tmp_path, capsys, where, said):
    root = show.parent.parent
    before = sorted(tmp_path.rglob("*"))
    target = (root if where.startswith("slides") else tmp_path) / where
    status, lines, err = preview(capsys, "--config", str(show), "--sheet", str(target))
    assert status == 2
    assert lines == []
    assert err.startswith("kiosk preview: --sheet ") and said in err
    assert sorted(tmp_path.rglob("*")) == before


def test_the_shipped_exhibitions_sheet(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    sheet = tmp_path / "proofreading.html"
    # The real screen's size: at 640x360 a 24-inch screen's smallest readable text leaves a
    # few captions a dozen characters too long beside the buttons, as `validate` says too.
    status, lines, _ = preview(capsys, "--sheet", str(sheet), "--size", "1920x1080")
    assert status == 0, lines
    exhibition = load_exhibition(REPO / "config" / "kiosk.yaml")
    tree = parse(sheet.read_text(encoding="utf-8"))
    decks = tree.find_all("section", lambda e: "deck" in e.classes)
    assert len(decks) == len(exhibition.decks) == len(tree.find("nav").find_all("a"))
    for section, deck in zip(decks, exhibition.decks, strict=True):
        assert section.find("h2").text == deck.title.get("fr")
        shown = section.find_all("article")  # one per slide, a timeline's steps each its own
        assert [a.find("h3").text.split(" · ")[1] for a in shown] == [s.id for s in deck.slides]
        for slide, article in zip(deck.slides, shown, strict=True):
            assert caption_cells(article) == [
                ("fr", slide.caption.get("fr")),
                ("en", slide.caption.get("en")),
            ]
    assert len(decoded_pictures(tree)) == 58  # every timeline's and map's step drawn
    notes = [li.text for li in tree.find_all("li") if li.text.startswith("⚠ caption too long")]
    assert notes == []  # on the 24-inch screen at arm's length, every caption fits


def test_captions_too_long_for_the_screen_are_flagged_on_the_sheet(tmp_path, capsys):
    """The shipped exhibition on the same screen read from 1.2 m: text must be larger, and
    some captions no longer fit; the sheet says which."""
    shipped = (REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8")
    far = (
        shipped.replace("  - slides/", f"  - {REPO}/slides/")
        .replace("\nmedia_dir: media\n", f"\nmedia_dir: {REPO}/media\n")
        .replace("\nplaces: slides/", f"\nplaces: {REPO}/slides/")
        .replace("viewing_distance_m: 0.7", "viewing_distance_m: 1.2")
    )
    config = tmp_path / "far.yaml"
    config.write_text(far, encoding="utf-8")
    sheet = tmp_path / "proofreading.html"
    status, lines, _ = preview(capsys, "--config", str(config), "--sheet", str(sheet))
    assert status == 0, lines
    tree = parse(sheet.read_text(encoding="utf-8"))
    notes = [li.text for li in tree.find_all("li") if li.text.startswith("⚠ caption too long")]
    assert 0 < len(notes) < 45
