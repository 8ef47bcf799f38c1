"""Accepted work: each request kept until it is answered (and each Slack event claimed by its
id), so any instance, or this one after a restart, answers it once; postings name the request
they answered.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "accepted_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        _timestamp("accepted_at", nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        _timestamp("claimed_until"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _timestamp("finished_at"),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_accepted_work"),
        sa.UniqueConstraint("key", name="uq_accepted_work_key"),
    )
    op.create_index("ix_accepted_work_open", "accepted_work", ["finished_at", "claimed_until"])
    # A plain nullable column: SQLite adds it in place.
    op.add_column("postings", sa.Column("request", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("request")
    op.drop_index("ix_accepted_work_open", table_name="accepted_work")
    op.drop_table("accepted_work")
