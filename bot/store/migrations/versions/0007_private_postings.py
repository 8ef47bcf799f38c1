"""Postings say whether they were shared in private (a private channel, a direct message, or a
channel not known to be public), so what they hold is only ever shown back in that channel.
Postings kept before are counted private: nobody can tell now where they were public.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "postings",
        sa.Column("private", sa.Boolean(), server_default=sa.true(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("private")
