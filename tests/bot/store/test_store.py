"""The store (bot.store) against real databases: SQLite always, PostgreSQL when
BRIEFBOT_TEST_DATABASE_URL names one (each test then gets its own schema, dropped afterwards; the
`backend` and `store` fixtures are in conftest.py).

Times are passed in explicitly; nothing sleeps and nothing reads the clock.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from databases import Backend
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.util import await_only

from bot.store import (
    DEFAULT_DATABASE_URL,
    Store,
    UnknownArticleError,
    content_hash,
    normalise_text,
)
from bot.store.migrate import current_revision, downgrade, head_revision, upgrade_engine
from bot.store.schema import Base
from bot.store.schema.memory import include_name

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
T2 = T0 + timedelta(hours=2)
TABLES = {"articles", "article_urls", "briefs", "postings", "accepted_work"}

TEXT = (
    "The council voted on Tuesday to close the bridge. “It is not safe,” said the mayor, "
    "Jane Doe — who has argued for repairs since 2019.\n\nTraffic will be diverted."
)
# The same article as another site or a paste gives it: straight quotes, a hyphen for the
# dash, other line breaks and spacing, a capital letter changed, a non-breaking space.
TEXT_RESTYLED = (
    'The council voted on  Tuesday to close the bridge.\n"It is not safe," said the mayor,\u00a0'
    "Jane Doe - who has argued for repairs since 2019. Traffic will be DIVERTED.  "
)
OTHER_TEXT = "The council voted on Wednesday to reopen the bridge after repairs were finished."


def brief_json(bullet: str) -> str:
    return json.dumps({"title": None, "bullets": [{"text": bullet, "sentence": 0}]}, indent=2)


async def article_count(store: Store) -> int:
    async with store.engine.connect() as conn:
        return (await conn.execute(text("SELECT count(*) FROM articles"))).scalar_one()


# Schema and migrations


async def test_opening_twice_upgrades_once_and_keeps_the_data(backend: Backend) -> None:
    first = await backend.open()
    saved = await first.save_article(text=TEXT, url="https://news.example/a", fetched_at=T0)
    await first.close()

    again = await backend.open()
    try:
        await upgrade_engine(again.engine)  # a third upgrade, on an open store
        async with again.engine.connect() as conn:
            revision = await conn.run_sync(current_revision)
            versions = (await conn.execute(text("SELECT count(*) FROM alembic_version"))).scalar()
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert revision == head_revision() == "0008"
        assert versions == 1
        assert tables >= TABLES | {"alembic_version"}
        assert await article_count(again) == 1
        assert (await again.article_for_url("https://news.example/a")).id == saved.article_id
    finally:
        await again.close()


async def test_migrations_build_exactly_the_schema_the_models_describe(store: Store) -> None:
    def differences(conn: Connection) -> list[Any]:
        opts = {"compare_type": True, "include_name": include_name}
        context = MigrationContext.configure(conn, opts=opts)
        return compare_metadata(context, Base.metadata)

    async with store.engine.connect() as conn:
        assert await conn.run_sync(differences) == []


async def test_downgrade_to_base_and_up_again(store: Store) -> None:
    async with store.engine.begin() as conn:
        await conn.run_sync(downgrade, "base")
    async with store.engine.connect() as conn:
        tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert await conn.run_sync(current_revision) is None
    assert not tables & TABLES
    await upgrade_engine(store.engine)
    saved = await store.save_article(text=TEXT, fetched_at=T0)
    assert saved.created


async def test_the_default_sqlite_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / ".briefbot").exists()
    async with await Store.open() as store:
        await store.save_article(text=TEXT, fetched_at=T0)
    database = tmp_path / ".briefbot" / "briefbot.db"
    assert DEFAULT_DATABASE_URL.endswith("///.briefbot/briefbot.db")
    assert database.is_file()
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)


async def test_an_in_memory_sqlite_store_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with await Store.open("sqlite+aiosqlite://") as store:
        saved = await store.save_article(text=TEXT, url="https://news.example/m", fetched_at=T0)
        assert (await store.article_for_url("https://news.example/m")).id == saved.article_id
    assert list(tmp_path.iterdir()) == []


# Articles


async def test_the_same_url_twice_is_one_article(store: Store) -> None:
    url = "https://news.example/bridge"
    first = await store.save_article(text=TEXT, url=url, title="Bridge closes", fetched_at=T0)
    second = await store.save_article(text=TEXT, url=url, title="Bridge closes", fetched_at=T1)
    assert first.created is True
    assert second == (first.article_id, False)
    article = await store.article_for_url(url)
    assert article is not None
    assert article.urls == (url,)
    assert article.fetched_at == T0  # the first reading is kept
    assert await article_count(store) == 1


async def test_the_same_text_under_another_url_and_style_is_one_article(store: Store) -> None:
    assert normalise_text(TEXT) == normalise_text(TEXT_RESTYLED)
    first = await store.save_article(text=TEXT, url="https://a.example/bridge", fetched_at=T0)
    second = await store.save_article(
        text=TEXT_RESTYLED, url="https://b.example/story?id=7", fetched_at=T1
    )
    assert first.created and not second.created
    assert second.article_id == first.article_id
    article = await store.article_for_url("https://b.example/story?id=7")
    assert article is not None
    assert article.id == first.article_id
    assert article.urls == ("https://a.example/bridge", "https://b.example/story?id=7")
    assert article.text == TEXT  # the first text is kept, byte for byte
    assert article.content_hash == content_hash(TEXT) == content_hash(TEXT_RESTYLED)
    assert await article_count(store) == 1


async def test_different_texts_are_two_articles(store: Store) -> None:
    first = await store.save_article(text=TEXT, fetched_at=T0)
    second = await store.save_article(text=OTHER_TEXT, fetched_at=T0)
    assert first.created and second.created
    assert first.article_id != second.article_id
    assert await article_count(store) == 2


async def test_a_url_already_known_wins_over_a_changed_text(store: Store) -> None:
    # An updated page under the same link is still the article that link was saved as.
    url = "https://news.example/live"
    first = await store.save_article(text=TEXT, url=url, fetched_at=T0)
    again = await store.save_article(text=OTHER_TEXT, url=url, fetched_at=T1)
    assert again == (first.article_id, False)
    assert (await store.article(first.article_id)).text == TEXT
    assert await article_count(store) == 1


async def test_canonical_and_pasted_urls_both_lead_to_the_article(store: Store) -> None:
    pasted = "https://news.example/bridge?utm_source=chat"
    canonical = "https://news.example/bridge"
    saved = await store.save_article(
        text=TEXT, url=pasted, canonical_url=canonical, site_name="Example News", fetched_at=T0
    )
    via_canonical = await store.save_article(text=OTHER_TEXT, url=canonical, fetched_at=T1)
    assert via_canonical == (saved.article_id, False)
    for url in (pasted, canonical):
        article = await store.article_for_url(url)
        assert article is not None and article.id == saved.article_id
        assert article.canonical_url == canonical
        assert set(article.urls) == {pasted, canonical}
    assert await store.article_for_url("https://news.example/other") is None


async def test_a_link_after_a_paste_fills_in_what_was_missing(store: Store) -> None:
    published = datetime(2024, 8, 25, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    pasted = await store.save_article(text=TEXT, title="As pasted", fetched_at=T0)
    linked = await store.save_article(
        text=TEXT_RESTYLED,
        url="https://news.example/bridge",
        canonical_url="https://news.example/bridge",
        title="Council closes the bridge",
        byline="Jane Reporter",
        published_at=published,
        fetched_at=T1,
    )
    assert linked == (pasted.article_id, False)
    article = await store.article(pasted.article_id)
    assert article is not None
    assert article.title == "As pasted"  # never overwritten
    assert article.byline == "Jane Reporter"
    assert article.canonical_url == "https://news.example/bridge"
    assert article.published_at == published
    assert article.published_at.tzinfo == UTC
    assert article.published_at.hour == 13  # 09:30 in New York (EDT) is 13:30 UTC


async def test_concurrent_saves_of_one_text_make_one_article(store: Store) -> None:
    urls = [f"https://site{i}.example/bridge" for i in range(8)]
    results = await asyncio.gather(
        *(
            store.save_article(text=TEXT if i % 2 else TEXT_RESTYLED, url=url, fetched_at=T0)
            for i, url in enumerate(urls)
        )
    )
    assert len({r.article_id for r in results}) == 1
    assert [r.created for r in results].count(True) == 1
    assert await article_count(store) == 1
    article = await store.article(results[0].article_id)
    assert article is not None and set(article.urls) == set(urls)


async def test_an_insert_that_loses_the_race_is_retried(backend: Backend) -> None:
    """Another writer commits the same text between our lookup and our insert."""
    ours, theirs = await backend.open(), await backend.open()
    interleaved: list[str] = []

    def let_them_in_first(
        conn: Connection, cursor: Any, statement: str, *args: Any, **kwargs: Any
    ) -> None:
        if not interleaved and statement.lstrip().upper().startswith("INSERT INTO ARTICLES"):
            interleaved.append(statement)
            await_only(theirs.save_article(text=TEXT, url="https://b.example/", fetched_at=T0))

    event.listen(ours.engine.sync_engine, "before_cursor_execute", let_them_in_first)
    try:
        saved = await ours.save_article(text=TEXT_RESTYLED, url="https://a.example/", fetched_at=T1)
        assert interleaved, "the race was not staged"
        assert saved.created is False
        theirs_article = await theirs.article_for_url("https://b.example/")
        assert theirs_article is not None and theirs_article.id == saved.article_id
        assert set(theirs_article.urls) == {"https://a.example/", "https://b.example/"}
        assert await article_count(ours) == 1
    finally:
        await ours.close()
        await theirs.close()


async def test_bad_article_arguments_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="text"):
        await store.save_article(text=" \n ", fetched_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.save_article(text=TEXT, fetched_at=datetime(2025, 3, 1, 12, 0))
    with pytest.raises(ValueError, match="longer than"):
        await store.save_article(text=TEXT, url="https://x.example/" + "a" * 3000, fetched_at=T0)
    assert await article_count(store) == 0


# Briefs


async def test_briefs_are_kept_per_summarizer_version(store: Store) -> None:
    article_id, _ = await store.save_article(text=TEXT, fetched_at=T0)
    old, new, newer = brief_json("old engine"), brief_json("new engine"), brief_json("re-run")
    assert await store.brief_for(article_id, "0.1.0") is None

    await store.save_brief(article_id, old, "0.1.0", created_at=T0)
    await store.save_brief(article_id, new, "0.2.0", created_at=T1)
    assert await store.brief_for(article_id, "0.1.0") == old
    assert await store.brief_for(article_id, "0.2.0") == new

    await store.save_brief(article_id, newer, "0.2.0", created_at=T2)
    assert await store.brief_for(article_id, "0.2.0") == newer
    assert await store.brief_for(article_id, "0.1.0") == old
    async with store.engine.connect() as conn:
        rows = (
            await conn.execute(
                text("SELECT summarizer_version FROM briefs ORDER BY summarizer_version")
            )
        ).all()
    assert [r[0] for r in rows] == ["0.1.0", "0.2.0"]


async def test_a_brief_comes_back_byte_for_byte(store: Store, seed_brief: Any) -> None:
    article_id, _ = await store.save_article(text=TEXT, fetched_at=T0)
    exact = seed_brief.to_json()
    await store.save_brief(article_id, exact, "0.1.0", created_at=T0)
    assert await store.brief_for(article_id, "0.1.0") == exact


async def test_concurrent_saves_of_one_brief_keep_one_row(store: Store) -> None:
    article_id, _ = await store.save_article(text=TEXT, fetched_at=T0)
    versions = [brief_json(f"try {i}") for i in range(6)]
    await asyncio.gather(
        *(store.save_brief(article_id, b, "0.1.0", created_at=T0) for b in versions)
    )
    assert await store.brief_for(article_id, "0.1.0") in versions
    async with store.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM briefs"))).scalar() == 1


async def test_a_brief_needs_a_stored_article_and_json(store: Store) -> None:
    with pytest.raises(UnknownArticleError):
        await store.save_brief(999, brief_json("x"), "0.1.0", created_at=T0)
    article_id, _ = await store.save_article(text=TEXT, fetched_at=T0)
    with pytest.raises(ValueError):
        await store.save_brief(article_id, "not json", "0.1.0", created_at=T0)
    assert await store.brief_for(article_id, "0.1.0") is None


# Postings


async def test_one_article_posted_twice_is_linked_twice(store: Store) -> None:
    article_id, _ = await store.save_article(text=TEXT, url="https://a.example/", fetched_at=T0)
    again, created = await store.save_article(text=TEXT, url="https://a.example/", fetched_at=T1)
    assert (again, created) == (article_id, False)
    later = datetime(2025, 3, 1, 15, 0, tzinfo=ZoneInfo("Europe/Paris"))  # 14:00 UTC
    slack = await store.record_posting(
        article_id,
        platform="slack",
        workspace="T0001",
        channel="C0001",
        message_id="1740830400.000100",
        user_id="U0001",
        posted_at=later,
    )
    discord = await store.record_posting(
        article_id, platform="discord", workspace="42", channel="777", posted_at=T1, private=False
    )
    assert slack != discord

    postings = await store.postings_for(article_id)
    assert [p.id for p in postings] == [discord, slack]  # oldest first
    first, second = postings
    assert (first.platform, first.workspace, first.channel) == ("discord", "42", "777")
    assert (first.message_id, first.user_id) == (None, None)
    assert (second.platform, second.message_id, second.user_id) == (
        "slack",
        "1740830400.000100",
        "U0001",
    )
    assert second.posted_at == later and second.posted_at.tzinfo == UTC
    # Not said to be public: private, shown back only where it was shared.
    assert (first.private, second.private) == (False, True)
    assert {p.article_id for p in postings} == {article_id}
    assert await article_count(store) == 1


async def test_postings_are_per_article(store: Store) -> None:
    first, _ = await store.save_article(text=TEXT, fetched_at=T0)
    second, _ = await store.save_article(text=OTHER_TEXT, fetched_at=T0)
    await store.record_posting(first, platform="console", channel="stdin", posted_at=T0)
    await store.record_posting(first, platform="cli", channel="terminal", posted_at=T1)
    assert [p.platform for p in await store.postings_for(first)] == ["console", "cli"]
    assert await store.postings_for(second) == ()


async def test_bad_postings_are_refused(store: Store) -> None:
    article_id, _ = await store.save_article(text=TEXT, fetched_at=T0)
    with pytest.raises(ValueError, match="platform"):
        await store.record_posting(article_id, platform="irc", channel="#news", posted_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.record_posting(
            article_id, platform="slack", channel="C1", posted_at=datetime(2025, 3, 1)
        )
    with pytest.raises(UnknownArticleError):
        await store.record_posting(article_id + 1, platform="slack", channel="C1", posted_at=T0)
    assert await store.postings_for(article_id) == ()


# The content hash


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("“Quoted” text", '"quoted" TEXT'),
        ("‘single’ it’s", "'single' it's"),
        ("a – b — c ‐ d", "a - b - c - d"),
        ("ｆｕｌｌ\u00a0width ﬁ", "full width fi"),
        ("line\nbreaks\t and   spaces ", "line breaks and spaces"),
        ("zero\u200bwidth\u00ad", "zerowidth"),
        ("STRASSE", "straße"),
    ],
)
def test_the_content_hash_ignores_typography(one: str, other: str) -> None:
    assert normalise_text(one) == normalise_text(other)
    assert content_hash(one) == content_hash(other)


def test_the_content_hash_sees_every_word() -> None:
    assert content_hash("the bridge is closed") != content_hash("the bridge is open")
    assert content_hash("a b") != content_hash("ab")
    assert len(content_hash(TEXT)) == 64


async def test_auto_brief_is_on_until_a_channel_turns_it_off(store: Store) -> None:
    assert await store.auto_brief("slack", "C1", workspace="T1")
    await store.set_auto_brief("slack", "C1", False, workspace="T1", updated_at=T0)
    assert not await store.auto_brief("slack", "C1", workspace="T1")
    assert await store.auto_brief("slack", "C1", workspace="T2")  # another workspace
    assert await store.auto_brief("discord", "C1", workspace="T1")  # another platform
    await store.set_auto_brief("slack", "C1", True, workspace="T1", updated_at=T1)
    assert await store.auto_brief("slack", "C1", workspace="T1")


async def test_auto_brief_without_workspace_and_concurrent_writers(store: Store) -> None:
    await asyncio.gather(
        *(store.set_auto_brief("console", "chat", False, updated_at=T0) for _ in range(4))
    )
    assert not await store.auto_brief("console", "chat")
    async with store.engine.connect() as conn:
        rows = await conn.execute(text("SELECT count(*) FROM channel_settings"))
        assert rows.scalar_one() == 1


async def test_reachable_while_open_and_not_once_closed(backend: Backend) -> None:
    """/readyz's store check: a query answered now; a closed store never counts as reachable,
    though its engine could open a new connection."""
    store = await backend.open()
    try:
        assert await store.reachable()
    finally:
        await store.close()
    assert not await store.reachable()
