"""Digests: schedules per channel, runs (the row is the claim), source channels, and an index
on postings for what a channel's digest reads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _channel_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("workspace", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "digest_schedules",
        *_channel_columns(),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.Text(), nullable=False),
        sa.Column("weekdays", sa.String(length=16), nullable=False),
        sa.Column("quiet", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_digest_schedules"),
        sa.UniqueConstraint("platform", "workspace", "channel", name="uq_digest_schedules_channel"),
    )
    op.create_table(
        "digest_runs",
        *_channel_columns(),
        _timestamp("scheduled_for"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=False),
        _timestamp("claimed_at"),
        _timestamp("finished_at", nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _timestamp("last_attempt_at", nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("article_count", sa.Integer(), nullable=True),
        sa.Column("story_count", sa.Integer(), nullable=True),
        _timestamp("since", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_digest_runs"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", "scheduled_for", name="uq_digest_runs_claim"
        ),
    )
    op.create_table(
        "digest_sources",
        *_channel_columns(),
        sa.Column("source_channel", sa.Text(), nullable=False),
        _timestamp("added_at"),
        sa.PrimaryKeyConstraint("id", name="pk_digest_sources"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", "source_channel", name="uq_digest_sources_source"
        ),
    )
    op.create_index(
        "ix_postings_channel_posted_at",
        "postings",
        ["platform", "workspace", "channel", "posted_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_postings_channel_posted_at", table_name="postings")
    op.drop_table("digest_sources")
    op.drop_table("digest_runs")
    op.drop_table("digest_schedules")
