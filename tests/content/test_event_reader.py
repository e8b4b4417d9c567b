"""The events of a timeline or map: every problem with its line and column, and what to do."""

from __future__ import annotations

import pytest

from tests.content.panels import load, steps, write_map, write_places

HEAD = """\
title: T
slides:
  - kind: timeline
    id: days
    title: T
    events:
      - {date: 1944-08-31, caption: Valence}
      - {date: 1944-08-28, caption: Montélimar}
"""
"""A timeline of two good events: the event under test is line 9 and costs only itself."""


@pytest.fixture
def folder(exhibition):
    write_places(exhibition.root)
    write_map(exhibition.media)
    return exhibition


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            "- {date: 1944-02-30, caption: X}",
            "9:16: error: the date: '1944-02-30' is not a day: February 1944 has 29 days",
        ),
        (
            "- {date: 1944-08-17/1944-08-16, caption: X}",
            "9:27: error: the date: the span ends on 1944-08-16, before it starts on "
            "1944-08-17; write the earlier day first: '1944-08-16/1944-08-17'",
        ),
        (
            "- {date: '1944-08-16/1944-08-32', caption: X}",
            "9:28: error: the date: '1944-08-32' is not a day: August 1944 has 31 days",
        ),
        (
            "- {date: 21/08/1944, caption: X}",
            "9:16: error: the date: '21/08/1944' is not a day; write year-month-day, such as "
            "1944-08-21, or a span such as 1944-08-16/1944-08-17; did you mean '1944-08-21'?",
        ),
        (
            "- {caption: X}",
            "9:10: error: this event has no 'date'; add one, such as date: 1944-08-21",
        ),
        (
            "- {date: 1944-08-21}",
            "9:10: error: this event has no 'caption'; add one, such as "
            'caption: {fr: "…", en: "…"}',
        ),
        (
            "- {date: 1944-08-21, caption: X, lieu: nyons}",
            "9:40: error: unknown key 'lieu' in an event; did you mean 'place'?",
        ),
        (
            "- {date: 1944-08-21, caption: X, photo: a.png}",
            "9:40: error: unknown key 'photo' in an event; did you mean 'image'?",
        ),
        (
            "- {date: 1944-08-21, caption: X, place: nyon}",
            "9:47: error: the place 'nyon' is not in slides/places.yaml; did you mean 'nyons'?",
        ),
        (
            "- {date: 1944-08-21, caption: X, place: Nyons}",
            "9:47: error: the place 'Nyons' is not in slides/places.yaml; did you mean "
            "'nyons'? place: takes the id, not the name",
        ),
        (
            "- {date: 1944-08-21, caption: X, image: d.png}",
            "9:47: error: image 'd.png' not found in media/; media/ holds: a.png, b.png, c.png",
        ),
        (
            "- {date: 1944-08-21, caption: X, duration: 0}",
            "9:50: error: duration must be between 1 and 3600 seconds, got 0",
        ),
        (
            "- {date: [1944-08-21], caption: X}",
            "9:16: error: the date must be a single value, not a list or a mapping",
        ),
        ("- just text", "9:9: error: an event must be a set of 'key: value' lines"),
    ],
)
def test_a_broken_event_is_reported_at_its_line_and_left_out(
    folder, event: str, message: str
) -> None:
    deck, problems = load(folder, f"{HEAD}      {event}\n")
    assert problems == [f"{folder.root / 'slides' / 'deck.yaml'}:{message}"]
    assert [caption for _, _, caption in steps(deck)] == ["Montélimar", "Valence"]


def test_a_good_event_with_every_key_is_read(folder) -> None:
    deck, problems = load(
        folder,
        f"{HEAD}      - {{date: 1944-08-25, caption: N, place: nyons, image: a.png, "
        "credit: C, duration: 30}\n",
    )
    assert problems == []
    nyons = deck.slides[0]
    assert (nyons.event.caption.get("fr"), nyons.duration, nyons.image.name) == ("N", 30.0, "a.png")
    assert nyons.event.place.id == "nyons"
    assert nyons.credit.get("en") == "C"


def test_the_date_is_read_as_written_whatever_yaml_makes_of_it(folder) -> None:
    """Unquoted, 1944-08-21 is a YAML timestamp and 1944-08-16/17 a string; both read."""
    deck, problems = load(
        folder,
        f"{HEAD}      - date: 1944-08-16/17\n        caption: P\n"
        '      - date: "1944-08-20"\n        caption: Q\n',
    )
    assert problems == []
    assert [caption for _, _, caption in steps(deck)] == ["P", "Q", "Montélimar", "Valence"]


def test_photos_of_events_are_checked_by_validate_like_slide_photos(folder) -> None:
    from kiosk.content.deck_loader import load_deck

    path = folder.deck(f"{HEAD}      - {{date: 1944-08-25, caption: N, image: a.png}}\n")
    result = load_deck(path, folder.config(), advise=True, photo_size=lambda _: "is broken")
    assert [str(p) for p in result.problems] == [
        f"{path}:9:47: warning: the photo is broken (until then the slide shows without it)"
    ]
