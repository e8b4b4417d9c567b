"""The config and its decks loaded together: what `kiosk run` plays is what `validate` checks."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from kiosk.exhibition import caption_fit_warnings, load_exhibition
from kiosk.validation import sorted_problems

REPO_ROOT = Path(__file__).resolve().parent.parent


def write_config(root: Path, text: str) -> Path:
    path = root / "config" / "kiosk.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_the_shipped_exhibition_loads_every_deck_in_order_without_problems() -> None:
    show = load_exhibition(REPO_ROOT / "config" / "kiosk.yaml")
    assert [str(problem) for problem in show.problems] == []
    assert [(deck.name, len(deck.slides)) for deck in show.decks] == [
        ("drome-liberation", 9),
        ("livron", 3),
        ("montelimar", 27),
    ]
    assert show.config.languages == ("fr", "en")
    every_id = [(deck.name, slide.id) for deck in show.decks for slide in deck.slides]
    assert len(set(every_id)) == 39


def test_the_shipped_media_holds_exactly_the_photos_the_decks_use() -> None:
    show = load_exhibition(REPO_ROOT / "config" / "kiosk.yaml")
    used = {slide.image.resolve() for deck in show.decks for slide in deck.slides}
    on_disk = {path.resolve() for path in (REPO_ROOT / "media").rglob("*.jpg")}
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
        f"{config}:6:13: error: transition must be crossfade or cut, got 'wipe'",
        f"{slides / 'broken.yaml'}:1:8: error: YAML syntax: the file ends while scanning "
        "a quoted scalar; a closing quote or bracket is missing",
        f"{slides / 'four.yaml'}:1:1: error: file not found; check the name and the folder",
        f"{slides / 'three.yaml'}:3:13: error: image 'nope.png' not found in {root / 'media'}",
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
    assert warnings == [
        f"{tmp_path}/slides/d.yaml:5:5: warning: slide 'long-everywhere': the 'fr' caption is "
        "too long to fit at the smallest readable size on a 1920x1080 screen; shorten it or "
        "split it over two slides",
        f"{tmp_path}/slides/d.yaml:8:5: warning: slide 'long-in-english': the 'en' caption is "
        "too long to fit at the smallest readable size on a 1920x1080 screen; shorten it or "
        "split it over two slides",
    ]


def test_the_shipped_captions_all_fit(tmp_path: Path) -> None:
    show = load_exhibition(REPO_ROOT / "config" / "kiosk.yaml")
    assert caption_fit_warnings(show, char_measure) == []
