"""Accepted work: every request the bot said yes to (a pasted link or text, a mention, a
`/brief`), kept until it is answered, so whichever instance is alive answers it after a crash.

The row is also the claim of a platform's delivery: `key` (Slack's event id) is unique, so the
same event delivered again, to this instance or another, finds it taken.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime


class AcceptedWorkRow(Base):
    __tablename__ = "accepted_work"
    # What the sweep reads: unfinished work whose lease ran out.
    __table_args__ = (Index("ix_accepted_work_open", "finished_at", "claimed_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What to do with the payload: "slack.event", "slack.brief", … (the adapter's business).
    kind: Mapped[str] = mapped_column(String(32))
    # The platform's delivery id (Slack's event_id), unique; None for work that has none.
    key: Mapped[str | None] = mapped_column(Text, unique=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON, as the adapter wrote it
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The instance working on it, and until when its lease holds (renewed while it works).
    claimed_by: Mapped[str | None] = mapped_column(Text)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "done", or "abandoned" (too old to answer, or it failed too often).
    outcome: Mapped[str | None] = mapped_column(String(16))
