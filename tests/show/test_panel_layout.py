"""Timeline and map geometry: markers in date order and where coordinates say, fingertip
targets that never overlap, labels that never overlap."""

from __future__ import annotations

import datetime as dt
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.show.event_axis import AxisScale, axis_ticks
from kiosk.show.layout import MIN_BUTTON_PX, Rect, TypeSizes
from kiosk.show.map_layout import map_picture
from kiosk.show.panel_layout import (
    Label,
    PanelScreen,
    TimelinePicture,
    step_at,
    tap_targets,
    timeline_picture,
)
from kiosk.show.slide_texts import caption_view
from tests.show.drome_panels import (
    BUIS,
    LIBERATION,
    VALENCE,
    deck,
    drome_map,
    event,
    liberation_events,
    pixel_of,
    steps,
    timeline,
)

WIDE = Rect(13, 13, 1894, 700)
TALL = Rect(13, 13, 1054, 790)
SMALL = Rect(6, 6, 788, 250)


def measure(text: str, size: int) -> int:
    return round(len(text) * size * 0.55)


def bold(text: str, size: int) -> int:
    return round(len(text) * size * 0.62)


def screen(width: int = 1920, height: int = 1080, lang: str = "fr") -> PanelScreen:
    sizes = TypeSizes.for_screen(height, width)
    return PanelScreen.for_screen(width, height, sizes, (measure, bold), lang, "fr")


def drawn(picture: TimelinePicture) -> list[Label]:
    return [*picture.labels, *picture.big_date]


def assert_apart(labels: list[Label]) -> None:
    for a, b in combinations(labels, 2):
        assert not a.box.overlaps(b.box), (a, b)


def assert_fingertips(targets, finger: int) -> None:
    for rect, _ in targets:
        assert rect.w >= finger and rect.h >= finger
    for (a, _), (b, _) in combinations(targets, 2):
        assert not a.overlaps(b), (a, b)


# --- the timeline ---------------------------------------------------------------------------


@pytest.mark.parametrize("area", [WIDE, TALL, SMALL], ids=["wide", "tall", "small"])
def test_markers_follow_the_dates_from_left_to_right(area: Rect) -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(area, panel, 0, screen(), has_photo=False)
    xs = [marker.centre[0] for marker in picture.markers]
    assert xs == sorted(xs)
    assert xs[6] == xs[7], "two events on 31 August share their day"
    assert len(set(xs)) == 8
    left, right, _ = picture.axis
    assert area.x <= left < xs[0] and xs[-1] < right <= area.right


def test_events_on_the_same_day_are_stacked_each_with_a_fingertip() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(TALL, panel, 0, screen(1080, 1920), has_photo=False)
    same_day = picture.markers[6], picture.markers[7]
    assert same_day[0].centre[0] == same_day[1].centre[0]
    assert abs(same_day[0].centre[1] - same_day[1].centre[1]) >= picture.finger
    assert picture.markers[0].centre[1] == picture.axis[2]
    assert_fingertips(tap_targets(picture.markers, picture.finger), picture.finger)


def test_a_span_is_a_bar_from_its_first_day_to_its_last() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(WIDE, panel, 3, screen(), has_photo=False)
    bridge = picture.markers[0]  # 16-17 August
    per_day = (picture.markers[1].centre[0] - bridge.centre[0]) / 4.5  # to 21 August, noon
    assert bridge.bar and not picture.markers[1].bar
    assert bridge.rect.w == pytest.approx(2 * per_day, abs=2)
    assert bridge.rect.x + bridge.rect.w / 2 == pytest.approx(bridge.centre[0], abs=1)


def test_the_current_event_is_larger_and_its_label_bold_and_first() -> None:
    panel = timeline(liberation_events())
    for step in range(len(panel.events)):
        picture = timeline_picture(TALL, panel, step, screen(1080, 1920), has_photo=False)
        current = [marker for marker in picture.markers if marker.current]
        assert [marker.step for marker in current] == [step]
        other = timeline_picture(TALL, panel, (step + 1) % 9, screen(1080, 1920), False)
        assert current[0].rect.h > other.markers[step].rect.h
        lit = [label for label in picture.labels if label.current]
        assert len(lit) == 1 and lit[0].text == panel.events[step].date_label.get("fr")


def test_labels_are_written_once_a_date_and_never_overlap() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(TALL, panel, 0, screen(1080, 1920), has_photo=False)
    texts = [label.text for label in picture.labels]
    assert len(texts) == len(set(texts))
    assert_apart(drawn(picture))
    assert all(TALL.x <= label.box.x and label.box.right <= TALL.right for label in picture.labels)


def test_crowded_labels_take_a_second_row_rather_than_overlap() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(TALL, panel, 0, screen(1080, 1920), has_photo=False)
    rows = {label.box.y for label in picture.labels}
    assert len(rows) == 2
    assert len(picture.labels) >= 6


def test_without_a_photo_the_date_is_written_large_above_the_axis() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(WIDE, panel, 1, screen(), has_photo=False)
    (date,) = picture.big_date
    assert date.text == "21 août 1944"
    assert date.size > TypeSizes.for_screen(1080, 1920).caption
    for label in picture.big_date:
        assert picture.above.x <= label.box.x and label.box.right <= picture.above.right
        assert picture.above.y <= label.box.y and label.box.bottom <= picture.above.bottom
    band_top = min(marker.rect.y for marker in picture.markers)
    assert picture.above.bottom < band_top


def test_the_large_date_keeps_to_one_line_unless_that_makes_it_small() -> None:
    panel = timeline(liberation_events())
    caption = TypeSizes.for_screen(1920, 1080).caption
    for area, lines in ((TALL, 1), (Rect(0, 0, 420, 800), 2)):
        picture = timeline_picture(area, panel, 7, screen(1080, 1920), has_photo=False)
        assert [label.text for label in picture.big_date][:lines] == (
            ["31 août 1944"] if lines == 1 else ["31 août", "1944"]
        )
        assert all(label.size >= 1.5 * caption for label in picture.big_date)


def test_with_a_photo_the_photo_has_the_room_above_the_axis() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(WIDE, panel, 1, screen(lang="en"), has_photo=True)
    assert picture.big_date == ()
    without = timeline_picture(WIDE, panel, 1, screen(lang="en"), has_photo=False)
    assert picture.above == without.above
    assert picture.above.y == WIDE.y and picture.above.h > WIDE.h // 2


dates = st.dates(dt.date(1900, 1, 1), dt.date(2000, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(st.tuples(dates, st.integers(0, 40)), min_size=2, max_size=14),
    width=st.integers(320, 1920),
    step=st.integers(0, 13),
)
def test_any_timeline_keeps_fingertips_apart_and_labels_apart(starts, width, step) -> None:
    events = sorted(
        (event(f"{first}/{first + dt.timedelta(days=days)}") for first, days in starts),
        key=lambda e: (e.date.start, e.date.end),
    )
    panel = timeline(events)
    step = step % len(events)
    area = Rect(8, 8, width - 16, 2000)  # room enough to stack 14 events on one day
    picture = timeline_picture(area, panel, step, screen(width, 1000), has_photo=False)
    assert_fingertips(tap_targets(picture.markers, picture.finger), picture.finger)
    assert_apart(drawn(picture))
    low = timeline_picture(Rect(8, 8, width - 16, 300), panel, step, screen(width, 1000), False)
    targets = tap_targets(low.markers, low.finger)
    for marker in low.markers:  # stacked no higher than half the area: a tap still finds each
        assert low.axis[2] - marker.centre[1] <= 150
        x, y = marker.centre
        alone = all(
            abs(x - o.centre[0]) + abs(y - o.centre[1]) > 2 for o in low.markers if o != marker
        )
        if alone:  # two markers a pixel apart are one place for a finger
            assert step_at(targets, x, y) == marker.step
    assert_apart(drawn(low))
    assert any(label.current for label in picture.labels)
    xs = [marker.centre[0] for marker in picture.markers]
    middles = [e.date.middle for e in events]
    assert all(
        x1 <= x2
        for (m1, x1), (m2, x2) in combinations(zip(middles, xs, strict=True), 2)
        if m1 <= m2
    )


def test_a_tap_goes_to_the_marker_it_is_on_and_to_the_nearest_where_two_overlap() -> None:
    panel = timeline(liberation_events())
    picture = timeline_picture(TALL, panel, 0, screen(1080, 1920), has_photo=False)
    targets = tap_targets(picture.markers, picture.finger)
    for marker in picture.markers:
        assert step_at(targets, *marker.centre) == marker.step
    assert step_at(targets, TALL.x + 1, TALL.y + 1) is None
    overlapping = ((Rect(0, 0, 60, 60), 4), (Rect(40, 0, 60, 60), 5))
    assert step_at(overlapping, 45, 30) == 4
    assert step_at(overlapping, 58, 30) == 5


def test_ticks_mark_days_on_a_month_and_years_on_a_century() -> None:
    month = AxisScale(dt.date(1944, 8, 16).toordinal(), dt.date(1944, 9, 3).toordinal(), 0, 1800)
    ticks = axis_ticks(month, 10)
    assert len([tick for tick in ticks if not tick.major]) == 18
    first_of_september = round(month.x(dt.date(1944, 9, 1).toordinal()))
    assert [tick.x for tick in ticks if tick.major] == [first_of_september]
    century = AxisScale(dt.date(1900, 1, 1).toordinal(), dt.date(2000, 1, 1).toordinal(), 0, 1000)
    ticks = axis_ticks(century, 10)
    gaps = [b.x - a.x for a, b in pairwise(ticks)]
    assert min(gaps) >= 9 and 10 <= len(ticks) <= 101


# --- the map --------------------------------------------------------------------------------


def liberation_map(size=(800, 1000)):
    return drome_map(Path("map.png"), liberation_events(), size)


@pytest.mark.parametrize("size", [(800, 1000), (1600, 900)])
def test_a_place_lands_where_its_coordinates_say(size) -> None:
    panel = liberation_map(size)
    picture = map_picture(WIDE, size, panel, 0, screen())
    fitted = picture.map_rect
    for marker, town in zip(picture.markers, [p for _, p in LIBERATION if p], strict=False):
        x, y = pixel_of(town, size)
        expected = (fitted.x + x * fitted.w / size[0], fitted.y + y * fitted.h / size[1])
        assert marker.centre == pytest.approx(expected, abs=1.0), town.id


def test_the_map_fills_the_photo_area_as_its_shape_allows() -> None:
    panel = liberation_map()
    picture = map_picture(TALL, (800, 1000), panel, 1, screen(1080, 1920, "en"))
    assert (picture.map_rect.y, picture.map_rect.h) == (TALL.y, TALL.h)
    assert picture.map_rect.w == round(TALL.h * 0.8)


def test_names_stay_on_the_map_and_apart() -> None:
    panel = liberation_map()
    for area, size in ((WIDE, (1920, 1080)), (TALL, (1080, 1920))):
        picture = map_picture(area, (800, 1000), panel, 4, screen(*size))
        names = [label.text for label in picture.labels]
        assert sorted(names) == sorted(p.name.get("fr") for _, p in LIBERATION if p)
        assert_apart(list(picture.labels))
        for label in picture.labels:
            box, fitted = label.box, picture.map_rect
            assert fitted.x <= box.x and box.right <= fitted.right
            assert fitted.y <= box.y and box.bottom <= fitted.bottom
        assert_fingertips(tap_targets(picture.markers, picture.finger), picture.finger)


@pytest.mark.parametrize("step", range(8))
def test_on_a_small_map_names_are_left_out_rather_than_cover_a_name_or_a_place(step) -> None:
    panel = liberation_map()
    picture = map_picture(SMALL, (800, 1000), panel, step, screen(800, 480))
    assert_apart(list(picture.labels))
    lit = [label for label in picture.labels if label.current]
    assert len(lit) == 1 and len(picture.labels) < 8
    for label in picture.labels:  # the lit name is written even where nothing else fits
        if not label.current:
            assert not any(label.box.overlaps(m.rect) for m in picture.markers), label.text


def test_the_lit_place_is_the_current_events_and_a_tap_shows_each_places_event() -> None:
    panel = liberation_map()
    picture = map_picture(WIDE, (800, 1000), panel, 1, screen())
    lit = [marker for marker in picture.markers if marker.current]
    assert len(lit) == 1 and lit[0].step == 1
    assert picture.labels[0].current and picture.labels[0].text == BUIS.name.get("fr")
    targets = tap_targets(picture.markers, picture.finger)
    shown = sorted(step_at(targets, *marker.centre) for marker in picture.markers)
    assert shown == [0, 1, 2, 3, 4, 5, 6, 7]


def test_a_place_with_two_events_shows_the_next_when_lit() -> None:
    events = (event("1944-08-30", VALENCE), event("1944-08-31", BUIS), event("1944-09-02", VALENCE))
    panel = drome_map(Path("map.png"), events, (800, 1000))
    first = map_picture(WIDE, (800, 1000), panel, 0, screen())
    assert [(m.step, m.current) for m in first.markers] == [(2, True), (1, False)]
    last = map_picture(WIDE, (800, 1000), panel, 2, screen())
    assert [(m.step, m.current) for m in last.markers] == [(0, True), (1, False)]


def test_an_event_nowhere_lights_no_place() -> None:
    panel = liberation_map()
    picture = map_picture(WIDE, (800, 1000), panel, 8, screen())  # the whole Drôme, 2 September
    assert not any(marker.current for marker in picture.markers)
    assert len(picture.markers) == 8


def test_on_a_small_screen_the_stack_stops_at_half_the_area_and_the_date_still_fits() -> None:
    crowded = [event("1944-08-31") for _ in range(8)] + [event("1944-09-02", BUIS)]
    small = screen(800, 480)
    picture = timeline_picture(SMALL, timeline(crowded), 8, small, has_photo=False)
    highest = min(marker.rect.y for marker in picture.markers)
    assert highest >= SMALL.y + SMALL.h // 2 - picture.finger
    assert picture.big_date and all(
        label.box.bottom <= picture.above.bottom for label in picture.big_date
    )
    none = timeline_picture(Rect(0, 0, 800, 80), timeline(crowded), 8, small, has_photo=False)
    assert none.big_date == ()


def test_the_finger_is_never_below_min_button_px() -> None:
    assert screen(800, 480).finger == MIN_BUTTON_PX
    assert screen(1920, 1080).finger == 55  # 15 mm on the default 24-inch screen


def test_a_step_is_headed_by_its_panels_title_and_counted_as_a_slide() -> None:
    panel = timeline(liberation_events(3))
    the_deck = deck(*steps(panel))
    view = caption_view(the_deck, the_deck.slides[1], "en", "fr")
    assert view.title == "The Drôme liberated"
    assert view.position == "2 / 3"
