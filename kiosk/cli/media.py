"""`kiosk media`: what is left to do with the exhibition's photos, in one report.

The slides that still show a stand-in, the files in media/ no slide uses, names that differ
only by capitals or extension, the photos the show cannot decode (decoded in full, as the show
does, with validate's remembered verdicts), the photos much smaller than the screen, and how
much room media/ takes. Each slide is named by its deck file and line.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sized

from kiosk.cli.common import add_config_argument, open_config, open_exhibition, shown_file
from kiosk.content.advice import smaller_than_screen, wanted_scan
from kiosk.content.media_paths import media_label
from kiosk.content.media_report import MediaReport, PhotoUse, media_files, media_report
from kiosk.content.problems import count
from kiosk.show.layout import usual_photo_area

COMMAND = "kiosk media"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "media",
        help="report on the photos: stand-ins left, unused files, look-alike names, "
        "photos that cannot be shown or are too small, total size",
        description="Report on the exhibition's photos: the slides that still show a "
        "stand-in image, the files in the media folder no slide uses, file names that differ "
        "only by capitals or extension, photos the show cannot decode, photos much smaller "
        "than the screen, and the total size. Exit 0, or 1 when a slide's photo cannot be "
        "shown (the slide then plays without it); 2 when the command itself is wrong.",
    )
    add_config_argument(parser)
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    from kiosk.screen.photo_check import VERDICTS_FILE, PhotoChecker  # Pillow: only here
    from kiosk.tools.standin_mark import is_stand_in

    config = open_config(args.config, command=COMMAND)
    area = usual_photo_area(*config.window_size, config.languages, config.screen)  # as shown
    photos = PhotoChecker((area.w, area.h), config.resolve(VERDICTS_FILE))
    try:
        exhibition = open_exhibition(args.config, (), command=COMMAND)
        files = media_files(config.media_root)
        report = media_report(
            exhibition.decks, config.media_root, files, photos, is_stand_in, config.window_size
        )
    finally:
        photos.close()
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    errors = sum(problem.is_error for problem in exhibition.problems)
    if errors:
        print(
            f"The decks have {count(errors, 'error')}: the slides they leave out are not in "
            "this report (kiosk validate lists the errors)."
        )
    for line in report_lines(report, media_label(config), config.window_size):
        print(line)
    return 1 if report.undecodable else 0


def report_lines(report: MediaReport, label: str, screen: tuple[int, int]) -> Iterator[str]:
    """The report, one section per question, each opened by a line that gives its count."""
    stand_ins, unused, groups = report.stand_ins, report.unused, report.look_alikes
    yield (
        f"{_many(stand_ins, 'slide still shows', 'slides still show')} a stand-in image "
        "(drop the photograph in under the same file name):"
        if stand_ins
        else "No slide shows a stand-in image any more."
    )
    yield from (f"  {_place(use)}: {use.name} (slide '{use.slide.id}')" for use in stand_ins)
    yield ""
    yield (
        f"{_many(unused, 'file', 'files')} in {label} no slide uses:"
        if unused
        else f"Every file in {label} is used by a slide."
    )
    yield from (f"  {file.name} ({_size(file.size)})" for file in unused)
    yield ""
    yield (
        f"{_many(groups, 'set', 'sets')} of file names that differ only by capitals or "
        "extension (keep one of each):"
        if groups
        else "No two file names differ only by capitals or extension."
    )
    yield from _look_alikes(report)
    yield ""
    yield from _photos(report, screen)
    yield ""
    used = report.used_files
    yield (
        f"Total: {count(len(report.files), 'file')} in {label}, {_size(report.total_bytes)}; "
        f"the slides use {len(used)} of them, {_size(sum(file.size for file in used))}."
    )


def _look_alikes(report: MediaReport) -> Iterator[str]:
    """Each set with the slides that use its files, so the curator knows which to keep."""
    for group in report.look_alikes:
        yield f"  {', '.join(group)}"
        for name in group:
            places = [_place(use) for use in report.uses if use.name == name]
            yield f"    {name}: " + (f"used at {', '.join(places)}" if places else "unused")


def _photos(report: MediaReport, screen: tuple[int, int]) -> Iterator[str]:
    """The photos the show cannot decode, then those it would have to blow up."""
    broken, small = report.undecodable, report.small
    yield (
        f"{_many(broken, 'photo', 'photos')} the show cannot decode (the slide plays without it):"
        if broken
        else "The show can decode every photo."
    )
    yield from (f"  {_place(use)}: {use.name}: the photo {why}" for use, why in broken)
    yield ""
    screen_text = f"the {screen[0]}x{screen[1]} screen"
    yield (
        f"{_many(small, 'photo is', 'photos are')} much smaller than {screen_text}:"
        if small
        else f"No photo is much smaller than {screen_text}."
    )
    for use, size in small:
        detail = smaller_than_screen(size, screen).removeprefix("the photo ")
        yield f"  {_place(use)}: {use.name} {detail}; use {wanted_scan(size, screen)}"


def _many(items: Sized, one: str, many: str) -> str:
    """'1 photo is', '3 photos are'."""
    return f"{len(items)} {one if len(items) == 1 else many}"


def _place(use: PhotoUse) -> str:
    return f"{shown_file(str(use.deck))}:{use.where.line}"


def _size(size: int) -> str:
    """Bytes for a person: '830 KB', '6.3 MB'."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000)) if size else 0} KB"
    return f"{size / 1000 / 1000:.1f} MB"
