"""The museum's timezone: an IANA name the machine knows, checked with a did-you-mean.

The list of names comes from the machine's own tz database (the one zoneinfo reads), so what
`kiosk validate` accepts is what the kiosk can use.
"""

from __future__ import annotations

import functools
import zoneinfo

from yaml.nodes import Node

from kiosk.content.hints import close_match
from kiosk.content.yaml.nodes import NodeReader

EXAMPLE = "such as Europe/Paris (timedatectl list-timezones lists them all)"


def read_timezone(reader: NodeReader, node: Node) -> str | None:
    """The timezone's name as the tz database spells it; None (reported) for one that does not
    exist. A name right but for its capitals ('europe/paris') is taken as meant."""
    name = reader.text(node, "timezone")
    if name is None:
        return None
    name = name.strip()
    zones = known_zones()
    same_but_case = {zone.lower(): zone for zone in zones}.get(name.lower())
    if same_but_case is not None:
        return same_but_case
    if exists(name):
        return name
    reader.error(node, f"timezone '{name}' does not exist{_hint(name, zones)}")
    return None


def _hint(name: str, zones: frozenset[str]) -> str:
    """The closest name, or the one whose city is the name given ('Paris': 'Europe/Paris')."""
    match = close_match(name, zones)
    if match is None:
        city = name.replace(" ", "_").lower()
        match = next((z for z in sorted(zones) if z.rsplit("/", 1)[-1].lower() == city), None)
    return f"; did you mean '{match}'?" if match else f"; write a name {EXAMPLE}"


@functools.cache
def known_zones() -> frozenset[str]:
    try:
        return frozenset(zoneinfo.available_timezones())
    except (OSError, ValueError):
        return frozenset()


def exists(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
