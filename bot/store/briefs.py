"""Saving and reading briefs: one per article and summarizer version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.articles import article_exists
from bot.store.errors import UnknownArticleError
from bot.store.schema import BriefRow


async def save_brief(
    session: AsyncSession, article_id: int, brief_json: str, version: str, created_at: datetime
) -> None:
    """Insert the brief, or replace the one this version made before (text and time).

    Two writers inserting the same (article, version) at once raise IntegrityError for the
    caller to retry; the retry then finds the row and replaces it.
    """
    row = await session.scalar(
        select(BriefRow).where(
            BriefRow.article_id == article_id, BriefRow.summarizer_version == version
        )
    )
    if row is not None:
        row.brief_json = brief_json
        row.created_at = created_at
    elif not await article_exists(session, article_id):
        raise UnknownArticleError(article_id)
    else:
        session.add(
            BriefRow(
                article_id=article_id,
                summarizer_version=version,
                brief_json=brief_json,
                created_at=created_at,
            )
        )
    await session.flush()


async def brief_for(session: AsyncSession, article_id: int, version: str) -> str | None:
    return await session.scalar(
        select(BriefRow.brief_json).where(
            BriefRow.article_id == article_id, BriefRow.summarizer_version == version
        )
    )
