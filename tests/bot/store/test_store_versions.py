"""Links kept fresh in the store: check times and validators per URL, and the versions of a
link whose page changed, on SQLite always and on PostgreSQL when BRIEFBOT_TEST_DATABASE_URL
names one (the `backend` and `store` fixtures are in tests/bot/conftest.py).

Times are passed in explicitly; nothing sleeps and nothing reads the clock.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.channels import ChannelRef
from bot.store import LinkCheck, Store, UnknownArticleError
from bot.store.migrate import current_revision, downgrade, head_revision, upgrade_engine

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
NEWSROOM = ChannelRef("slack", "C-NEWS", "T1")
VERSION = "0.3.0"
LINK = "https://news.example/bridge?utm_source=chat"
CANONICAL = "https://news.example/bridge"

FIRST = "The council closed the bridge on Tuesday after engineers found cracks in two piers."
CORRECTED = "The council closed the bridge on Tuesday after engineers found cracks in one pier."
FINAL = "The council reopened the bridge on Friday after repairs to the cracked pier."


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def brief_json(bullet: str) -> str:
    return json.dumps({"title": None, "bullets": [{"text": bullet, "sentence": 0}]})


async def row_count(store: Store, table: str) -> int:
    async with store.engine.connect() as conn:
        return (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()


async def share(store: Store, article_id: int, minutes: int) -> None:
    await store.record_posting(
        article_id, platform="slack", workspace="T1", channel="C-NEWS", posted_at=at(minutes)
    )


async def stored(store: Store, text: str, url: str = LINK, canonical: str | None = None) -> int:
    saved = await store.save_article(text=text, url=url, canonical_url=canonical, fetched_at=T0)
    await store.save_brief(saved.article_id, brief_json(text), VERSION, created_at=T0)
    return saved.article_id


# Link checks


async def test_a_check_is_kept_on_each_url_of_the_article_it_found(store: Store) -> None:
    first = await stored(store, FIRST, canonical=CANONICAL)
    other = await stored(store, FINAL, url="https://other.example/page")
    assert await store.link_check(LINK) == LinkCheck(LINK, first, None, None, None)
    assert await store.link_check("https://unknown.example/") is None

    await store.record_link_check(
        first,
        [CANONICAL, LINK, "https://other.example/page", None],
        checked_at=at(5),
        etag='W/"v1"',
        last_modified="Mon, 02 Jun 2025 08:00:00 GMT",
    )
    for url in (LINK, CANONICAL):
        check = await store.link_check(url)
        assert check == LinkCheck(url, first, at(5), 'W/"v1"', "Mon, 02 Jun 2025 08:00:00 GMT")
        assert check is not None and check.checked_at is not None
        assert check.checked_at.tzinfo == UTC
    # Another article's URL is not vouched for by this fetch.
    assert await store.link_check("https://other.example/page") == LinkCheck(
        "https://other.example/page", other, None, None, None
    )

    await store.record_link_check(first, [LINK], checked_at=at(70))  # an answer without any
    assert await store.link_check(LINK) == LinkCheck(LINK, first, at(70), None, None)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.record_link_check(first, [LINK], checked_at=datetime(2025, 6, 2))


# Versions


async def test_a_changed_page_is_a_new_version_and_the_old_one_stays(store: Store) -> None:
    first = await stored(store, FIRST, canonical=CANONICAL)
    await store.record_link_check(first, [LINK, CANONICAL], checked_at=T0, etag='"v1"')

    saved = await store.save_article(
        text=CORRECTED, url=LINK, canonical_url=CANONICAL, fetched_at=at(90), replaces=first
    )
    assert saved.created and saved.article_id != first
    now = await store.article_for_url(LINK)
    assert now is not None and now.id == saved.article_id
    assert now.text == CORRECTED and now.previous_id == first
    assert now.urls == (CANONICAL, LINK)  # both URLs moved to the new version
    assert (await store.article_for_url(CANONICAL)).id == saved.article_id  # type: ignore[union-attr]

    old = await store.article(first)
    assert old is not None and old.text == FIRST and old.previous_id is None and old.urls == ()
    assert await store.brief_for(first, VERSION) == brief_json(FIRST)  # its brief is kept
    # The check made on the old version is not the new one's.
    assert await store.link_check(LINK) == LinkCheck(LINK, saved.article_id, T0, '"v1"', None)

    third = await store.save_article(text=FINAL, url=LINK, fetched_at=at(200), replaces=now.id)
    latest = await store.article(third.article_id)
    assert latest is not None and latest.previous_id == saved.article_id
    assert latest.urls == (LINK,)  # the canonical URL stays where this fetch did not name it
    async with store.engine.connect() as conn:
        roots = (await conn.execute(text("SELECT DISTINCT first_id FROM article_versions"))).all()
    assert roots == [(first,)]  # every version knows the link's first one


async def test_a_page_back_to_an_earlier_text_is_that_article_without_a_loop(
    store: Store,
) -> None:
    first = await stored(store, FIRST)
    second = await store.save_article(text=CORRECTED, url=LINK, fetched_at=at(1), replaces=first)
    back = await store.save_article(
        text=FIRST + "  ", url=LINK, fetched_at=at(2), replaces=second.article_id
    )
    assert back.article_id == first and not back.created
    assert (await store.article_for_url(LINK)).id == first  # type: ignore[union-attr]
    assert (await store.article(first)).previous_id is None  # type: ignore[union-attr]
    assert await row_count(store, "article_versions") == 1
    assert await row_count(store, "articles") == 2


async def test_a_url_of_another_article_is_not_taken_by_a_new_version(store: Store) -> None:
    first = await stored(store, FIRST)
    elsewhere = await stored(store, FINAL, url=CANONICAL)
    saved = await store.save_article(
        text=CORRECTED, url=LINK, canonical_url=CANONICAL, fetched_at=at(1), replaces=first
    )
    assert (await store.article_for_url(LINK)).id == saved.article_id  # type: ignore[union-attr]
    assert (await store.article_for_url(CANONICAL)).id == elsewhere  # type: ignore[union-attr]


async def test_a_version_of_an_unknown_article_is_refused(store: Store) -> None:
    with pytest.raises(UnknownArticleError):
        await store.save_article(text=FIRST, url=LINK, fetched_at=T0, replaces=404)
    assert await row_count(store, "articles") == 0


async def test_a_digest_reads_the_versions_of_a_link_as_one_article(store: Store) -> None:
    first = await stored(store, FIRST)  # no canonical URL: shown by its link
    await share(store, first, 10)
    second = await store.save_article(text=CORRECTED, url=LINK, fetched_at=at(20), replaces=first)
    await store.save_brief(second.article_id, brief_json(CORRECTED), VERSION, created_at=at(20))
    await share(store, second.article_id, 30)
    pasted = await stored(store, FINAL, url="https://other.example/page")
    await share(store, pasted, 40)

    shared = await store.shared_since(NEWSROOM, since=None, until=at(60), version=VERSION)
    assert [(s.article_id, s.first_version_id, s.url) for s in shared] == [
        (first, first, LINK),  # the old version still shows the link it gave away
        (second.article_id, first, LINK),
        (pasted, pasted, "https://other.example/page"),
    ]
    assert [s.brief_json for s in shared[:2]] == [brief_json(FIRST), brief_json(CORRECTED)]
    assert await store.count_shared_since(NEWSROOM, since=None, until=at(60)) == 2
    assert await store.count_shared_since(NEWSROOM, since=at(15), until=at(60)) == 2
    assert await store.count_shared_since(NEWSROOM, since=None, until=at(35)) == 1


# Migration


async def test_upgrading_a_database_at_0003_keeps_its_data(store: Store) -> None:
    first = await stored(store, FIRST, canonical=CANONICAL)
    await share(store, first, 5)

    def schema(conn: Connection) -> tuple[set[str], set[str]]:
        found = inspect(conn)
        columns = {c["name"] for c in found.get_columns("article_urls")}
        return set(found.get_table_names()), columns

    async with store.engine.begin() as conn:
        await conn.run_sync(downgrade, "0003")
    async with store.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == "0003"
        tables, columns = await conn.run_sync(schema)
    assert "article_versions" not in tables
    assert not columns & {"checked_at", "etag", "last_modified"}
    assert await row_count(store, "article_urls") == 2  # the rebuilt table kept its rows

    await upgrade_engine(store.engine)
    async with store.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == head_revision()
        tables, columns = await conn.run_sync(schema)
    assert "article_versions" in tables
    assert columns >= {"checked_at", "etag", "last_modified"}
    # A link stored before has no check time: its next paste fetches it again.
    assert await store.link_check(LINK) == LinkCheck(LINK, first, None, None, None)
    assert await store.brief_for(first, VERSION) == brief_json(FIRST)
    assert await store.count_shared_since(NEWSROOM, since=None, until=at(10)) == 1
