"""The proofreading sheet's HTML, from slides made here: texts side by side in cells that say
their language, curators' words escaped, pictures inside the page, nothing outside it."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from kiosk.content.problems import error, warning
from kiosk.show.deck import Deck, LocalizedText, Mark, NarrationOverride, Slide
from kiosk.tools.proof_sheet import SheetDeck, SheetPage, SlidePicture, proof_sheet
from kiosk.tools.proof_texts import language_name
from tests.tools.html_tree import Element, parse

HOSTILE = "<script>alert('x')</script> & \"quoted\" </td></table>"
FILE = "slides/town.yaml"


def jpeg(colour=(200, 30, 30), size=(64, 36)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def texts(**by_language: str) -> LocalizedText:
    return LocalizedText(tuple(by_language.items()))


def slide(id: str, caption: LocalizedText, line: int, **more) -> Slide:
    return Slide(
        id=id,
        image=Path(f"/show/media/{id}.jpg"),
        caption=caption,
        credit=more.pop("credit", None),
        duration=more.pop("duration", 12.0),
        transition="cut",
        where=Mark(FILE, line, 5),
        **more,
    )


def picture(number: int, shown: Slide, notes: tuple[str, ...] = ()) -> SlidePicture:
    return SlidePicture(number, shown, notes, "fr", jpeg(), (64, 36))


PAGE = SheetPage(
    title=texts(fr="Drôme, août 1944", en="Drôme, August 1944"),
    languages=("fr", "en"),
    default_language="fr",
    screen=(1920, 1080),
    made="2026-05-02",
)


def sheet_of(*slides: Slide, notes=(), problems=(), page=PAGE) -> tuple[str, Element]:
    deck = Deck(Path(f"/show/{FILE}"), texts(fr="Ville", en="Town"), slides)
    pictures = [picture(n, s, notes if n == 1 else ()) for n, s in enumerate(slides, 1)]
    page_text = proof_sheet(page, [SheetDeck(FILE, deck, pictures, list(problems))])
    return page_text, parse(page_text)


def row(tree: Element, article_id: str, label: str) -> list[Element]:
    """The cells of the row headed `label` in that slide's table."""
    article = tree.find("article", lambda e: e.attrs.get("id") == article_id)
    heading = article.find("th", lambda e: e.text == label)
    tr = article.find("tr", lambda e: heading in e.children)
    return [cell for cell in tr.children if isinstance(cell, Element) and cell.tag == "td"]


def test_each_language_in_its_own_cell_that_says_its_language():
    harbour = slide("harbour", texts(fr="Le port.", en="The harbour."), 3, credit=texts(fr="A"))
    _, tree = sheet_of(harbour)
    caption = row(tree, "deck-1-slide-1", "Caption")
    assert [(cell.attrs["lang"], cell.text) for cell in caption] == [
        ("fr", "Le port."),
        ("en", "The harbour."),
    ]
    credit = row(tree, "deck-1-slide-1", "Credit")
    assert credit[0].attrs["lang"] == "fr" and credit[0].text == "A"
    assert credit[1].attrs["lang"] == "en"  # the column's language, even with no text
    assert "missing" in credit[1].classes and "not translated" in credit[1].text
    assert "French" in credit[1].text  # what the kiosk shows instead
    headings = [th.text for th in tree.find("table").find_all("th", lambda e: "scope" in e.attrs)]
    assert headings[:2] == ["French (fr)", "English (en)"]
    assert tree.find("html").attrs["lang"] == "en"


def test_curators_words_are_text_never_markup():
    hostile = slide("hostile", texts(fr=HOSTILE, en=HOSTILE), 3, credit=texts(fr=HOSTILE))
    problem = warning(Mark(FILE, 4, 7), f"'{HOSTILE}' is odd")
    page = SheetPage(texts(fr=HOSTILE), ("fr", "en"), "fr", (1920, 1080), "2026-05-02")
    text, tree = sheet_of(hostile, problems=[problem], page=page)
    assert "<script" not in text and "</td></table>" not in text
    assert tree.find_all("script") == []
    assert [cell.text for cell in row(tree, "deck-1-slide-1", "Caption")] == [HOSTILE, HOSTILE]
    assert tree.find("title").text == f"Proofreading sheet · {HOSTILE}"
    assert tree.find("h1").text == f"Proofreading sheet: {HOSTILE}"
    item = tree.find("section", lambda e: "problems" in e.classes).find("li")
    assert item.text == f"line 4: warning: '{HOSTILE}' is odd"


def test_a_text_written_once_spans_every_language():
    plain = slide("plain", LocalizedText.same_everywhere("Valence"), 3)
    _, tree = sheet_of(plain)
    (cell,) = row(tree, "deck-1-slide-1", "Caption")
    assert cell.attrs["colspan"] == "2"
    assert cell.text.startswith("Valence") and "one text for every language" in cell.text


def test_narration_that_differs_from_the_caption_is_there_to_proofread():
    narration = (
        ("fr", NarrationOverride(text="Trois cent quatre-vingts")),
        ("en", NarrationOverride(audio=Path("/show/media/audio/en/gun.ogg"))),
    )
    gun = slide("gun", texts(fr="380 mm", en="380 mm"), 3, narration=narration)
    _, tree = sheet_of(gun)
    spoken = row(tree, "deck-1-slide-1", "Said aloud")
    assert spoken[0].attrs["lang"] == "fr" and spoken[0].text == "Trois cent quatre-vingts"
    assert "gun.ogg" in spoken[1].text
    _, without = sheet_of(slide("quiet", texts(fr="a", en="b"), 3))
    assert not without.find_all("th", lambda e: e.text == "Said aloud")


def test_pictures_are_inside_the_page_and_decode():
    slides = [slide(name, texts(fr=name, en=name), 3 + 4 * n) for n, name in enumerate("abc")]
    text, tree = sheet_of(*slides)
    images = tree.find_all("img")
    assert len(images) == 3
    for image, shown in zip(images, slides, strict=True):
        prefix = "data:image/jpeg;base64,"
        assert image.attrs["src"].startswith(prefix)
        with Image.open(io.BytesIO(base64.b64decode(image.attrs["src"][len(prefix) :]))) as got:
            assert got.format == "JPEG"
            assert got.size == (int(image.attrs["width"]), int(image.attrs["height"]))
        assert f"Slide {slides.index(shown) + 1}, {shown.id}, " in image.attrs["alt"]
        assert "French" in image.attrs["alt"]
    assert "http:" not in text and "https:" not in text and "url(" not in text
    links = [a.attrs["href"] for a in tree.find_all("a")]
    assert links == ["#deck-1"]
    assert tree.find_all("link") == [] and tree.find_all("script") == []


def test_notes_and_problems_show_with_their_line():
    red = slide("red", texts(fr="Rouge"), 3)
    problems = [
        warning(Mark(FILE, 5, 9), "a caption too long"),
        error(Mark(FILE, 12, 5), "photo 'gone.jpg' is not in media/"),
    ]
    _, tree = sheet_of(red, notes=("no EN text",), problems=problems)
    article = tree.find("article")
    assert "flagged" in article.classes
    assert [li.text for li in article.find("ul").find_all("li")] == ["⚠ no EN text"]
    items = tree.find("section", lambda e: "problems" in e.classes).find_all("li")
    assert [(li.attrs["class"], li.text) for li in items] == [
        ("warning", "line 5: warning: a caption too long"),
        ("error", "line 12: error: photo 'gone.jpg' is not in media/"),
    ]
    assert "left out of the show" in tree.find("p", lambda e: "cannot" in e.classes).text
    assert "0 errors" not in tree.find("nav").text and "1 error, 1 warning" in tree.find("nav").text


def test_a_deck_that_cannot_play_has_its_section_and_its_errors():
    broken = SheetDeck("slides/broken.yaml", None, [], [error(Mark("x", 1, 7), "YAML: unclosed")])
    tree = parse(proof_sheet(PAGE, [broken]))
    section = tree.find("section", lambda e: e.attrs.get("id") == "deck-1")
    assert section.find("h2").text == "slides/broken.yaml"
    assert "cannot be shown" in section.text and "line 1: error: YAML: unclosed" in section.text
    assert section.find_all("article") == []


def test_one_heading_per_deck_a_contents_entry_each_and_a_page_break_between_them():
    deck = Deck(Path("/show/a.yaml"), texts(fr="Un", en="One"), (slide("x", texts(fr="x"), 3),))
    other = Deck(Path("/show/b.yaml"), texts(fr="Deux"), (slide("y", texts(fr="y"), 3),))
    decks = [
        SheetDeck("a.yaml", deck, [picture(1, deck.slides[0])], []),
        SheetDeck("b.yaml", other, [picture(1, other.slides[0])], []),
    ]
    text = proof_sheet(PAGE, decks)
    tree = parse(text)
    headings = [h2 for h2 in tree.find_all("h2") if h2.attrs.get("id", "").startswith("deck-")]
    assert [(h.attrs["id"], h.text) for h in headings] == [
        ("deck-1-title", "Un"),
        ("deck-2-title", "Deux"),
    ]
    assert headings[0].find("span").attrs["lang"] == "fr"
    entries = tree.find("nav").find_all("a")
    assert [(a.attrs["href"], a.text) for a in entries] == [("#deck-1", "Un"), ("#deck-2", "Deux")]
    assert "@media print" in text and "break-before: page" in text
    assert '<meta charset="utf-8">' in text


def test_language_names_fall_back_to_the_code():
    assert language_name("fr") == "French"
    assert language_name("de") == "German"
    assert language_name("x-klingon") == "x-klingon"
