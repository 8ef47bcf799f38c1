"""Postings: every time a brief went out, so one article posted twice shows twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime


class PostingRow(Base):
    __tablename__ = "postings"
    # What a channel's digest reads: its postings (and its sources') in a period of time.
    __table_args__ = (
        Index("ix_postings_channel_posted_at", "platform", "workspace", "channel", "posted_at"),
        # What /who and search read of each article: whether the asker may see it, and when
        # it was shared there, from the index alone (bot/store/recall_queries.py).
        Index(
            "ix_postings_seen_by",
            "article_id",
            "platform",
            "workspace",
            "private",
            "channel",
            "posted_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    # "slack", "discord", "console" or "cli" (checked in Python, so a new platform needs no
    # migration).
    platform: Mapped[str] = mapped_column(String(16))
    # Free-form ids are Text: their length is the platform's business, not ours.
    # Slack team id or Discord guild id; None for direct messages and local channels.
    workspace: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The accepted work (its id) this posting answered: work resumed after a crash finds its
    # posting already made and does not count the share twice. None for older rows and the CLI.
    request: Mapped[str | None] = mapped_column(Text)
    # Shared where not everyone in the workspace may read it (a private channel, a direct
    # message, or not known to be public): what it holds is shown back only in that channel.
    private: Mapped[bool] = mapped_column(Boolean, server_default=true())
