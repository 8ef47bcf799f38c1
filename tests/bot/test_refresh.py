"""Stored links fetched again: a local news site on 127.0.0.2 whose page changes between two
pastes (with ETag, Last-Modified and 304 answers), the real fetcher, reader, summarizer and
store (SQLite always, PostgreSQL when BRIEFBOT_TEST_DATABASE_URL is set). The clock is
injected: `link_refresh_minutes` is 0 or 60 and time only moves when a test says so.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from aiohttp import web
from newsroom import NEWSROOM, T0, Clock
from sites import article_page, serve

from bot.digests import DigestService
from bot.ingest import AddressPolicy, Fetcher
from bot.service import Briefed, BriefService, Origin
from bot.store import Store
from summarizer import VERSION, Summarizer

HOST = "127.0.0.2"  # stands in for a public news site; 127.0.0.1 stays refused
ORIGIN = Origin(NEWSROOM.platform, NEWSROOM.channel, NEWSROOM.workspace, user_id="U1")
MINUTE = timedelta(minutes=1)

FIRST = """The city council voted on Tuesday to close the Elm Street bridge for repairs after \
engineers found cracks in two of its steel beams.
"It is not safe for traffic any more," said Mayor Jane Doe, who has argued for the work since \
2019.
Traffic will be diverted along the river road until the summer. Buses will run every ten \
minutes while the work goes on, and the ferry will carry cyclists for free.
Shop owners on Elm Street said they feared losing customers during the closure, and the \
council promised to review parking rules in the old town before the work begins."""
# The same story corrected (one beam, not two) and updated with a new development and quote.
UPDATED = FIRST.replace("cracks in two of its steel beams", "a crack in one of its steel beams") + (
    "\nOn Thursday the council agreed to pay shop owners a monthly grant during the closure. "
    '"Nobody on Elm Street should go out of business because of a bridge," said council '
    "treasurer Omar Haddad."
)
NEW_QUOTE = "Nobody on Elm Street should go out of business because of a bridge"
STAMPS = ("Tue, 01 Dec 2026 10:00:00 GMT", "Thu, 03 Dec 2026 16:30:00 GMT")


@dataclass
class NewsSite:
    """The site: serves `texts[version]` at /story; `failing` answers every request so."""

    base: str = ""
    version: int = 0
    failing: int | None = None
    sent: list[int] = field(default_factory=list)  # the status of each answer to /story
    conditions: list[dict[str, str]] = field(default_factory=list)
    runner: web.AppRunner | None = None

    @property
    def etag(self) -> str:
        return f'"bridge-v{self.version + 1}"'

    def url(self, path: str = "/story") -> str:
        return self.base + path

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


@pytest.fixture
async def site() -> AsyncIterator[NewsSite]:
    state = NewsSite()
    texts = (FIRST, UPDATED)

    def html(stamp: str = "") -> str:
        return article_page(
            texts[state.version],
            "Elm Street bridge to close",
            f"{state.base}/story",
            before=f"<nav><a href='/'>Home</a> {stamp}</nav>",
        )

    async def story(request: web.Request) -> web.Response:
        state.conditions.append(
            {k: v for k, v in request.headers.items() if k.lower().startswith("if-")}
        )
        if state.failing is not None:
            answer = web.Response(status=state.failing)
        elif request.headers.get("If-None-Match") == state.etag:
            answer = web.Response(status=304, headers={"ETag": state.etag})
        else:
            validators = {"ETag": state.etag, "Last-Modified": STAMPS[state.version]}
            answer = web.Response(text=html(), content_type="text/html", headers=validators)
        state.sent.append(answer.status)
        return answer

    async def furniture(request: web.Request) -> web.Response:
        """No validators, and page furniture that differs on every request."""
        state.sent.append(200)
        return web.Response(text=html(f"visit {len(state.sent)}"), content_type="text/html")

    app = web.Application()
    app.router.add_get("/story", story)
    app.router.add_get("/furniture", furniture)
    state.runner, (port,) = await serve(app, HOST)
    state.base = f"http://{HOST}:{port}"
    yield state
    await state.stop()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(HOST)}))
    # No one-minute memory: every paste the service lets through reaches the site.
    async with Fetcher(
        contact_url="https://example.org/bot",
        policy=policy,
        connect_timeout=1,
        total_timeout=3,
        cache_ttl=0,
    ) as f:
        yield f


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


def briefs(
    summarizer: Summarizer, store: Store, fetcher: Fetcher, clock: Clock, minutes: int
) -> BriefService:
    return BriefService(
        summarizer, store, fetcher, now=clock, link_refresh=timedelta(minutes=minutes)
    )


def quoted(done: Briefed) -> str:
    return " ".join(q.text for q in done.brief.quotes)


def said(done: Briefed) -> tuple[object, ...]:
    """What a brief says (a stored brief's date may be written out in full)."""
    return tuple(done.brief.bullets), tuple(done.brief.quotes), tuple(done.brief.actors)


async def test_refresh_0_briefs_a_changed_page_beside_the_old_version(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 0)
    first = await service.brief_url(site.url(), origin=ORIGIN)
    assert first.new and first.previous_id is None
    assert NEW_QUOTE not in quoted(first)

    site.version = 1
    clock.set(T0 + MINUTE)
    second = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.conditions[-1] == {"If-None-Match": '"bridge-v1"', "If-Modified-Since": STAMPS[0]}
    assert second.new and second.article_id != first.article_id
    assert second.previous_id == first.article_id
    assert NEW_QUOTE in quoted(second)
    assert any("one of its steel beams" in b.text for b in second.brief.bullets)

    # The old version stays, text and brief, for digests and history.
    old = await store.article(first.article_id)
    assert old is not None and "two of its steel beams" in old.text
    assert await store.brief_for(first.article_id, VERSION) == first.brief.to_json()
    latest = await store.article_for_url(site.url())
    assert latest is not None and latest.id == second.article_id
    assert latest.previous_id == first.article_id

    # Unchanged since: a 304, and the stored brief of the newest version.
    clock.set(T0 + 2 * MINUTE)
    third = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 200, 304]
    assert site.conditions[-1]["If-None-Match"] == '"bridge-v2"'
    assert (third.article_id, third.new, third.previous_id) == (second.article_id, False, None)
    assert said(third) == said(second)
    # Each paste is one posting, on the version it was briefed from.
    assert len(await store.postings_for(first.article_id)) == 1
    assert len(await store.postings_for(second.article_id)) == 2


async def test_refresh_60_waits_an_hour_of_the_injected_clock(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 60)
    first = await service.brief_url(site.url(), origin=ORIGIN)
    site.version = 1

    clock.set(T0 + 59 * MINUTE)
    soon = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200]  # checked 59 minutes ago: not asked again
    assert soon.article_id == first.article_id and not soon.new
    assert said(soon) == said(first)

    clock.set(T0 + 60 * MINUTE)
    later = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 200]
    assert later.previous_id == first.article_id and NEW_QUOTE in quoted(later)

    clock.set(T0 + 119 * MINUTE)
    again = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 200]  # the new version was checked when it was read
    assert again.article_id == later.article_id


async def test_an_unchanged_page_answers_304_and_counts_as_checked(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 60)
    first = await service.brief_url(site.url(), origin=ORIGIN)

    clock.set(T0 + 90 * MINUTE)
    same = await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 304]
    assert same.article_id == first.article_id and said(same) == said(first)
    check = await store.link_check(site.url())
    assert check is not None and check.checked_at == T0 + 90 * MINUTE
    assert (check.etag, check.last_modified) == ('"bridge-v1"', STAMPS[0])

    clock.set(T0 + 149 * MINUTE)  # 59 minutes after the 304
    await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 304]
    clock.set(T0 + 150 * MINUTE)
    await service.brief_url(site.url(), origin=ORIGIN)
    assert site.sent == [200, 304, 304]
    assert len(await store.postings_for(first.article_id)) == 4


async def test_the_same_text_in_a_new_page_is_the_same_version(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 0)
    first = await service.brief_url(site.url("/furniture"))
    clock.set(T0 + MINUTE)
    again = await service.brief_url(site.url("/furniture"))
    assert site.sent == [200, 200]  # the whole page came again: no validators to ask with
    assert (again.article_id, again.new, again.previous_id) == (first.article_id, False, None)
    check = await store.link_check(site.url("/furniture"))
    assert check is not None and check.checked_at == T0 + MINUTE and check.etag is None


@pytest.mark.parametrize("failure", ["503", "down"])
async def test_a_failed_refresh_leaves_the_stored_brief_standing(
    summarizer_: Summarizer,
    store: Store,
    site: NewsSite,
    fetcher: Fetcher,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
    failure: str,
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 60)
    first = await service.brief_url(site.url(), origin=ORIGIN)
    url = site.url()
    site.version = 1
    if failure == "down":
        await site.stop()
    else:
        site.failing = 503

    clock.set(T0 + 2 * 60 * MINUTE)
    with caplog.at_level(logging.INFO):
        stale = await service.brief_url(url, origin=ORIGIN)
    assert (stale.article_id, stale.new) == (first.article_id, False)
    assert said(stale) == said(first)
    assert len(await store.postings_for(first.article_id)) == 2  # the paste was still posted
    lines = [r for r in caplog.records if r.name == "bot.service"]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING and not lines[0].exc_info
    assert url in lines[0].getMessage()
    assert ("503" if failure == "503" else "Unreachable") in lines[0].getMessage()
    check = await store.link_check(url)
    # The failure counts as a check: a site that is down costs one wait per period.
    assert check is not None and check.checked_at == T0 + 2 * 60 * MINUTE

    if failure == "503":  # back up: the change is found at the first paste of the next period
        site.failing = None
        clock.set(T0 + 2 * 60 * MINUTE + MINUTE)
        again = await service.brief_url(url, origin=ORIGIN)
        assert again.article_id == first.article_id and NEW_QUOTE not in quoted(again)
        clock.set(T0 + 3 * 60 * MINUTE)
        fresh = await service.brief_url(url, origin=ORIGIN)
        assert fresh.previous_id == first.article_id and NEW_QUOTE in quoted(fresh)


async def test_another_form_of_a_changed_link_gets_the_new_version(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 60)
    first = await service.brief_url(site.url("/story?utm_source=chat"))
    site.version = 1
    clock.set(T0 + MINUTE)  # long before the refresh is due: a new URL is read anyway
    other = await service.brief_url(site.url("/story?utm_source=mail"))
    assert other.previous_id == first.article_id and NEW_QUOTE in quoted(other)
    canonical = await store.article_for_url(site.url())
    assert canonical is not None and canonical.id == other.article_id
    # The first form still stands for the version it was read as until its own refresh.
    before = await store.article_for_url(site.url("/story?utm_source=chat"))
    assert before is not None and before.id == first.article_id
    clock.set(T0 + 61 * MINUTE)
    back = await service.brief_url(site.url("/story?utm_source=chat"))
    assert (back.article_id, back.new, back.previous_id) == (
        other.article_id,
        False,
        first.article_id,
    )


async def test_a_digest_tells_a_refreshed_link_once_as_it_reads_now(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 0)
    await service.brief_url(site.url(), origin=ORIGIN)
    site.version = 1
    clock.set(T0 + 10 * MINUTE)
    await service.brief_url(site.url(), origin=ORIGIN)

    digests = DigestService(store, now=clock)
    until = T0 + 20 * MINUTE
    digest = await digests.build(NEWSROOM, since=None, until=until)
    assert (digest.article_count, digest.story_count) == (1, 1)
    story = digest.stories[0]
    assert (story.articles, story.shares) == (1, 2)
    assert story.urls == [site.url()]
    assert any("one of its steel beams" in bullet for bullet in story.bullets)
    assert not any("two of its steel beams" in bullet for bullet in story.bullets)
    assert await store.count_shared_since(NEWSROOM, since=None, until=until) == 1


async def test_pastes_at_once_refresh_a_link_once(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 60)
    first = await service.brief_url(site.url(), origin=ORIGIN)
    site.version = 1
    clock.set(T0 + 61 * MINUTE)
    done = await asyncio.gather(*(service.brief_url(site.url(), origin=ORIGIN) for _ in range(5)))
    assert site.sent == [200, 200]
    # One paste found the change; the others waited for it and were given its brief.
    assert [d.previous_id for d in done].count(first.article_id) == 1
    assert {d.article_id for d in done} == {done[0].article_id} != {first.article_id}
    assert all(NEW_QUOTE in quoted(d) for d in done)
    assert len(await store.postings_for(done[0].article_id)) == 5


async def test_a_changed_page_leads_with_what_was_updated(
    summarizer_: Summarizer, store: Store, site: NewsSite, fetcher: Fetcher, clock: Clock
) -> None:
    service = briefs(summarizer_, store, fetcher, clock, 0)
    first = await service.brief_url(site.url(), origin=ORIGIN)
    assert first.brief.whats_new is None
    site.version = 1
    clock.set(T0 + MINUTE)
    second = await service.brief_url(site.url(), origin=ORIGIN)
    new = second.brief.whats_new
    assert new is not None
    # Against the link's own earlier version: the same link, when that version was shared.
    assert new.since.url == second.brief.url
    assert new.since.shared_at == T0.isoformat()
    assert [q.text.rstrip(",") for q in new.quotes] == [NEW_QUOTE]
    assert "Omar Haddad" in [a.name for a in new.actors]
    told = {b.text for b in first.brief.bullets}
    assert not told & {s.text for s in new.sentences}
