"""Store.keep: a share (article, link check, brief with its rows, posting) kept in one
transaction, and the shares of a burst kept together, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from bot.store import (
    NewArticle,
    NewBrief,
    NewCheck,
    NewPosting,
    Store,
    UnknownArticleError,
)

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
VERSION = "9.9.9"


def article(n: int) -> NewArticle:
    return NewArticle(
        text=f"Story {n}: the harbour board voted to rebuild the north pier by spring.",
        fetched_at=T0,
    )


def brief(speaker: str, quote: str) -> NewBrief:
    made = {
        "title": "Pier vote",
        "bullets": [{"text": "The harbour board voted to rebuild the north pier."}],
        "quotes": [{"text": quote, "speaker": speaker}],
        "actors": [{"name": speaker, "kind": "person", "positions": []}],
    }
    return NewBrief(json.dumps(made), VERSION, T0)


def posting(channel: str, request: str | None = None) -> NewPosting:
    return NewPosting("slack", channel, T0, workspace="T1", request=request, private=False)


@contextmanager
def commits(store: Store) -> Iterator[list[int]]:
    """The transactions committed on the store while the block runs (one entry each)."""
    made: list[int] = []

    def count(*_: Any) -> None:
        made.append(1)

    event.listen(store.engine.sync_engine, "commit", count)
    try:
        yield made
    finally:
        event.remove(store.engine.sync_engine, "commit", count)


async def scalar(store: Store, sql: str, **params: Any) -> Any:
    async with store.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()


async def test_a_share_is_kept_whole_in_one_transaction(store: Store) -> None:
    link = "https://news.example/pier"
    with commits(store) as made:
        saved = await store.keep(
            NewArticle(text=article(1).text, fetched_at=T0, url=link, title="Pier vote"),
            brief=brief("Ana Ruiz", "We will rebuild it stronger."),
            check=NewCheck((link,), T0 + timedelta(seconds=1), etag='"v1"'),
            posting=posting("C1", request="work-1"),
        )
    assert len(made) == 1
    assert saved.created
    assert json.loads(await store.brief_for(saved.article_id, VERSION) or "{}")["title"] == (
        "Pier vote"
    )
    check = await store.link_check(link)
    assert check is not None and check.etag == '"v1"' and check.article_id == saved.article_id
    (shared,) = await store.postings_for(saved.article_id)
    assert (shared.channel, shared.private) == ("C1", False)
    said = await scalar(
        store, "SELECT count(*) FROM memory_statements WHERE article_id = :a", a=saved.article_id
    )
    assert said == 1


async def test_a_burst_of_shares_is_kept_in_a_handful_of_transactions(store: Store) -> None:
    with commits(store) as made:
        saved = await asyncio.gather(
            *(
                store.keep(
                    article(n),
                    brief=brief(f"Speaker {n}", f"Quote number {n}."),
                    posting=posting(f"C{n}", request=f"work-{n}"),
                )
                for n in range(30)
            )
        )
    assert len({s.article_id for s in saved}) == 30 and all(s.created for s in saved)
    # The first share is kept at once; the others, which arrived meanwhile, together.
    assert len(made) <= 3
    assert await scalar(store, "SELECT count(*) FROM briefs") == 30
    assert await scalar(store, "SELECT count(*) FROM postings") == 30
    assert await scalar(store, "SELECT count(*) FROM memory_statements") == 30
    for n, s in enumerate(saved):
        (shared,) = await store.postings_for(s.article_id)
        assert shared.channel == f"C{n}"  # each share's posting is its own article's


async def test_a_text_shared_twice_in_one_burst_is_one_article(store: Store) -> None:
    first, again, other = await asyncio.gather(
        store.keep(article(1), brief=brief("Ana Ruiz", "First."), posting=posting("C1")),
        store.keep(article(1), brief=brief("Ana Ruiz", "Second."), posting=posting("C2")),
        store.keep(article(2), brief=brief("Bo Lind", "Other."), posting=posting("C3")),
    )
    assert first.article_id == again.article_id != other.article_id
    assert [first.created, again.created].count(True) == 1
    assert [p.channel for p in await store.postings_for(first.article_id)] == ["C1", "C2"]
    # The article holds one brief, and the rows of that one brief only.
    kept = json.loads(await store.brief_for(first.article_id, VERSION) or "{}")
    said = await scalar(
        store,
        "SELECT text FROM memory_statements WHERE article_id = :a",
        a=first.article_id,
    )
    assert said == kept["quotes"][0]["text"]
    rows = await scalar(
        store, "SELECT count(*) FROM memory_statements WHERE article_id = :a", a=first.article_id
    )
    assert rows == 1


async def test_a_new_brief_replaces_the_rows_of_the_one_before(store: Store) -> None:
    saved = await store.keep(article(1), brief=brief("Ana Ruiz", "Before."))
    await store.keep(saved.article_id, brief=brief("Bo Lind", "After."))
    speakers = await scalar(
        store,
        "SELECT group_concat(speaker) FROM memory_statements"
        if store.engine.dialect.name == "sqlite"
        else "SELECT string_agg(speaker, ',') FROM memory_statements",
    )
    assert speakers == "Bo Lind"


async def test_one_bad_share_fails_alone_in_a_burst(store: Store) -> None:
    first = await store.keep(article(1))
    outcomes = await asyncio.gather(
        store.keep(article(2), posting=posting("C2")),
        store.keep(NewArticle(text="A changed page.", fetched_at=T0, replaces=9999)),
        store.keep(first.article_id, posting=posting("C1")),
        store.keep(article(3), brief=brief("Cy Moss", "Fine.")),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], UnknownArticleError)
    assert not any(isinstance(o, BaseException) for i, o in enumerate(outcomes) if i != 1)
    assert await scalar(store, "SELECT count(*) FROM articles") == 3
    assert await scalar(store, "SELECT count(*) FROM postings") == 2
    assert await scalar(store, "SELECT count(*) FROM briefs") == 1


async def test_a_request_is_posted_once_however_often_it_is_kept(store: Store) -> None:
    saved = await store.keep(article(1))
    ids = await asyncio.gather(
        *(
            store.record_posting(
                saved.article_id, platform="slack", channel="C1", posted_at=T0, request="w1"
            )
            for _ in range(3)
        )
    )
    again = await store.record_posting(
        saved.article_id, platform="slack", channel="C1", posted_at=T0, request="w1"
    )
    assert len(set(ids)) == 1 and again == ids[0]
    assert len(await store.postings_for(saved.article_id)) == 1


async def test_bad_shares_are_refused_before_any_transaction(store: Store) -> None:
    with commits(store) as made:
        with pytest.raises(ValueError):
            await store.keep(article(1), brief=NewBrief("[]", VERSION, T0))
        with pytest.raises(ValueError):
            await store.keep(article(1), posting=NewPosting("slack", "", T0))
        with pytest.raises(ValueError):
            await store.keep(NewArticle(text="Naive time.", fetched_at=datetime(2025, 6, 2)))
    assert made == []
    assert await scalar(store, "SELECT count(*) FROM articles") == 0
