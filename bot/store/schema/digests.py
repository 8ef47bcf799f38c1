"""Digests: each channel's schedule, every run of it (the run row is the claim), and the other
channels whose shared articles go into its digest.

Channels are keyed like channel_settings: (platform, workspace, channel) with "" rather than
NULL for no workspace, so the unique constraints hold on every database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime


class DigestScheduleRow(Base):
    __tablename__ = "digest_schedules"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "channel", name="uq_digest_schedules_channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    # Local wall time in `timezone` (an IANA name), so the hour follows daylight saving.
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(Text)
    # Sorted day numbers, 0 = Monday: "0,1,2,3,4,5,6" is every day.
    weekdays: Mapped[str] = mapped_column(String(16))
    quiet: Mapped[bool] = mapped_column(Boolean)
    enabled: Mapped[bool] = mapped_column(Boolean)
    # Why a permanent failure turned the schedule off (None when enabled or turned off by a user).
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DigestRunRow(Base):
    __tablename__ = "digest_runs"
    # The claim: whichever process inserts the row first runs the digest; the others get a
    # conflict. This is the only thing that keeps two processes from posting it twice.
    __table_args__ = (
        UniqueConstraint(
            "platform", "workspace", "channel", "scheduled_for", name="uq_digest_runs_claim"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    scheduled_for: Mapped[datetime] = mapped_column(UTCDateTime)
    # "scheduled"; statuses "claimed", "posted", "empty", "failed", "skipped" (checked in Python,
    # so a new one needs no migration).
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    claimed_by: Mapped[str] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Failed posting attempts so far, the last one's time and error (or why the run was skipped).
    attempts: Mapped[int] = mapped_column(Integer)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[str | None] = mapped_column(Text)
    article_count: Mapped[int | None] = mapped_column(Integer)
    story_count: Mapped[int | None] = mapped_column(Integer)
    # The run covers postings in (since, scheduled_for]; None: everything before.
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DigestSourceRow(Base):
    __tablename__ = "digest_sources"
    __table_args__ = (
        UniqueConstraint(
            "platform", "workspace", "channel", "source_channel", name="uq_digest_sources_source"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The digest's channel; the source is another channel of the same platform and workspace.
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    source_channel: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
