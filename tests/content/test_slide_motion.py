"""`motion:` and `focus:` in a deck: read into each slide, and every mistake reported at its
file, line and column."""

from __future__ import annotations

from kiosk.content.deck_loader import load_deck
from kiosk.show.motion import AUTO_ZOOM, Motion, View


def load(exhibition, text: str):
    for name in ("a.png", "b.png", "c.png"):
        exhibition.photo(name)
    result = load_deck(exhibition.deck(text), exhibition.config())
    return result.deck, [str(problem) for problem in result.problems]


def test_a_deck_default_applies_to_its_slides_and_a_slide_may_say_otherwise(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: T
        defaults:
          motion: auto
        slides:
          - {image: a.png, caption: a, focus: [0.2, 0.3]}
          - {image: b.png, caption: b, motion: none}
          - image: c.png
            caption: c
            motion: {from: [0.5, 0.5, 1], to: [0.4, 0.6, 1.5]}
        """,
    )
    assert problems == []
    assert deck is not None
    first, second, third = (slide.motion for slide in deck.slides)
    assert first is not None
    assert first.start == View(0.5, 0.5, 1.0)
    assert first.end.zoom == AUTO_ZOOM
    # The focus as near the view's centre as the photo's edges allow.
    assert first.end.x == 0.5 / AUTO_ZOOM
    assert first.end.y == 0.5 / AUTO_ZOOM
    assert second is None
    assert third == Motion(View(0.5, 0.5, 1.0), View(0.4, 0.6, 1.5))


def test_without_motion_a_photo_stays_still(exhibition) -> None:
    deck, problems = load(exhibition, "title: T\nslides:\n  - {image: a.png, caption: a}\n")
    assert problems == []
    assert deck is not None and deck.slides[0].motion is None


def test_bad_values_are_reported_where_they_are_and_their_slide_is_left_out(exhibition) -> None:
    deck, problems = load(
        exhibition,
        """\
        title: T
        slides:
          - {image: a.png, caption: a, motion: zoom}
          - {image: b.png, caption: b, motion: {from: [0.5, 0.5, 1], to: [1.2, 0.5, 4]}}
          - {image: c.png, caption: c, motion: {from: [0.5, 0.5]}}
          - {image: a.png, id: d, caption: d, motion: auto, focus: [0.2]}
          - {image: a.png, id: e, caption: e, focus: [0.2, 0.3]}
        """,
    )
    deck_file = str(exhibition.root / "slides" / "deck.yaml")
    assert problems == [
        f"{deck_file}:3:40: error: motion must be auto or none, got 'zoom'",
        f"{deck_file}:4:67: error: x (across, 0 = left, 1 = right) in motion 'to' must be"
        " between 0 and 1, got 1.2",
        f"{deck_file}:4:77: error: the zoom in motion 'to' must be between 1 and 3, got 4",
        f"{deck_file}:5:40: error: motion needs both 'from' and 'to'; add 'to: [x, y, zoom]'",
        f"{deck_file}:6:60: error: focus must be [x, y], such as [0.3, 0.4]; got 1 numbers",
        f"{deck_file}:7:46: warning: focus is used only with 'motion: auto'; add it,"
        " or remove focus",
    ]
    assert deck is not None
    assert [slide.id for slide in deck.slides] == ["e"]
