"""A timeline or map entry itself: its kind, keys, id, title and events, each problem placed;
a broken panel costs that panel, never the deck."""

from __future__ import annotations

import pytest

from kiosk.content.panel_reader import is_panel
from kiosk.content.yaml.reading import compose
from tests.content.panels import load, steps, write_map, write_places

EVENTS = """\
    events:
      - {date: 1944-08-31, place: valence, caption: Valence}
      - {date: 1944-08-28, place: montelimar, caption: Montélimar}
"""


@pytest.fixture
def folder(exhibition):
    write_places(exhibition.root)
    write_map(exhibition.media)
    return exhibition


def deck_text(panel: str) -> str:
    """A photo slide (line 3), then the panel from line 4."""
    return f"title: T\nslides:\n  - {{image: a.png, caption: A}}\n{panel}"


@pytest.mark.parametrize(
    ("panel", "message"),
    [
        (
            f"  - kind: timline\n    id: days\n    title: T\n{EVENTS}",
            "4:11: error: kind must be timeline or map (a photo slide has no kind), got "
            "'timline'; did you mean 'timeline'?",
        ),
        (
            f"  - kind: timeline\n    id: days\n    titel: T\n{EVENTS}",
            "6:5: error: unknown key 'titel' in a timeline; did you mean 'title'?",
        ),
        (
            f"  - kind: timeline\n    id: days\n    title: T\n    image: a.png\n{EVENTS}",
            "7:5: error: unknown key 'image' in a timeline; allowed keys: duration, events, id, "
            "kind, title, transition",
        ),
        (
            f"  - kind: timeline\n    id: days\n    title: T\n    events_from: other\n{EVENTS}",
            "7:5: error: unknown key 'events_from' in a timeline; did you mean 'events'?",
        ),
        (
            f"  - kind: timeline\n    title: T\n{EVENTS}",
            "4:5: error: this timeline has no 'id'; add one, such as id: liberation-days",
        ),
        (
            f"  - kind: timeline\n    id: Les Jours\n    title: T\n{EVENTS}",
            "5:9: error: id 'Les Jours' may use only lowercase letters, digits and hyphens, "
            "such as 'les-jours'",
        ),
        (
            "  - kind: timeline\n    id: days\n    title: T\n",
            "4:5: error: this timeline has no 'events'; add at least two under 'events:'",
        ),
        (
            f"  - kind: map\n    id: where\n    title: T\n{EVENTS}",
            "4:5: error: this map has no 'map'; name its image in media/, such as "
            "map: drome-liberation/drome-map.png",
        ),
        (
            "  - kind: map\n    id: where\n    title: T\n    map: maps/map.png\n",
            "4:5: error: this map has no 'events'; add at least two under 'events:', or "
            "'events_from:' naming a timeline of this deck",
        ),
        (
            f"  - kind: map\n    id: where\n    title: T\n    map: maps/map.png\n"
            f"    events_from: days\n{EVENTS}",
            "8:18: error: give this map either its own 'events' or 'events_from', not both",
        ),
        (
            f"  - kind: timeline\n    id: days\n    title: T\n    duration: 0\n{EVENTS}",
            "7:15: error: duration must be between 1 and 3600 seconds, got 0",
        ),
        (
            f"  - kind: timeline\n    id: days\n    title: T\n    transition: wipe\n{EVENTS}",
            "7:17: error: transition must be crossfade or cut, got 'wipe'",
        ),
        (
            f"  - kind: map\n    id: where\n    title: T\n    carte: maps/map.png\n{EVENTS}",
            "7:5: error: unknown key 'carte' in a map; did you mean 'map'?",
        ),
    ],
)
def test_a_broken_panel_is_reported_and_left_out_and_the_deck_plays_on(
    folder, panel: str, message: str
) -> None:
    deck, problems = load(folder, deck_text(panel))
    assert problems[0] == f"{folder.root / 'slides' / 'deck.yaml'}:{message}"
    assert len(problems) == 1 or "has no" in problems[1]  # a misspelt key is also missing
    assert steps(deck) == [("a", 0, "A")]


def test_event_problems_are_reported_even_in_a_panel_left_out(folder) -> None:
    deck, problems = load(
        folder,
        deck_text(
            "  - kind: timeline\n    id: days\n    events:\n"
            "      - {date: 1944-08-31, caption: Valence}\n"
            "      - {date: 1944-08-32, caption: Montélimar}\n"
        ),
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [
        f"{path}:4:5: error: this timeline has no 'title'; add one, such as "
        'title: {fr: "…", en: "…"}',
        f"{path}:8:16: error: the date: '1944-08-32' is not a day: August 1944 has 31 days",
    ]
    assert steps(deck) == [("a", 0, "A")]


def test_a_deck_of_only_broken_panels_plays_nothing_but_says_why(folder) -> None:
    deck, problems = load(
        folder, "title: T\nslides:\n  - kind: timeline\n    id: days\n    title: T\n"
    )
    assert deck is None
    assert len(problems) == 1


def test_only_a_mapping_with_kind_is_a_panel() -> None:
    def node(text: str):
        return compose(text, "x.yaml", [])

    assert is_panel(node("{kind: timeline, id: x}"))
    assert is_panel(node("{id: x, kind: nonsense}"))
    assert not is_panel(node("{image: a.png, caption: A}"))
    assert not is_panel(node("[kind]"))
    assert not is_panel(node("kind"))
