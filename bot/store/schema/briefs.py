"""Briefs: one per article and summarizer version, so a new engine never overwrites an old one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime


class BriefRow(Base):
    __tablename__ = "briefs"
    __table_args__ = (UniqueConstraint("article_id", "summarizer_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    summarizer_version: Mapped[str] = mapped_column(Text)
    # Exactly the text summarizer.Brief.to_json() gave: kept verbatim, never re-serialised.
    brief_json: Mapped[str] = mapped_column(Text)
    # When this brief was (last) made.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
