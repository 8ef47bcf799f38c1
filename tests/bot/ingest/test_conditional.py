"""Conditional requests (Fetcher.refetch) against a real local server on 127.0.0.2 that keeps
ETag and Last-Modified and answers 304 when its page has not changed; 127.0.0.1 stays refused,
as in production."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from ipaddress import IPv4Address

import pytest
from aiohttp import web
from sites import serve

from bot.ingest import AddressPolicy, Fetcher, HttpStatusError, RefusedAddress, Validators
from bot.ingest.conditional import MAX_VALIDATOR_CHARS

HOST = "127.0.0.2"
POLICY = AddressPolicy(also_allowed=frozenset({IPv4Address(HOST)}))
LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"


@dataclass
class Site:
    base: str
    body: str = "<html><body><p>First version.</p></body></html>"
    etag: str = '"v1"'
    asked: list[dict[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site("")

    async def page(request: web.Request) -> web.Response:
        state.asked.append(
            {k: v for k, v in request.headers.items() if k.lower().startswith("if-")}
        )
        if request.headers.get("If-None-Match") == state.etag:
            return web.Response(status=304, headers={"ETag": state.etag})
        headers = {"ETag": state.etag, "Last-Modified": LAST_MODIFIED}
        return web.Response(text=state.body, content_type="text/html", headers=headers)

    async def dated(request: web.Request) -> web.Response:
        """Knows only Last-Modified, as many servers of static files do."""
        state.asked.append(dict(request.headers))
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304)
        return web.Response(
            text=state.body, content_type="text/html", headers={"Last-Modified": LAST_MODIFIED}
        )

    async def unusable(request: web.Request) -> web.Response:
        headers = {"ETag": "x" * (MAX_VALIDATOR_CHARS + 1), "Last-Modified": "  "}
        return web.Response(text=state.body, content_type="text/html", headers=headers)

    async def to(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["target"])

    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=503)

    app = web.Application()
    app.router.add_get("/page", page)
    app.router.add_get("/dated", dated)
    app.router.add_get("/unusable", unusable)
    app.router.add_get("/to", to)
    app.router.add_get("/broken", broken)
    runner, (port,) = await serve(app, HOST)
    state.base = f"http://{HOST}:{port}"
    yield state
    await runner.cleanup()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        contact_url="https://example.org/bot",
        policy=POLICY,
        connect_timeout=1,
        total_timeout=2,
        cache_ttl=0,
    ) as f:
        yield f


async def test_an_unchanged_page_is_not_sent_again(site: Site, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(site.url("/page"))
    assert first.validators == Validators('"v1"', LAST_MODIFIED)
    assert site.asked == [{}]  # a first fetch asks for the page whatever it is

    assert await fetcher.refetch(site.url("/page"), first.validators) is None
    assert site.asked[-1] == {"If-None-Match": '"v1"', "If-Modified-Since": LAST_MODIFIED}

    site.body, site.etag = "<html><body><p>Second version.</p></body></html>", '"v2"'
    again = await fetcher.refetch(site.url("/page"), first.validators)
    assert again is not None and again.status == 200
    assert "Second version." in again.text
    assert again.validators == Validators('"v2"', LAST_MODIFIED)


async def test_last_modified_alone_is_enough(site: Site, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(site.url("/dated"))
    assert first.validators == Validators(None, LAST_MODIFIED)
    assert await fetcher.refetch(site.url("/dated"), first.validators) is None
    assert site.asked[-1].get("If-Modified-Since") == LAST_MODIFIED
    assert "If-None-Match" not in site.asked[-1]


async def test_without_validators_the_page_is_simply_fetched(site: Site, fetcher: Fetcher) -> None:
    page = await fetcher.refetch(site.url("/page"), Validators())
    assert page is not None and "First version." in page.text
    assert site.asked == [{}]


async def test_unusable_validators_are_not_kept(site: Site, fetcher: Fetcher) -> None:
    page = await fetcher.fetch(site.url("/unusable"))
    assert page.validators == Validators()
    assert Validators.kept('"a"\r\nX-Injected: 1', "Tue") == Validators(None, "Tue")


async def test_a_refetch_keeps_to_public_addresses_and_reports_errors(
    site: Site, fetcher: Fetcher
) -> None:
    loopback = site.url("/to?target=http://127.0.0.1:9/page")
    with pytest.raises(RefusedAddress):
        await fetcher.refetch(loopback, Validators('"v1"'))
    with pytest.raises(RefusedAddress):
        await fetcher.refetch("http://127.0.0.1:9/page", Validators('"v1"'))
    with pytest.raises(HttpStatusError) as caught:
        await fetcher.refetch(site.url("/broken"), Validators('"v1"'))
    assert caught.value.status == 503
