"""Caption import: every paragraph comes back from `load_deck` exactly as written."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.content.config import Config
from kiosk.content.deck_loader import MAX_SLIDES, load_deck
from kiosk.content.slide_ids import SLIDE_ID
from kiosk.tools.caption_import import (
    CaptionImportError,
    ImportedSlide,
    decode,
    import_captions,
    render_deck,
    slide_ids,
    slugify,
    split_paragraphs,
)
from kiosk.tools.yaml_writing import quote, scalar
from tests.helpers import REPO, SEED_CAPTIONS, WITHOUT_PYGAME, needs_seed_captions

FIRST_SEED_CAPTION = (
    "Le pont de Livron est détruit dans la nuit du 16 août par les maquisards du commando "
    "Faure. La retraite allemande en est extrèmement perturbée"
)


def load_imported(
    root: Path, deck_text: str, slides, languages: tuple[str, ...] = ("fr", "en"), stem="new"
):
    """Write the deck and a file for each of its images under root, then load it."""
    for slide in slides:
        image = root / "media" / slide.image
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(b"a photo")
    path = root / "slides" / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(deck_text.encode("utf-8"))
    config = Config(exhibition_dir=root, languages=languages, default_language=languages[0])
    return load_deck(path, config)


def round_trip(root: Path, data: bytes, lang: str = "fr", title: str | None = None):
    """Import a captions file's bytes and load the deck back: (imported, load result)."""
    imported = import_captions(
        decode(data, "captions.txt"),
        source="captions.txt",
        deck_stem="new",
        lang=lang,
        title=title,
        translate_into=("en",),
    )
    return imported, load_imported(root, imported.text, imported.slides)


def captions_of(result, lang: str = "fr") -> list[str]:
    assert result.deck is not None, result.problems
    return [slide.caption.get(lang) for slide in result.deck.slides]


def errors_of(result) -> list[str]:
    return [str(problem) for problem in result.problems if problem.is_error]


# --- the seed file ----------------------------------------------------------------------------


@needs_seed_captions
def test_the_seed_captions_import_exactly(tmp_path):
    data = SEED_CAPTIONS.read_bytes()
    # An oracle independent of the importer: the seeds separate paragraphs by blank lines.
    expected = re.split(r"\n(?:[ \t]*\n)+", data.decode("utf-8").strip("\n"))
    imported, result = round_trip(tmp_path, data)
    assert errors_of(result) == []
    assert len(imported.slides) == len(expected) == 27
    assert captions_of(result) == expected
    assert captions_of(result)[0] == FIRST_SEED_CAPTION  # "extrèmement", typo and all
    assert result.deck.slides[0].id == "le-pont-de-livron-est-detruit"
    assert any('"Team des maîtres d\'hôtel"' in caption for caption in captions_of(result))


# --- exactness: the property -------------------------------------------------------------------

# Characters that YAML and the importer treat specially, so examples hit them often.
AWKWARD = "\"'\\:#-&*!%@`{}[]|>?,~=\t \x00\x07\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffe\ufffd😀é"


def is_paragraph(text: str) -> bool:
    """What the importer reads back as one paragraph, and all of it.

    Excluded, each for its reason in the importer's rules:
    - "\\r": a line ending in the input (CR and CRLF are read as LF), so not caption text;
    - a line that is empty or whitespace only: that is the paragraph separator.
    Surrogates are left out of the alphabet (codec="utf-8"): a UTF-8 file cannot hold them.
    Nothing is excluded for YAML's sake: the deck escapes whatever YAML cannot carry raw
    (`test_any_python_string_survives_render_then_load` shows it, surrogates included).
    """
    return "\r" not in text and all(line.strip() for line in text.split("\n"))


utf8_characters = st.characters(codec="utf-8")  # every code point but the surrogates
paragraphs = st.text(alphabet=st.one_of(utf8_characters, st.sampled_from(AWKWARD)), min_size=1)
paragraphs = paragraphs.filter(is_paragraph)
# A blank line: nothing, or whitespace only (as str.strip sees it, U+2028 and U+0085 included).
blank_lines = st.text(alphabet=" \t\x0b\x0c\x1c\x85\xa0\u2028\u3000", max_size=3)
separators = st.lists(blank_lines, min_size=1, max_size=3).map(lambda lines: "\n".join(lines))


@settings(max_examples=300, deadline=None)
@given(
    captions=st.lists(paragraphs, min_size=1, max_size=5),
    gaps=st.lists(separators, min_size=6, max_size=6),
    before=st.sampled_from(["", "\n", "\n \n"]),
    after=st.sampled_from(["", "\n", "\n\n", "\n \t\n"]),
    crlf=st.booleans(),
    bom=st.booleans(),
    title=st.text(alphabet=utf8_characters).filter(str.strip),
)
def test_any_paragraph_survives_import_then_load(captions, gaps, before, after, crlf, bom, title):
    body = captions[0]
    for gap, caption in zip(gaps, captions[1:], strict=False):
        body += f"\n{gap}\n{caption}"
    text = before + body + after
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        assume(not text.startswith("\ufeff"))  # a leading U+FEFF is read as the file's BOM
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        imported, result = round_trip(Path(folder), data, title=title)
    assert errors_of(result) == []
    assert captions_of(result) == captions
    assert result.deck.title.get("fr") == title
    assert [slide.id for slide in result.deck.slides] == [slide.id for slide in imported.slides]


@settings(max_examples=300, deadline=None)
@given(
    caption=st.text(alphabet=st.characters(exclude_categories=()), min_size=1).filter(str.strip),
    title=st.text(alphabet=st.characters(exclude_categories=())).filter(str.strip),
)
def test_any_python_string_survives_render_then_load(caption, title):
    """Beyond what a file can hold: "\\r", lone surrogates, a leading BOM all come back."""
    slides = [ImportedSlide("a", "new/a.jpg", caption)]
    text = render_deck(slides, title=title, lang="fr", source="x.txt")
    with tempfile.TemporaryDirectory() as folder:
        result = load_imported(Path(folder), text, slides)
    assert errors_of(result) == []
    assert captions_of(result) == [caption]
    assert result.deck.title.get("fr") == title


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_quote_is_read_back_by_yaml_as_the_same_string(text):
    written = quote(text)
    assert "\n" not in written and "\r" not in written
    assert yaml.safe_load(f"k: {written}\n") == {"k": text}


def test_quote_writes_what_a_curator_can_read():
    """Accents and symbols stay as they are; invisible or special characters are escaped,
    U+FEFF too (YAML would read it back raw, but an editor may take it for a byte order mark)."""
    text = 'é «»\xa0😀"\\\n\t\x00\x7f\x85\u2028\ufeff\ufffe\U0010ffff\ud800'
    assert quote(text) == ('"é «»\xa0😀\\"\\\\\\n\\t\\0\\x7F\\N\\L\\uFEFF\\uFFFE\U0010ffff\\uD800"')


# --- exactness: cases a curator will meet --------------------------------------------------------

AWKWARD_CAPTIONS = [
    "Il dit \"halte\" et l'on s'arrête",
    "Légende : le 16 août, 23 h",
    "Le convoi # 3",
    "#1 en tête",
    "- Un tiret au début",
    "-- deux tirets",
    "Chemin C:\\Archives\\1944\\n",
    "\\",
    '"',
    "'",
    "text   ",
    "   indented",
    "---",
    "...",
    "*alias",
    "&anchor value",
    "!tag",
    "!!python/object/apply:os.system ['true']",
    "%YAML 1.1",
    "@mention",
    "`backtick`",
    "{}",
    "[]",
    "{a: b}",
    "[1, 2]",
    "yes",
    "no",
    "Yes",
    "NO",
    "on",
    "off",
    "null",
    "Null",
    "~",
    "true",
    "1944",
    "0755",
    "1_000",
    "0x1F",
    "1.5",
    ".inf",
    ".nan",
    "1944-08-16",
    "12:30:00",
    "<<",
    "=",
    "? question",
    "| pipe",
    "> chevron",
    "a: b",
    "key: value # comment",
    "Œuvre, Ærø, Straße, Łódź",
    "Ligne une\nLigne deux",
    "\tTabulé",
    "nbsp\xa0: insécable",
    "\u2028 séparateur",
    "fin\x85",
    "\x00\x07\x1b\x7f",
    "😀 emoji",
]


@pytest.mark.parametrize("caption", AWKWARD_CAPTIONS)
def test_awkward_caption_survives_import_then_load(tmp_path, caption):
    assert is_paragraph(caption)
    _, result = round_trip(tmp_path, f"Premier\n\n{caption}\n\nDernier\n".encode())
    assert errors_of(result) == []
    assert captions_of(result) == ["Premier", caption, "Dernier"]
    assert isinstance(captions_of(result)[1], str)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"a\r\n\r\nb\r\n", ["a", "b"], id="crlf"),
        pytest.param(b"a\r\nstill a\r\n\r\nb", ["a\nstill a", "b"], id="crlf-inside"),
        pytest.param(b"a\rstill a\r\rb\r", ["a\nstill a", "b"], id="lone-cr"),
        pytest.param(b"a   \n\n  b  \n", ["a   ", "  b  "], id="trailing-and-leading-spaces"),
        pytest.param(b"a\n\n\n\n\nb", ["a", "b"], id="several-blank-lines"),
        pytest.param(b"a\n   \n\t\nb", ["a", "b"], id="whitespace-only-lines"),
        pytest.param(b"\n\n\na\n\n\n", ["a"], id="blank-lines-around"),
        pytest.param(b"a\nb\n c\n\nd", ["a\nb\n c", "d"], id="lines-inside"),
        pytest.param(b"\xef\xbb\xbfa\n\nb", ["a", "b"], id="bom"),
        pytest.param("a\u2028\nb".encode(), ["a\u2028\nb"], id="u2028-is-not-a-line-break"),
        pytest.param("a\n\u2028\nb".encode(), ["a", "b"], id="u2028-alone-is-blank"),
        pytest.param(b"a\x0cb", ["a\x0cb"], id="form-feed-inside"),
    ],
)
def test_paragraph_rules(tmp_path, data, expected):
    assert split_paragraphs(decode(data, "x.txt")) == expected
    _, result = round_trip(tmp_path, data)
    assert captions_of(result) == expected


def test_the_same_text_in_lf_and_crlf_gives_the_same_deck():
    text = "Un : deux\n« trois »   \n\n\nquatre\n"
    lf = import_captions(text, source="x.txt", deck_stem="d", lang="fr")
    crlf = import_captions(text.replace("\n", "\r\n"), source="x.txt", deck_stem="d", lang="fr")
    assert lf == crlf


# --- ids and image names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "slug"),
    [
        ("Le pont de Livron est détruit dans la nuit", "le-pont-de-livron-est-detruit"),
        ("L'armée allemande subit", "l-armee-allemande-subit"),
        ("Œuvre d'Ærø", "oeuvre-d-aero"),
        (
            "Les forces prennent position autour de Montélimar",
            "les-forces-prennent-position-autour",
        ),
        ("1944 : l'été", "1944-l-ete"),
        ("  «  Déjà  »  ", "deja"),
        ("a" * 60, "a" * 40),
        ("de la", "de"),
        ("!!!", ""),
        ("東京", ""),
    ],
)
def test_slugify(caption, slug):
    assert slugify(caption) == slug


def test_ids_are_unique_with_numbers_added_and_fall_back_to_slide_n():
    captions = ["Le pont", "Le pont", "— ! —", "Le pont 2", "Le pont", "Slide 3", "東京"]
    assert slide_ids(captions) == [
        "le-pont",
        "le-pont-2",
        "slide-3",
        "le-pont-2-2",
        "le-pont-3",
        "slide-3-2",
        "slide-7",
    ]


@given(st.lists(st.text(), max_size=30))
def test_ids_are_always_valid_and_unique(captions):
    ids = slide_ids(captions)
    assert len(ids) == len(captions) == len(set(ids))
    assert all(SLIDE_ID.match(slide_id) for slide_id in ids)


@pytest.mark.parametrize(
    ("caption", "slide_id"),
    [
        ("Yes", "yes"),
        ("no", "no"),
        ("Null", "null"),
        ("1944", "1944"),
        ("0755", "0755"),
        ("1944-08-16", "1944-08-16"),
        ("1.5", "1-5"),
    ],
)
def test_an_id_yaml_would_read_as_another_type_stays_text(tmp_path, caption, slide_id):
    imported, result = round_trip(tmp_path, caption.encode())
    assert imported.slides[0].id == slide_id
    assert errors_of(result) == []
    assert [slide.id for slide in result.deck.slides] == [slide_id]
    assert result.deck.slides[0].image.name == f"{slide_id}.jpg"


def test_scalar_quotes_only_when_needed():
    assert scalar("le-pont") == "le-pont"
    assert scalar("town/le-pont.jpg") == "town/le-pont.jpg"
    assert scalar("yes") == '"yes"'
    assert scalar("1944") == '"1944"'
    assert scalar("a b") == '"a b"'


@pytest.mark.parametrize(
    ("stem", "folder"),
    [("convoy", "convoy"), ("Drome_1944", "Drome_1944"), ("Mon deck", "mon-deck"), ("..", "deck")],
)
def test_images_go_in_a_folder_named_after_the_deck(stem, folder):
    deck = import_captions("Un\n\nDeux", source="x.txt", deck_stem=stem, lang="fr")
    assert [slide.image for slide in deck.slides] == [f"{folder}/un.jpg", f"{folder}/deux.jpg"]


# --- the deck file --------------------------------------------------------------------------------


def test_the_deck_reads_like_the_shipped_ones():
    deck = import_captions(
        "Le pont : détruit\n\n\n« Deux »\n",
        source="captions.txt",
        deck_stem="livron-import",
        lang="fr",
        translate_into=("en",),
    )
    lines = deck.text.splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert lines[: len(header)] == header  # the note comes first
    note = "\n".join(header)
    assert "captions.txt" in note and "kiosk import-captions" in note
    assert "media/livron-import/" in note and "`kiosk standins` draws" in note
    assert "`en:`" in note and "kiosk validate" in note
    assert lines[len(header) :] == [
        'title: {fr: "livron-import"}',
        "slides:",
        "  - id: le-pont-detruit",
        "    image: livron-import/le-pont-detruit.jpg",
        "    caption:",
        '      fr: "Le pont : détruit"',
        "",
        "  - id: deux",
        "    image: livron-import/deux.jpg",
        "    caption:",
        '      fr: "« Deux »"',
    ]
    assert deck.text.endswith('»"\n')


def test_no_translation_step_when_the_kiosk_has_one_language():
    deck = import_captions("Un", source="x.txt", deck_stem="d", lang="fr", translate_into=())
    assert "Translations" not in deck.text
    two = import_captions(
        "Un", source="x.txt", deck_stem="d", lang="fr", translate_into=("en", "de")
    )
    assert "add `en:` and `de:` lines" in two.text


def test_a_strange_source_name_cannot_break_the_note(tmp_path):
    source = "cap\ntions\x85\u2028 # title: x.txt"
    deck = import_captions("Un", source=source, deck_stem="d", lang="fr", title="Titre")
    result = load_imported(tmp_path, deck.text, deck.slides, stem="d")
    assert errors_of(result) == []
    assert result.deck.title.get("fr") == "Titre"
    assert "cap?tions?? # title: x.txt" in deck.text


def test_a_language_code_yaml_would_misread_is_quoted(tmp_path):
    """Norwegian is 'no', which YAML 1.1 reads as false unless quoted."""
    deck = import_captions("Hei", source="x.txt", deck_stem="d", lang="no", title="Tittel")
    assert 'title: {"no": "Tittel"}' in deck.text
    result = load_imported(tmp_path, deck.text, deck.slides, languages=("no",), stem="d")
    assert errors_of(result) == []
    assert captions_of(result, "no") == ["Hei"]


def test_the_title_defaults_to_the_deck_stem_and_keeps_any_text(tmp_path):
    deck = import_captions("Un", source="x.txt", deck_stem="new", lang="fr")
    assert load_imported(tmp_path, deck.text, deck.slides).deck.title.get("fr") == "new"
    title = 'La « bataille » : "Montélimar" # 1944\\'
    deck = import_captions("Un", source="x.txt", deck_stem="new", lang="fr", title=title)
    assert load_imported(tmp_path, deck.text, deck.slides).deck.title.get("fr") == title


# --- what cannot be imported --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "  \n\t\n \u3000 \n", "\u2028\n\x85\n"])
def test_a_text_without_a_paragraph_is_refused(text):
    with pytest.raises(CaptionImportError, match=r"^x\.txt holds no caption; write one"):
        import_captions(text, source="x.txt", deck_stem="d", lang="fr")


def test_more_captions_than_a_deck_holds_is_refused():
    text = "\n\n".join(f"Légende {n}" for n in range(MAX_SLIDES + 1))
    with pytest.raises(CaptionImportError, match=f"at most {MAX_SLIDES} slides"):
        import_captions(text, source="x.txt", deck_stem="d", lang="fr")
    text = "\n\n".join(f"Légende {n}" for n in range(MAX_SLIDES))
    assert len(import_captions(text, source="x.txt", deck_stem="d", lang="fr").slides) == 1000


def test_a_deck_too_big_to_load_is_refused():
    text = "\n\n".join("x" * 300_000 for _ in range(8))
    with pytest.raises(CaptionImportError, match=r"over the 2 MB"):
        import_captions(text, source="x.txt", deck_stem="d", lang="fr")


def test_non_utf8_names_the_line():
    data = "Un\n\nDeux\n\nTrois : é".encode("latin-1")
    with pytest.raises(CaptionImportError) as caught:
        decode(data, "x.txt")
    assert str(caught.value) == "x.txt is not UTF-8 text (line 5); save it as UTF-8 and try again"


# --- purity -------------------------------------------------------------------------------------

PROBE = (
    WITHOUT_PYGAME
    + """
import importlib
module = importlib.import_module(sys.argv[1])
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "pyttsx3")))
"""
)


def probe(module: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_core_imports_without_pygame_or_pyttsx3():
    result = probe("kiosk.tools.caption_import")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_the_probe_fails_on_a_module_that_needs_pygame():
    result = probe("kiosk.screen.renderer")
    assert result.returncode != 0
    assert "pygame is not installed here" in result.stderr
