"""The digest use cases, platform-neutral: build a channel's digest, run a scheduled one exactly
once (bot.digests.runs), and answer /digest (bot.digests.replies).

The period a digest covers runs from the last scheduled digest that was posted (or found
nothing new) to its own scheduled time; `/digest now` posts that period's digest without
claiming anything, so the next scheduled digest still covers the whole period.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Settings
from bot.digests.replies import CommandReplies
from bot.digests.runs import ScheduledRuns
from bot.service import utc_now
from bot.store import Store


class DigestService(ScheduledRuns, CommandReplies):
    """Everything a channel's digest needs, for the scheduler and for every adapter."""

    @classmethod
    def from_settings(
        cls, store: Store, settings: Settings, *, now: Callable[[], datetime] = utc_now
    ) -> DigestService:
        """The service as configured: the grace window and the default time zone."""
        return cls(
            store, now=now, grace=settings.digest_grace(), default_timezone=settings.timezone
        )
