"""Timelines and maps expanded into step slides: one per event, in date order, where the
entry is written; a map taking a timeline's events; what a problem costs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.show.deck import LocalizedText, Mark
from kiosk.show.step_caption import step_caption
from tests.content.panels import load, steps, write_map, write_places

DECK = """\
title: Liberation
defaults:
  duration: 9
slides:
  - id: before
    image: a.png
    caption: Avant
  - kind: timeline
    id: days
    title: {fr: Les jours, en: The days}
    duration: 10
    transition: cut
    events:
      - date: 1944-08-31
        place: valence
        caption: {fr: Valence libérée, en: Valence liberated}
        credit: Archives
      - date: 1944-08-16/1944-08-17
        caption: Le pont de Livron
        image: b.png
        duration: 20
      - date: 1944-08-28
        place: montelimar
        caption: Montélimar
  - id: after
    image: c.png
    caption: Après
"""


@pytest.fixture
def folder(exhibition):
    write_places(exhibition.root)
    write_map(exhibition.media)
    return exhibition


def test_a_timeline_becomes_one_slide_per_event_in_date_order_where_it_is_written(
    folder,
) -> None:
    deck, problems = load(folder, DECK)
    assert problems == []
    assert steps(deck) == [
        ("before", 0, "Avant"),
        ("days", 0, "Le pont de Livron"),
        ("days", 1, "Montélimar"),
        ("days", 2, "Valence libérée"),
        ("after", 0, "Après"),
    ]
    first, second, third = deck.slides[1:4]
    panel = first.panel
    assert panel is not None and second.panel is panel and third.panel is panel
    assert (panel.kind, panel.id, panel.base_map) == ("timeline", "days", None)
    assert panel.title == LocalizedText((("fr", "Les jours"), ("en", "The days")))
    assert [slide.event for slide in (first, second, third)] == list(panel.events)
    assert [slide.duration for slide in (first, second, third)] == [20.0, 10.0, 10.0]
    assert {slide.transition for slide in (first, second, third)} == {"cut"}
    assert (first.image.name, second.image, third.image) == ("b.png", None, None)
    assert third.credit == LocalizedText.same_everywhere("Archives")
    assert {slide.motion for slide in deck.slides[1:4]} == {None}
    deck_file = str(folder.root / "slides" / "deck.yaml")
    assert first.where == Mark(deck_file, 18, 9)
    assert first.caption_where == Mark(deck_file, 19, 18)
    assert third.caption_where == Mark(deck_file, 16, 23)  # the default language's text


def test_a_step_s_caption_says_where_and_when_before_the_curator_s_text(folder) -> None:
    deck, _ = load(folder, DECK)
    for slide in deck.slides[1:4]:
        assert slide.caption == step_caption(slide.event)
    assert deck.slides[2].caption.get("fr") == "Montélimar, 28 août 1944. Montélimar"


def test_dates_are_written_by_babel_in_every_language_when_the_deck_is_read(folder) -> None:
    deck, _ = load(folder, DECK)
    bridge, montelimar = deck.slides[1].event, deck.slides[2].event
    assert bridge.date_text == LocalizedText(
        (("fr", "16–17 août 1944"), ("en", "16\u2009–\u200917 August 1944"))
    )
    assert bridge.date_label.get("fr") == "16–17 août"
    assert montelimar.date_text == LocalizedText((("fr", "28 août 1944"), ("en", "28 August 1944")))
    assert montelimar.place is not None and montelimar.place.id == "montelimar"
    deck, _ = load(folder, DECK, languages=("fr", "en", "de"))
    assert deck.slides[2].event.date_text.get("de") == "28. August 1944"


def test_events_on_the_same_day_keep_the_order_they_are_written_in(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - kind: timeline
            id: days
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-31, caption: Saint-Rambert}
              - {date: 1944-08-30/31, caption: Romans}
              - {date: 1944-08-30, caption: Crest}
        """,
    )
    assert problems == []
    assert [caption for _, _, caption in steps(deck)] == [
        "Crest",
        "Romans",
        "Valence",
        "Saint-Rambert",
    ]


MAP_AFTER = """\
  - kind: map
    id: where
    title: {fr: Où, en: Where}
    map: maps/map.png
    events_from: days
"""


@pytest.mark.parametrize("map_first", [False, True])
def test_a_map_takes_the_events_of_a_timeline_before_or_after_it(folder, map_first: bool) -> None:
    head, slides = DECK.split("slides:\n")
    text = f"{head}slides:\n{MAP_AFTER}{slides}" if map_first else DECK + MAP_AFTER
    deck, problems = load(folder, text)
    assert problems == []
    map_steps = [slide for slide in deck.slides if slide.id == "where"]
    timeline = next(slide.panel for slide in deck.slides if slide.id == "days")
    assert [slide.step for slide in map_steps] == [0, 1, 2]
    panel = map_steps[0].panel
    assert panel.kind == "map" and panel.events == timeline.events
    assert {slide.image for slide in map_steps} == {folder.media / "maps" / "map.png"}
    assert [slide.duration for slide in map_steps] == [20.0, 9.0, 9.0]  # the deck's default
    index = [slide.id for slide in deck.slides].index("where")
    assert index == (0 if map_first else 5)
    u, v = panel.base_map.projection.place(44.5581, 4.7509)
    assert (round(u, 4), round(v, 4)) == (0.2509, 0.6279)


def test_a_map_with_its_own_events_steps_through_them_in_date_order(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - kind: map
            id: where
            title: Où
            map: maps/map.png
            duration: 7
            events:
              - {date: 1944-08-31, place: valence, caption: Valence}
              - {date: 1944-08-25, place: nyons, caption: Nyons}
              - {date: 1944-09-02, caption: "La Drôme libérée"}
        """,
    )
    assert problems == []
    assert steps(deck) == [
        ("where", 0, "Nyons"),
        ("where", 1, "Valence"),
        ("where", 2, "La Drôme libérée"),
    ]
    assert {slide.duration for slide in deck.slides} == {7.0}


def test_a_broken_event_costs_only_itself_while_two_remain(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - kind: timeline
            id: days
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-02-30, caption: Impossible}
              - {date: 1944-08-28, caption: Montélimar}
        """,
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [
        f"{path}:8:16: error: the date: '1944-02-30' is not a day: February 1944 has 29 days"
    ]
    assert [caption for _, _, caption in steps(deck)] == ["Montélimar", "Valence"]


def test_a_panel_left_with_one_event_is_left_out_and_the_deck_plays_on(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - {image: a.png, caption: A}
          - kind: timeline
            id: days
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-32, caption: Impossible}
          - kind: timeline
            id: lonely
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
          - kind: timeline
            id: empty
            title: T
            events: []
        """,
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [
        f"{path}:9:16: error: the date: '1944-08-32' is not a day: August 1944 has 31 days",
        f"{path}:4:5: error: this timeline needs at least 2 events, and only 1 of its 2 can be "
        "shown (see the problems with its events); add another, or make a lone event a photo slide",
        f"{path}:10:5: error: this timeline needs at least 2 events, and it has 1; add "
        "another, or make a lone event a photo slide",
        f"{path}:15:5: error: this timeline needs at least 2 events, and it has none; add "
        "another, or make a lone event a photo slide",
    ]
    assert steps(deck) == [("a", 0, "A")]


def test_a_panels_id_must_be_unique_among_the_slides_but_its_steps_share_it(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - {id: days, image: a.png, caption: A}
          - kind: timeline
            id: days
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-28, caption: Montélimar}
          - kind: timeline
            id: other
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-28, caption: Montélimar}
          - {id: other, image: b.png, caption: B}
        """,
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [
        f"{path}:5:9: error: slide id 'days' is already used by the slide at line 3; give "
        "each slide its own id",
        f"{path}:16:10: error: slide id 'other' is already used by the slide at line 11; give "
        "each slide its own id",
    ]
    assert [(slide_id, step) for slide_id, step, _ in steps(deck)] == [
        ("days", 0),
        ("other", 0),
        ("other", 1),
    ]


def test_a_map_whose_timeline_is_left_out_is_left_out_too_and_says_why(folder) -> None:
    deck, problems = load(
        folder,
        """\
        title: T
        slides:
          - {image: a.png, caption: A}
          - kind: timeline
            id: days
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-28, caption: Montélimar}
          - kind: map
            id: where
            title: Où
            map: maps/map.png
            events_from: days
        """,
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [
        f"{path}:4:5: error: this timeline has no 'title'; add one, such as "
        'title: {fr: "…", en: "…"}',
        f"{path}:13:18: error: the timeline 'days' (line 4) is left out for its problems, so "
        "this map has no events either; fix the timeline",
    ]
    assert steps(deck) == [("a", 0, "A")]


@pytest.mark.parametrize(
    ("events_from", "message"),
    [
        ("dayz", "events_from 'dayz' names no timeline in this deck; did you mean 'days'?"),
        (
            "nothing-like-it",
            "events_from 'nothing-like-it' names no timeline in this deck; "
            "this deck's timelines: days",
        ),
        ("a", "events_from 'a' names a photo slide, not a timeline; name a timeline of this deck"),
        ("where", "events_from 'where' names a map, not a timeline; name a timeline of this deck"),
    ],
)
def test_events_from_must_name_a_timeline_of_the_deck(
    folder, events_from: str, message: str
) -> None:
    deck, problems = load(
        folder,
        f"""\
        title: T
        slides:
          - {{image: a.png, caption: A}}
          - kind: timeline
            id: days
            title: T
            events:
              - {{date: 1944-08-31, caption: Valence}}
              - {{date: 1944-08-28, caption: Montélimar}}
          - kind: map
            id: where
            title: Où
            map: maps/map.png
            events_from: {events_from}
        """,
    )
    path = folder.root / "slides" / "deck.yaml"
    assert problems == [f"{path}:14:18: error: {message}"]
    assert [slide_id for slide_id, _, _ in steps(deck)] == ["a", "days", "days"]


def test_a_deck_without_a_places_file_plays_until_it_names_a_place(exhibition) -> None:
    text = """\
        title: T
        slides:
          - kind: timeline
            id: days
            title: T
            events:
              - {date: 1944-08-31, caption: Valence}
              - {date: 1944-08-28, caption: Montélimar}
              - {date: 1944-08-27, place: montelimar, caption: Montélimar}
        """
    deck, problems = load(exhibition, text)
    path = Path(exhibition.root / "slides" / "deck.yaml")
    assert problems == [
        f"{path}:9:35: error: the place 'montelimar' cannot be found: there is no places file "
        "slides/places.yaml; create it, giving each place an id, a name, a latitude and a "
        "longitude (see 'Timelines and maps' in slides/README.md)"
    ]
    assert len(deck.slides) == 2


EVENT_PARTS = [
    "date: 1944-08-31",
    "date: 1944-02-30",
    "date: 1944-08-16/17",
    "date: 1944-08-17/16",
    "date: [1]",
    "date: ''",
    "caption: C",
    "caption: {fr: C, en: D}",
    "caption: {de: C}",
    "place: valence",
    "place: paris",
    "place: nowhere",
    "place: {a: b}",
    "image: a.png",
    "image: missing.png",
    "duration: 5",
    "duration: -1",
    "colour: red",
]
PANEL_PARTS = [
    "kind: timeline",
    "kind: map",
    "kind: [map]",
    "id: days",
    "id: where",
    "id: Days",
    "title: T",
    "title: []",
    "map: maps/map.png",
    "map: nothing.png",
    "events_from: days",
    "events_from: where",
    "duration: 4",
    "transition: wipe",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    panels=st.lists(
        st.tuples(
            st.lists(st.sampled_from(PANEL_PARTS), max_size=6),
            st.one_of(
                st.none(),
                st.lists(st.lists(st.sampled_from(EVENT_PARTS), max_size=5), max_size=4),
            ),
        ),
        max_size=3,
    )
)
def test_any_mix_of_panel_keys_loads_without_raising_and_every_problem_is_placed(
    folder, panels
) -> None:
    lines = ["title: T", "slides:", "  - {image: a.png, caption: A}"]
    for keys, events in panels:
        lines.append("  - " + "\n    ".join(["kind: timeline", *keys][-7:]))
        if events is not None:
            lines.append("    events:")
            lines += ["      - {" + ", ".join(event) + "}" for event in events]
    deck, problems = load(folder, "\n".join(lines) + "\n")
    assert deck is not None and deck.slides[0].id == "a"
    for problem in problems:
        assert ":0:" not in problem and problem.count(": ") >= 2
    ids_and_steps = [(slide.id, slide.step) for slide in deck.slides]
    assert len(set(ids_and_steps)) == len(ids_and_steps)
    for slide in deck.slides[1:]:
        panel = slide.panel
        assert panel is not None and len(panel.events) >= 2
        assert slide.event == panel.events[slide.step]
        dates = [event.date for event in panel.events]
        assert dates == sorted(dates)
