"""Malformed hosts and non-canonical IPv4 forms, typed and as a redirect target: each ends in a
FetchError with one plain sentence, never a UnicodeError; numeric forms of a private address
are refused as private. The stand-in site listens on 127.0.0.3, which the policy treats as
public; a loopback server on 127.0.0.1 counts any request that gets through."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from ipaddress import IPv4Address

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.ingest import Fetcher, FetchError, MalformedLink, RefusedAddress
from bot.ingest.addresses import AddressPolicy
from bot.ingest.hosts import numeric_ipv4

SITE_IP = "127.0.0.3"
POLICY = AddressPolicy(also_allowed=frozenset({IPv4Address(SITE_IP)}))
MALFORMED = ["a..b", "a" * 64 + ".com", "xn--", "xn--.com", "news.xn--zz-", "1.2.3.4.5", "08.1"]
PRIVATE_FORMS = ["127.1", "0x7f.1", "2130706433", "0177.0.0.1", "0x7f000001", "127.0.1", "0xa.1"]


async def serve(host: str, hits: Counter[str]) -> TestServer:
    async def redirect(request: web.Request) -> web.Response:
        hits[request.path] += 1
        raise web.HTTPFound(request.query["target"])

    async def anything(request: web.Request) -> web.Response:
        hits[request.path] += 1
        return web.Response(text="<p>inside</p>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/to", redirect)
    app.router.add_get("/{tail:.*}", anything)
    server = TestServer(app, host=host)
    await server.start_server(shutdown_timeout=1)
    return server


@pytest.fixture
async def site() -> AsyncIterator[tuple[TestServer, Counter[str]]]:
    hits: Counter[str] = Counter()
    server = await serve(SITE_IP, hits)
    yield server, hits
    await server.close()


@pytest.fixture
async def loopback() -> AsyncIterator[tuple[TestServer, Counter[str]]]:
    hits: Counter[str] = Counter()
    server = await serve("127.0.0.1", hits)
    yield server, hits
    await server.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        contact_url="https://example.org/bot", policy=POLICY, connect_timeout=1, total_timeout=2
    ) as f:
        yield f


@pytest.mark.parametrize(
    ("form", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0xA9.254.0xa9fe", "169.254.169.254"),
        ("134744072", "8.8.8.8"),
        ("8.8.8.8.", "8.8.8.8"),
    ],
)
def test_numeric_forms_are_the_addresses_they_stand_for(form: str, address: str) -> None:
    assert numeric_ipv4(form) == IPv4Address(address)


@pytest.mark.parametrize("host", ["example.com", "1.2.3.4.5", "256.1.1.1", "08.1", "4294967296"])
def test_what_is_no_ipv4_address(host: str) -> None:
    assert numeric_ipv4(host) is None


@pytest.mark.parametrize("host", MALFORMED)
async def test_malformed_host_is_one_sentence(fetcher: Fetcher, host: str) -> None:
    with pytest.raises(MalformedLink) as caught:
        await fetcher.fetch(f"http://{host}/story")
    assert caught.value.user_message == "That link's address is malformed, so it cannot be opened."


@pytest.mark.parametrize("host", MALFORMED)
async def test_redirect_to_a_malformed_host(
    site: tuple[TestServer, Counter[str]], fetcher: Fetcher, host: str
) -> None:
    server, hits = site
    with pytest.raises(MalformedLink) as caught:
        await fetcher.fetch(str(server.make_url("/to").with_query(target=f"http://{host}/x")))
    assert caught.value.user_message == "The link redirects to a malformed address."
    assert hits["/to"] == 1


@pytest.mark.parametrize("form", PRIVATE_FORMS)
async def test_numeric_forms_of_private_addresses_are_refused_as_private(
    loopback: tuple[TestServer, Counter[str]],
    site: tuple[TestServer, Counter[str]],
    fetcher: Fetcher,
    form: str,
) -> None:
    server, hits = loopback
    target = f"http://{form}:{server.port}/inside"
    with pytest.raises(RefusedAddress) as caught:
        await fetcher.fetch(target)
    assert "private network address" in caught.value.user_message
    redirector = site[0].make_url("/to").with_query(target=target)
    with pytest.raises(RefusedAddress):
        await fetcher.fetch(str(redirector))
    assert sum(hits.values()) == 0


async def test_a_numeric_form_of_an_allowed_address_is_fetched(
    site: tuple[TestServer, Counter[str]], fetcher: Fetcher
) -> None:
    server, hits = site
    page = await fetcher.fetch(f"http://2130706435:{server.port}/page")  # 127.0.0.3
    assert "inside" in page.text
    assert page.final_url == f"http://{SITE_IP}:{server.port}/page"
    assert hits["/page"] == 1


async def test_every_failure_here_is_a_fetch_error(fetcher: Fetcher) -> None:
    for url in ["http://[::1/", "http://xn--abc-/", "http://.a/", "http://a.-b/"]:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url)
        assert caught.value.user_message.endswith(".")
