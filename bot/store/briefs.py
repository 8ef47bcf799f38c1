"""Saving and reading briefs: one per article and summarizer version."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.database import insert_into
from bot.store.records import NewBrief
from bot.store.schema import Article, BriefRow


async def save_briefs(session: AsyncSession, briefs: list[tuple[int, NewBrief]]) -> None:
    """Insert each article's brief, or replace the one its version made before (text and
    time), in one upsert for all: it settles two writers of the same (article, version)
    itself. The articles must be stored; an article is given once."""
    if not briefs:
        return
    statement = insert_into(session, BriefRow.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=[BriefRow.article_id, BriefRow.summarizer_version],
        set_={
            "brief_json": statement.excluded.brief_json,
            "created_at": statement.excluded.created_at,
        },
    )
    await session.execute(
        statement,
        [
            {
                "article_id": article_id,
                "summarizer_version": brief.version,
                "brief_json": brief.brief_json,
                "created_at": brief.created_at,
            }
            for article_id, brief in briefs
        ],
    )


async def brief_for(session: AsyncSession, article_id: int, version: str) -> str | None:
    return await session.scalar(
        select(BriefRow.brief_json).where(
            BriefRow.article_id == article_id, BriefRow.summarizer_version == version
        )
    )


async def brief_for_hash(session: AsyncSession, digest: str, version: str) -> str | None:
    return await session.scalar(
        select(BriefRow.brief_json)
        .join(Article, Article.id == BriefRow.article_id)
        .where(Article.content_hash == digest, BriefRow.summarizer_version == version)
    )
