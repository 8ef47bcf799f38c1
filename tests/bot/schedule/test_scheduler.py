"""Scheduled digests exactly once (bot.schedule.scheduler.DigestScheduler on APScheduler 3):
jobs registered from the store, kept in step by commands, restart and catch-up within the
grace window, and two schedulers on one database (SQLite, and PostgreSQL when
BRIEFBOT_TEST_DATABASE_URL is set) firing the same job at once.

Time is a fake clock. APScheduler is started paused and the module-level job function it
would call is called directly with the job's own arguments; two tests let the real
AsyncIOScheduler run a job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from databases import Backend
from newsroom import (
    BRIDGE,
    FLOOD,
    LIBRARY,
    MINUTE,
    NEWSROOM,
    WORLD,
    Clock,
    RecordingPoster,
    daily,
    share,
    titles,
)
from sqlalchemy import text

from bot.channels import ChannelRef
from bot.digests import STOPPED, DigestService
from bot.digests.posting import PermanentPostError
from bot.schedule.scheduler import (
    RESYNC_JOB,
    DigestScheduler,
    job_id,
    live_scheduler,
    run_digest_job,
)
from bot.schedule.timing import next_run
from bot.store import Store
from summarizer import Digest, Summarizer

MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
EIGHT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TUESDAY_EIGHT = EIGHT + timedelta(days=1)
GRACE = timedelta(hours=2)
CONSOLE = ChannelRef("console", "desk")


@dataclass
class StuckPoster:
    """A platform call that never returns: only cancelling it ends it."""

    started: asyncio.Event = field(default_factory=asyncio.Event)

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        self.started.set()
        await asyncio.Event().wait()
        return None


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def poster() -> RecordingPoster:
    return RecordingPoster()


def make_service(store: Store, clock: Clock, name: str = "bot:1") -> DigestService:
    return DigestService(store, now=clock, sleep=clock.sleep, grace=GRACE, process_id=name)


@pytest.fixture
async def scheduler(
    store: Store, clock: Clock, poster: RecordingPoster
) -> AsyncIterator[DigestScheduler]:
    made = DigestScheduler(make_service(store, clock), {"slack": poster, "console": poster})
    yield made
    await made.shutdown()


async def test_start_registers_a_cron_job_per_enabled_schedule(
    store: Store, clock: Clock, scheduler: DigestScheduler
) -> None:
    news = await daily(store, NEWSROOM, at=MONDAY - timedelta(days=3))
    desk = await store.set_digest_schedule(
        CONSOLE,
        hour=9,
        minute=30,
        timezone="America/New_York",
        weekdays=[0, 1, 2, 3, 4],
        quiet=True,
        updated_at=MONDAY - timedelta(days=3),
    )
    off = await daily(store, WORLD, at=MONDAY - timedelta(days=3))
    await store.disable_digest_schedule(WORLD, reason=None, updated_at=MONDAY - timedelta(days=3))

    await scheduler.start(paused=True)
    assert live_scheduler(scheduler.key) is scheduler
    jobs = {job.id: job for job in scheduler.apscheduler.get_jobs()}
    assert set(jobs) == {job_id(news.id), job_id(desk.id), RESYNC_JOB}
    assert scheduler.job(off.id) is None
    news_job, desk_job = jobs[job_id(news.id)], jobs[job_id(desk.id)]
    assert news_job.next_run_time == EIGHT
    # 09:30 in New York on Monday 2 March (EST) is 14:30 UTC.
    assert desk_job.next_run_time == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert desk_job.next_run_time == next_run(desk, clock())
    for job, schedule in ((news_job, news), (desk_job, desk)):
        assert job.func is run_digest_job
        assert job.func_ref == "bot.schedule.scheduler:run_digest_job"  # importable by name
        assert job.args == (scheduler.key, schedule.id)  # plain data only
        assert job.misfire_grace_time == 7200 and job.coalesce and job.max_instances == 1
        assert str(job.trigger.timezone) == schedule.timezone
    fields = {f.name: str(f) for f in desk_job.trigger.fields}
    assert (fields["hour"], fields["minute"], fields["day_of_week"]) == ("9", "30", "0,1,2,3,4")


async def test_commands_keep_the_job_in_step_and_off_removes_it(
    store: Store, clock: Clock, scheduler: DigestScheduler
) -> None:
    await scheduler.start(paused=True)
    service = scheduler.service
    assert scheduler.apscheduler.get_jobs() == [scheduler.apscheduler.get_job(RESYNC_JOB)]

    await service.handle_text(NEWSROOM, "on 08:00")
    schedule = await store.digest_schedule(NEWSROOM)
    assert schedule is not None
    job = scheduler.job(schedule.id)
    assert job is not None and job.next_run_time == EIGHT

    clock.set(MONDAY + MINUTE)
    await service.handle_text(NEWSROOM, "on 17:15 Europe/Paris weekends")
    job = scheduler.job(schedule.id)
    # Saturday 7 March, 17:15 in Paris (CET) is 16:15 UTC.
    assert job is not None and job.next_run_time == datetime(2026, 3, 7, 16, 15, tzinfo=UTC)

    await service.handle_text(NEWSROOM, "off")
    assert scheduler.job(schedule.id) is None


async def test_running_is_started_and_neither_paused_nor_shut_down(
    scheduler: DigestScheduler,
) -> None:
    assert not scheduler.running
    await scheduler.start()
    assert scheduler.running
    scheduler.pause()
    assert not scheduler.running


async def test_a_job_posts_the_due_digest_once(
    store: Store,
    clock: Clock,
    scheduler: DigestScheduler,
    poster: RecordingPoster,
    summarizer_: Summarizer,
) -> None:
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    await scheduler.start(paused=True)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, MONDAY + MINUTE)
    clock.set(EIGHT + timedelta(seconds=2))  # APScheduler runs a job a moment after its time
    job = scheduler.job(schedule.id)
    assert job is not None
    await run_digest_job(*job.args)
    await run_digest_job(*job.args)  # fired again (another timer, a slow loop): no second post
    assert len(poster.posted) == 1 and titles(poster.posted[0][1]) == {"Bridge closes"}
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "posted" and run.claimed_by == "bot:1"
    assert scheduler.metrics.value("briefbot_digests_total", outcome="posted") == 1


async def test_a_job_for_a_schedule_moved_elsewhere_posts_nothing_and_follows_the_store(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    await scheduler.start(paused=True)
    # Another process sharing the database moves the digest to 18:00.
    await daily(store, NEWSROOM, at=MONDAY + MINUTE, hour=18)
    clock.set(EIGHT)
    assert await scheduler.fire(schedule.id) is None
    assert poster.calls == 0
    job = scheduler.job(schedule.id)
    assert job is not None and job.next_run_time == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    # One it has never heard of is picked up by the periodic check against the store.
    other = await daily(store, WORLD, at=EIGHT)
    await scheduler.sync_all()
    assert scheduler.job(other.id) is not None


async def test_a_channel_that_is_gone_loses_its_job(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    await scheduler.start(paused=True)
    poster.failures.append(PermanentPostError("not_in_channel"))
    clock.set(EIGHT)
    run = await scheduler.fire(schedule.id)
    assert run is not None and run.status == "failed"
    assert scheduler.metrics.value("briefbot_digests_total", outcome="failed") == 1
    assert poster.calls == 1 and clock.slept == []
    assert scheduler.job(schedule.id) is None
    off = await store.digest_schedule(NEWSROOM)
    assert off is not None and off.disabled_reason == "not_in_channel"


async def test_restart_after_a_posted_digest_does_not_post_it_again(
    backend: Backend, clock: Clock, summarizer_: Summarizer
) -> None:
    poster = RecordingPoster()
    store = await backend.open()
    try:
        schedule = await daily(store, NEWSROOM, at=MONDAY)
        await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, MONDAY + MINUTE)
        first = DigestScheduler(make_service(store, clock, "life:1"), {"slack": poster})
        await first.start(paused=True)
        clock.set(EIGHT)
        await run_digest_job(first.key, schedule.id)
        await first.shutdown()
        assert live_scheduler(first.key) is None
    finally:
        await store.close()

    store = await backend.open()
    try:
        clock.set(EIGHT + timedelta(minutes=20))  # back up well inside the grace window
        second = DigestScheduler(make_service(store, clock, "life:2"), {"slack": poster})
        await second.start(paused=True)
        await second.drain()
        await run_digest_job(second.key, schedule.id)
        await second.shutdown()
        runs = await store.last_digest_run(NEWSROOM, statuses=("claimed", "skipped", "failed"))
        assert runs is None  # nothing new was claimed or skipped
    finally:
        await store.close()
    assert len(poster.posted) == 1


async def test_a_digest_missed_while_down_is_posted_on_start_inside_the_grace_window(
    store: Store,
    clock: Clock,
    scheduler: DigestScheduler,
    poster: RecordingPoster,
    summarizer_: Summarizer,
) -> None:
    await daily(store, NEWSROOM, at=MONDAY)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, MONDAY + MINUTE)
    clock.set(EIGHT + timedelta(minutes=110))  # the bot comes back 1 h 50 late
    await scheduler.start(paused=True)
    await scheduler.drain()
    assert len(poster.posted) == 1 and titles(poster.posted[0][1]) == {"Bridge closes"}
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "posted"
    job = scheduler.job(run.id)
    assert job is not None and job.next_run_time == TUESDAY_EIGHT


async def test_a_digest_missed_outside_the_grace_window_is_skipped_recorded_and_logged(
    store: Store,
    clock: Clock,
    scheduler: DigestScheduler,
    poster: RecordingPoster,
    summarizer_: Summarizer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, MONDAY + MINUTE)
    clock.set(EIGHT + timedelta(hours=3))
    with caplog.at_level(logging.INFO, logger="bot.schedule.scheduler"):
        await scheduler.start(paused=True)
        await scheduler.drain()
    assert poster.calls == 0
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "skipped"
    assert run.detail == "missed while Briefbot was not running"
    (line,) = [r.getMessage() for r in caplog.records if "Skipped" in r.getMessage()]
    assert "slack:C-NEWS" in line and "more than 120 minutes late" in line and "\n" not in line

    # The next digest covers the whole period, what was shared before the skipped one too.
    await share(store, summarizer_, clock, FLOOD, "Town floods", NEWSROOM, EIGHT + timedelta(1))
    clock.set(TUESDAY_EIGHT)
    await run_digest_job(scheduler.key, schedule.id)
    assert titles(poster.posted[0][1]) == {"Bridge closes", "Town floods"}


async def test_only_the_latest_missed_digest_is_posted_after_a_long_outage(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    await daily(store, NEWSROOM, at=MONDAY)
    clock.set(EIGHT + timedelta(days=3, minutes=30))  # Thursday 08:30: Mon, Tue, Wed missed
    await scheduler.start(paused=True)
    await scheduler.drain()
    thursday = EIGHT + timedelta(days=3)
    posted = await store.digest_run(NEWSROOM, thursday)
    skipped = await store.digest_run(NEWSROOM, thursday - timedelta(days=1))
    assert posted is not None and posted.status == "empty" and poster.calls == 1
    assert skipped is not None and skipped.status == "skipped"
    assert await store.digest_run(NEWSROOM, EIGHT) is None  # one skip row, not one per day


async def test_a_schedule_set_after_its_time_is_not_due_that_day(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    await daily(store, NEWSROOM, at=EIGHT + timedelta(minutes=5))  # "on 08:00" at 08:05
    clock.set(EIGHT + timedelta(minutes=10))
    await scheduler.start(paused=True)
    await scheduler.drain()
    assert poster.calls == 0 and await store.digest_run(NEWSROOM, EIGHT) is None


async def test_a_platform_without_a_poster_claims_nothing(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    schedule = await daily(store, ChannelRef("discord", "42", "G1"), at=MONDAY)
    only_slack = DigestScheduler(make_service(store, clock), {"slack": RecordingPoster()})
    await only_slack.start(paused=True)
    try:
        clock.set(EIGHT)
        assert await only_slack.fire(schedule.id) is None
        assert await store.digest_run(schedule.target, EIGHT) is None
        assert "No discord connection" in caplog.text
    finally:
        await only_slack.shutdown()


async def test_a_poster_for_one_channel_posts_that_channels_digest_only(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """`briefbot chat` opens one terminal channel: its poster must not take the digests of the
    other console channels, which it would print into the wrong room."""
    chat = await daily(store, ChannelRef("console", "chat"), at=MONDAY)
    other = await daily(store, ChannelRef("console", "other"), at=MONDAY)
    room = RecordingPoster()
    only_chat = DigestScheduler(make_service(store, clock), {"console:chat": room})
    await only_chat.start(paused=True)
    try:
        clock.set(EIGHT)
        run = await only_chat.fire(chat.id)
        assert run is not None and run.status == "empty"
        assert await only_chat.fire(other.id) is None
        assert await store.digest_run(other.target, EIGHT) is None  # left for another process
        assert [target for target, _, _ in room.posted] == [chat.target]
        assert "No console connection to post the digest of schedule" in caplog.text
    finally:
        await only_chat.shutdown()

    # The channel's own poster comes before its platform's (here through the catch-up).
    everywhere = RecordingPoster()
    both = DigestScheduler(
        make_service(store, clock), {"console": everywhere, "console:chat": room}
    )
    clock.set(TUESDAY_EIGHT + MINUTE)
    await both.start(paused=True)
    try:
        await both.drain()
        for schedule in (chat, other):
            run = await store.digest_run(schedule.target, TUESDAY_EIGHT)
            assert run is not None and run.status == "empty"
        assert [target for target, _, _ in room.posted] == [chat.target, chat.target]
        assert [target for target, _, _ in everywhere.posted] == [other.target]
    finally:
        await both.shutdown()


async def test_a_schedule_whose_time_zone_is_gone_does_not_stop_the_others(
    store: Store,
    clock: Clock,
    scheduler: DigestScheduler,
    poster: RecordingPoster,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A row from a host whose tz database knew a zone this one does not: the store checks
    zones as they are set, so the row is written here with SQL."""
    news = await daily(store, NEWSROOM, at=MONDAY)
    broken = await daily(store, WORLD, at=MONDAY)
    desk = await daily(store, CONSOLE, at=MONDAY, hour=9)
    async with store.engine.begin() as conn:
        await conn.execute(
            text("UPDATE digest_schedules SET timezone = :zone WHERE id = :id"),
            {"zone": "Mars/Olympus_Mons", "id": broken.id},
        )
    clock.set(EIGHT + timedelta(minutes=10))  # the 08:00 digests are due: catch-up runs too
    with caplog.at_level(logging.INFO, logger="bot.schedule.scheduler"):
        await scheduler.start(paused=True)
        await scheduler.drain()
        await scheduler.sync_all()  # the periodic check meets it again
    assert scheduler.job(broken.id) is None
    assert scheduler.job(news.id) is not None and scheduler.job(desk.id) is not None
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "empty"
    assert [target for target, _, _ in poster.posted] == [NEWSROOM]
    assert await store.digest_run(WORLD, EIGHT) is None
    (line,) = [r for r in caplog.records if f"schedule {broken.id}" in r.getMessage()]
    assert line.levelno == logging.WARNING and line.exc_info is None
    assert "slack:T1/C-WORLD" in line.getMessage() and "\n" not in line.getMessage()


async def test_the_spring_forward_day_fires_at_the_shifted_instant(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    clock.set(datetime(2026, 3, 8, 6, 0, tzinfo=UTC))  # 01:00 EST in New York
    schedule = await store.set_digest_schedule(
        NEWSROOM,
        hour=2,
        minute=30,
        timezone="America/New_York",
        weekdays=range(7),
        quiet=False,
        updated_at=clock() - timedelta(days=1),
    )
    await scheduler.start(paused=True)
    shifted = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 02:30 does not exist: 03:30 EDT
    job = scheduler.job(schedule.id)
    assert job is not None and job.next_run_time == shifted
    clock.set(shifted + timedelta(seconds=1))
    run = await scheduler.fire(schedule.id)
    assert run is not None and run.scheduled_for == shifted and poster.calls == 1


async def test_the_fall_back_day_posts_its_digest_once(
    store: Store,
    clock: Clock,
    scheduler: DigestScheduler,
    poster: RecordingPoster,
    summarizer_: Summarizer,
) -> None:
    """01:30 happens twice in New York on 1 November 2026: the trigger wakes the job both times
    (05:30 and 06:30 UTC), and only the first posts."""
    clock.set(datetime(2026, 11, 1, 5, 0, tzinfo=UTC))
    schedule = await store.set_digest_schedule(
        NEWSROOM,
        hour=1,
        minute=30,
        timezone="America/New_York",
        weekdays=range(7),
        quiet=False,
        updated_at=clock() - timedelta(days=1),
    )
    await scheduler.start(paused=True)
    first, second = (datetime(2026, 11, 1, h, 30, tzinfo=UTC) for h in (5, 6))
    job = scheduler.job(schedule.id)
    assert job is not None and job.next_run_time == first
    # What APScheduler asks once it has run the job at 01:30 EDT: the next is 01:30 EST.
    again = job.trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    assert again is not None and again.astimezone(UTC) == second
    clock.set(first + timedelta(seconds=1))
    await run_digest_job(*job.args)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, first + MINUTE)
    clock.set(second + timedelta(seconds=1))
    await run_digest_job(*job.args)
    assert poster.calls == 1
    assert await store.digest_run(NEWSROOM, second) is None
    # What was shared after the first 01:30 waits for the next day's digest.
    next_day = datetime(2026, 11, 2, 6, 30, tzinfo=UTC)
    assert next_run(schedule, clock()) == next_day
    clock.set(next_day + timedelta(seconds=1))
    await run_digest_job(*job.args)
    assert poster.calls == 2 and titles(poster.posted[1][1]) == {"Bridge closes"}


async def test_two_schedulers_on_one_database_post_each_digest_once(
    backend: Backend, clock: Clock, summarizer_: Summarizer
) -> None:
    """Two bot processes: two engines on one database, each with its scheduler, fire the same
    job at the same moment, several days running. The claim row decides who posts."""
    stores = [await backend.open(), await backend.open()]
    poster = RecordingPoster()
    schedulers = [
        DigestScheduler(make_service(s, clock, f"process:{i}"), {"slack": poster})
        for i, s in enumerate(stores)
    ]
    try:
        schedule = await daily(stores[0], NEWSROOM, at=MONDAY)
        await share(stores[0], summarizer_, clock, LIBRARY, "Library", NEWSROOM, MONDAY + MINUTE)
        for one in schedulers:
            await one.start(paused=True)
        days = 4
        for day in range(days):
            clock.set(EIGHT + timedelta(days=day, seconds=1))
            results = await asyncio.gather(*(one.fire(schedule.id) for one in schedulers))
            assert sum(result is not None for result in results) == 1
        assert poster.calls == days
        claimed = set()
        for day in range(days):
            run = await stores[1].digest_run(NEWSROOM, EIGHT + timedelta(days=day))
            assert run is not None and run.status in ("posted", "empty")
            claimed.add(run.claimed_by)
        assert claimed <= {"process:0", "process:1"}
    finally:
        for one in schedulers:
            await one.shutdown()
        for s in stores:
            await s.close()


async def test_the_real_apscheduler_runs_the_job_function(
    store: Store, clock: Clock, scheduler: DigestScheduler, poster: RecordingPoster
) -> None:
    """Unpaused: APScheduler itself calls the coroutine job with its plain arguments."""
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    await scheduler.start()
    done = asyncio.Event()
    outcomes: list[JobExecutionEvent] = []

    def finished(event: JobExecutionEvent) -> None:
        if event.job_id == job_id(schedule.id):
            outcomes.append(event)
            done.set()

    scheduler.apscheduler.add_listener(finished, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    clock.set(EIGHT + timedelta(seconds=1))  # the service's time: the 08:00 run is due
    # APScheduler's own clock is the real one: make the job due by it now.
    scheduler.apscheduler.modify_job(job_id(schedule.id), next_run_time=datetime.now(UTC))
    await asyncio.wait_for(done.wait(), timeout=10)
    assert [event.exception for event in outcomes] == [None]
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "empty" and run.claimed_by == "bot:1"
    assert poster.calls == 1 and poster.posted[0][1].empty


async def test_shutdown_while_a_job_is_posting_records_the_run_stopped_before_it_returns(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """The real AsyncIOScheduler runs the job; Briefbot stops while the platform call hangs.
    The run must be written as stopped before shutdown returns (the store closes next), and
    nothing may be logged as an error."""
    schedule = await daily(store, NEWSROOM, at=MONDAY)
    stuck = StuckPoster()
    scheduler = DigestScheduler(make_service(store, clock), {"slack": stuck})
    with caplog.at_level(logging.INFO):
        await scheduler.start()
        try:
            clock.set(EIGHT + timedelta(seconds=1))
            scheduler.apscheduler.modify_job(job_id(schedule.id), next_run_time=datetime.now(UTC))
            await asyncio.wait_for(stuck.started.wait(), timeout=10)
        finally:
            await scheduler.shutdown()
        run = await store.digest_run(NEWSROOM, EIGHT)
        await asyncio.sleep(0)  # let anything shutdown left behind run its next step
    assert run is not None and run.status == "failed" and run.detail == STOPPED
    assert not scheduler.apscheduler.running
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_run_left_claimed_by_a_dead_process_is_failed_once_past_its_grace(
    store: Store, clock: Clock, poster: RecordingPoster
) -> None:
    """kill -9 while posting leaves the run claimed: nobody finishes it, so once its grace
    period (and a margin) has passed, the next start or resync records it as failed; never
    posted again, and a run still inside its grace period is left to its process."""
    await daily(store, NEWSROOM, at=MONDAY)
    dead = make_service(store, clock, "dead:1")
    for due in (EIGHT, TUESDAY_EIGHT):
        await store.claim_digest_run(
            NEWSROOM, due, since=None, claimed_by=dead.process_id, claimed_at=due
        )
    clock.set(TUESDAY_EIGHT + MINUTE)
    alive = DigestScheduler(make_service(store, clock, "alive:1"), {"slack": poster})
    await alive.start(paused=True)
    try:
        monday = await store.digest_run(NEWSROOM, EIGHT)
        tuesday = await store.digest_run(NEWSROOM, TUESDAY_EIGHT)
        assert monday is not None and monday.status == "failed"
        assert monday.detail is not None and "stopped without finishing" in monday.detail
        assert tuesday is not None and tuesday.status == "claimed"  # its process may live
        assert poster.posted == []
    finally:
        await alive.shutdown()
