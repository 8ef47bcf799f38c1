"""Who said what and search across stored briefs, on SQLite and PostgreSQL: the service on a
real store, the briefs made by the real summarizer from made-up articles (harbour.py)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import harbour
import pytest
from sqlalchemy import text

from bot.channels import ChannelRef
from bot.memory import MemoryService
from bot.service import BriefService, Origin, TextSource
from bot.store import Store
from bot.store.migrate import downgrade, upgrade_engine
from bot.store.recall import brief_rows
from summarizer import Summarizer

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
NEWS = ChannelRef("slack", "C-NEWS", "T1")
SPORT = ChannelRef("slack", "C-SPORT", "T1")
SECRET = ChannelRef("slack", "G-SECRET", "T1")
OTHER_TEAM = ChannelRef("slack", "C-NEWS", "T2")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def briefs(
    store: Store, summarizer_: Summarizer, clock: Clock
) -> AsyncIterator[BriefService]:
    yield BriefService(summarizer_, store, now=clock)


def origin(channel: ChannelRef, *, private: bool = False) -> Origin:
    return Origin(channel.platform, channel.channel, channel.workspace, private=private)


async def share(
    briefs: BriefService, clock: Clock, text: str, title: str, url: str, where: Origin
) -> int:
    clock.now += timedelta(hours=1)
    done = await briefs.brief_text(text, title=title, origin=where, source=TextSource(url=url))
    return done.article_id


@pytest.fixture
async def newsroom(briefs: BriefService, clock: Clock) -> BriefService:
    await share(briefs, clock, harbour.FIRST, harbour.FIRST_TITLE, harbour.FIRST_URL, origin(NEWS))
    await share(
        briefs, clock, harbour.SECOND, harbour.SECOND_TITLE, harbour.SECOND_URL, origin(NEWS)
    )
    await share(
        briefs,
        clock,
        harbour.SECRET,
        harbour.SECRET_TITLE,
        harbour.SECRET_URL,
        origin(SECRET, private=True),
    )
    return briefs


async def test_who_lists_a_speakers_quotes_from_both_articles_newest_first(
    newsroom: BriefService, clock: Clock
) -> None:
    memory = MemoryService(newsroom.store, now=clock)
    answer = await memory.who("Tom Varga", NEWS)
    assert (answer.name, answer.kind, answer.role) == ("Tom Varga", "person", "opposition leader")
    quotes = [(i.text[:20], i.url, i.title) for i in answer.items if i.kind == "quote"]
    assert quotes == [
        ("The numbers keep mov", harbour.SECOND_URL, harbour.SECOND_TITLE),
        ("This council is writ", harbour.FIRST_URL, harbour.FIRST_TITLE),
    ]
    assert [i.shared_at for i in answer.items] == sorted(
        (i.shared_at for i in answer.items), reverse=True
    )
    assert any(i.kind == "position" and "budget would double" in i.text for i in answer.items)
    shape = answer.to_dict()
    assert set(shape) == {"name", "kind", "role", "items"}
    assert set(shape["items"][0]) == {"text", "kind", "cue", "title", "url", "shared_at"}
    json.dumps(shape)


@pytest.mark.parametrize("asked", ["Oswin", "the mayor", "Mayor Clara Oswin", "clara  OSWIN"])
async def test_an_alias_a_role_or_a_title_finds_the_same_person(
    newsroom: BriefService, clock: Clock, asked: str
) -> None:
    answer = await MemoryService(newsroom.store, now=clock).who(asked, NEWS)
    assert answer.name == "Clara Oswin"
    urls = {i.url for i in answer.items if i.kind == "quote"}
    assert urls == {harbour.FIRST_URL, harbour.SECOND_URL}


async def test_an_unknown_name_gets_the_closest_known_ones(
    newsroom: BriefService, clock: Clock
) -> None:
    answer = await MemoryService(newsroom.store, now=clock).who("Tom Vargas", NEWS)
    assert answer.name is None and answer.items == ()
    assert answer.suggestions[0] == "Tom Varga"
    assert answer.to_dict()["suggestions"][0] == "Tom Varga"
    # Only what the asker may see is suggested: the other workspace knows no names.
    elsewhere = await MemoryService(newsroom.store, now=clock).who("Tom Vargas", OTHER_TEAM)
    assert elsewhere.suggestions == ()


async def test_days_keeps_only_what_was_shared_lately(newsroom: BriefService, clock: Clock) -> None:
    clock.now += timedelta(days=2, minutes=-90)  # the first was shared over 2 days ago
    answer = await MemoryService(newsroom.store, now=clock).who("Tom Varga", NEWS, days=2)
    assert {i.url for i in answer.items} == {harbour.SECOND_URL}


async def test_search_finds_a_brief_by_a_word_of_its_quote(
    newsroom: BriefService, clock: Clock
) -> None:
    memory = MemoryService(newsroom.store, now=clock)
    hits = await memory.search(harbour.FIRST_QUOTE_WORD, NEWS)
    assert [h.url for h in hits] == [harbour.FIRST_URL]
    assert harbour.FIRST_QUOTE_WORD in hits[0].snippet
    both = await memory.search("flood barrier", NEWS)
    assert {h.url for h in both} == {harbour.FIRST_URL, harbour.SECOND_URL}
    assert await memory.search('" OR * NEAR(', NEWS) == ()  # no syntax reaches the index


async def test_a_private_channels_article_is_shown_only_there(
    newsroom: BriefService, clock: Clock
) -> None:
    memory = MemoryService(newsroom.store, now=clock)
    for channel in (NEWS, SPORT, OTHER_TEAM):
        assert await memory.search(harbour.SECRET_QUOTE_WORD, channel) == ()
        answer = await memory.who("Clara Oswin", channel)
        assert harbour.SECRET_URL not in {i.url for i in answer.items}
    there = await memory.search(harbour.SECRET_QUOTE_WORD, SECRET)
    assert [h.url for h in there] == [harbour.SECRET_URL]
    answer = await memory.who("Clara Oswin", SECRET)
    assert harbour.SECRET_URL in {i.url for i in answer.items}


async def test_nothing_crosses_workspaces(newsroom: BriefService, clock: Clock) -> None:
    memory = MemoryService(newsroom.store, now=clock)
    assert (await memory.who("Tom Varga", OTHER_TEAM)).items == ()
    assert await memory.search(harbour.FIRST_QUOTE_WORD, OTHER_TEAM) == ()
    discord = ChannelRef("discord", "C-NEWS", "T1")
    assert await memory.search(harbour.FIRST_QUOTE_WORD, discord) == ()


async def test_a_brief_saved_again_replaces_its_rows(
    newsroom: BriefService, clock: Clock, store: Store
) -> None:
    async with store.engine.connect() as conn:
        before = (await conn.execute(text("SELECT count(*) FROM memory_statements"))).scalar()
    await share(
        newsroom, clock, harbour.FIRST, harbour.FIRST_TITLE, harbour.FIRST_URL, origin(SPORT)
    )
    async with store.engine.connect() as conn:
        after = (await conn.execute(text("SELECT count(*) FROM memory_statements"))).scalar()
    assert before == after
    answer = await MemoryService(store, now=clock).who("Tom Varga", SPORT)
    assert len([i for i in answer.items if i.url == harbour.FIRST_URL]) == 2  # said once


def test_rows_of_a_brief_find_its_actor_by_name_alias_surname_and_role() -> None:
    rows = brief_rows(
        {
            "title": "T",
            "url": None,
            "bullets": [{"text": "A bullet.", "sentence": 0}],
            "quotes": [
                {"text": "Q", "speaker": "Benjamin Netanyahu", "speaker_role": None, "cue": "said"},
                {"text": "R", "speaker": "US official", "speaker_role": None, "cue": "said"},
            ],
            "actors": [
                {
                    "name": "Benjamin Netanyahu",
                    "kind": "person",
                    "role": "Israeli Prime Minister",
                    "aliases": ["Bibi"],
                    "mentions": 3,
                    "positions": [{"text": "P", "cue": "insists", "direct": False}],
                }
            ],
        }
    )
    keys = {(n["key"], n["source"]) for n in rows.names}
    assert {
        ("benjamin netanyahu", "name"),
        ("bibi", "alias"),
        ("netanyahu", "alias"),
        ("israeli prime minister", "role"),
        ("prime minister", "role"),
        ("us official", "name"),
    } == keys
    assert [(s["name_key"], s["kind"]) for s in rows.statements] == [
        ("benjamin netanyahu", "position"),
        ("benjamin netanyahu", "quote"),
        ("us official", "quote"),
    ]
    assert rows.document["body"] == "A bullet.\nQ\nR"


async def test_briefs_kept_before_the_migration_are_filled_in(
    newsroom: BriefService, clock: Clock, store: Store
) -> None:
    async with store.engine.begin() as conn:
        await conn.run_sync(downgrade, "0007")
    await upgrade_engine(store.engine)
    memory = MemoryService(store, now=clock)
    answer = await memory.who("Tom Varga", NEWS)
    assert {i.url for i in answer.items} == {harbour.FIRST_URL, harbour.SECOND_URL}
    assert [h.url for h in await memory.search(harbour.FIRST_QUOTE_WORD, NEWS)] == [
        harbour.FIRST_URL
    ]


async def test_two_versions_of_one_link_are_one_search_result(store: Store, clock: Clock) -> None:
    for n, words in enumerate(("The pumps failed a test.", "The pumps failed two tests.")):
        saved = await store.save_article(text=words, fetched_at=T0)
        brief = {"title": "Pumps", "url": harbour.SECRET_URL, "bullets": [{"text": words}]}
        await store.save_brief(saved.article_id, json.dumps(brief), "v1", created_at=T0)
        when = T0 + timedelta(minutes=n)
        await store.record_posting(saved.article_id, platform="cli", channel="terminal",
                                   posted_at=when, private=False)  # fmt: skip
    hits = await MemoryService(store, now=clock).search("pumps", ChannelRef("cli", "terminal"))
    assert [h.url for h in hits] == [harbour.SECRET_URL]
