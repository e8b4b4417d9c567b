"""A timeline or a map drawn into a step slide's photo area.

Where everything goes is kiosk.show.panel_layout's and kiosk.show.map_layout's; this only
paints it, and hands back the tap targets of the markers it painted, so what a finger
reaches is what the eye sees. The current event is lit in the palette's accent colour,
larger, its label bold; with high contrast the lines are as thick as the buttons' borders.
"""

from __future__ import annotations

import pygame

from kiosk.screen.fonts import Fonts
from kiosk.screen.images import PhotoFailure
from kiosk.show.deck import Slide
from kiosk.show.layout import Rect, fit_image_to_screen
from kiosk.show.map_layout import MapPicture, map_picture
from kiosk.show.panel_layout import (
    Label,
    Marker,
    PanelScreen,
    TapTargets,
    TimelinePicture,
    tap_targets,
    timeline_picture,
)
from kiosk.show.theme import Colour, Palette

PLATE_OPACITY = 215
"""How opaque the plate under a place's name is on a map (the map shows through a little);
with high contrast it is opaque."""

Photo = pygame.Surface | PhotoFailure | None


def draws_panel(slide: Slide, photo: Photo) -> bool:
    """Whether `slide` is a step of a panel this module draws: a timeline always (a missing
    photo leaves its date written large), a map only when its base map is there to draw on."""
    if slide.panel is None:
        return False
    return slide.panel.kind == "timeline" or isinstance(photo, pygame.Surface)


def draw_panel(
    frame: pygame.Surface,
    fonts: Fonts,
    area: Rect,
    slide: Slide,
    photo: Photo,
    palette: Palette,
    screen: PanelScreen,
) -> TapTargets:
    """The panel of `slide` (see `draws_panel`) with its step lit, in `area`; its targets."""
    assert slide.panel is not None
    if slide.panel.kind == "map":
        assert isinstance(photo, pygame.Surface)
        picture = map_picture(area, photo.get_size(), slide.panel, slide.step, screen)
        _draw_map(frame, fonts, picture, photo, palette)
        return tap_targets(picture.markers, picture.finger)
    shown = photo if isinstance(photo, pygame.Surface) else None
    timeline = timeline_picture(area, slide.panel, slide.step, screen, shown is not None)
    _draw_timeline(frame, fonts, timeline, shown, palette)
    return tap_targets(timeline.markers, timeline.finger)


def _draw_timeline(
    frame: pygame.Surface,
    fonts: Fonts,
    picture: TimelinePicture,
    photo: pygame.Surface | None,
    palette: Palette,
) -> None:
    if photo is not None:
        _blit_fitted(frame, photo, fit_image_to_screen(*photo.get_size(), picture.above))
    for label in picture.big_date:
        _text(frame, fonts, label, palette.accent, bold=True)
    left, right, y = picture.axis
    line = palette.border_width
    pygame.draw.line(frame, palette.secondary, (left, y), (right, y), line)
    for tick in picture.ticks:
        reach = picture.finger // (3 if tick.major else 6)
        width = line if tick.major else max(1, line // 2)
        pygame.draw.line(frame, palette.secondary, (tick.x, y - reach), (tick.x, y + reach), width)
    for marker in picture.markers:  # stacked above the axis: a stem down to its day
        if marker.centre[1] != y:
            pygame.draw.line(frame, palette.secondary, (marker.centre[0], y), marker.centre, 1)
    for marker in sorted(picture.markers, key=lambda m: m.current):  # the lit one on top
        _timeline_marker(frame, marker, palette)
    for label in picture.labels:
        colour = palette.accent if label.current else palette.secondary
        _text(frame, fonts, label, colour, bold=label.current)


def _timeline_marker(frame: pygame.Surface, marker: Marker, palette: Palette) -> None:
    colour = palette.accent if marker.current else palette.caption
    rect = pygame.Rect(marker.rect.x, marker.rect.y, marker.rect.w, marker.rect.h)
    radius = min(rect.w, rect.h) // 2
    if marker.bar:
        pygame.draw.rect(frame, colour, rect, border_radius=radius)
    else:
        pygame.draw.circle(frame, colour, marker.centre, radius)
    if marker.current:
        gap = palette.border_width * 2
        ring = rect.inflate(2 * gap, 2 * gap)
        pygame.draw.rect(
            frame, colour, ring, palette.border_width, border_radius=min(ring.w, ring.h) // 2
        )


def _draw_map(
    frame: pygame.Surface,
    fonts: Fonts,
    picture: MapPicture,
    photo: pygame.Surface,
    palette: Palette,
) -> None:
    _blit_fitted(frame, photo, picture.map_rect)
    line = palette.border_width
    for marker in sorted(picture.markers, key=lambda m: m.current):
        radius = marker.rect.w // 2
        if marker.current:  # a ring as wide as a fingertip, dark-edged to read on any map
            pygame.draw.circle(frame, palette.background, marker.centre, picture.ring + line)
            pygame.draw.circle(frame, palette.accent, marker.centre, picture.ring, line + 1)
        pygame.draw.circle(frame, palette.background, marker.centre, radius + line)
        pygame.draw.circle(frame, palette.accent if marker.current else palette.caption,
                           marker.centre, radius)  # fmt: skip
    opacity = 255 if palette.border_width > 2 else PLATE_OPACITY
    for label in picture.labels:
        box = label.box
        plate = pygame.Surface((box.w, box.h), pygame.SRCALPHA)
        plate.fill((*palette.panel, opacity))
        frame.blit(plate, (box.x, box.y))
        colour = palette.accent if label.current else palette.caption
        inner = Rect(box.x + picture.plate, box.y, box.w - 2 * picture.plate, box.h)
        _text(frame, fonts, Label(label.text, inner, label.size), colour, bold=label.current)


def _blit_fitted(frame: pygame.Surface, photo: pygame.Surface, place: Rect) -> None:
    if place.w <= 0 or place.h <= 0:
        return
    if (place.w, place.h) != photo.get_size():
        photo = pygame.transform.smoothscale(photo, (place.w, place.h))
    frame.blit(photo, (place.x, place.y))


def _text(frame: pygame.Surface, fonts: Fonts, label: Label, colour: Colour, bold: bool) -> None:
    """`label`'s text in its box, centred on its line, never wider than the box."""
    rendered = fonts.render(label.text, label.size, colour, bold=bold)
    y = label.box.y + (label.box.h - rendered.get_height()) // 2
    frame.blit(rendered, (label.box.x, y), (0, 0, label.box.w, rendered.get_height()))
