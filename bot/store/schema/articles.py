"""Articles, the URLs they are known under, and the versions of a link's page.

One article is one text: the same text pasted, or reached by another URL (canonical, as pasted,
with tracking parameters), is one row in `articles` with several rows in `article_urls`. When a
link's page changes, its new text is a new article; its URLs move to it and `article_versions`
says which article it replaced, so the old text and its briefs stay for digests and history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime

# Longer URLs are refused: PostgreSQL cannot index arbitrarily long values, and no real
# article link needs more.
MAX_URL_LENGTH = 2048


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 hex of the normalised text (see bot.store.hashing).
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    canonical_url: Mapped[str | None] = mapped_column(String(MAX_URL_LENGTH))
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)
    # When the text was first read (fetched, or received as a paste): the row's creation time.
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ArticleUrl(Base):
    __tablename__ = "article_urls"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(MAX_URL_LENGTH), unique=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    # When this URL was first linked to the article.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When a fetch last read or confirmed the page (None: not since check times were kept),
    # and the validators its answer gave, sent back to ask for the page only if it changed.
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)


class ArticleVersion(Base):
    """A link's page changed: `article_id` is its new text, `previous_id` the one it replaced.

    A table of its own rather than columns on `articles`: SQLite can only drop a foreign-key
    column by rebuilding `articles`, which would cascade into every brief and posting.
    """

    __tablename__ = "article_versions"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    previous_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # The link's first version: every version of one link shares it (digests group by it).
    first_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # When the change was found.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
