"""The use cases end to end: a local news site on 127.0.0.2, the real fetcher, reader,
summarizer and an SQLite store in a temporary folder. Time is injected."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web
from locations import SEED
from sites import article_page
from sites import serve as serve_on

from bot.channels import ChannelRef
from bot.ingest import AddressPolicy, Fetcher
from bot.service import (
    FILE_TOO_LARGE,
    MAX_FILE_BYTES,
    MIN_PASTED_WORDS,
    NOT_PLAIN_TEXT,
    BriefService,
    Origin,
)
from bot.store import Store
from summarizer import BriefError, Summarizer

HOST = "127.0.0.2"  # stands in for a public news site; 127.0.0.1 stays refused
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
async def site() -> AsyncIterator[tuple[str, dict[str, int]]]:
    text = SEED.read_text(encoding="utf-8")
    hits: dict[str, int] = {}
    story = article_page(
        text,
        "Israel strikes Hezbollah",
        "https://news.example.com/world/strike",
        head_title="Israel strikes Hezbollah | The Post",
        head='<meta property="article:published_time" content="2024-08-25T10:00:00Z">'
        '<meta name="author" content="Jane Reporter">',
        before='<nav><a href="/">Home</a> <a href="/world">World</a></nav>',
        after='<section class="comments"><p>First! Subscribe to my channel for more.</p></section>',
    )

    async def serve(request: web.Request) -> web.Response:
        hits[request.path] = hits.get(request.path, 0) + 1
        if request.path in ("/story", "/mirror"):
            return web.Response(text=story, content_type="text/html")
        if request.path == "/paste.txt":
            return web.Response(text=text, content_type="text/plain")
        if request.path == "/short.txt":
            return web.Response(text="Just a note.", content_type="text/plain")
        if request.path == "/cookies":
            body = "<html><body><p>We use cookies. Accept all cookies?</p></body></html>"
            return web.Response(text=body, content_type="text/html")
        return web.Response(status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    runner, (port,) = await serve_on(app, HOST)
    yield f"http://{HOST}:{port}", hits
    await runner.cleanup()


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[BriefService]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(HOST)}))
    async with Fetcher(
        contact_url="https://example.org/bot", policy=policy, connect_timeout=1, total_timeout=3
    ) as fetcher:
        yield BriefService(Summarizer(), store, fetcher, now=lambda: NOW)
    await store.close()


ORIGIN = Origin(platform="slack", channel="C1", workspace="T1", message_id="1.2", user_id="U1")


async def test_a_link_is_read_stored_and_briefed_with_its_metadata(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, _ = site
    done = await service.brief_url(f"{base}/story?utm_source=chat", origin=ORIGIN)
    brief = done.brief
    assert done.new
    assert brief.title == "Israel strikes Hezbollah"
    # The page names a canonical on another site than it came from: not believed.
    assert brief.url == f"{base}/story"
    assert brief.byline == "Jane Reporter"
    assert brief.published is not None and brief.published.startswith("2024-08-25")
    assert any(q.speaker == "Benjamin Netanyahu" for q in brief.quotes)
    assert not any("Subscribe" in b.text for b in brief.bullets)


async def test_the_same_link_twice_is_stored_once_and_posted_twice(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, hits = site
    first = await service.brief_url(f"{base}/story", origin=ORIGIN)
    second = await service.brief_url(f"{base}/story", origin=ORIGIN)
    assert first.article_id == second.article_id and not second.new
    assert second.brief.to_json() == first.brief.to_json()
    assert hits["/story"] == 1
    assert len(await service.store.postings_for(first.article_id)) == 2


async def test_the_same_text_under_another_link_is_one_article(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, _ = site
    first = await service.brief_url(f"{base}/story")
    mirror = await service.brief_url(f"{base}/mirror")
    pasted = await service.brief_text(SEED.read_text(encoding="utf-8"))
    assert first.article_id == mirror.article_id == pasted.article_id
    assert not mirror.new and not pasted.new


async def test_a_pasted_text_that_cannot_be_briefed_is_not_stored(service: BriefService) -> None:
    with pytest.raises(BriefError):
        await service.brief_text("   ")
    assert await service.store.article(1) is None


async def test_a_message_with_links_gives_one_outcome_each_and_failures_in_words(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, _ = site
    message = (
        f"Worth a read <{base}/story|the strike> and {base}/cookies "
        f"and {base}/missing and http://127.0.0.1/secret and again {base}/story"
    )
    outcomes = await service.brief_message(message, origin=ORIGIN)
    assert [o.source for o in outcomes] == [
        f"{base}/story",
        f"{base}/cookies",
        f"{base}/missing",
        "http://127.0.0.1/secret",
    ]
    assert outcomes[0].briefed is not None and outcomes[0].problem is None
    assert outcomes[1].problem is not None and "readable article" in outcomes[1].problem
    assert outcomes[2].problem is not None and "404" in outcomes[2].problem
    assert outcomes[3].problem is not None and "private network" in outcomes[3].problem


async def test_a_long_paste_is_briefed_and_small_talk_is_not(service: BriefService) -> None:
    assert await service.brief_message("Morning all, coffee is in the kitchen.") == []
    text = SEED.read_text(encoding="utf-8")
    assert len(text.split()) >= MIN_PASTED_WORDS
    (outcome,) = await service.brief_message(text, origin=ORIGIN)
    assert outcome.briefed is not None and outcome.source == "pasted text"


def test_worth_briefing_is_a_link_or_an_article_length_text() -> None:
    assert BriefService.worth_briefing("see https://news.example.com/a")
    assert BriefService.worth_briefing("word " * MIN_PASTED_WORDS)
    assert not BriefService.worth_briefing("word " * (MIN_PASTED_WORDS - 1))
    assert not BriefService.worth_briefing("")


async def test_auto_brief_is_on_by_default_and_kept_per_channel(service: BriefService) -> None:
    here, there = ChannelRef("slack", "C1", "T1"), ChannelRef("slack", "C1", "T2")
    assert await service.auto_brief(here)
    await service.set_auto_brief(here, False)
    assert not await service.auto_brief(here)
    assert await service.auto_brief(there)  # the same channel id in another workspace
    await service.set_auto_brief(here, True)
    assert await service.auto_brief(here)


async def test_a_shared_text_file_is_read_through_the_fetcher_and_briefed(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, hits = site
    (done,) = await service.brief_file(f"{base}/paste.txt", name="message.txt", origin=ORIGIN)
    assert done.source == "message.txt"
    assert done.briefed is not None and done.briefed.new
    assert hits["/paste.txt"] == 1
    # Too short a file is small talk, as a short paste is.
    assert await service.brief_file(f"{base}/short.txt", name="note.txt") == []


async def test_a_file_too_large_or_not_text_is_refused_in_words(
    service: BriefService, site: tuple[str, dict[str, int]]
) -> None:
    base, hits = site
    (big,) = await service.brief_file(f"{base}/paste.txt", name="a.txt", size=MAX_FILE_BYTES + 1)
    assert big.problem == FILE_TOO_LARGE and "/paste.txt" not in hits  # not even fetched
    (page,) = await service.brief_file(f"{base}/story", name="story.html")
    assert page.problem == NOT_PLAIN_TEXT and page.briefed is None
    (missing,) = await service.brief_file(f"{base}/gone.txt", name="gone.txt")
    assert missing.briefed is None and missing.problem
