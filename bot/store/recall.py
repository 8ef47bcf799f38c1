"""The rows of who said what and of text search, made from a brief's JSON, and kept with it.

`brief_rows` is pure (migration 0008 fills the rows of briefs kept before with it);
`keep_rows` runs in the transaction that saves the brief, so the rows and the brief never
disagree. An article holds the rows of its brief saved last (see schema/memory.py).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.names import actor_keys, name_key
from bot.store.schema import ActorRow, NameKeyRow, SearchDocumentRow, StatementRow

QUOTE = "quote"
POSITION = "position"


@dataclass(slots=True)
class BriefRows:
    """Column values of one brief's rows, without the article id and version."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _add_actor(rows: BriefRows, seen: set[str], keys: set[tuple[str, str]], **actor: Any) -> str:
    """Add the actor once (by its name's key) with the keys it is found by; its name key."""
    key = name_key(actor["name"])
    if not key or key in seen:
        return key
    seen.add(key)
    aliases = [a for a in actor["aliases"] if isinstance(a, str) and a.strip()]
    rows.actors.append(
        {
            "name": actor["name"],
            "name_key": key,
            "kind": actor["kind"],
            "role": actor["role"],
            "aliases": json.dumps(aliases, ensure_ascii=False),
            "mentions": actor["mentions"],
        }
    )
    found_by = actor_keys(actor["name"], aliases=aliases, role=actor["role"], kind=actor["kind"])
    for lookup, source in found_by:
        if (lookup, key) not in keys:
            keys.add((lookup, key))
            rows.names.append({"key": lookup, "name_key": key, "source": source})
    return key


def _add_statement(
    rows: BriefRows, key: str, speaker: str, kind: str, text: str, said: dict[str, Any]
) -> None:
    """A quote or position, ranked in the order the brief gives them."""
    rows.statements.append(
        {
            "name_key": key,
            "speaker": speaker,
            "kind": kind,
            "text": text,
            "cue": _text(said.get("cue")),
            "sentence": _int(said.get("sentence")),
            "rank": len(rows.statements),
        }
    )


def brief_rows(brief: dict[str, Any]) -> BriefRows:
    """The rows of a brief (Brief.to_dict()'s shape): each actor and each quote's speaker
    with the keys they are found by, each position and quote, and the search document."""
    rows = BriefRows()
    seen: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for actor in brief.get("actors") or []:
        name = _text(actor.get("name"))
        if name is None:
            continue
        key = _add_actor(
            rows,
            seen,
            keys,
            name=name,
            kind=_text(actor.get("kind")),
            role=_text(actor.get("role")),
            aliases=actor.get("aliases") or [],
            mentions=_int(actor.get("mentions")) or 0,
        )
        for position in actor.get("positions") or []:
            # A direct position is one of the quotes, kept as a quote below.
            if position.get("direct") or (text := _text(position.get("text"))) is None:
                continue
            _add_statement(rows, key, name, POSITION, text, position)
    quoted: list[str] = []
    for quote in brief.get("quotes") or []:
        text = _text(quote.get("text"))
        if text is not None:
            quoted.append(text)
        speaker = _text(quote.get("speaker"))
        if speaker is None or text is None:
            continue
        key = _add_actor(
            rows,
            seen,
            keys,
            name=speaker,
            kind=None,
            role=_text(quote.get("speaker_role")),
            aliases=[],
            mentions=0,
        )
        _add_statement(rows, key, speaker, QUOTE, text, quote)
    bullets = [b.get("text") for b in brief.get("bullets") or [] if _text(b.get("text"))]
    rows.document = {
        "title": _text(brief.get("title")),
        "url": _text(brief.get("url")),
        "body": "\n".join([*bullets, *quoted]),
    }
    return rows


async def keep_rows(
    session: AsyncSession, kept: list[tuple[int, str, BriefRows]], *, fresh: Collection[int]
) -> None:
    """Make each article's rows those of its brief (`(article_id, version, rows)`, an article
    given once), replacing any brief's rows before; the articles in `fresh` were made in this
    transaction, so they have none to replace. One statement per table for all."""
    stale = [article_id for article_id, _, _ in kept if article_id not in fresh]
    if stale:
        for table in (ActorRow, NameKeyRow, StatementRow, SearchDocumentRow):
            await session.execute(delete(table).where(table.article_id.in_(stale)))
    values: dict[type, list[dict[str, Any]]] = {
        ActorRow: [],
        NameKeyRow: [],
        StatementRow: [],
        SearchDocumentRow: [],
    }
    for article_id, version, rows in kept:
        common = {"article_id": article_id}
        versioned = {**common, "summarizer_version": version}
        values[ActorRow] += [{**versioned, **r} for r in rows.actors]
        values[NameKeyRow] += [{**common, **r} for r in rows.names]
        values[StatementRow] += [{**versioned, **r} for r in rows.statements]
        values[SearchDocumentRow].append({**versioned, **rows.document})
    # Core inserts of the tables: one executemany each. The ORM's would split the rows into a
    # statement per run of rows with the same NULL columns.
    for table, made in values.items():
        if made:
            await session.execute(insert(table.__table__), made)
