"""When a digest schedule fires, from APScheduler's CronTrigger and the tz database (pure).

Everything here asks the trigger rather than doing clock arithmetic, so the times the scheduler
fires and the times the service reasons about (catch-up, status, the claim key) are the same.
Daylight saving follows CronTrigger, which reads the tz database:

- a local time that does not exist (02:30 in New York on the spring-forward day) fires once,
  at the same instant as one hour later (03:30 daylight time, 07:30 UTC);
- a local time that happens twice (01:30 in New York on the fall-back day) fires once, the
  first time round (01:30 daylight time, 05:30 UTC): a day's digest is posted once. The
  trigger still wakes the job an hour later, when the second 01:30 comes; the latest fire time
  due then is the first one, already claimed, so nothing is posted again.

Every datetime returned is aware and in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.store.records import DigestSchedule

# A schedule fires at most a few times a day: this bounds a walk over years of missed runs.
MAX_STEPS = 10_000
_TICK = timedelta(microseconds=1)
# Longer than any daylight-saving shift, so a walk begins on a fire time before the change.
_LOOKBACK = timedelta(days=2)


def trigger_for(schedule: DigestSchedule) -> CronTrigger:
    """The cron trigger of the schedule: its local time on its weekdays (0 = Monday)."""
    return CronTrigger(
        hour=schedule.hour,
        minute=schedule.minute,
        second=0,
        day_of_week=",".join(str(day) for day in schedule.weekdays),
        timezone=ZoneInfo(schedule.timezone),
    )


def _require_aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment


def fire_times(
    schedule: DigestSchedule, *, start: datetime, end: datetime | None = None
) -> Iterator[datetime]:
    """Every fire time t with start <= t (<= end), oldest first.

    The times are walked as the scheduler walks them, each from the one before, starting a
    little before `start`: asked from inside a skipped hour, the trigger would miss that day's
    (shifted) fire time, and asked from between the two occurrences of a repeated local hour it
    could not tell the second from a first. The trigger's fire time at the second occurrence of
    a repeated hour (the same local date and time as the one before) is left out, so a day has
    one digest.
    """
    trigger = trigger_for(schedule)
    start = _require_aware(start, "start").astimezone(UTC)
    last = None if end is None else _require_aware(end, "end").astimezone(UTC)
    fire = trigger.get_next_fire_time(None, (start - _LOOKBACK).astimezone(trigger.timezone))
    previous: datetime | None = None  # the wall-clock time of the fire before, fold ignored
    for _ in range(MAX_STEPS):
        if fire is None:
            return
        moment = fire.astimezone(UTC)
        if last is not None and moment > last:
            return
        wall = fire.astimezone(trigger.timezone).replace(tzinfo=None, fold=0)
        if moment >= start and wall != previous:
            yield moment
        previous = wall
        fire = trigger.get_next_fire_time(fire, fire)


def next_run(schedule: DigestSchedule, after: datetime) -> datetime | None:
    """The first fire time strictly after `after`."""
    return next(fire_times(schedule, start=_require_aware(after, "after") + _TICK), None)


def latest_due(schedule: DigestSchedule, now: datetime, *, not_before: datetime) -> datetime | None:
    """The latest fire time t with not_before <= t <= now, or None when there is none."""
    latest = None
    for fire in fire_times(schedule, start=not_before, end=now):
        latest = fire
    return latest


def local(moment: datetime, timezone: str) -> datetime:
    """The instant as a wall-clock time in the named zone."""
    return moment.astimezone(ZoneInfo(timezone))
