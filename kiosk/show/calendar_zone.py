"""The museum's timezone, and the instant a wall clock there shows a given time.

Opening hours are wall-clock times; the kiosk sleeps and wakes at instants. Turning one into
the other is where daylight-saving changes bite, so it happens here and only here:

- A time the clocks skip (02:30 on the last Sunday of March in Europe/Paris, when they jump
  from 02:00 to 03:00) happens when the clocks jump past it: an opening at 02:30 that day
  opens at 03:00, and hours that lie wholly in the skipped hour do not open at all.
- A time the clocks show twice (02:30 on the last Sunday of October, when they fall back from
  03:00 to 02:00) means its first showing: hours from 01:00 to 02:30 close at the first 02:30
  and do not open again when the clocks show 02:00 a second time.

All instants leave here in UTC: arithmetic and comparison between two datetimes that share a
tzinfo is done on their wall clocks, which is wrong across a change; in UTC it never is.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from kiosk.show.calendar import Schedule

EPOCH = datetime(1970, 1, 1)
ONE_SECOND = timedelta(seconds=1)


class MachineZone(tzinfo):
    """The machine's own timezone, asked of the system at every instant.

    `datetime.now().astimezone().tzinfo` is a fixed offset: right today, an hour off after the
    next daylight-saving change. This tzinfo asks the C library (mktime and localtime, which
    follow the TZ variable or /etc/localtime) each time, so it changes offset when the system
    does, and honours `fold` the way ZoneInfo does. It works with any TZ the C library takes,
    a POSIX rule such as "CET-1CEST,M3.5.0,M10.5.0/3" included, which ZoneInfo would refuse.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        wall = dt.replace(tzinfo=None)
        # A naive datetime's timestamp() is the system's mktime, fold included.
        seconds = (wall - EPOCH) / ONE_SECOND - wall.timestamp()
        return timedelta(seconds=round(seconds))

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        return time.localtime(dt.replace(tzinfo=None).timestamp()).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        utc_wall = dt.replace(tzinfo=None)
        offset = timedelta(seconds=time.localtime((utc_wall - EPOCH) // ONE_SECOND).tm_gmtoff)
        wall = (utc_wall + offset).replace(tzinfo=self)
        if self.utcoffset(wall) != offset:
            wall = wall.replace(fold=1)  # the second showing of a repeated hour
        return wall

    def __repr__(self) -> str:
        return "MachineZone()"


MACHINE_ZONE = MachineZone()


def zone(schedule: Schedule) -> tzinfo:
    """The museum's timezone: the one the schedule names, or the machine's own."""
    if schedule.timezone is None:
        return MACHINE_ZONE
    return ZoneInfo(schedule.timezone)


def local(schedule: Schedule, at: datetime) -> datetime:
    """`at` on the museum's clocks. A naive `at` is refused: it would silently be taken as the
    machine's time, which is the bug this module exists to avoid."""
    if at.utcoffset() is None:
        raise ValueError(f"{at!r} has no timezone; pass an aware datetime")
    return at.astimezone(zone(schedule))


def wall_instant(tz: tzinfo, day: date, minute: int) -> datetime:
    """The instant (in UTC) at which clocks in `tz` show `minute` minutes after midnight on
    `day`; 1440 is the next midnight. Skipped and repeated times as the module says."""
    day += timedelta(days=minute // 1440)
    hour, minute = divmod(minute % 1440, 60)
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    instant = wall.astimezone(UTC)  # fold=0: the first showing of a repeated time
    if instant.astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return instant
    return _jump_past(tz, wall)


def _jump_past(tz: tzinfo, wall: datetime) -> datetime:
    """The instant the clocks jump past `wall`, a time they skip: the first second at which
    they show `wall` or later. Read with the offsets from before and after the jump, `wall`
    gives one instant before it and one after; the jump is found between them by halving."""
    target = wall.replace(tzinfo=None)
    before = int(wall.replace(fold=1).astimezone(UTC).timestamp())
    after = int(wall.replace(fold=0).astimezone(UTC).timestamp())
    if before > after:
        before, after = after, before
    while after - before > 1:
        middle = (before + after) // 2
        shown = datetime.fromtimestamp(middle, UTC).astimezone(tz).replace(tzinfo=None)
        if shown >= target:
            after = middle
        else:
            before = middle
    return datetime.fromtimestamp(after, UTC)
