"""What the earlier articles of a story were, as a channel may see them: the postings of its
workspace in a period, with their briefs (What's new reads them; bot/whatsnew.py).

Privacy is decided here, in the query: a posting made in private (a private channel, a direct
message, a channel not known to be public) is seen only from that same channel, and nothing
crosses platforms or workspaces.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef
from bot.store.digests import checked_target, shared_where
from bot.store.postings import seen_from
from bot.store.records import SharedBrief
from bot.store.schema import PostingRow
from bot.store.schema.types import require_aware
from bot.store.sessions import Sessions


async def shared_in_workspace(
    session: AsyncSession, target: ChannelRef, since: datetime, until: datetime, version: str
) -> tuple[SharedBrief, ...]:
    where = [*seen_from(target), PostingRow.posted_at > since, PostingRow.posted_at <= until]
    return await shared_where(session, where, version)


async def last_shared(
    session: AsyncSession, article_id: int, target: ChannelRef
) -> datetime | None:
    return await session.scalar(
        select(func.max(PostingRow.posted_at)).where(
            PostingRow.article_id == article_id, *seen_from(target)
        )
    )


class StoryStore(Sessions):
    """The store's calls for story memory; Store inherits them."""

    async def shared_in_workspace(
        self, target: ChannelRef, *, since: datetime, until: datetime, version: str
    ) -> tuple[SharedBrief, ...]:
        """Every posting `target` may be shown (its workspace's public ones and its own) with
        since < posted_at <= until, with the brief `version` made (articles without one left
        out), oldest first; one per posting."""
        target = checked_target(target)
        if not version:
            raise ValueError("shared_in_workspace needs the summarizer version of the briefs")
        since = require_aware(since, "since")
        until = require_aware(until, "until")
        return await self._read(shared_in_workspace, target, since, until, version)

    async def last_shared(self, article_id: int, target: ChannelRef) -> datetime | None:
        """When the article was last shared where `target` may be shown it (None: nowhere)."""
        return await self._read(last_shared, article_id, checked_target(target))
