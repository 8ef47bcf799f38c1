"""What every digest use case stands on: the store, the injected clock, and building the
digest of a channel over a period.

The summarizer is pure and CPU-bound, so the grouping runs in a worker thread. Time is read
from the injected `now` and waited through the injected `sleep`, never the real clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from uuid import uuid4

from bot.channels import ChannelRef
from bot.service import utc_now
from bot.store import SharedBrief, Store
from summarizer import VERSION, Brief, Digest
from summarizer.continuing import continuing_digest

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(minutes=120)
# With no digest and no schedule yet, /digest now and preview look back this far.
FIRST_PERIOD = timedelta(hours=24)

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


@dataclass(frozen=True, slots=True)
class DigestSoFar:
    """A channel's digest up to now, not posted (/digest now and preview, `briefbot digest`),
    and the heading saying since when, on the channel's clock."""

    digest: Digest
    heading: str


def newest_versions(shared: Sequence[SharedBrief]) -> list[SharedBrief]:
    """Each share told as the newest version of its link shared in the period: a link pasted
    again after its page changed is one article, shared twice, as it reads now."""
    newest = {s.first_version_id: s for s in shared}  # oldest first: the last share wins
    told = []
    for share in shared:
        latest = newest[share.first_version_id]
        told.append(
            replace(
                share,
                article_id=latest.article_id,
                brief_json=latest.brief_json,
                url=latest.url,
                title=latest.title,
            )
        )
    return told


def default_process_id() -> str:
    """Names this process in the runs it claims: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"


class DigestCore:
    """The parts of DigestService that its scheduled runs and its replies both use."""

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

    # Listeners: the scheduler hears of every schedule a command or a failure changed.

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def _changed(self, schedule_id: int) -> None:
        for listener in list(self._listeners):
            await listener(schedule_id)

    # The channel

    async def timezone_of(self, target: ChannelRef) -> str:
        """The zone the channel's digests are told in: its schedule's, else the default."""
        schedule = await self.store.digest_schedule(target)
        return schedule.timezone if schedule is not None else self.default_timezone

    async def channels_named(self, channel: str) -> tuple[ChannelRef, ...]:
        """Every channel with this id, on any platform or workspace: what a bare id given on
        the command line may mean."""
        return await self.store.channels_named(channel)

    # Building

    async def build(self, target: ChannelRef, *, since: datetime | None, until: datetime) -> Digest:
        """The digest of what was shared in the channel and its sources in (since, until]; a
        story already in the channel's previous digest is told by what is new since it."""
        shared = await self._briefs(target, since, until)
        previous = await self._previous(target, since)
        briefs = [b for b, _ in shared]
        times = [t for _, t in shared]
        return await asyncio.to_thread(
            continuing_digest, briefs, previous=previous, now=until, shared_at=times
        )

    async def _briefs(
        self, target: ChannelRef, since: datetime | None, until: datetime
    ) -> list[tuple[Brief, datetime]]:
        shared = newest_versions(
            await self.store.shared_since(target, since=since, until=until, version=self.version)
        )
        return [
            (
                Brief.from_dict(json.loads(s.brief_json)).with_source(url=s.url, title=s.title),
                s.shared_at,
            )
            for s in shared
        ]

    async def _previous(self, target: ChannelRef, since: datetime | None) -> list[Brief]:
        """The briefs of the channel's previous digest: the last one posted that ended by
        `since` (none when the period has no start)."""
        if since is None:
            return []
        last = await self.store.last_digest_run(target, statuses=("posted",))
        if last is None or last.scheduled_for > since:
            return []
        start = last.since if last.since is not None else last.scheduled_for - FIRST_PERIOD
        return [b for b, _ in await self._briefs(target, start, last.scheduled_for)]

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
