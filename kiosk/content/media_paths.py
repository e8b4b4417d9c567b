"""The photo and sound files a deck names, checked the way a curator can act on.

A name in a deck is relative to the media folder. It must stay inside that folder (no '..',
no absolute path, no link out of it, so a deck cannot show any file on the machine), name a
file rather than a folder, and exist; when it does not, the message names the file most likely
meant, from one walk of the folder per deck. A name is found whichever Unicode spelling of its
accents the disk uses (kiosk/content/file_names.py), and the path kept is the disk's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from yaml.nodes import Node

from kiosk.content.file_names import relative_on_disk
from kiosk.content.hints import list_files, missing_file_hint
from kiosk.content.yaml.nodes import NodeReader

if TYPE_CHECKING:  # config.py reads its title through languages.py: no import cycle
    from kiosk.content.config import Config

AUDIO_SUFFIXES = frozenset({".ogg", ".wav", ".mp3", ".flac"})


def media_label(config: Config) -> str:
    """The media folder as a curator knows it: 'media/'."""
    return f"{config.media_dir.as_posix().rstrip('/')}/"


def config_label(config: Config) -> str:
    """The config file as a curator knows it: 'config/kiosk.yaml'."""
    if config.source is None:
        return "config/kiosk.yaml"
    try:
        return config.source.resolve().relative_to(config.exhibition_dir.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return config.source.name


@dataclass
class MediaPaths:
    """Checks the files named in one deck; problems go to the deck's reader."""

    reader: NodeReader
    config: Config
    _listed: dict[bool, list[str]] = field(default_factory=dict)

    def media_file(self, node: Node, what: str, audio: bool = False) -> Path | None:
        """A file named relative to media/, which must exist and stay inside media/."""
        label = media_label(self.config)
        text = self.reader.text(
            node,
            f"the {what}" if what == "image" else what,
            f"; name a file in {label}, such as town/1.jpg",
        )
        if text is None:
            return None
        relative = PurePosixPath(text.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", text):
            self.reader.error(
                node, f"{what} '{text}' must be a path inside {label}, like town/1.jpg"
            )
            return None
        relative = relative_on_disk(self.config.media_root, relative)  # accents spelt as there
        unusable = self._why_unusable(what, text, relative, audio)
        if unusable is not None:
            self.reader.error(node, unusable)
            return None
        return self.config.media_root / relative

    def _why_unusable(
        self, what: str, text: str, relative: PurePosixPath, audio: bool
    ) -> str | None:
        """What keeps a name inside media/ from being a file the kiosk can play, if anything."""
        label, media = media_label(self.config), self.config.media_root
        path = media / relative
        try:
            inside = path.resolve().is_relative_to(media.resolve())
            exists, folder = path.is_file(), path.is_dir()
        except ValueError:
            return f"{what} '{text}' holds a character no file name can have"
        except (OSError, RuntimeError):
            return f"{what} '{text}' is a link that leads in a circle; replace it"
        if not inside:
            return (
                f"{what} '{text}' is a link to a file outside {label}; "
                f"copy the file itself into {label}"
            )
        if folder:
            inner = [name for name in self.media_files(audio) if name.startswith(f"{relative}/")]
            such_as = f", such as '{inner[0]}'" if inner else ""
            return f"{what} '{text}' is a folder, not a file; name a file in it{such_as}"
        if not exists:
            return f"{what} '{text}' not found in {label}{self._missing_hint(relative, audio)}"
        return None

    def _missing_hint(self, relative: PurePosixPath, audio: bool) -> str:
        """The file probably meant, or that the media folder itself is missing."""
        label = media_label(self.config)
        if not self.config.media_root.is_dir():
            return f"; there is no folder {label} (see media_dir in {config_label(self.config)})"
        return missing_file_hint(str(relative), self.media_files(audio), label)

    def media_files(self, audio: bool) -> list[str]:
        """The files under media/ a name could mean: sound files for a recording, every other
        file for an image. Walked once per deck, and only when a name is wrong."""
        if audio not in self._listed:
            files = list_files(self.config.media_root)
            self._listed[audio] = [
                name
                for name in files
                if (PurePosixPath(name).suffix.lower() in AUDIO_SUFFIXES) is audio
            ]
        return self._listed[audio]
