"""The store the service talks to: articles, briefs, postings, channel settings and digests
behind one async object.

Each call is one short transaction on its own session (sessions.py); what comes back is plain
frozen data, so no caller holds a session or an ORM row across an await. Times are always passed
in: the store never reads the clock, which keeps it deterministic and testable.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from bot.channels import ChannelRef, require_channel
from bot.store import articles, briefs, channels, digests, postings, versions
from bot.store.accepted import AcceptedWorkStore
from bot.store.hashing import content_hash
from bot.store.recall_store import RecallStore
from bot.store.records import (
    FINISHED_DIGEST_STATUSES,
    DigestRun,
    DigestSchedule,
    LinkCheck,
    Posting,
    SharedBrief,
    StoredArticle,
)
from bot.store.schema.types import require_aware
from bot.store.share_store import ShareStore
from bot.store.stories import StoryStore

log = logging.getLogger(__name__)


class Store(ShareStore, StoryStore, AcceptedWorkStore, RecallStore):
    """Briefbot's memory. Open with `await Store.open(url)`, close with `await store.close()`."""

    # Articles

    async def article_for_url(self, url: str) -> StoredArticle | None:
        """The article this exact URL was saved under (pasted or canonical), if any."""
        return await self._read(articles.article_for_url, url)

    async def article(self, article_id: int) -> StoredArticle | None:
        """The article with this id, if any."""
        return await self._read(articles.article_by_id, article_id)

    async def link_check(self, url: str) -> LinkCheck | None:
        """When the page behind this stored URL was last checked, and its validators."""
        return await self._read(versions.link_check, url)

    # Briefs

    async def brief_for(self, article_id: int, version: str) -> str | None:
        """The brief JSON this summarizer version made of the article, exactly as saved."""
        return await self._read(briefs.brief_for, article_id, version)

    async def brief_for_text(self, text: str, version: str) -> str | None:
        """The brief JSON this summarizer version made of the article holding exactly `text`
        (as content_hash tells), however it came: pasted, or under another link."""
        return await self._read(briefs.brief_for_hash, content_hash(text), version)

    # Postings

    async def postings_for(self, article_id: int) -> tuple[Posting, ...]:
        """Every posting of the article, oldest first."""
        return await self._read(postings.postings_for, article_id)

    # Channel settings

    async def auto_brief(
        self, platform: str, channel: str, *, workspace: str | None = None
    ) -> bool:
        """Whether pasted links and texts are briefed unasked in the channel (on by default)."""
        return await self._read(channels.auto_brief, platform, workspace, channel)

    async def set_auto_brief(
        self,
        platform: str,
        channel: str,
        on: bool,
        *,
        workspace: str | None = None,
        updated_at: datetime,
    ) -> None:
        """Turn unasked briefing on or off for the channel; the first call creates its row."""
        require_channel(platform, channel, "a channel setting")
        when = require_aware(updated_at, "updated_at")
        await self._write(channels.set_auto_brief, platform, workspace, channel, on, when)

    # Digests

    async def set_digest_schedule(
        self,
        target: ChannelRef,
        *,
        hour: int,
        minute: int,
        timezone: str,
        weekdays: Sequence[int],
        quiet: bool,
        updated_at: datetime,
    ) -> DigestSchedule:
        """Give the channel this schedule (one per channel), enabled, with no disabled reason.

        `hour`:`minute` is local time in `timezone` (an IANA name) on `weekdays` (0 = Monday);
        the weekdays are kept sorted and without repeats.
        """
        target = digests.checked_target(target)
        hour, minute = digests.checked_time(hour, minute)
        timezone = digests.checked_timezone(timezone)
        days = digests.checked_weekdays(weekdays)
        when = require_aware(updated_at, "updated_at")
        return await self._write(
            digests.set_schedule,
            target,
            hour=hour,
            minute=minute,
            timezone=timezone,
            weekdays=days,
            quiet=bool(quiet),
            updated_at=when,
        )

    async def disable_digest_schedule(
        self, target: ChannelRef, *, reason: str | None, updated_at: datetime
    ) -> DigestSchedule | None:
        """Turn the channel's schedule off, noting `reason` (None when a user turned it off).

        Returns None when the channel has no schedule.
        """
        target = digests.checked_target(target)
        when = require_aware(updated_at, "updated_at")
        return await self._write(digests.disable_schedule, target, reason, when)

    async def digest_schedule(self, target: ChannelRef) -> DigestSchedule | None:
        """The channel's schedule, enabled or not, if it ever had one."""
        target = digests.checked_target(target)
        return await self._read(digests.schedule_for, target)

    async def digest_schedule_by_id(self, schedule_id: int) -> DigestSchedule | None:
        """The schedule with this id (what a scheduler job carries), if any."""
        return await self._read(digests.schedule_by_id, schedule_id)

    async def enabled_digest_schedules(self) -> tuple[DigestSchedule, ...]:
        """Every enabled schedule, by id."""
        return await self._read(digests.enabled_schedules)

    async def claim_digest_run(
        self,
        target: ChannelRef,
        scheduled_for: datetime,
        *,
        since: datetime | None,
        claimed_by: str,
        claimed_at: datetime,
    ) -> DigestRun | None:
        """Claim the channel's digest due at `scheduled_for`, covering (since, scheduled_for].

        Returns None when it was already claimed, by another process or an earlier life of this
        one: the database's unique key decides, so it is posted at most once.
        """
        if not claimed_by:
            raise ValueError("a claim needs the id of the process making it")
        claimed_at = require_aware(claimed_at, "claimed_at")
        return await self._insert_run(
            target,
            scheduled_for,
            status="claimed",
            since=since,
            claimed_by=claimed_by,
            at=claimed_at,
        )

    async def skip_digest_run(
        self,
        target: ChannelRef,
        scheduled_for: datetime,
        *,
        since: datetime | None,
        reason: str,
        at: datetime,
        claimed_by: str = "",
    ) -> DigestRun | None:
        """Claim the run as "skipped" (too late to post), with `reason` as its detail.

        Returns None when it was already claimed. `claimed_by` is the process, when known.
        """
        if not reason:
            raise ValueError("a skipped digest run needs a reason")
        at = require_aware(at, "at")
        return await self._insert_run(
            target,
            scheduled_for,
            status="skipped",
            since=since,
            claimed_by=claimed_by,
            at=at,
            finished=True,
            detail=reason,
        )

    async def _insert_run(
        self,
        target: ChannelRef,
        scheduled_for: datetime,
        *,
        status: str,
        since: datetime | None,
        claimed_by: str,
        at: datetime,
        finished: bool = False,
        detail: str | None = None,
    ) -> DigestRun | None:
        """Insert a run once; a conflict on its unique key is an earlier claim, not retried."""
        target = digests.checked_target(target)
        scheduled_for = require_aware(scheduled_for, "scheduled_for")
        since = None if since is None else require_aware(since, "since")
        try:
            return await self._write_once(
                digests.insert_run,
                target,
                scheduled_for=scheduled_for,
                status=status,
                since=since,
                claimed_by=claimed_by,
                claimed_at=at,
                finished_at=at if finished else None,
                detail=detail,
            )
        except IntegrityError:
            # The transaction was rolled back with its session. Only the claim key can conflict
            # here; anything else (the run is not there after all) is a real error.
            if await self.digest_run(target, scheduled_for) is None:
                raise
            log.debug("Digest run %s %s already claimed", target, scheduled_for.isoformat())
            return None

    async def record_digest_attempt(self, run_id: int, *, detail: str, at: datetime) -> None:
        """Count one failed attempt to post the run, with its error as the run's detail.

        Raises UnknownDigestRunError when there is no such run.
        """
        at = require_aware(at, "at")
        await self._write(digests.record_attempt, run_id, detail, at)

    async def finish_digest_run(
        self,
        run_id: int,
        *,
        status: str,
        finished_at: datetime,
        detail: str | None = None,
        article_count: int | None = None,
        story_count: int | None = None,
    ) -> None:
        """End the run as "posted", "empty", "failed" or "skipped", with what it held.

        `detail` None keeps the last attempt's error. Raises UnknownDigestRunError when there
        is no such run.
        """
        if status not in FINISHED_DIGEST_STATUSES:
            known = ", ".join(sorted(FINISHED_DIGEST_STATUSES))
            raise ValueError(f"a digest run cannot finish as {status!r} (one of {known})")
        finished_at = require_aware(finished_at, "finished_at")
        article_count = digests.checked_count(article_count, "article_count")
        story_count = digests.checked_count(story_count, "story_count")
        await self._write(
            digests.finish_run,
            run_id,
            status=status,
            finished_at=finished_at,
            detail=detail,
            article_count=article_count,
            story_count=story_count,
        )

    async def abandon_digest_runs(self, *, due_before: datetime, at: datetime, detail: str) -> int:
        """Fail the runs still claimed though due before `due_before` (their process died
        while posting: past the grace period nobody will finish them); returns how many."""
        due_before, at = require_aware(due_before, "due_before"), require_aware(at, "at")
        return await self._write(digests.abandon_runs, due_before, at, detail)

    async def digest_run(self, target: ChannelRef, scheduled_for: datetime) -> DigestRun | None:
        """The run of the channel's digest due at `scheduled_for`, if it was claimed."""
        target = digests.checked_target(target)
        scheduled_for = require_aware(scheduled_for, "scheduled_for")
        return await self._read(digests.run_for, target, scheduled_for)

    async def last_digest_run(
        self, target: ChannelRef, *, statuses: Collection[str] = ("posted", "empty")
    ) -> DigestRun | None:
        """The channel's run with the latest scheduled_for among those with these statuses
        (by default the last digest that went out, or found nothing to say)."""
        target = digests.checked_target(target)
        wanted = digests.checked_statuses(statuses)
        return await self._read(digests.last_run, target, wanted)

    async def add_digest_source(
        self, target: ChannelRef, source_channel: str, *, added_at: datetime
    ) -> bool:
        """Put what is shared in `source_channel` (same platform and workspace) into the
        channel's digest too. False when it already is, the channel itself included."""
        target = digests.checked_target(target)
        if not source_channel:
            raise ValueError("a digest source needs a channel")
        when = require_aware(added_at, "added_at")
        if source_channel == target.channel:
            return False
        return await self._write(digests.add_source, target, source_channel, when)

    async def remove_digest_source(self, target: ChannelRef, source_channel: str) -> bool:
        """Stop reading `source_channel` for the channel's digest; False when it was not read."""
        target = digests.checked_target(target)
        if not source_channel:
            raise ValueError("a digest source needs a channel")
        return await self._write(digests.remove_source, target, source_channel)

    async def digest_sources(self, target: ChannelRef) -> tuple[str, ...]:
        """The other channels read for the channel's digest, sorted."""
        target = digests.checked_target(target)
        return await self._read(digests.sources, target)

    async def shared_since(
        self, target: ChannelRef, *, since: datetime | None, until: datetime, version: str
    ) -> tuple[SharedBrief, ...]:
        """What a digest of the channel covers: every posting in it and in its sources with
        since < posted_at <= until (since None: all before until), with the brief `version`
        made (articles without one are left out), oldest first. One per posting: an article
        shared twice comes twice. An article's URL is its canonical one, else the oldest of
        its link (an older version gave its URLs to the newest)."""
        target = digests.checked_target(target)
        if not version:
            raise ValueError("shared_since needs the summarizer version of the briefs")
        since = None if since is None else require_aware(since, "since")
        until = require_aware(until, "until")
        return await self._read(
            digests.shared_since, target, since=since, until=until, version=version
        )

    async def channels_named(self, channel: str) -> tuple[ChannelRef, ...]:
        """The channels with this id that had articles shared or a digest scheduled, on any
        platform or workspace (ids of different platforms can coincide)."""
        return await self._read(digests.channels_named, channel)

    async def count_shared_since(
        self, target: ChannelRef, *, since: datetime | None, until: datetime
    ) -> int:
        """How many articles the channel's next digest would cover (briefed or not; an
        article shared twice counts once, and so do the versions of one link)."""
        target = digests.checked_target(target)
        since = None if since is None else require_aware(since, "since")
        until = require_aware(until, "until")
        return await self._read(digests.count_shared_since, target, since=since, until=until)
