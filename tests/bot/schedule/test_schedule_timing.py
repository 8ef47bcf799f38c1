"""When a digest schedule fires (bot.schedule.timing), across ordinary days and daylight-saving
change days, from APScheduler's CronTrigger and the tz database. Pure: no clock, no store.

The expected instants are written out in UTC from the tz database's rules for 2026:
New York springs forward on 8 March (02:00 EST -> 03:00 EDT) and falls back on 1 November
(02:00 EDT -> 01:00 EST); London on 29 March (01:00 GMT -> 02:00 BST) and 25 October
(02:00 BST -> 01:00 GMT). A local time that happens twice on a fall-back day fires once, the
first time round: a day's digest is posted once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.channels import ChannelRef
from bot.schedule.timing import fire_times, latest_due, local, next_run, trigger_for
from bot.store.records import DigestSchedule

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def schedule(
    hour: int, minute: int, timezone: str, weekdays: tuple[int, ...] = EVERY_DAY
) -> DigestSchedule:
    return DigestSchedule(
        id=1,
        target=ChannelRef("console", "newsroom"),
        hour=hour,
        minute=minute,
        timezone=timezone,
        weekdays=weekdays,
        quiet=False,
        enabled=True,
        disabled_reason=None,
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def between(s: DigestSchedule, start: datetime, end: datetime) -> list[datetime]:
    return list(fire_times(s, start=start, end=end))


def test_the_trigger_is_a_cron_trigger_in_the_schedules_zone_and_days() -> None:
    trigger = trigger_for(schedule(8, 30, "Europe/Paris", (0, 2, 4)))
    assert isinstance(trigger, CronTrigger)
    assert trigger.timezone == ZoneInfo("Europe/Paris")
    fields = {f.name: str(f) for f in trigger.fields}
    assert (fields["hour"], fields["minute"], fields["second"]) == ("8", "30", "0")
    assert fields["day_of_week"] == "0,2,4"


def test_next_run_is_the_local_time_given_in_utc() -> None:
    paris = schedule(8, 30, "Europe/Paris")
    assert next_run(paris, utc(2026, 1, 5, 6, 0)) == utc(2026, 1, 5, 7, 30)  # CET, UTC+1
    assert next_run(paris, utc(2026, 7, 6, 6, 0)) == utc(2026, 7, 6, 6, 30)  # CEST, UTC+2
    assert next_run(paris, utc(2026, 1, 5, 7, 30)) == utc(2026, 1, 6, 7, 30)  # strictly after
    assert next_run(paris, utc(2026, 1, 5, 7, 30)).tzinfo == UTC  # type: ignore[union-attr]


def test_next_run_skips_the_days_not_chosen() -> None:
    weekdays = schedule(9, 0, "UTC", (0, 1, 2, 3, 4))
    friday_evening = utc(2026, 3, 6, 18, 0)
    assert next_run(weekdays, friday_evening) == utc(2026, 3, 9, 9, 0)  # Monday
    weekends = schedule(9, 0, "UTC", (5, 6))
    assert between(weekends, utc(2026, 3, 2), utc(2026, 3, 9)) == [
        utc(2026, 3, 7, 9, 0),
        utc(2026, 3, 8, 9, 0),
    ]


def test_new_york_spring_forward_a_time_that_does_not_exist_fires_once_an_hour_later() -> None:
    s = schedule(2, 30, "America/New_York")
    fires = between(s, utc(2026, 3, 7), utc(2026, 3, 10))
    assert fires == [
        utc(2026, 3, 7, 7, 30),  # 02:30 EST
        utc(2026, 3, 8, 7, 30),  # 02:30 does not exist: 03:30 EDT, the same instant as 02:30 EST
        utc(2026, 3, 9, 6, 30),  # 02:30 EDT
    ]
    assert local(fires[1], s.timezone).strftime("%H:%M %Z") == "03:30 EDT"
    # Asked from inside the skipped hour, that day's fire time is still found.
    assert next_run(s, utc(2026, 3, 8, 7, 10)) == utc(2026, 3, 8, 7, 30)
    assert next_run(s, utc(2026, 3, 8, 7, 30)) == utc(2026, 3, 9, 6, 30)


def test_new_york_fall_back_a_time_that_happens_twice_fires_once_the_first_time_round() -> None:
    s = schedule(1, 30, "America/New_York")
    fires = between(s, utc(2026, 10, 31), utc(2026, 11, 3))
    assert fires == [
        utc(2026, 10, 31, 5, 30),  # 01:30 EDT
        utc(2026, 11, 1, 5, 30),  # 01:30 EDT, the first time round; not 06:30 (01:30 EST)
        utc(2026, 11, 2, 6, 30),  # 01:30 EST
    ]
    assert local(fires[1], s.timezone).strftime("%H:%M %Z") == "01:30 EDT"
    # The trigger alone would fire again at the second 01:30: that is the one left out.
    trigger = trigger_for(s)
    first = fires[1].astimezone(trigger.timezone)
    second = trigger.get_next_fire_time(first, first)
    assert second is not None and second.astimezone(UTC) == utc(2026, 11, 1, 6, 30)
    assert next_run(s, utc(2026, 11, 1, 5, 0)) == utc(2026, 11, 1, 5, 30)
    # Asked from between the two 01:30s, or from the second, the next is the next day's.
    assert next_run(s, utc(2026, 11, 1, 5, 30)) == utc(2026, 11, 2, 6, 30)
    assert next_run(s, utc(2026, 11, 1, 6, 0)) == utc(2026, 11, 2, 6, 30)
    assert between(s, utc(2026, 11, 1, 6, 0), utc(2026, 11, 1, 7, 0)) == []


def test_new_york_an_ordinary_hour_keeps_its_wall_clock_across_both_changes() -> None:
    s = schedule(8, 0, "America/New_York")
    assert between(s, utc(2026, 3, 7), utc(2026, 3, 9)) == [
        utc(2026, 3, 7, 13, 0),  # 08:00 EST
        utc(2026, 3, 8, 12, 0),  # 08:00 EDT
    ]
    assert between(s, utc(2026, 10, 31), utc(2026, 11, 2)) == [
        utc(2026, 10, 31, 12, 0),  # 08:00 EDT
        utc(2026, 11, 1, 13, 0),  # 08:00 EST
    ]


def test_london_change_days() -> None:
    night = schedule(1, 30, "Europe/London")
    assert between(night, utc(2026, 3, 28), utc(2026, 3, 31)) == [
        utc(2026, 3, 28, 1, 30),  # 01:30 GMT
        utc(2026, 3, 29, 1, 30),  # 01:30 does not exist: 02:30 BST
        utc(2026, 3, 30, 0, 30),  # 01:30 BST
    ]
    assert between(night, utc(2026, 10, 24), utc(2026, 10, 27)) == [
        utc(2026, 10, 24, 0, 30),  # 01:30 BST
        utc(2026, 10, 25, 0, 30),  # 01:30 BST, first time round; not 01:30 GMT (01:30 UTC)
        utc(2026, 10, 26, 1, 30),  # 01:30 GMT
    ]
    morning = schedule(8, 0, "Europe/London", (0, 1, 2, 3, 4, 5, 6))
    assert between(morning, utc(2026, 3, 28), utc(2026, 3, 30)) == [
        utc(2026, 3, 28, 8, 0),
        utc(2026, 3, 29, 7, 0),
    ]


def test_latest_due_is_the_latest_fire_time_in_the_window_bounds_included() -> None:
    s = schedule(8, 0, "UTC")
    now = utc(2026, 5, 5, 9, 0)
    assert latest_due(s, now, not_before=now - timedelta(hours=2)) == utc(2026, 5, 5, 8, 0)
    assert latest_due(s, now, not_before=now - timedelta(minutes=59)) is None
    assert latest_due(s, now, not_before=now - timedelta(hours=60)) == utc(2026, 5, 5, 8, 0)
    at_fire = utc(2026, 5, 5, 8, 0)
    assert latest_due(s, at_fire, not_before=at_fire) == at_fire
    assert latest_due(s, at_fire - timedelta(seconds=1), not_before=at_fire - timedelta(1)) == (
        utc(2026, 5, 4, 8, 0)
    )


def test_latest_due_on_change_days() -> None:
    fall = schedule(1, 30, "America/New_York")
    window = timedelta(hours=2)
    between_the_two = utc(2026, 11, 1, 6, 0)
    assert latest_due(fall, between_the_two, not_before=between_the_two - window) == utc(
        2026, 11, 1, 5, 30
    )
    # After the second 01:30 the latest due is still the first: it is the day's one digest.
    after_both = utc(2026, 11, 1, 6, 45)
    assert latest_due(fall, after_both, not_before=after_both - window) == utc(2026, 11, 1, 5, 30)
    assert latest_due(fall, after_both, not_before=utc(2026, 11, 1, 6, 0)) is None
    spring = schedule(2, 30, "America/New_York")
    # A window that opens inside the skipped hour still sees that day's shifted fire time.
    assert latest_due(spring, utc(2026, 3, 8, 7, 40), not_before=utc(2026, 3, 8, 7, 10)) == utc(
        2026, 3, 8, 7, 30
    )


def test_times_must_be_aware() -> None:
    s = schedule(8, 0, "UTC")
    with pytest.raises(ValueError, match="aware"):
        next_run(s, datetime(2026, 1, 1, 8, 0))
    with pytest.raises(ValueError, match="aware"):
        latest_due(s, datetime(2026, 1, 1, 8, 0), not_before=utc(2026, 1, 1))
