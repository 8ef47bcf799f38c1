"""Who said what, as rows: the actors, the names they are found by, and the quotes and
positions of each article's brief; and the text search reads (title, bullets, quotes).

An article holds the rows of its most recently saved brief (`summarizer_version` says which
engine made them), so a speaker's quote is listed once however many engines briefed it. Names
are looked up by `key` (bot/store/names.py: lower case, no accents, punctuation or leading
"the"); `name_key` is the key of the canonical name, which joins a name to what was said.

The full-text indexes are not models: SQLite's FTS5 table (and its triggers) and PostgreSQL's
GIN index are made by migration 0008 for their own database only, and `include_name` keeps
them out of the comparison of models and migrations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base

# What migration 0008 makes outside the models, per database.
FTS_TABLE = "search_fts"  # SQLite: FTS5 over search_documents (external content)
GIN_INDEX = "ix_search_documents_fts"  # PostgreSQL: GIN over the document's tsvector
# PostgreSQL: the stored tsvector of the title and body (a generated column), so ranking many
# matches reads it rather than parsing each text again.
PG_COLUMN = "document"
PG_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || body)"


def include_name(name: str | None, type_: str, parents: dict[str, Any]) -> bool:
    """Alembic's filter: the search indexes a migration makes for one database only (and
    FTS5's own shadow tables) are not compared with the models."""
    if name is None:
        return True
    if type_ == "table":
        return not (name == FTS_TABLE or name.startswith(FTS_TABLE + "_"))
    if type_ == "column" and parents.get("table_name") == "search_documents":
        return name != PG_COLUMN
    return not (type_ == "index" and name == GIN_INDEX)


class ActorRow(Base):
    """An actor (or a quote's speaker who is not one) of an article's brief."""

    __tablename__ = "memory_actors"
    __table_args__ = (Index("ix_memory_actors_name_key", "name_key", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    summarizer_version: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)  # canonical, as the brief gives it
    name_key: Mapped[str] = mapped_column(Text)
    # person, organization, place, group; None for a speaker the brief lists no actor for.
    kind: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[str] = mapped_column(Text)  # a JSON list, as the brief gives them
    mentions: Mapped[int] = mapped_column(Integer)


class NameKeyRow(Base):
    """One way to name an actor of a brief: its name, an alias, its role (and the role without
    what precedes it: "prime minister" of "Israeli Prime Minister")."""

    __tablename__ = "memory_names"
    __table_args__ = (
        Index("ix_memory_names_key", "key", "article_id"),
        Index("ix_memory_names_name_key", "name_key", "source", "key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)  # the canonical name it stands for
    # "name", "alias" or "role" (bot/store/names.py): names and aliases join one actor's
    # briefs, a role only finds them.
    source: Mapped[str] = mapped_column(String(8))


class StatementRow(Base):
    """A quote or a position of a brief, by the canonical name of who said it."""

    __tablename__ = "memory_statements"
    __table_args__ = (Index("ix_memory_statements_name_key", "name_key", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    summarizer_version: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # "quote" or "position"
    text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)  # its place in the brief, most important first


class SearchDocumentRow(Base):
    """What text search reads of an article's brief: its title and link, and its bullets and
    quotes as one body."""

    __tablename__ = "search_documents"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    summarizer_version: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
