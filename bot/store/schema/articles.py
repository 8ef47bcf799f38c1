"""Articles and the URLs they are known under.

One article is one text: the same text pasted, or reached by another URL (canonical, as pasted,
with tracking parameters), is one row in `articles` with several rows in `article_urls`.
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
