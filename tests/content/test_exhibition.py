"""The config and its decks loaded together: what `kiosk run` plays is what `validate` checks."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from textwrap import dedent

from kiosk.content.caption_fit import caption_fit_warnings, captions_too_long
from kiosk.content.exhibition import load_exhibition
from kiosk.content.problems import sorted_problems
from kiosk.screen.photo_files import read_photo_size
from tests.helpers import KIOSK, REPO, write_config


def test_the_shipped_exhibition_loads_every_deck_in_order_without_problems() -> None:
    show = load_exhibition(REPO / "config" / "kiosk.yaml")
    assert [str(problem) for problem in show.problems] == []
    assert [(deck.name, len(deck.slides)) for deck in show.decks] == [
        ("provence-landing", 6),
        ("drome-liberation", 9),
        ("livron", 3),
        ("montelimar", 27),
    ]
    assert show.config.languages == ("fr", "en")
    every_id = [(deck.name, slide.id) for deck in show.decks for slide in deck.slides]
    assert len(set(every_id)) == 45


def test_the_shipped_media_holds_exactly_the_photos_the_decks_use() -> None:
    show = load_exhibition(REPO / "config" / "kiosk.yaml")
    used = {slide.image.resolve() for deck in show.decks for slide in deck.slides}
    on_disk = {path.resolve() for path in (REPO / "media").rglob("*.jpg")}
    assert used == on_disk


def test_decks_given_replace_the_configs_list(exhibition) -> None:
    exhibition.deck("title: One\nslides:\n  - {image: a.png, caption: A}\n", "one.yaml")
    two = exhibition.deck("title: Two\nslides:\n  - {image: b.png, caption: B}\n", "two.yaml")
    config = write_config(exhibition.root, "decks: [slides/one.yaml]\n")
    assert [deck.name for deck in load_exhibition(config).decks] == ["one"]
    show = load_exhibition(config, (two,))
    assert [deck.name for deck in show.decks] == ["two"]
    assert show.problems == ()


def test_no_decks_at_all_is_reported_at_the_config(exhibition) -> None:
    config = write_config(exhibition.root, "slide_duration: 10\n")
    show = load_exhibition(config)
    assert show.decks == ()
    assert [str(p) for p in show.problems] == [
        f"{config}:1:1: error: no decks to play; list them under 'decks'"
    ]


def test_a_missing_config_reports_both_problems(tmp_path: Path) -> None:
    config = tmp_path / "config" / "kiosk.yaml"
    show = load_exhibition(config)
    assert [str(p) for p in show.problems] == [
        f"{config}:1:1: error: file not found; check the name and the folder",
        f"{config}:1:1: error: no decks to play; list them under 'decks'",
    ]


def test_a_bad_deck_costs_only_itself_and_every_problem_is_kept(exhibition) -> None:
    exhibition.deck("title: One\nslides:\n  - {image: a.png, caption: A}\n", "one.yaml")
    exhibition.deck('title: "Two\nslides: []\n', "broken.yaml")
    exhibition.deck(
        "title: Three\nslides:\n"
        "  - {image: nope.png, caption: X}\n"
        "  - {image: c.png, caption: C}\n",
        "three.yaml",
    )
    config = write_config(
        exhibition.root,
        """\
        decks:
          - slides/one.yaml
          - slides/broken.yaml
          - slides/three.yaml
          - slides/four.yaml
        transition: wipe
        """,
    )
    show = load_exhibition(config)
    assert [(deck.name, [s.id for s in deck.slides]) for deck in show.decks] == [
        ("one", ["a"]),
        ("three", ["c"]),
    ]
    root = exhibition.root.resolve()  # the config's folder, as load_config resolves it
    slides = root / "slides"
    assert [str(p) for p in sorted_problems(show.problems)] == [
        f"{config}:5:5: error: deck 'slides/four.yaml' not found; "
        "slides/ holds: broken.yaml, one.yaml, three.yaml",
        f"{config}:6:13: error: transition must be crossfade or cut, got 'wipe'",
        f'{slides / "broken.yaml"}:1:8: error: a double quote (") opens a text here and is '
        'never closed; add the closing " at the end of the text',
        f"{slides / 'three.yaml'}:3:13: error: image 'nope.png' not found in media/; "
        "media/ holds: a.png, b.png, c.png",
    ]


def test_decks_are_checked_against_the_loaded_config(exhibition) -> None:
    exhibition.photo("pics/p.png")
    exhibition.deck(
        "title: {fr: Un, de: Eins}\nslides:\n  - {image: p.png, caption: {fr: A, de: B}}\n"
    )
    config = write_config(
        exhibition.root,
        """\
        decks: [slides/deck.yaml]
        languages: [fr, de]
        media_dir: media/pics
        slide_duration: 7
        transition: cut
        """,
    )
    show = load_exhibition(config)
    assert show.problems == ()
    (deck,) = show.decks
    (slide,) = deck.slides
    assert slide.image == exhibition.root.resolve() / "media" / "pics" / "p.png"
    assert (slide.duration, slide.transition) == (7.0, "cut")
    assert slide.caption.get("de") == "B"


def char_measure(text: str, size: int) -> int:
    """A stand-in for a font: every character is half as wide as the type is tall."""
    return len(text) * size // 2


def test_a_caption_too_long_for_the_panel_is_one_warning_per_distinct_text(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.jpg").write_bytes(b"not checked here")
    long_text = "mot " * 400
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "d.yaml").write_text(
        dedent(
            f"""\
            title: Deck
            slides:
              - image: a.jpg
                caption: "court"
              - id: long-everywhere
                image: a.jpg
                caption: "{long_text}"
              - id: long-in-english
                image: a.jpg
                caption: {{fr: "court", en: "{long_text}"}}
            """
        ),
        encoding="utf-8",
    )
    config = write_config(tmp_path, "decks: [slides/d.yaml]\n")
    show = load_exhibition(config)
    warnings = [str(p) for p in caption_fit_warnings(show, char_measure)]
    # At 43 px a character is 21 px wide: 16 words of "mot" a line of the 1405 px column, and
    # 7 lines in the 403 px the panel may grow to around them: 112 words, 447 characters.
    fit = (
        "too long for a 1920x1080 screen: at the smallest readable size (43 px, for a 24-inch "
        "screen read from 0.7 m) about 447 of its 1600 characters fit; shorten it or split it "
        "over two slides"
    )
    assert warnings == [
        f"{tmp_path}/slides/d.yaml:7:14: warning: slide 'long-everywhere': the 'fr' caption is "
        + fit,
        f"{tmp_path}/slides/d.yaml:10:32: warning: slide 'long-in-english': the 'en' caption is "
        + fit,
    ]


def test_the_shipped_captions_all_fit(tmp_path: Path) -> None:
    show = load_exhibition(REPO / "config" / "kiosk.yaml")
    assert caption_fit_warnings(show, char_measure) == []


def test_a_deck_the_config_names_wrongly_is_reported_at_that_line(exhibition) -> None:
    exhibition.deck("title: V\nslides:\n  - {image: a.png, caption: A}\n", "valence.yaml")
    exhibition.deck("title: R\nslides:\n  - {image: b.png, caption: B}\n", "romans.yaml")
    config = write_config(
        exhibition.root,
        """\
        # The decks, in play order.
        decks:
          - slides/valance.yaml
          - slides/Romans.yaml
          - valence.yaml
          - slides/nyons.yaml
          - towns/nyons.yaml
        """,
    )
    show = load_exhibition(config)
    assert show.decks == ()
    assert [str(p) for p in show.problems] == [
        f"{config}:3:5: error: deck 'slides/valance.yaml' not found; "
        "did you mean 'slides/valence.yaml'?",
        f"{config}:4:5: error: deck 'slides/Romans.yaml' not found; "
        "did you mean 'slides/romans.yaml'? Capitals count: write the name exactly",
        f"{config}:5:5: error: deck 'valence.yaml' not found; did you mean 'slides/valence.yaml'?",
        f"{config}:6:5: error: deck 'slides/nyons.yaml' not found; "
        "slides/ holds: romans.yaml, valence.yaml",
        f"{config}:7:5: error: deck 'towns/nyons.yaml' not found; there is no folder 'towns'",
    ]


def test_a_deck_given_by_name_that_is_not_there_is_reported_at_itself(exhibition) -> None:
    config = write_config(exhibition.root, "decks: [slides/nope.yaml]\n")
    missing = exhibition.root / "slides" / "gone.yaml"
    show = load_exhibition(config, (missing,))
    assert [str(p) for p in show.problems] == [
        f"{missing}:1:1: error: file not found; check the name and the folder"
    ]


def test_advice_is_given_only_when_asked(exhibition) -> None:
    exhibition.deck("title: T\nslides:\n  - {image: a.png, caption: A}\n")
    config = write_config(exhibition.root, "decks: [slides/deck.yaml]\n")
    assert load_exhibition(config).problems == ()
    [advice] = load_exhibition(config, advise=True, photo_size=read_photo_size).problems
    assert advice.message.startswith("the photo is 2x1, much smaller than the 1920x1080 screen")


def test_a_caption_too_long_without_its_place_falls_back_to_the_slide(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.jpg").write_bytes(b"not checked here")
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "d.yaml").write_text(
        f'title: Deck\nslides:\n  - id: long\n    image: a.jpg\n    caption: "{"mot " * 400}"\n',
        encoding="utf-8",
    )
    show = load_exhibition(write_config(tmp_path, "decks: [slides/d.yaml]\n"))
    [at_caption] = caption_fit_warnings(show, char_measure)
    assert (at_caption.where.line, at_caption.where.column) == (5, 14)
    unplaced = replace(show, caption_marks=())
    [still_at_caption] = caption_fit_warnings(unplaced, char_measure)
    assert still_at_caption == at_caption  # from the slide's own caption_where
    (deck,) = show.decks
    bare = replace(deck, slides=tuple(replace(s, caption_where=None) for s in deck.slides))
    [at_slide] = caption_fit_warnings(replace(unplaced, decks=(bare,)), char_measure)
    assert (at_slide.where.line, at_slide.where.column) == (3, 5)


def test_captions_too_long_name_their_slide_and_language(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.jpg").write_bytes(b"not checked here")
    (tmp_path / "slides").mkdir()
    long = "mot " * 400
    (tmp_path / "slides" / "d.yaml").write_text(
        f'title: D\nslides:\n  - id: s\n    image: a.jpg\n    caption: {{fr: "x", en: "{long}"}}\n',
        encoding="utf-8",
    )
    show = load_exhibition(write_config(tmp_path, "decks: [slides/d.yaml]\n"))
    [too_long] = captions_too_long(show, char_measure)
    assert (too_long.deck.name, too_long.slide.id, too_long.lang) == ("d", "s", "en")
    assert (too_long.where.line, too_long.where.column) == (5, 28)


# --- a config emptied by a full disk or a crashed editor (issue 9) -----------------------------


def test_an_emptied_config_says_the_file_is_empty(tmp_path: Path) -> None:
    config = write_config(tmp_path, "")
    assert [str(p) for p in load_exhibition(config).problems] == [
        f"{config}:1:1: error: the file is empty (0 bytes): no decks to play; list them under "
        "'decks', or restore it from a copy"
    ]


def test_a_config_of_comments_only_says_it_holds_no_setting(tmp_path: Path) -> None:
    config = write_config(tmp_path, "# the kiosk's settings\n\n# decks: [slides/a.yaml]\n")
    [problem] = load_exhibition(config).problems
    assert problem.message.startswith("the file holds no setting, only blanks or comments: ")


def test_an_empty_decks_list_is_reported_at_its_line(tmp_path: Path) -> None:
    config = write_config(tmp_path, "# settings\nslide_duration: 10\ndecks: []\n")
    assert [str(p) for p in load_exhibition(config).problems] == [
        f"{config}:3:1: error: no decks to play; list them under 'decks'"
    ]


def test_validate_calls_an_emptied_config_an_error_with_its_file_and_line(tmp_path: Path) -> None:
    write_config(tmp_path, "")
    done = subprocess.run(
        [KIOSK, "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "config/kiosk.yaml:1:1: error: the file is empty (0 bytes)" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_the_places_file_is_read_once_for_every_deck_and_its_problems_reported(
    exhibition, monkeypatch
) -> None:
    from kiosk.content import exhibition as exhibition_module
    from kiosk.content.places import load_places
    from tests.content.panels import PLACES, write_places

    timeline = (
        "title: {name}\nslides:\n  - kind: timeline\n    id: days\n    title: T\n    events:\n"
        "      - {{date: 1944-08-31, place: valence, caption: V}}\n"
        "      - {{date: 1944-08-28, place: montelimar, caption: M}}\n"
    )
    exhibition.deck(timeline.format(name="One"), "one.yaml")
    exhibition.deck(timeline.format(name="Two"), "two.yaml")
    places = write_places(exhibition.root, PLACES.replace("name: Nyons", "nom: Nyons"))
    config = write_config(exhibition.root, "decks: [slides/one.yaml, slides/two.yaml]\n")
    reads = []

    def counted(config):
        reads.append(config)
        return load_places(config)

    monkeypatch.setattr(exhibition_module, "load_places", counted)
    show = load_exhibition(config)
    assert len(reads) == 1
    assert [deck.name for deck in show.decks] == ["one", "two"]
    assert [str(p) for p in show.problems] == [
        f"{places}:11:5: error: unknown key 'nom' in a place; did you mean 'name'?",
        f"{places}:10:5: error: this place has no 'name'; add one, such as name: Montélimar",
    ]


def test_a_missing_places_file_is_no_problem_when_no_deck_names_a_place(exhibition) -> None:
    exhibition.deck("title: One\nslides:\n  - {image: a.png, caption: A}\n", "one.yaml")
    config = write_config(exhibition.root, "decks: [slides/one.yaml]\nplaces: nowhere.yaml\n")
    assert load_exhibition(config).problems == ()
