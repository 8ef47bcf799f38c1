"""A scheduled digest, exactly once: claim the run, build, post, retry what is worth retrying
inside the grace window, and finish the run saying how it ended.

The run is claimed in the database (a row keyed by channel and scheduled time) before anything
is posted, so a restart or a second process sharing the database never posts it again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from bot.digests import wording
from bot.digests.core import DigestCore
from bot.digests.posting import (
    DigestPoster,
    PermanentPostError,
    PostError,
    RetryablePostError,
    backoff_delay,
)
from bot.store.records import DigestRun, DigestSchedule
from summarizer import Digest

log = logging.getLogger(__name__)

STOPPED = "Briefbot stopped before this digest was posted; part of it may have been posted."
CHANGED = "the digest was turned off or changed while it was being retried"


class ScheduledRuns(DigestCore):
    """The scheduled half of DigestService: what the scheduler calls when a schedule fires."""

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
                target.label(),
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
            log.exception("Could not build the digest for %s", target.label())
            await self.store.finish_digest_run(
                run.id, status="failed", finished_at=self.now(), detail=f"not built: {e}"
            )
            return
        if digest.empty and schedule.quiet:
            log.info("Nothing new for %s, and it is quiet: nothing posted.", target.label())
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
                        target.label(),
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
                    target.label(),
                    _describe(e),
                    delay,
                )
                await self.sleep(delay)
                if not await self._still_wanted(schedule):
                    log.info("Stopped retrying the digest for %s: %s.", target.label(), CHANGED)
                    await self.store.finish_digest_run(
                        run.id, status="skipped", finished_at=self.now(), detail=CHANGED
                    )
                    return
            except PermanentPostError as e:
                await self._give_up(run, schedule, e)
                return
            except Exception as e:
                if isinstance(e, PostError):  # understood (e.g. a refused token): no traceback
                    log.error("Could not post the digest to %s: %s", target.label(), e)
                else:
                    log.exception("Unexpected failure posting the digest to %s", target.label())
                await self.store.record_digest_attempt(run.id, detail=_describe(e), at=self.now())
                await self.store.finish_digest_run(
                    run.id, status="failed", finished_at=self.now(), detail=_describe(e)
                )
                return
            else:
                status = "empty" if digest.empty else "posted"
                log.info(
                    "Posted the digest to %s: %s.",
                    target.label(),
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
                schedule.target.label(),
                reason,
            )
            return
        await self.store.disable_digest_schedule(schedule.target, reason=reason, updated_at=at)
        log.warning(
            "Turned off the digest for %s: it cannot be posted there (%s).",
            schedule.target.label(),
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


def _describe(error: Exception) -> str:
    return str(error) or type(error).__name__
