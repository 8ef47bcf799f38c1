"""The queries of who said what and of text search, each kept to what the asker may see.

What the asker may see (`visible`): articles posted on the asker's platform and in its
workspace (none: a direct message or a local channel, matching only others without one),
publicly, or in the asker's own channel. A private channel's article is only ever shown
back in that channel; nothing crosses workspaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, and_, column, func, literal_column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef
from bot.store.names import ROLE
from bot.store.postings import seen_from
from bot.store.recall_records import ActorFacts, Found, NameMatch, Said
from bot.store.schema import ActorRow, NameKeyRow, PostingRow, SearchDocumentRow, StatementRow
from bot.store.schema.memory import FTS_TABLE, PG_COLUMN

# Words of a search, as FTS5 and PostgreSQL both read them (no operators from the asker).
_SEARCH_WORD = re.compile(r"[^\W_]+")
# Search answers are cut here, however many briefs match.
MAX_FOUND = 50


def _seen_by(asker: ChannelRef) -> ColumnElement[bool]:
    """The postings the asker may see (see the module's docstring)."""
    return and_(*seen_from(asker))


def _visible(article_id: ColumnElement[int], asker: ChannelRef) -> ColumnElement[bool]:
    return (
        select(PostingRow.id).where(PostingRow.article_id == article_id, _seen_by(asker)).exists()
    )


def _shared_at(article_id: ColumnElement[int], asker: ChannelRef) -> ColumnElement[datetime]:
    """When the article was last shared where the asker may see it (NULL: nowhere)."""
    return (
        select(func.max(PostingRow.posted_at))
        .where(PostingRow.article_id == article_id, _seen_by(asker))
        .scalar_subquery()
    )


async def names_for(
    session: AsyncSession, keys: Collection[str], asker: ChannelRef
) -> list[NameMatch]:
    """The canonical names any of `keys` finds in what the asker may see, most briefs first,
    each with its names and aliases."""
    n = NameKeyRow
    rows = await session.execute(
        select(n.name_key, func.count(func.distinct(n.article_id)))
        .where(n.key.in_(list(keys)), _visible(n.article_id, asker))
        .group_by(n.name_key)
    )
    counts: dict[str, int] = {key: n for key, n in rows}
    if not counts:
        return []
    aliases: dict[str, set[str]] = {key: {key} for key in counts}
    alias_rows = await session.execute(
        select(n.name_key, n.key).where(n.name_key.in_(list(counts)), n.source != ROLE).distinct()
    )
    for name_key, key in alias_rows:
        aliases[name_key].add(key)
    return sorted(
        (NameMatch(k, c, frozenset(aliases[k])) for k, c in counts.items()),
        key=lambda m: (-m.articles, -len(m.name_key), m.name_key),
    )


async def actor_facts(session: AsyncSession, name_key: str, asker: ChannelRef) -> ActorFacts | None:
    """The actor's most used spelling, most named kind and latest role, in what the asker
    may see."""
    a = ActorRow
    shared = _shared_at(a.article_id, asker).label("shared_at")
    inner = select(a.name, a.kind, a.role, shared).where(a.name_key == name_key).subquery()
    rows = (
        await session.execute(
            select(inner).where(inner.c.shared_at.is_not(None)).order_by(inner.c.shared_at.desc())
        )
    ).all()
    if not rows:
        return None
    names = Counter(r.name for r in rows)
    kinds = Counter(r.kind for r in rows if r.kind)
    role = next((r.role for r in rows if r.role), None)
    return ActorFacts(
        name=max(names, key=lambda s: (names[s], len(s))),
        kind=kinds.most_common(1)[0][0] if kinds else None,
        role=role,
    )


async def said_by(
    session: AsyncSession,
    name_keys: Collection[str],
    asker: ChannelRef,
    *,
    since: datetime | None,
    limit: int,
) -> list[Said]:
    """What the actors of `name_keys` said (quotes) and where they stand (positions), newest
    shared first, in the articles the asker may see (shared since `since`, when given)."""
    s, d = StatementRow, SearchDocumentRow
    shared = _shared_at(s.article_id, asker).label("shared_at")
    inner = (
        select(s.text, s.kind, s.cue, s.speaker, s.article_id, s.rank, d.title, d.url, shared)
        .join(d, d.article_id == s.article_id)
        .where(s.name_key.in_(list(name_keys)))
        .subquery()
    )
    kept = inner.c.shared_at.is_not(None)
    if since is not None:
        kept = and_(kept, inner.c.shared_at >= since)
    rows = await session.execute(
        select(inner)
        .where(kept)
        .order_by(inner.c.shared_at.desc(), inner.c.article_id.desc(), inner.c.rank)
        .limit(limit)
    )
    return [
        Said(r.text, r.kind, r.cue, r.speaker, r.article_id, r.title, r.url, r.shared_at)
        for r in rows
    ]


async def known_names(session: AsyncSession, asker: ChannelRef) -> list[str]:
    """Every canonical name in what the asker may see (for suggesting the closest)."""
    a = ActorRow
    seen = select(PostingRow.article_id).where(_seen_by(asker))
    return list(await session.scalars(select(a.name).where(a.article_id.in_(seen)).distinct()))


def search_words(words: str) -> list[str]:
    """The words of a search, without any operator syntax."""
    return _SEARCH_WORD.findall(words.casefold())


async def search(
    session: AsyncSession, words: list[str], asker: ChannelRef, *, limit: int
) -> list[Found]:
    """Briefs holding every word (stemmed), best first, among those the asker may see."""
    if not words:
        return []
    d = SearchDocumentRow
    shown = select(d.article_id, d.title, d.url, d.body, _shared_at(d.article_id, asker))
    if session.bind.dialect.name == "postgresql":
        document = literal_column(f"search_documents.{PG_COLUMN}")
        query = func.plainto_tsquery("english", " ".join(words))
        matched = shown.where(document.op("@@")(query)).order_by(
            func.ts_rank(document, query).desc()
        )
    else:
        # Each word a phrase of its own: FTS5 reads nothing the asker typed as syntax.
        phrases = " ".join(f'"{w}"' for w in words)
        index = table(FTS_TABLE, column("rowid"))
        matched = (
            shown.select_from(index.join(d, d.article_id == index.c.rowid))
            .where(text(f"{FTS_TABLE} MATCH :phrases").bindparams(phrases=phrases))
            .order_by(text(f"bm25({FTS_TABLE})"))
        )
    rows = await session.execute(
        matched.where(_visible(d.article_id, asker))
        .order_by(d.article_id.desc())
        .limit(min(limit, MAX_FOUND))
    )
    return [Found(*row) for row in rows]
