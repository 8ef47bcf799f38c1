"""The digest use cases, platform-neutral: build a channel's digest, run a scheduled one exactly
once, and answer /digest.

A scheduled run is claimed in the database (a row keyed by channel and scheduled time) before
anything is posted, so a restart or a second process sharing the database never posts it again.
The period a digest covers runs from the last scheduled digest that was posted (or found
nothing new) to its own scheduled time; `/digest now` posts that period's digest without
claiming anything, so the next scheduled digest still covers the whole period.

The summarizer is pure and CPU-bound, so the grouping runs in a worker thread. Time is read
from the injected `now` and waited through the injected `sleep`, never the real clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from bot.config import Settings
from bot.schedule import wording
from bot.schedule.commands import (
    USAGE,
    CommandError,
    DigestCommand,
    DigestHelp,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestPreview,
    DigestSources,
    DigestStatus,
    parse_digest_command,
)
from bot.schedule.posting import (
    DigestPoster,
    PermanentPostError,
    PostError,
    RetryablePostError,
    backoff_delay,
)
from bot.schedule.timing import next_run
from bot.service import utc_now
from bot.store import Store
from bot.store.records import DIGEST_RUN_STATUSES, ChannelRef, DigestRun, DigestSchedule
from summarizer import VERSION, Brief, Digest
from summarizer import digest as make_digest

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(minutes=120)
# With no digest and no schedule yet, /digest now and preview look back this far.
FIRST_PERIOD = timedelta(hours=24)
STOPPED = "Briefbot stopped before this digest was posted; part of it may have been posted."
CHANGED = "the digest was turned off or changed while it was being retried"

Listener = Callable[[int], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class DigestReply:
    """What to answer a /digest command with; the adapter renders and sends it.

    With a `digest`, `text` is its heading. `public` replies go to the channel, the others only
    to the person who asked.
    """

    text: str | None
    digest: Digest | None = None
    public: bool = False


def default_process_id() -> str:
    """Names this process in the runs it claims: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"


class DigestService:
    def __init__(
        self,
        store: Store,
        *,
        version: str = VERSION,
        now: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        grace: timedelta = DEFAULT_GRACE,
        process_id: str | None = None,
        default_timezone: str = "UTC",
    ) -> None:
        if grace <= timedelta(0):
            raise ValueError("the grace window must be longer than zero")
        self.store = store
        self.version = version
        self.now = now
        self.sleep = sleep
        self.grace = grace
        self.process_id = process_id or default_process_id()
        self.default_timezone = default_timezone
        self._listeners: list[Listener] = []

    @classmethod
    def from_settings(
        cls, store: Store, settings: Settings, *, now: Callable[[], datetime] = utc_now
    ) -> DigestService:
        """The service as configured: the grace window and the default time zone."""
        return cls(
            store, now=now, grace=settings.digest_grace(), default_timezone=settings.timezone
        )

    # Listeners: the scheduler hears of every schedule a command or a failure changed.

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def _changed(self, schedule_id: int) -> None:
        for listener in list(self._listeners):
            await listener(schedule_id)

    # Building

    async def build(self, target: ChannelRef, *, since: datetime | None, until: datetime) -> Digest:
        """The digest of what was shared in the channel and its sources in (since, until]."""
        shared = await self.store.shared_since(
            target, since=since, until=until, version=self.version
        )
        briefs = [
            Brief.from_dict(json.loads(s.brief_json)).with_source(url=s.url, title=s.title)
            for s in shared
        ]
        times = [s.shared_at for s in shared]
        return await asyncio.to_thread(make_digest, briefs, now=until, shared_at=times)

    async def period_start(self, target: ChannelRef, *, until: datetime) -> datetime:
        """Where the digest ending at `until` begins: the last scheduled digest posted (or
        empty). Before any, a day before the schedule was set (or before `until`, the earlier):
        turning digests on brings what was shared that day, and a first digest that was missed
        leaves its period to the next one."""
        last = await self.store.last_digest_run(target)
        if last is not None:
            return last.scheduled_for
        schedule = await self.store.digest_schedule(target)
        start = until if schedule is None else min(until, schedule.updated_at)
        return start - FIRST_PERIOD

    # Scheduled runs

    async def run_scheduled(
        self, schedule_id: int, scheduled_for: datetime, poster: DigestPoster
    ) -> DigestRun | None:
        """Claim, build, post and finish the run of `schedule_id` due at `scheduled_for`.

        Returns the finished run, or None when the schedule is off or the run was claimed
        already (by another process, or by this one before a restart).
        """
        if scheduled_for.tzinfo is None:
            raise ValueError("scheduled_for must be an aware datetime")
        scheduled_for = scheduled_for.astimezone(UTC)
        schedule = await self.store.digest_schedule_by_id(schedule_id)
        if schedule is None or not schedule.enabled:
            log.info("Digest schedule %s is off, so its run is not made.", schedule_id)
            return None
        target = schedule.target
        run = await self.store.claim_digest_run(
            target,
            scheduled_for,
            since=await self.period_start(target, until=scheduled_for),
            claimed_by=self.process_id,
            claimed_at=self.now(),
        )
        if run is None:
            log.info(
                "The digest for %s due %s was already claimed, so it is not posted again.",
                wording.where(target),
                scheduled_for.isoformat(),
            )
            return None
        try:
            await self._complete(run, schedule, poster)
        except asyncio.CancelledError:
            await self.store.finish_digest_run(
                run.id, status="failed", finished_at=self.now(), detail=STOPPED
            )
            raise
        return await self.store.digest_run(target, scheduled_for)

    async def _complete(
        self, run: DigestRun, schedule: DigestSchedule, poster: DigestPoster
    ) -> None:
        target = schedule.target
        try:
            digest = await self.build(target, since=run.since, until=run.scheduled_for)
        except Exception as e:
            log.exception("Could not build the digest for %s", wording.where(target))
            await self.store.finish_digest_run(
                run.id, status="failed", finished_at=self.now(), detail=f"not built: {e}"
            )
            return
        if digest.empty and schedule.quiet:
            log.info("Nothing new for %s, and it is quiet: nothing posted.", wording.where(target))
            await self._finish(run, "empty", digest)
            return
        await self._post(run, schedule, poster, digest)

    async def _post(
        self, run: DigestRun, schedule: DigestSchedule, poster: DigestPoster, digest: Digest
    ) -> None:
        """Post, retrying what is worth retrying while inside the grace window.

        Before each retry the schedule is read again: one turned off or changed during the wait
        (by /digest, or another process) is what the channel wants now, so the run stops there
        as skipped rather than posting what was asked for before.
        """
        target = schedule.target
        deadline = run.scheduled_for + self.grace
        heading = wording.heading(run.scheduled_for, schedule.timezone)
        failures = posted = 0
        while True:
            try:
                await poster.post_digest(target, digest, heading=heading, skip=posted)
            except RetryablePostError as e:
                failures += 1
                posted += e.posted
                at = self.now()
                await self.store.record_digest_attempt(run.id, detail=_describe(e), at=at)
                delay = backoff_delay(failures, e.retry_after)
                if at + timedelta(seconds=delay) > deadline:
                    log.warning(
                        "Gave up posting the digest to %s after %d attempts; last error: %s",
                        wording.where(target),
                        failures,
                        _describe(e),
                    )
                    await self.store.finish_digest_run(
                        run.id,
                        status="failed",
                        finished_at=at,
                        detail=f"gave up after {failures} attempts: {_describe(e)}",
                    )
                    return
                log.info(
                    "Posting the digest to %s failed (%s); trying again in %.0f s.",
                    wording.where(target),
                    _describe(e),
                    delay,
                )
                await self.sleep(delay)
                if not await self._still_wanted(schedule):
                    log.info(
                        "Stopped retrying the digest for %s: %s.", wording.where(target), CHANGED
                    )
                    await self.store.finish_digest_run(
                        run.id, status="skipped", finished_at=self.now(), detail=CHANGED
                    )
                    return
            except PermanentPostError as e:
                await self._give_up(run, schedule, e)
                return
            except Exception as e:
                if isinstance(e, PostError):  # understood (e.g. a refused token): no traceback
                    log.error("Could not post the digest to %s: %s", wording.where(target), e)
                else:
                    log.exception(
                        "Unexpected failure posting the digest to %s", wording.where(target)
                    )
                await self.store.record_digest_attempt(run.id, detail=_describe(e), at=self.now())
                await self.store.finish_digest_run(
                    run.id, status="failed", finished_at=self.now(), detail=_describe(e)
                )
                return
            else:
                status = "empty" if digest.empty else "posted"
                log.info(
                    "Posted the digest to %s: %s.",
                    wording.where(target),
                    wording.tally(digest.article_count, digest.story_count),
                )
                await self._finish(run, status, digest)
                return

    async def _still_wanted(self, schedule: DigestSchedule) -> bool:
        """Whether the schedule the run started with is still the stored one, and on."""
        current = await self.store.digest_schedule_by_id(schedule.id)
        return current is not None and current.enabled and current.updated_at == schedule.updated_at

    async def _give_up(
        self, run: DigestRun, schedule: DigestSchedule, error: PermanentPostError
    ) -> None:
        """A permanent failure: finish the run and turn the schedule off, saying why.

        A schedule set again (or turned off) since the run started is left as it is now: the
        channel was fixed, or its people decided, after this run's failure was already coming.
        """
        at = self.now()
        reason = _describe(error)
        await self.store.record_digest_attempt(run.id, detail=reason, at=at)
        await self.store.finish_digest_run(run.id, status="failed", finished_at=at, detail=reason)
        current = await self.store.digest_schedule_by_id(schedule.id)
        if current is None or current.updated_at != schedule.updated_at:
            log.warning(
                "The digest for %s could not be posted (%s); its schedule was changed or "
                "turned off since the run began, so it is left as it is now.",
                wording.where(schedule.target),
                reason,
            )
            return
        await self.store.disable_digest_schedule(schedule.target, reason=reason, updated_at=at)
        log.warning(
            "Turned off the digest for %s: it cannot be posted there (%s).",
            wording.where(schedule.target),
            reason,
        )
        await self._changed(schedule.id)

    async def _finish(self, run: DigestRun, status: str, digest: Digest) -> None:
        await self.store.finish_digest_run(
            run.id,
            status=status,
            finished_at=self.now(),
            article_count=digest.article_count,
            story_count=digest.story_count,
        )

    # Commands

    async def handle_text(
        self, target: ChannelRef, text: str, *, user: str | None = None
    ) -> DigestReply:
        """Parse what followed /digest (time zones default to the service's) and answer it."""
        command = parse_digest_command(text, default_timezone=self.default_timezone)
        return await self.handle(target, command, user=user)

    async def handle(
        self, target: ChannelRef, command: DigestCommand | CommandError, *, user: str | None = None
    ) -> DigestReply:
        """Do what the command asks for the channel `target` and say what happened."""
        match command:
            case CommandError(message=message):
                return DigestReply(message)
            case DigestHelp():
                return DigestReply(USAGE)
            case DigestOn():
                return await self._on(target, command, user)
            case DigestOff():
                return await self._off(target, user)
            case DigestNow() | DigestPreview():
                return await self._now(target, public=isinstance(command, DigestNow))
            case DigestStatus():
                return await self._status(target)
            case DigestSources():
                return await self._sources(target, command)
        raise TypeError(f"not a digest command: {command!r}")

    async def _on(self, target: ChannelRef, command: DigestOn, user: str | None) -> DigestReply:
        now = self.now()
        schedule = await self.store.set_digest_schedule(
            target,
            hour=command.hour,
            minute=command.minute,
            timezone=command.timezone,
            weekdays=command.weekdays,
            quiet=command.quiet,
            updated_at=now,
        )
        log.info(
            "%s set the digest for %s: %s",
            user or "someone",
            wording.where(target),
            wording.schedule(schedule),
        )
        await self._changed(schedule.id)
        text = f"Done: this channel gets a digest {wording.schedule(schedule)}."
        upcoming = next_run(schedule, now)
        if upcoming is not None:
            text += f" The next one is on {wording.when(upcoming, schedule.timezone)}."
        return DigestReply(text, public=True)

    async def _off(self, target: ChannelRef, user: str | None) -> DigestReply:
        current = await self.store.digest_schedule(target)
        if current is None or not current.enabled:
            return DigestReply("Digests were not on in this channel, so nothing changed.")
        await self.store.disable_digest_schedule(target, reason=None, updated_at=self.now())
        log.info("%s turned off the digest for %s", user or "someone", wording.where(target))
        await self._changed(current.id)
        again = wording.clock(current.hour, current.minute)
        return DigestReply(
            f"Done: no more digests in this channel. /digest on {again} brings them back.",
            public=True,
        )

    async def _now(self, target: ChannelRef, *, public: bool) -> DigestReply:
        now = self.now()
        schedule = await self.store.digest_schedule(target)
        since = await self.period_start(target, until=now)
        zone = schedule.timezone if schedule is not None else self.default_timezone
        digest = await self.build(target, since=since, until=now)
        heading = f"Digest of what was shared since {wording.when(since, zone)}"
        return DigestReply(heading, digest, public=public)

    async def _status(self, target: ChannelRef) -> DigestReply:
        now = self.now()
        schedule = await self.store.digest_schedule(target)
        zone = schedule.timezone if schedule is not None else self.default_timezone
        lines = [self._schedule_line(schedule, now)]
        last = await self.store.last_digest_run(target, statuses=DIGEST_RUN_STATUSES)
        if last is not None:
            lines.append(f"The last digest was due {wording.run(last, zone)}.")
        since = await self.period_start(target, until=now)
        waiting = await self.store.count_shared_since(target, since=since, until=now)
        lines.append(
            f"{wording.count(waiting, 'article')} shared since "
            f"{wording.when(since, zone)} {'is' if waiting == 1 else 'are'} waiting for "
            "the next digest."
        )
        sources = await self.store.digest_sources(target)
        if sources:
            shown = wording.join([wording.channel(s) for s in sources])
            lines.append(f"The digest also covers {shown}.")
        return DigestReply("\n".join(lines))

    def _schedule_line(self, schedule: DigestSchedule | None, now: datetime) -> str:
        if schedule is None:
            return (
                "Digests are not on in this channel. /digest on 08:30 turns them on (a time "
                "zone, days and quiet are optional)."
            )
        again = wording.clock(schedule.hour, schedule.minute)
        if not schedule.enabled and schedule.disabled_reason:
            return (
                "Digests were turned off in this channel because the last one could not be "
                f"posted: {schedule.disabled_reason}. Once that is fixed, /digest on {again} "
                "turns them back on."
            )
        if not schedule.enabled:
            return f"Digests are off in this channel; /digest on {again} turns them back on."
        text = f"This channel gets a digest {wording.schedule(schedule)}."
        upcoming = next_run(schedule, now)
        if upcoming is not None:
            text += f" The next one is on {wording.when(upcoming, schedule.timezone)}."
        return text

    async def _sources(self, target: ChannelRef, command: DigestSources) -> DigestReply:
        if command.action == "list" or command.channel is None:
            sources = await self.store.digest_sources(target)
            if not sources:
                return DigestReply(
                    "This channel's digest covers only what is shared here. "
                    "/digest sources add #channel folds in another channel."
                )
            shown = wording.join([wording.channel(s) for s in sources])
            return DigestReply(f"This channel's digest also covers {shown}.")
        source = wording.channel(command.channel)
        if command.channel == target.channel:
            return DigestReply("That is this channel: what is shared here is always in its digest.")
        if command.action == "add":
            added = await self.store.add_digest_source(target, command.channel, added_at=self.now())
            if not added:
                return DigestReply(f"{source} is already folded into this channel's digest.")
            return DigestReply(
                f"Done: this channel's digest now also covers what is shared in {source}.",
                public=True,
            )
        if not await self.store.remove_digest_source(target, command.channel):
            return DigestReply(f"{source} was not folded into this channel's digest.")
        return DigestReply(f"Done: this channel's digest no longer covers {source}.", public=True)


def _describe(error: Exception) -> str:
    return str(error) or type(error).__name__
