"""Links kept fresh: when each link was last checked, with its page's validators, and the new
version of an article when the page behind a link changed.

A URL stands for one article, the newest version of its page: a changed page's text is a new
article, the URLs of that fetch move to it, and an `article_versions` row names the article it
replaced and its link's first version. The old article keeps its text and briefs, for the
digests that cover its postings and for telling what changed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ScalarSelect

from bot.store.articles import ArticleValues, article_exists, articles_with_texts, link_urls
from bot.store.errors import UnknownArticleError
from bot.store.records import LinkCheck, SavedArticle
from bot.store.schema import ArticleUrl, ArticleVersion


async def link_check(session: AsyncSession, url: str) -> LinkCheck | None:
    row = await session.scalar(select(ArticleUrl).where(ArticleUrl.url == url))
    if row is None:
        return None
    return LinkCheck(row.url, row.article_id, row.checked_at, row.etag, row.last_modified)


async def record_check(
    session: AsyncSession,
    article_id: int,
    urls: list[str],
    *,
    checked_at: datetime,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """Note the check on each of `urls` that stands for the article (others are left alone)."""
    await session.execute(
        update(ArticleUrl)
        .where(ArticleUrl.url.in_(urls), ArticleUrl.article_id == article_id)
        .values(checked_at=checked_at, etag=etag, last_modified=last_modified)
        .execution_options(synchronize_session=False)
    )


async def save_version(
    session: AsyncSession,
    previous_id: int,
    article: ArticleValues,
) -> SavedArticle:
    """The changed page's text as the newest version of the link that stood for `previous_id`.

    A text already stored (the page went back to an earlier version, or the new text was
    pasted before) is that article, and no version row is written for it: versions only ever
    point back to older rows, so they never loop. Of its `urls`, those standing for `previous_id`
    move to the new version and unknown ones are linked; a URL of another article stays there.
    """
    if not await article_exists(session, previous_id):
        raise UnknownArticleError(previous_id)
    (saved,) = await articles_with_texts(session, [article])
    article_id = saved.article_id
    if saved.created:
        first_id = await session.scalar(
            select(ArticleVersion.first_id).where(ArticleVersion.article_id == previous_id)
        )
        session.add(
            ArticleVersion(
                article_id=article_id,
                previous_id=previous_id,
                first_id=first_id if first_id is not None else previous_id,
                created_at=article.fetched_at,
            )
        )
    await session.execute(
        update(ArticleUrl)
        .where(ArticleUrl.url.in_(article.urls), ArticleUrl.article_id == previous_id)
        .values(article_id=article_id)
        .execution_options(synchronize_session=False)
    )
    await link_urls(session, article_id, article.urls, article.fetched_at)
    return saved


# For the digest queries: every version of a link as one article.


def first_version(article_id: ColumnElement[int]) -> ColumnElement[int]:
    """The first version of the article's link: its own id when it replaced no article."""
    replaced = (
        select(ArticleVersion.first_id)
        .where(ArticleVersion.article_id == article_id)
        .correlate_except(ArticleVersion)  # its own row, also inside a query of versions
        .scalar_subquery()
    )
    return func.coalesce(replaced, article_id)


def link_url(article_id: ColumnElement[int]) -> ScalarSelect[str]:
    """The oldest URL of any version of the article's link: an older version gave its URLs
    to the newer one, and is still shown with them."""
    root = first_version(article_id)
    versions = (
        select(ArticleVersion.article_id)
        .where(ArticleVersion.first_id == root)
        .correlate_except(ArticleVersion)  # the article is the outer query's, two levels up
    )
    return (
        select(ArticleUrl.url)
        .where(or_(ArticleUrl.article_id == root, ArticleUrl.article_id.in_(versions)))
        .order_by(ArticleUrl.id)
        .limit(1)
        .scalar_subquery()
    )
