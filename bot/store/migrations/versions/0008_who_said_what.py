"""Who said what and text search: each brief's actors, the names they are found by, its quotes
and positions, and its search document as rows; SQLite gets an FTS5 table kept in step by
triggers, PostgreSQL a GIN index. The briefs kept before are filled in here, an article at a
time from its brief saved last, so the rows never depend on a later start.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.recall import brief_rows
from bot.store.schema.memory import FTS_TABLE, GIN_INDEX, PG_COLUMN, PG_DOCUMENT

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Briefs read per query while filling in (bounds the memory the migration needs).
BATCH = 500


def _article(table: str) -> sa.Column:
    return sa.Column(
        "article_id",
        sa.Integer(),
        sa.ForeignKey("articles.id", name=f"fk_{table}_article_id_articles", ondelete="CASCADE"),
        nullable=False,
        primary_key=table == "search_documents",
        autoincrement=False,
    )


def _tables() -> None:
    op.create_table(
        "memory_actors",
        sa.Column("id", sa.Integer(), nullable=False),
        _article("memory_actors"),
        sa.Column("summarizer_version", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_memory_actors"),
    )
    op.create_table(
        "memory_names",
        sa.Column("id", sa.Integer(), nullable=False),
        _article("memory_names"),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_memory_names"),
    )
    op.create_table(
        "memory_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        _article("memory_statements"),
        sa.Column("summarizer_version", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_memory_statements"),
    )
    op.create_table(
        "search_documents",
        _article("search_documents"),
        sa.Column("summarizer_version", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_search_documents"),
    )
    for table in ("memory_actors", "memory_names", "memory_statements"):
        op.create_index(f"ix_{table}_article_id", table, ["article_id"])
    op.create_index("ix_memory_actors_name_key", "memory_actors", ["name_key", "article_id"])
    op.create_index("ix_memory_names_key", "memory_names", ["key", "article_id"])
    op.create_index("ix_memory_names_name_key", "memory_names", ["name_key", "source", "key"])
    op.create_index(
        "ix_postings_seen_by",
        "postings",
        ["article_id", "platform", "workspace", "private", "channel", "posted_at"],
    )
    op.create_index(
        "ix_memory_statements_name_key", "memory_statements", ["name_key", "article_id"]
    )


def _search_index(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute(
            f"ALTER TABLE search_documents ADD COLUMN {PG_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED"
        )
        op.execute(f"CREATE INDEX {GIN_INDEX} ON search_documents USING gin ({PG_COLUMN})")
        return
    if dialect != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, content='search_documents', "
        "content_rowid='article_id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    columns = "rowid, title, body"
    new = "new.article_id, new.title, new.body"
    old = "old.article_id, old.title, old.body"
    forget = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, {columns}) VALUES ('delete', {old});"
    learn = f"INSERT INTO {FTS_TABLE}({columns}) VALUES ({new});"
    for name, when, body in (
        ("ai", "AFTER INSERT", learn),
        ("ad", "AFTER DELETE", forget),
        ("au", "AFTER UPDATE", forget + " " + learn),
    ):
        op.execute(f"CREATE TRIGGER {FTS_TABLE}_{name} {when} ON search_documents BEGIN {body} END")


def _fill_in(connection: sa.engine.Connection) -> None:
    """Rows for each article's brief saved last, BATCH articles at a time."""
    briefs = sa.table(
        "briefs",
        sa.column("id"),
        sa.column("article_id"),
        sa.column("summarizer_version"),
        sa.column("brief_json"),
        sa.column("created_at"),
    )
    tables = {
        name: sa.table(name, *(sa.column(c) for c in columns))
        for name, columns in {
            "memory_actors": (
                "article_id", "summarizer_version", "name", "name_key", "kind", "role",
                "aliases", "mentions",
            ),
            "memory_names": ("article_id", "key", "name_key", "source"),
            "memory_statements": (
                "article_id", "summarizer_version", "name_key", "speaker", "kind", "text", "cue",
                "sentence", "rank",
            ),
            "search_documents": ("article_id", "summarizer_version", "title", "url", "body"),
        }.items()
    }  # fmt: skip
    last = 0
    while True:
        ids = list(
            connection.scalars(
                sa.select(briefs.c.article_id)
                .where(briefs.c.article_id > last)
                .group_by(briefs.c.article_id)
                .order_by(briefs.c.article_id)
                .limit(BATCH)
            )
        )
        if not ids:
            return
        last = ids[-1]
        newest: dict[int, tuple[str, str]] = {}
        for article_id, version, brief_json in connection.execute(
            sa.select(briefs.c.article_id, briefs.c.summarizer_version, briefs.c.brief_json)
            .where(briefs.c.article_id.in_(ids))
            .order_by(briefs.c.created_at, briefs.c.id)
        ):
            newest[article_id] = (version, brief_json)  # the last one wins
        batch: dict[str, list[dict[str, object]]] = {name: [] for name in tables}
        for article_id, (version, brief_json) in newest.items():
            try:
                rows = brief_rows(json.loads(brief_json))
            except (ValueError, AttributeError, TypeError):
                continue  # not a brief this code can read: left out of /who and search
            versioned = {"article_id": article_id, "summarizer_version": version}
            batch["memory_actors"] += [{**versioned, **r} for r in rows.actors]
            batch["memory_names"] += [{"article_id": article_id, **r} for r in rows.names]
            batch["memory_statements"] += [{**versioned, **r} for r in rows.statements]
            batch["search_documents"].append({**versioned, **rows.document})
        for name, values in batch.items():
            if values:
                connection.execute(sa.insert(tables[name]), values)


def upgrade() -> None:
    _tables()
    connection = op.get_bind()
    _search_index(connection.dialect.name)
    _fill_in(connection)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    op.drop_index("ix_postings_seen_by", table_name="postings")
    for table in ("memory_statements", "memory_names", "memory_actors"):
        op.drop_table(table)
    op.drop_table("search_documents")
