"""What the earlier articles of a story were, as a channel may see them: the postings of its
workspace in a period, with their briefs (What's new reads them; bot/whatsnew.py).

Privacy is decided here, in the query: a posting made in private (a private channel, a direct
message, a channel not known to be public) is seen only from that same channel, and nothing
crosses platforms or workspaces.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef
from bot.store.digests import checked_target, shared_where
from bot.store.records import SharedBrief
from bot.store.schema import PostingRow
from bot.store.schema.types import require_aware
from bot.store.sessions import Sessions


def seen_from(target: ChannelRef) -> list[ColumnElement[bool]]:
    """Postings `target` may be shown: its platform and workspace (NULL and "" are one), shared
    in public or in `target` itself."""
    if target.workspace is None:
        workspace = or_(PostingRow.workspace.is_(None), PostingRow.workspace == "")
    else:
        workspace = PostingRow.workspace == target.workspace
    return [
        PostingRow.platform == target.platform,
        workspace,
        or_(PostingRow.private.is_(False), PostingRow.channel == target.channel),
    ]


async def shared_in_workspace(
    session: AsyncSession, target: ChannelRef, since: datetime, until: datetime, version: str
) -> tuple[SharedBrief, ...]:
    where = [*seen_from(target), PostingRow.posted_at > since, PostingRow.posted_at <= until]
    return await shared_where(session, where, version)


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
