"""The store the service talks to: articles, briefs and postings behind one async object.

Each call is one short transaction on its own session; what comes back is plain frozen data, so
no caller holds a session or an ORM row across an await. Times are always passed in: the store
never reads the clock, which keeps it deterministic and testable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.store import articles, briefs, channels, postings
from bot.store.engine import DEFAULT_DATABASE_URL, make_engine
from bot.store.migrate import upgrade_engine
from bot.store.records import PLATFORMS, Posting, SavedArticle, StoredArticle
from bot.store.schema import PostingRow
from bot.store.schema.types import require_aware
from bot.store.transactions import run_in_transaction


class Store:
    """Briefbot's memory. Open with `await Store.open(url)`, close with `await store.close()`."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Wrap an engine whose schema is already up to date (Store.open does both)."""
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    async def open(
        cls,
        url: str = DEFAULT_DATABASE_URL,
        *,
        engine_options: Mapping[str, Any] | None = None,
    ) -> Self:
        """Connect to `url` and bring its schema up to date (a no-op when it already is).

        A SQLite file's folder is created when missing. `engine_options` go to
        create_async_engine (for example connect_args).
        """
        engine = make_engine(url, **dict(engine_options or {}))
        try:
            await upgrade_engine(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine)

    async def close(self) -> None:
        """Release every connection."""
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        """The engine underneath, for maintenance and tests; the service should not need it."""
        return self._engine

    # Articles

    async def save_article(
        self,
        *,
        text: str,
        url: str | None = None,
        canonical_url: str | None = None,
        title: str | None = None,
        byline: str | None = None,
        site_name: str | None = None,
        published_at: datetime | None = None,
        fetched_at: datetime,
    ) -> SavedArticle:
        """Keep an article once: found by any of its URLs, else by content hash, else inserted.

        Both URLs given are linked to the article found or made. Returns `(article_id,
        created)`; `created` is False when the article was already there.
        """
        if not text.strip():
            raise ValueError("an article needs some text")
        fetched_at = require_aware(fetched_at, "fetched_at")
        metadata = articles.article_metadata(
            canonical_url=canonical_url,
            title=title,
            byline=byline,
            site_name=site_name,
            published_at=published_at,
        )
        # The canonical URL is the better key; the pasted one is linked too.
        urls = articles.checked_urls(canonical_url, url)

        async def work(session: AsyncSession) -> SavedArticle:
            return await articles.save_article(
                session, text=text, urls=urls, metadata=metadata, fetched_at=fetched_at
            )

        return await run_in_transaction(self._sessions, work)

    async def article_for_url(self, url: str) -> StoredArticle | None:
        """The article this exact URL was saved under (pasted or canonical), if any."""
        async with self._sessions() as session:
            return await articles.article_for_url(session, url)

    async def article(self, article_id: int) -> StoredArticle | None:
        """The article with this id, if any."""
        async with self._sessions() as session:
            return await articles.article_by_id(session, article_id)

    # Briefs

    async def save_brief(
        self, article_id: int, brief_json: str, version: str, *, created_at: datetime
    ) -> None:
        """Keep the brief `version` of the summarizer made; the same version again replaces it.

        Raises UnknownArticleError when the article is not stored.
        """
        if not version:
            raise ValueError("a brief needs the summarizer version that made it")
        if not isinstance(json.loads(brief_json), dict):
            raise ValueError("brief_json must be a JSON object")
        created_at = require_aware(created_at, "created_at")

        async def work(session: AsyncSession) -> None:
            await briefs.save_brief(session, article_id, brief_json, version, created_at)

        await run_in_transaction(self._sessions, work)

    async def brief_for(self, article_id: int, version: str) -> str | None:
        """The brief JSON this summarizer version made of the article, exactly as saved."""
        async with self._sessions() as session:
            return await briefs.brief_for(session, article_id, version)

    # Postings

    async def record_posting(
        self,
        article_id: int,
        *,
        platform: str,
        channel: str,
        workspace: str | None = None,
        message_id: str | None = None,
        user_id: str | None = None,
        posted_at: datetime,
    ) -> int:
        """Note that the article was posted; returns the new posting's id.

        Raises UnknownArticleError when the article is not stored.
        """
        if platform not in PLATFORMS:
            raise ValueError(f"unknown platform {platform!r} (one of {sorted(PLATFORMS)})")
        if not channel:
            raise ValueError("a posting needs a channel")
        row = PostingRow(
            article_id=article_id,
            platform=platform,
            workspace=workspace,
            channel=channel,
            message_id=message_id,
            user_id=user_id,
            posted_at=require_aware(posted_at, "posted_at"),
        )

        async def work(session: AsyncSession) -> int:
            return await postings.record_posting(session, row)

        return await run_in_transaction(self._sessions, work, retry_on_conflict=False)

    async def postings_for(self, article_id: int) -> tuple[Posting, ...]:
        """Every posting of the article, oldest first."""
        async with self._sessions() as session:
            return await postings.postings_for(session, article_id)

    # Channel settings

    async def auto_brief(
        self, platform: str, channel: str, *, workspace: str | None = None
    ) -> bool:
        """Whether pasted links and texts are briefed unasked in the channel (on by default)."""
        async with self._sessions() as session:
            return await channels.auto_brief(session, platform, workspace, channel)

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
        if platform not in PLATFORMS:
            raise ValueError(f"unknown platform {platform!r} (one of {sorted(PLATFORMS)})")
        if not channel:
            raise ValueError("a channel setting needs a channel")
        when = require_aware(updated_at, "updated_at")

        async def work(session: AsyncSession) -> None:
            await channels.set_auto_brief(session, platform, workspace, channel, on, when)

        await run_in_transaction(self._sessions, work)
