"""Scheduled digests on APScheduler 3: one cron job per enabled schedule, read from the store.

The store is the truth. At start every enabled schedule becomes a job; a command that changes
a schedule syncs its job; every few minutes all jobs are checked against the store again, so a
schedule changed through another process sharing the database is picked up too. A job holds
only plain ids (the key of a live DigestScheduler in this module's registry, and a schedule
id), and what it does is decided at the time it fires, from the store: a schedule turned off or
moved in the meantime posts nothing.

Exactly once comes from the service's claim (a database row), not from here: two schedulers
on one database may both fire the same job, and only one posts. Catch-up at start posts the
latest digest missed while the bot was down when it is less than `grace` late; an older one is
recorded as skipped and logged. Either way nothing shared is lost: the next digest covers
everything since the last one posted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar
from uuid import uuid4

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.interval import IntervalTrigger

from bot.channels import ChannelRef
from bot.metrics import Metrics
from bot.schedule.timing import fire_times, latest_due, next_run, trigger_for
from bot.store import Store
from bot.store.records import DIGEST_RUN_STATUSES, DigestRun, DigestSchedule

log = logging.getLogger(__name__)

JOB_PREFIX = "digest:"
RESYNC_JOB = "digest-resync"
RESYNC_EVERY = timedelta(minutes=5)
# A run still claimed this long after its grace period ended belongs to a process that died
# while posting it: nobody will finish it, so it is recorded as failed.
ABANDONED_AFTER = timedelta(minutes=10)
ABANDONED = (
    "The Briefbot that was posting this digest stopped without finishing it; "
    "part of it may have been posted."
)
_TICK = timedelta(microseconds=1)

# What the scheduler hands a run to: a platform's poster, opaque here.
P = TypeVar("P")
P_contra = TypeVar("P_contra", contravariant=True)
Listener = Callable[[int], Awaitable[None]]


class DigestRunner(Protocol[P_contra]):
    """What the scheduler needs of the digest use case (bot.digests.DigestService has it): the
    scheduler decides when a run is due, the runner claims, posts and retries it."""

    store: Store
    grace: timedelta
    process_id: str
    now: Callable[[], datetime]

    def add_listener(self, listener: Listener) -> None: ...

    def remove_listener(self, listener: Listener) -> None: ...

    async def period_start(self, target: ChannelRef, *, until: datetime) -> datetime: ...

    async def run_scheduled(
        self, schedule_id: int, scheduled_for: datetime, poster: P_contra
    ) -> DigestRun | None: ...


# scheduler_key -> the live DigestScheduler: what a job's plain-data arguments point at.
_LIVE: dict[str, DigestScheduler[Any]] = {}


def job_id(schedule_id: int) -> str:
    return f"{JOB_PREFIX}{schedule_id}"


async def run_digest_job(scheduler_key: str, schedule_id: int) -> None:
    """The cron job of one schedule, run by APScheduler at the schedule's time."""
    scheduler = _LIVE.get(scheduler_key)
    if scheduler is None:
        log.warning("A digest job fired for a scheduler that has stopped; ignoring it.")
        return
    await scheduler.run_job(schedule_id)


async def resync_digest_jobs(scheduler_key: str) -> None:
    """The periodic job that brings every digest job in line with the store."""
    scheduler = _LIVE.get(scheduler_key)
    if scheduler is not None:
        await scheduler.sync_all()


def live_scheduler(scheduler_key: str) -> DigestScheduler[Any] | None:
    """The running DigestScheduler a job's key names, if it is still running."""
    return _LIVE.get(scheduler_key)


class DigestScheduler(Generic[P]):
    """Runs each enabled schedule's digest at its time, through the platform's poster.

    `poster_for` maps a key to a poster: "platform:channel" (e.g. "console:chat") for a poster
    that can reach only that channel, like the room `briefbot chat` opens, or a platform
    ("slack", "discord", "console", "cli") for one that reaches all its channels. A schedule's
    poster is looked up by "platform:channel" first, then by platform. The mapping is read at
    every run, so an adapter may add its poster once connected. A schedule with no poster is
    not claimed: another process may have one.
    """

    def __init__(
        self,
        service: DigestRunner[P],
        poster_for: Mapping[str, P],
        *,
        grace: timedelta | None = None,
        now: Callable[[], datetime] | None = None,
        resync_every: timedelta | None = RESYNC_EVERY,
        metrics: Metrics | None = None,
    ) -> None:
        self.service = service
        self.metrics = metrics if metrics is not None else Metrics()
        self.poster_for = poster_for
        self.grace = grace if grace is not None else service.grace
        if self.grace <= timedelta(0):
            raise ValueError("the grace window must be longer than zero")
        self.now = now if now is not None else service.now
        self.resync_every = resync_every
        self.key = f"{service.process_id}:{uuid4().hex[:8]}"
        self.apscheduler = AsyncIOScheduler(timezone=UTC)
        self._registered: dict[int, datetime] = {}  # schedule id -> its updated_at as registered
        # Schedules that could not be registered, by the updated_at already warned about.
        self._broken: dict[int, datetime] = {}
        self._tasks: set[asyncio.Task[Any]] = set()  # every digest run under way (jobs, catch-up)
        self._jobs: set[asyncio.Task[Any]] = set()  # APScheduler's tasks waiting on those runs
        self._stopping = False

    @property
    def store(self) -> Store:
        return self.service.store

    @property
    def running(self) -> bool:
        """Firing jobs: started, and neither paused nor shut down (for /readyz)."""
        return self.apscheduler.state == STATE_RUNNING and not self._stopping

    async def start(self, *, paused: bool = False) -> None:
        """Register a job per enabled schedule and catch up on runs missed while down.

        The catch-up posts run as tasks (wait for them with `drain()`), so a slow platform does
        not hold up the start. `paused` registers the jobs without letting APScheduler run
        them, for tests that fire jobs themselves.
        """
        _LIVE[self.key] = self
        self.service.add_listener(self.sync)
        self.apscheduler.start(paused=paused)
        await self.sync_all()
        if self.resync_every is not None:
            self.apscheduler.add_job(
                resync_digest_jobs,
                IntervalTrigger(seconds=self.resync_every.total_seconds(), timezone=UTC),
                args=(self.key,),
                id=RESYNC_JOB,
                coalesce=True,
                max_instances=1,
                replace_existing=True,
            )
        await self.catch_up()

    def pause(self) -> None:
        """Fire no more jobs (the bot is stopping); runs under way go on, `drain()` waits."""
        self._stopping = True
        if self.apscheduler.running:
            self.apscheduler.pause()

    async def shutdown(self) -> None:
        """Stop firing jobs; a digest being posted is interrupted and recorded as failed.

        Every run under way is cancelled and waited for, so the failed run is written before
        this returns and the caller may close the store. APScheduler is paused first (no new
        job starts) and shut down last: its own shutdown cancels the job tasks it still holds
        without waiting for them, and a job cancelled that way is logged by it as an error.
        """
        self.pause()
        self.service.remove_listener(self.sync)
        while self._tasks:
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        # The jobs only wait for their run, which has ended: they return on their own.
        await asyncio.gather(*list(self._jobs), return_exceptions=True)
        if self.apscheduler.running:
            self.apscheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
        _LIVE.pop(self.key, None)
        self._registered.clear()

    async def drain(self) -> None:
        """Wait for the catch-up runs (and job runs) started so far."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # Jobs

    def job(self, schedule_id: int) -> Job | None:
        """The APScheduler job of the schedule, if one is registered."""
        return self.apscheduler.get_job(job_id(schedule_id))

    async def sync_all(self) -> None:
        """Make the jobs match the store's enabled schedules, and record as failed the runs
        a dead process left claimed."""
        now = self.service.now()
        abandoned = await self.store.abandon_digest_runs(
            due_before=now - self.service.grace - ABANDONED_AFTER, at=now, detail=ABANDONED
        )
        if abandoned:
            log.warning("%d digest run(s) left claimed by a stopped Briefbot: failed.", abandoned)
        schedules = await self.store.enabled_digest_schedules()
        wanted = {schedule.id for schedule in schedules}
        for schedule in schedules:
            self._register(schedule)
        for job in self.apscheduler.get_jobs():
            if job.id.startswith(JOB_PREFIX) and int(job.id[len(JOB_PREFIX) :]) not in wanted:
                self._unregister(int(job.id[len(JOB_PREFIX) :]))

    async def sync(self, schedule_id: int) -> None:
        """Make the schedule's job match the store (after a command or a failure changed it)."""
        schedule = await self.store.digest_schedule_by_id(schedule_id)
        if schedule is None or not schedule.enabled:
            self._unregister(schedule_id)
        else:
            self._register(schedule)

    def _register(self, schedule: DigestSchedule) -> None:
        """Add or update the schedule's job. A schedule that cannot be scheduled (a time zone
        this host's tz database does not know) is left out with a warning, once per version
        of it, rather than stopping the others."""
        try:
            self._add_job(schedule)
        except Exception as e:
            self._unregister(schedule.id)
            if self._broken.get(schedule.id) != schedule.updated_at:
                self._broken[schedule.id] = schedule.updated_at
                log.warning(
                    "Digest schedule %s for %s cannot be scheduled, so it is left out: %s",
                    schedule.id,
                    schedule.target.label(),
                    _one_line(e),
                )
        else:
            self._broken.pop(schedule.id, None)

    def _add_job(self, schedule: DigestSchedule) -> None:
        if self._registered.get(schedule.id) == schedule.updated_at and self.job(schedule.id):
            return  # unchanged: keep APScheduler's own walk from one fire time to the next
        upcoming = next_run(schedule, self.now())
        if upcoming is None:
            self._unregister(schedule.id)
            return
        self.apscheduler.add_job(
            run_digest_job,
            trigger_for(schedule),
            args=(self.key, schedule.id),
            id=job_id(schedule.id),
            name=f"digest {schedule.id} for {schedule.target.platform}:{schedule.target.channel}",
            misfire_grace_time=max(int(self.grace.total_seconds()), 1),
            coalesce=True,
            max_instances=1,
            replace_existing=True,
            # From the injected clock, like everything else about the schedule.
            next_run_time=upcoming,
        )
        self._registered[schedule.id] = schedule.updated_at

    def _unregister(self, schedule_id: int) -> None:
        self._registered.pop(schedule_id, None)
        if self.job(schedule_id) is not None:
            self.apscheduler.remove_job(job_id(schedule_id))

    # Running

    async def run_job(self, schedule_id: int) -> None:
        """What the cron job does: fire the schedule as a tracked task, and wait for it.

        The run is a task of this scheduler, so `shutdown()` can cancel it and wait until it
        has recorded why it stopped. The job's own task is never cancelled by that: it sees its
        run end and returns. How the run ended is logged when it ends.
        """
        if self._stopping:
            return
        job = asyncio.current_task()
        if job is not None:
            self._jobs.add(job)
        try:
            run = self._spawn(self.fire(schedule_id))
            await asyncio.wait({run})
        finally:
            if job is not None:
                self._jobs.discard(job)

    async def fire(self, schedule_id: int) -> DigestRun | None:
        """Run the schedule's digest that is due now, if any (what the cron job does).

        APScheduler does not say which fire time it is running, so the run is the schedule's
        latest fire time within the grace window (and not before the schedule was set).
        """
        schedule = await self.store.digest_schedule_by_id(schedule_id)
        if schedule is None or not schedule.enabled:
            self._unregister(schedule_id)
            return None
        now = self.now()
        due = latest_due(schedule, now, not_before=max(now - self.grace, schedule.updated_at))
        if due is None:
            log.info("Digest schedule %s has nothing due now; not running it.", schedule_id)
            await self.sync(schedule_id)
            return None
        poster = self.poster(schedule)
        if poster is None:
            log.warning(
                "No %s connection to post the digest of schedule %s (%s); leaving it to "
                "another process.",
                schedule.target.platform,
                schedule_id,
                schedule.target.label(),
            )
            return None
        run = await self.service.run_scheduled(schedule_id, due, poster)
        if run is not None:
            self.metrics.digests.labels(outcome=run.status).inc()
        await self.sync(schedule_id)
        return run

    def poster(self, schedule: DigestSchedule) -> P | None:
        """The poster for the schedule's channel: the channel's own, else its platform's."""
        target = schedule.target
        own = self.poster_for.get(f"{target.platform}:{target.channel}")
        return own if own is not None else self.poster_for.get(target.platform)

    async def catch_up(self) -> None:
        """Post the latest missed digest still inside the grace window; skip older ones."""
        now = self.now()
        for schedule in await self.store.enabled_digest_schedules():
            if self._broken.get(schedule.id) == schedule.updated_at:
                continue  # it could not be registered, and the log says so already
            try:
                await self._catch_up(schedule, now)
            except Exception as e:
                log.warning(
                    "Could not catch up on the digest of schedule %s for %s, so it is left out: %s",
                    schedule.id,
                    schedule.target.label(),
                    _one_line(e),
                )

    async def _catch_up(self, schedule: DigestSchedule, now: datetime) -> None:
        target = schedule.target
        floor = schedule.updated_at
        latest = await self.store.last_digest_run(target, statuses=DIGEST_RUN_STATUSES)
        if latest is not None and latest.scheduled_for >= floor:
            floor = latest.scheduled_for + _TICK
        missed = list(fire_times(schedule, start=floor, end=now))
        if not missed:
            return
        due = missed.pop() if missed[-1] >= now - self.grace else None
        if missed:
            skipped = await self.store.skip_digest_run(
                target,
                missed[-1],
                since=await self.service.period_start(target, until=missed[-1]),
                reason="missed while Briefbot was not running",
                at=now,
            )
            if skipped is not None:
                later = (
                    f"the one due {due.isoformat()} is posted instead"
                    if due is not None
                    else f"it is more than {_minutes(self.grace)} late"
                )
                log.info(
                    "Skipped the digest for %s:%s due %s (%d missed while Briefbot was not "
                    "running); %s, and the next digest covers the whole period.",
                    target.platform,
                    target.channel,
                    missed[-1].isoformat(),
                    len(missed),
                    later,
                )
        if due is not None:
            self._spawn(self.fire(schedule.id))

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("A digest run failed", exc_info=task.exception())


def _one_line(error: Exception) -> str:
    return " ".join((str(error) or type(error).__name__).split())


def _minutes(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes} minutes" if minutes != 1 else "1 minute"
