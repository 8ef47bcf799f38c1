"""Link refresh: when each link was last checked and the validators its page gave, and which
article a changed page's new text replaced.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECK_COLUMNS = ("checked_at", "etag", "last_modified")


def _article(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), autoincrement=False, nullable=False)


def upgrade() -> None:
    # Plain nullable columns: SQLite adds them in place, no table rebuild. Links stored before
    # have no check time, so their next paste fetches them again.
    op.add_column("article_urls", sa.Column("checked_at", sa.DateTime(timezone=True)))
    op.add_column("article_urls", sa.Column("etag", sa.Text()))
    op.add_column("article_urls", sa.Column("last_modified", sa.Text()))
    op.create_table(
        "article_versions",
        _article("article_id"),
        _article("previous_id"),
        _article("first_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *(
            sa.ForeignKeyConstraint(
                [column],
                ["articles.id"],
                name=f"fk_article_versions_{column}_articles",
                ondelete="CASCADE",
            )
            for column in ("article_id", "previous_id", "first_id")
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_versions"),
    )
    op.create_index("ix_article_versions_first_id", "article_versions", ["first_id"])


def downgrade() -> None:
    op.drop_index("ix_article_versions_first_id", table_name="article_versions")
    op.drop_table("article_versions")
    # Batch mode: SQLite rebuilds article_urls, which no other table references.
    with op.batch_alter_table("article_urls") as batch:
        for column in _CHECK_COLUMNS:
            batch.drop_column(column)
