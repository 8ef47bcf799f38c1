"""A share kept in one transaction: the article, its link's check, its brief with the rows of
who said what, and where it was posted.

Why one: at 200 requests at once every transaction is a turn at SQLite's single writer, and on
PostgreSQL a connection held across round trips through a busy event loop. Written apart, the
article, the brief and the posting made each reply wait three turns behind all the others.
Everything is checked before the transaction (`checked_share`), so a bad value costs no turn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import require_channel
from bot.store import articles, briefs, postings, recall, versions
from bot.store.errors import UnknownArticleError
from bot.store.records import NewArticle, NewBrief, NewCheck, NewPosting, SavedArticle
from bot.store.schema.types import require_aware


@dataclass(frozen=True, slots=True)
class BriefAndRows:
    """A brief with the rows of who said what and search made from it (recall.py)."""

    brief: NewBrief
    rows: recall.BriefRows


@dataclass(frozen=True, slots=True)
class Share:
    """What one transaction keeps, checked. `article`: one to store, or the id of one stored."""

    article: NewArticle | int
    urls: list[str] = field(default_factory=list)  # the new article's URLs, canonical first
    metadata: dict[str, object] = field(default_factory=dict)
    brief: BriefAndRows | None = None
    check: NewCheck | None = None
    checked_urls: list[str] = field(default_factory=list)  # the check's
    posting: NewPosting | None = None


def checked_share(
    article: NewArticle | int,
    *,
    brief: NewBrief | None = None,
    check: NewCheck | None = None,
    posting: NewPosting | None = None,
) -> Share:
    """The share with its values checked (ValueError says which is wrong) and the brief's rows
    made: aware times, storable URLs, a JSON object for a brief, a channel for a posting."""
    urls: list[str] = []
    metadata: dict[str, object] = {}
    if isinstance(article, NewArticle):
        if not article.text.strip():
            raise ValueError("an article needs some text")
        article = replace(article, fetched_at=require_aware(article.fetched_at, "fetched_at"))
        metadata = articles.article_metadata(
            canonical_url=article.canonical_url,
            title=article.title,
            byline=article.byline,
            site_name=article.site_name,
            published_at=article.published_at,
        )
        # The canonical URL is the better key; the pasted one is linked too.
        urls = articles.checked_urls(article.canonical_url, article.url)
    kept_brief = None
    if brief is not None:
        if not brief.version:
            raise ValueError("a brief needs the summarizer version that made it")
        parsed = json.loads(brief.brief_json)  # parsed once: checked here, its rows made from it
        if not isinstance(parsed, dict):
            raise ValueError("brief_json must be a JSON object")
        brief = replace(brief, created_at=require_aware(brief.created_at, "created_at"))
        kept_brief = BriefAndRows(brief, recall.brief_rows(parsed))
    checked_urls: list[str] = []
    if check is not None:
        check = replace(check, checked_at=require_aware(check.checked_at, "checked_at"))
        checked_urls = articles.checked_urls(*check.urls)
    if posting is not None:
        require_channel(posting.platform, posting.channel, "a posting")
        posting = replace(posting, posted_at=require_aware(posting.posted_at, "posted_at"))
    return Share(article, urls, metadata, kept_brief, check, checked_urls, posting)


# What keeping a share gives back: the article (found or made) and the posting's id, if asked.
Kept = tuple[SavedArticle, int | None]


async def keep_shares(session: AsyncSession, shares: list[Share]) -> list[Kept]:
    """Keep the shares in this transaction, each kind of row in one statement for all of them
    where it can be (a burst of pastes costs a handful of statements, not a handful each).

    An article kept by more than one share holds the brief of the last. Raises
    UnknownArticleError when an article given by id, or one replaced, is not stored.
    Conflicting concurrent inserts raise IntegrityError, for the caller to retry.
    """
    saved: list[SavedArticle | None] = []
    for share in shares:
        article = share.article
        if isinstance(article, int):
            if not await articles.article_exists(session, article):
                raise UnknownArticleError(article)
            saved.append(SavedArticle(article, False))
        elif article.replaces is not None:
            saved.append(await versions.save_version(session, article.replaces, _values(share)))
        else:
            saved.append(None)  # saved with the other new articles, below
    new = [i for i, s in enumerate(saved) if s is None]
    made = await articles.save_articles(session, [_values(shares[i]) for i in new])
    for i, article in zip(new, made, strict=True):
        saved[i] = article
    kept = [s for s in saved if s is not None]
    pairs = list(zip(shares, kept, strict=True))
    for share, article in pairs:
        if share.check is not None:
            await versions.record_check(
                session,
                article.article_id,
                share.checked_urls,
                checked_at=share.check.checked_at,
                etag=share.check.etag,
                last_modified=share.check.last_modified,
            )
    await _keep_briefs(session, pairs)
    posts = [(a.article_id, s.posting) for s, a in pairs if s.posting is not None]
    ids = iter(await postings.record_postings(session, posts))
    return [(a, None if s.posting is None else next(ids)) for s, a in pairs]


def _values(share: Share) -> articles.ArticleValues:
    article = share.article
    assert isinstance(article, NewArticle)
    return articles.ArticleValues(article.text, share.urls, share.metadata, article.fetched_at)


async def _keep_briefs(session: AsyncSession, pairs: list[tuple[Share, SavedArticle]]) -> None:
    """The briefs, and with them the rows of who said what and search, in their transaction."""
    last: dict[int, BriefAndRows] = {}
    for share, article in pairs:
        if share.brief is not None:
            last[article.article_id] = share.brief
    await briefs.save_briefs(session, [(article_id, b.brief) for article_id, b in last.items()])
    await recall.keep_rows(
        session,
        [(article_id, b.brief.version, b.rows) for article_id, b in last.items()],
        fresh={article.article_id for _, article in pairs if article.created},
    )
