"""Saving and finding articles: one row per text, however many URLs or pastes lead to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.hashing import content_hash
from bot.store.records import SavedArticle, StoredArticle
from bot.store.schema import MAX_URL_LENGTH, Article, ArticleUrl, ArticleVersion
from bot.store.schema.types import require_aware

# Filled in on an existing article when it lacks them (a paste first, the link later).
_METADATA = ("canonical_url", "title", "byline", "site_name", "published_at")


def checked_urls(*urls: str | None) -> list[str]:
    """The URLs given, in order, without None or repeats; too long or blank ones refused."""
    kept: list[str] = []
    for url in urls:
        if url is None or url in kept:
            continue
        if not url.strip():
            raise ValueError("a URL must not be blank")
        if len(url) > MAX_URL_LENGTH:
            raise ValueError(f"a URL longer than {MAX_URL_LENGTH} characters cannot be stored")
        kept.append(url)
    return kept


async def _article_id_for_urls(session: AsyncSession, urls: list[str]) -> int | None:
    """The article any of `urls` is linked to, preferring the earlier URL in the list."""
    if not urls:
        return None
    rows = await session.execute(
        select(ArticleUrl.url, ArticleUrl.article_id).where(ArticleUrl.url.in_(urls))
    )
    linked = {url: article_id for url, article_id in rows}
    return next((linked[url] for url in urls if url in linked), None)


async def link_urls(
    session: AsyncSession, article_id: int, urls: list[str], when: datetime
) -> None:
    """Link each URL not yet known to the article; a URL already linked elsewhere stays there."""
    if not urls:
        return
    known = set(await session.scalars(select(ArticleUrl.url).where(ArticleUrl.url.in_(urls))))
    session.add_all(
        ArticleUrl(url=url, article_id=article_id, created_at=when)
        for url in urls
        if url not in known
    )
    await session.flush()


@dataclass(frozen=True, slots=True)
class ArticleValues:
    """An article to save, checked: its text, URLs (canonical first), metadata columns."""

    text: str
    urls: list[str]
    metadata: dict[str, object]
    fetched_at: datetime


async def save_articles(session: AsyncSession, items: list[ArticleValues]) -> list[SavedArticle]:
    """Find each article by URL, then by content hash, else insert it; link the new URLs.

    The articles found by text are looked up, and the new ones inserted, in one statement
    each for all `items` (a burst of pastes is one round trip, not one each). Metadata fills
    only fields an existing article lacks: what was stored first is not overwritten. A text
    given twice is one article, `created` for its first item only. Conflicting concurrent
    inserts raise IntegrityError, for the caller to retry.
    """
    saved: list[SavedArticle | None] = []
    for item in items:
        found = await _article_id_for_urls(session, item.urls)  # no query without URLs
        saved.append(None if found is None else SavedArticle(found, False))
    by_text = [i for i, s in enumerate(saved) if s is None]
    made = await articles_with_texts(session, [items[i] for i in by_text])
    for i, article in zip(by_text, made, strict=True):
        saved[i] = article
    kept = [s for s in saved if s is not None]
    for item, article in zip(items, kept, strict=True):
        if not article.created:
            await _fill_metadata(session, article.article_id, item.metadata)
        await link_urls(session, article.article_id, item.urls, item.fetched_at)
    return kept


async def _fill_metadata(
    session: AsyncSession, article_id: int, metadata: dict[str, object]
) -> None:
    """Set the metadata the stored article lacks (a paste first, the link later)."""
    if all(metadata.get(name) is None for name in _METADATA):
        return
    existing = await session.get_one(Article, article_id)
    for name in _METADATA:
        if getattr(existing, name) is None and metadata.get(name) is not None:
            setattr(existing, name, metadata[name])


async def articles_with_texts(
    session: AsyncSession, items: list[ArticleValues]
) -> list[SavedArticle]:
    """The article holding exactly each item's text; the missing ones inserted (`created`)."""
    if not items:
        return []
    digests = [content_hash(item.text) for item in items]
    rows = await session.execute(
        select(Article.content_hash, Article.id).where(Article.content_hash.in_(set(digests)))
    )
    found: dict[str, int] = {digest: id_ for digest, id_ in rows}
    missing: dict[str, dict[str, object]] = {}
    for digest, item in zip(digests, items, strict=True):
        if digest not in found and digest not in missing:
            missing[digest] = {
                "content_hash": digest,
                "text": item.text,
                "fetched_at": item.fetched_at,
                **item.metadata,
            }
    made: dict[str, int] = {}
    if missing:
        inserted = await session.execute(
            insert(Article.__table__).returning(Article.content_hash, Article.id),
            list(missing.values()),
        )
        made = {digest: id_ for digest, id_ in inserted}
    ids = {**found, **made}
    new = set(made)
    saved: list[SavedArticle] = []
    for digest in digests:
        saved.append(SavedArticle(ids[digest], digest in new))
        new.discard(digest)  # a text given again is the article its first item made
    return saved


def article_metadata(
    *,
    canonical_url: str | None,
    title: str | None,
    byline: str | None,
    site_name: str | None,
    published_at: datetime | None,
) -> dict[str, object]:
    """The optional columns of an article, checked (aware times, storable URL)."""
    if published_at is not None:
        published_at = require_aware(published_at, "published_at")
    checked_urls(canonical_url)
    return {
        "canonical_url": canonical_url,
        "title": title,
        "byline": byline,
        "site_name": site_name,
        "published_at": published_at,
    }


async def _stored(session: AsyncSession, row: Article) -> StoredArticle:
    urls = await session.scalars(
        select(ArticleUrl.url).where(ArticleUrl.article_id == row.id).order_by(ArticleUrl.id)
    )
    previous_id = await session.scalar(
        select(ArticleVersion.previous_id).where(ArticleVersion.article_id == row.id)
    )
    return StoredArticle(
        id=row.id,
        content_hash=row.content_hash,
        canonical_url=row.canonical_url,
        title=row.title,
        byline=row.byline,
        site_name=row.site_name,
        published_at=row.published_at,
        text=row.text,
        fetched_at=row.fetched_at,
        urls=tuple(urls),
        previous_id=previous_id,
    )


async def article_by_id(session: AsyncSession, article_id: int) -> StoredArticle | None:
    row = await session.get(Article, article_id)
    return None if row is None else await _stored(session, row)


async def article_for_url(session: AsyncSession, url: str) -> StoredArticle | None:
    row = await session.scalar(
        select(Article)
        .join(ArticleUrl, ArticleUrl.article_id == Article.id)
        .where(ArticleUrl.url == url)
    )
    return None if row is None else await _stored(session, row)


async def article_exists(session: AsyncSession, article_id: int) -> bool:
    return await session.scalar(select(Article.id).where(Article.id == article_id)) is not None
