"""`kiosk import-captions FILE --lang fr --out slides/NEW.yaml`: a deck from a captions text.

The text holds one caption per paragraph, paragraphs separated by blank lines. The deck gets
one slide per caption, copied exactly, with an id and an image name to fill in; the command
then lists the photos to add. It never overwrites a file unless told to (`--force`), and
writes the deck whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
from pathlib import Path

from kiosk.cli.common import (
    UsageError,
    add_config_argument,
    complain,
    open_config,
    require_language,
)
from kiosk.content.config import Config
from kiosk.content.exhibition import DEFAULT_CONFIG
from kiosk.tools.caption_import import CaptionImportError, decode, import_captions


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import-captions",
        help="make a deck from a text of captions, one per paragraph",
        description="Make a deck from a UTF-8 text holding one caption per paragraph, "
        "paragraphs separated by blank lines. Each caption is kept exactly as written. "
        "Exit 0 when the deck is written, 1 when it cannot be, 2 on a usage error.",
    )
    parser.add_argument("captions", type=Path, metavar="FILE", help="the captions text")
    parser.add_argument(
        "--lang", required=True, help="language of the captions, one of the config's languages"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DECK", help="deck to write (slides/new.yaml)"
    )
    parser.add_argument("--title", help="the deck's title (default: the deck file's name)")
    parser.add_argument("--force", action="store_true", help="replace DECK if it exists")
    add_config_argument(parser)
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    config = open_config(args.config)
    _check_usage(args, config)
    out: Path = args.out
    refused = _refusal(out, args.captions, args.force)
    if refused is not None:
        return complain(refused)
    try:
        text = decode(_read(args.captions), args.captions.name)
        deck = import_captions(
            text,
            source=args.captions.name,
            deck_stem=out.stem,
            lang=args.lang,
            title=args.title,
            translate_into=[code for code in config.languages if code != args.lang],
        )
        _write_atomically(out, deck.text.encode("utf-8"))
    except CaptionImportError as exc:
        return complain(str(exc))
    print(f"wrote {out}: {len(deck.slides)} slides from {args.captions.name}")
    _print_next_steps(args, config, [slide.image for slide in deck.slides])
    return 0


def _check_usage(args: argparse.Namespace, config: Config) -> None:
    """UsageError for a mistake in the command's own words, found before any file is read."""
    require_language(args.lang, config)
    if args.title is not None and not args.title.strip():
        raise UsageError("--title is empty; give the deck a title, or leave --title out")
    if args.out.suffix != ".yaml":
        raise UsageError(f"--out {args.out} must name a .yaml file, such as slides/new.yaml")


def _refusal(out: Path, captions: Path, force: bool) -> str | None:
    """Why the deck may not be written at `out`: never over a file unless forced, never over
    the captions themselves, never into a folder that is not there."""
    if (out.exists() or out.is_symlink()) and not force:
        return f"{out} already exists; choose another --out, or add --force to replace it"
    if not out.parent.is_dir():
        return f"the folder {out.parent} does not exist; create it or choose another --out"
    if out.exists() and _same_file(out, captions):
        return f"{out} is the captions file itself; choose another --out"
    return None


def _print_next_steps(args: argparse.Namespace, config: Config, images: list[str]) -> None:
    """The photos still to add, how to draw stand-ins meanwhile, how to check the deck."""
    missing = [config.media_root / image for image in images]
    missing = [path for path in missing if not path.is_file()]
    if missing:
        print(f"Add a photo for each slide ({len(missing)} missing), under these names:")
        for path in missing:
            print(f"  {_shown(path)}")
        print("Until they arrive, draw clearly marked stand-ins for them with:")
        folders = ["--slides", _shown(args.out.parent), "--media", _shown(config.media_root)]
        print(f"  {shlex.join(['kiosk', 'standins', *folders])}")
    config_option = [] if args.config == DEFAULT_CONFIG else ["--config", str(args.config)]
    check = shlex.join(["kiosk", "validate", *config_option, str(args.out)])
    print(f"Then translate the captions, and check the deck with: {check}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CaptionImportError(f"{path} not found; check the name and the folder") from None
    except IsADirectoryError:
        raise CaptionImportError(f"{path} is a folder; name the captions file in it") from None
    except OSError as exc:
        raise CaptionImportError(f"cannot read {path}: {exc.strerror or exc}") from None


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a hidden temporary file next to `target`, then rename it over `target`, so the
    deck is never seen half-written. The file gets the usual permissions (umask applies)."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
    except OSError as exc:
        raise CaptionImportError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _shown(path: Path) -> str:
    """A path as short as it can be said from the current folder."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
