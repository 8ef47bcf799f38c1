"""Recording where an article's brief was posted; every posting is its own row."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import ColumnElement, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef
from bot.store.records import NewPosting, Posting
from bot.store.schema import PostingRow


async def record_postings(session: AsyncSession, posts: list[tuple[int, NewPosting]]) -> list[int]:
    """Each posting's id: made, or the one made for its request and article before (a resumed
    work's share counts once), in a statement or two for all. The articles must be stored."""
    requests = {p.request for _, p in posts if p.request is not None}
    made: dict[tuple[int, str | None], int] = {}
    if requests:
        rows = await session.execute(
            select(PostingRow.article_id, PostingRow.request, PostingRow.id).where(
                PostingRow.request.in_(requests)
            )
        )
        made = {(article_id, request): id_ for article_id, request, id_ in rows}
    new: list[dict[str, object]] = []
    row_of: list[int | None] = []  # each posting's row in `new`, None: made before
    first: dict[tuple[int, str | None], int] = {}  # a request's row in `new`
    for article_id, posting in posts:
        key = (article_id, posting.request)
        if posting.request is not None and (key in made or key in first):
            row_of.append(first.get(key))
            continue
        if posting.request is not None:
            first[key] = len(new)
        row_of.append(len(new))
        new.append({"article_id": article_id, **asdict(posting)})
    ids: list[int] = []
    if new:
        inserted = await session.execute(
            insert(PostingRow.__table__).returning(PostingRow.id, sort_by_parameter_order=True),
            new,
        )
        ids = list(inserted.scalars())
    return [
        made[(article_id, posting.request)] if row is None else ids[row]
        for (article_id, posting), row in zip(posts, row_of, strict=True)
    ]


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
