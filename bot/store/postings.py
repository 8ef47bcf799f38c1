"""Recording where an article's brief was posted; every posting is its own row."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef
from bot.store.articles import article_exists
from bot.store.errors import UnknownArticleError
from bot.store.records import Posting
from bot.store.schema import PostingRow


async def record_posting(session: AsyncSession, row: PostingRow) -> int:
    if not await article_exists(session, row.article_id):
        raise UnknownArticleError(row.article_id)
    if row.request is not None:
        made = await session.scalar(
            select(PostingRow.id).where(
                PostingRow.article_id == row.article_id, PostingRow.request == row.request
            )
        )
        if made is not None:
            return made
    session.add(row)
    await session.flush()
    return row.id


async def postings_for(session: AsyncSession, article_id: int) -> tuple[Posting, ...]:
    """The article's postings, oldest first."""
    rows = await session.scalars(
        select(PostingRow)
        .where(PostingRow.article_id == article_id)
        .order_by(PostingRow.posted_at, PostingRow.id)
    )
    return tuple(
        Posting(
            id=r.id,
            article_id=r.article_id,
            platform=r.platform,
            workspace=r.workspace,
            channel=r.channel,
            message_id=r.message_id,
            user_id=r.user_id,
            posted_at=r.posted_at,
            private=r.private,
        )
        for r in rows
    )


def seen_from(target: ChannelRef) -> list[ColumnElement[bool]]:
    """Postings `target` may be shown: its platform and workspace (NULL and "" are one), shared
    in public or in `target` itself. The one privacy rule of What's new, /who and search."""
    if target.workspace is None:
        workspace = or_(PostingRow.workspace.is_(None), PostingRow.workspace == "")
    else:
        workspace = PostingRow.workspace == target.workspace
    return [
        PostingRow.platform == target.platform,
        workspace,
        or_(PostingRow.private.is_(False), PostingRow.channel == target.channel),
    ]
