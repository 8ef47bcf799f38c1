"""The first schema: articles, the URLs they are known under, briefs and postings.

Written out by hand rather than imported from bot.store.schema: a migration must keep
describing the schema as it was when written, whatever the models become later.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical_url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("site_name", sa.Text(), nullable=True),
        _timestamp("published_at", nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _timestamp("fetched_at"),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_table(
        "article_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_urls_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_article_urls"),
        sa.UniqueConstraint("url", name="uq_article_urls_url"),
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])
    op.create_table(
        "briefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("summarizer_version", sa.Text(), nullable=False),
        sa.Column("brief_json", sa.Text(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_briefs_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_briefs"),
        sa.UniqueConstraint(
            "article_id", "summarizer_version", name="uq_briefs_article_id_summarizer_version"
        ),
    )
    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("workspace", sa.Text(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Text(), nullable=True),
        _timestamp("posted_at"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_postings_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_postings"),
    )
    op.create_index("ix_postings_article_id", "postings", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_postings_article_id", table_name="postings")
    op.drop_table("postings")
    op.drop_table("briefs")
    op.drop_index("ix_article_urls_article_id", table_name="article_urls")
    op.drop_table("article_urls")
    op.drop_table("articles")
