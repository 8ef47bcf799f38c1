"""The fetcher against real local aiohttp servers: every refusal, cap, limit and the cache.

The main test server listens on 127.0.0.2 and the fetcher's policy treats exactly that address
as public (`also_allowed`), so the address check stays on: 127.0.0.1, [::1], 169.254.169.254
and the rest are refused as they would be in production. Every fetch runs under the fetcher's
own short timeouts (connect 1 s, whole fetch 2 s), so no test can hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
import time
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC
from ipaddress import IPv4Address
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.test_utils import TestServer

from bot.ingest.addresses import AddressPolicy
from bot.ingest.errors import (
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    NotAWebLink,
    RefusedAddress,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from bot.ingest.fetch import MAX_BYTES, MB, Fetcher, briefbot_version
from bot.ingest.guard import GuardedConnector, GuardedResolver

PAGES = Path(__file__).resolve().parent / "pages"
SERVER_IP = "127.0.0.2"
POLICY = AddressPolicy(also_allowed=frozenset({IPv4Address(SERVER_IP)}))
CONTACT = "https://newsroom.example/about-briefbot"
CHUNK = 64 * 1024
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LATIN1_BODY = (
    "<p>Le café du port ouvre à six heures. Les pêcheurs y prennent un café noir et une "
    "crème brûlée, et parlent de la marée, du prix du thon et de la météo. Déjà à l'aube, "
    "la serveuse Hélène prépare les crêpes; à midi, le menu propose une soupe de poissons "
    "et un gâteau aux pommes. Le café est fermé le lundi.</p>"
)


class Clock:
    """The injected clock: time moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Stream:
    """What a streaming handler managed to send before the client hung up."""

    written: int = 0
    pieces: int = 0
    completed: bool = False
    ended: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Seen:
    """What the test server saw."""

    hits: Counter[str] = field(default_factory=Counter)
    user_agents: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    streams: dict[str, Stream] = field(default_factory=dict)

    def stream(self, name: str) -> Stream:
        return self.streams.setdefault(name, Stream())


@dataclass(frozen=True)
class Bomb:
    """1 GiB of zeros, gzip-compressed, as pieces: never held decompressed anywhere."""

    head: bytes
    piece: bytes  # the deflate output for each further MiB of zeros (identical after a flush)
    tail: bytes
    mib: int = 1024


@pytest.fixture(scope="session")
def gzip_bomb() -> Bomb:
    zeros = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate; gzip framing added here
    first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    piece = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert piece == deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = deflate.flush() + struct.pack("<II", crc, (1024 * MB) & 0xFFFFFFFF)
    return Bomb(head=header + first, piece=piece, tail=trailer)


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def make_app(seen: Seen, bomb: Bomb) -> web.Application:
    routes = web.RouteTableDef()

    @web.middleware
    async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
        seen.hits[request.path] += 1
        seen.user_agents.append(request.headers.get("User-Agent", ""))
        seen.hosts.append(request.headers.get("Host", ""))
        return await handler(request)

    @routes.get("/article/{name}")
    async def article(request: web.Request) -> web.Response:
        body = page(request.match_info["name"] + ".html")
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    @routes.get("/plain")
    async def plain(request: web.Request) -> web.Response:
        return web.Response(text="Just words.\n" * 50, content_type="text/plain")

    @routes.get("/xhtml")
    async def xhtml(request: web.Request) -> web.Response:
        body = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML page</p></body></html>'
        return web.Response(body=body, headers={"Content-Type": "application/xhtml+xml"})

    @routes.get("/file/{kind}")
    async def file(request: web.Request) -> web.Response:
        kinds = {
            "pdf": ("application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
            "png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            "json": ("application/json", b'{"headline": "not a page"}'),
            "none": ("", b"\x00\x01\x02"),
        }
        ctype, body = kinds[request.match_info["kind"]]
        resp = web.Response(body=body)
        if ctype:
            resp.headers["Content-Type"] = ctype
        else:
            resp.headers.popall("Content-Type", None)
        return resp

    @routes.get("/status/{code}")
    async def status(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["code"]), text="nope")

    @routes.get("/flaky")
    async def flaky(request: web.Request) -> web.Response:
        if seen.hits["/flaky"] == 1:
            return web.Response(status=503, text="try later")
        return web.Response(body=page("harbor_courier.html"), content_type="text/html")

    @routes.get("/latin1/{variant}")
    async def latin1(request: web.Request) -> web.Response:
        variant = request.match_info["variant"]
        meta = {
            "meta": '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "meta5": '<meta charset="ISO-8859-1">',
            "none": "",
            "header": '<meta charset="utf-8">',  # wrong on purpose: the header wins
        }[variant]
        html = f"<html><head>{meta}<title>Le café du port</title></head><body>{LATIN1_BODY}"
        ctype = "text/html; charset=iso-8859-1" if variant == "header" else "text/html"
        return web.Response(body=html.encode("latin-1"), headers={"Content-Type": ctype})

    @routes.get("/redirect/{n}")
    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        if n == 0:
            return web.Response(body=page("valley_tribune.html"), content_type="text/html")
        raise web.HTTPFound(f"/redirect/{n - 1}")

    @routes.get("/to")
    async def to(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["target"])

    @routes.get("/count/{key}")
    async def count(request: web.Request) -> web.Response:
        return web.Response(body=page("northfield_weekly.html"), content_type="text/html")

    @routes.get("/busy/{key}")
    async def busy(request: web.Request) -> web.Response:
        seen.in_flight += 1
        seen.max_in_flight = max(seen.max_in_flight, seen.in_flight)
        try:
            await asyncio.sleep(0.3)
        finally:
            seen.in_flight -= 1
        return web.Response(text="<p>busy</p>", content_type="text/html")

    @routes.get("/slow")
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(30)  # cancelled when the client hangs up
        return web.Response(text="too late", content_type="text/html")

    async def stream(
        request: web.Request, name: str, limit: int | None, declared: bool
    ) -> web.StreamResponse:
        """`limit` bytes (None: forever) in paced 64 KiB chunks, counting what got out."""
        st = seen.stream(name)
        resp = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        if declared and limit is not None:
            resp.content_length = limit
        try:
            await resp.prepare(request)
            chunk = b"<p>" + b"filler " * (CHUNK // 7 - 1) + b"</p>"
            chunk = chunk[:CHUNK]
            while limit is None or st.written < limit:
                await resp.write(chunk)
                st.written += len(chunk)
                await asyncio.sleep(0.002)  # paced like a network, so the cap is observable
            st.completed = True
        finally:
            st.ended.set()
        return resp

    @routes.get("/endless")
    async def endless(request: web.Request) -> web.StreamResponse:
        return await stream(request, "endless", None, declared=False)

    @routes.get("/big")
    async def big(request: web.Request) -> web.StreamResponse:
        return await stream(request, "big", 20 * MB, declared=False)

    @routes.get("/big-declared")
    async def big_declared(request: web.Request) -> web.StreamResponse:
        return await stream(request, "big-declared", 20 * MB, declared=True)

    @routes.get("/bomb")
    async def bomb_handler(request: web.Request) -> web.StreamResponse:
        st = seen.stream("bomb")
        resp = web.StreamResponse(
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
        )
        try:
            await resp.prepare(request)
            await resp.write(bomb.head)
            st.pieces = 1
            while st.pieces < bomb.mib:
                await resp.write(bomb.piece)
                st.pieces += 1
                await asyncio.sleep(0.001)
            await resp.write(bomb.tail)
            st.completed = True
        finally:
            st.ended.set()
        return resp

    @routes.get("/ua")
    async def ua(request: web.Request) -> web.Response:
        return web.Response(text=request.headers.get("User-Agent", ""), content_type="text/plain")

    app = web.Application(middlewares=[record])
    app.add_routes(routes)
    return app


@dataclass
class Site:
    server: TestServer
    seen: Seen

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))


async def start_site(host: str, bomb: Bomb) -> Site:
    seen = Seen()
    server = TestServer(make_app(seen, bomb), host=host)
    await server.start_server(shutdown_timeout=1)
    return Site(server, seen)


@pytest.fixture
async def site(gzip_bomb: Bomb) -> AsyncIterator[Site]:
    s = await start_site(SERVER_IP, gzip_bomb)
    yield s
    await s.server.close()


@pytest.fixture
async def loopback(gzip_bomb: Bomb) -> AsyncIterator[Site]:
    """A server on 127.0.0.1: the address check must keep every request away from it."""
    s = await start_site("127.0.0.1", gzip_bomb)
    yield s
    await s.server.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def fetcher(clock: Clock) -> AsyncIterator[Fetcher]:
    async with Fetcher(
        contact_url=CONTACT, policy=POLICY, connect_timeout=1, total_timeout=2, clock=clock
    ) as f:
        yield f


async def ended(st: Stream) -> None:
    await asyncio.wait_for(st.ended.wait(), timeout=3)


# --- pages that are read ------------------------------------------------------------------


async def test_fetches_an_html_page(site: Site, fetcher: Fetcher) -> None:
    url = site.url("/article/harbor_courier")
    page = await fetcher.fetch(url)
    assert page.url == url and page.final_url == url
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.encoding == "utf-8"
    assert "Saltmarsh Port Authority voted 5-2" in page.text
    assert page.fetched_at.tzinfo is UTC


async def test_plain_text_and_xhtml_are_readable(site: Site, fetcher: Fetcher) -> None:
    plain = await fetcher.fetch(site.url("/plain"))
    assert plain.content_type == "text/plain" and plain.text.startswith("Just words.")
    assert not plain.is_html
    xhtml = await fetcher.fetch(site.url("/xhtml"))
    assert xhtml.content_type == "application/xhtml+xml" and "XHTML page" in xhtml.text


async def test_user_agent_names_the_bot_and_contact(site: Site, fetcher: Fetcher) -> None:
    page = await fetcher.fetch(site.url("/ua"))
    expected = f"Briefbot/{briefbot_version()} (+{CONTACT})"
    assert page.text == expected
    assert site.seen.user_agents == [expected]
    assert CONTACT in fetcher.user_agent


# --- character sets -----------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["meta", "meta5", "none", "header"])
async def test_latin1_page_reads_cafe(site: Site, fetcher: Fetcher, variant: str) -> None:
    page = await fetcher.fetch(site.url(f"/latin1/{variant}"))
    assert "Le café du port" in page.text
    assert "crème brûlée" in page.text and "Hélène" in page.text
    assert "\ufffd" not in page.text
    if variant != "none":  # declared (header or meta): latin-1 read as windows-1252
        assert page.encoding == "cp1252"


# --- refusals: content ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        ("pdf", "a PDF"),
        ("png", "an image"),
        ("json", "JSON data"),
        ("none", "a file of unknown type"),
    ],
)
async def test_other_content_types_refused(
    site: Site, fetcher: Fetcher, kind: str, what: str
) -> None:
    with pytest.raises(UnsupportedContent) as caught:
        await fetcher.fetch(site.url(f"/file/{kind}"))
    assert caught.value.user_message == (
        f"That link is not a web page Briefbot can read (it is {what})."
    )
    assert "content type" in str(caught.value)


@pytest.mark.parametrize("code", [404, 410, 500])
async def test_http_errors(site: Site, fetcher: Fetcher, code: int) -> None:
    with pytest.raises(HttpStatusError) as caught:
        await fetcher.fetch(site.url(f"/status/{code}"))
    assert caught.value.status == code
    assert caught.value.user_message == f"The page answered with an error (HTTP {code})."
    assert str(code) in str(caught.value)


# --- refusals: size and time ------------------------------------------------------------------


async def test_endless_body_stops_at_the_cap(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(BodyTooLarge) as caught:
        await fetcher.fetch(site.url("/endless"))
    assert caught.value.user_message == "The page is too large to read (over 5 MB)."
    st = site.seen.streams["endless"]
    await ended(st)  # the server saw the client hang up
    assert MAX_BYTES < st.written < 15 * MB


async def test_20_mb_page_is_not_read_to_the_end(site: Site, fetcher: Fetcher) -> None:
    started = time.monotonic()
    with pytest.raises(BodyTooLarge):
        await fetcher.fetch(site.url("/big"))
    st = site.seen.streams["big"]
    await ended(st)
    assert not st.completed
    assert st.written < 15 * MB  # stopped early: streamed, not downloaded whole
    assert time.monotonic() - started < 2


async def test_declared_20_mb_is_refused_before_the_body(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(BodyTooLarge) as caught:
        await fetcher.fetch(site.url("/big-declared"))
    assert "Content-Length" in str(caught.value)
    st = site.seen.streams["big-declared"]
    await ended(st)
    assert st.written < MAX_BYTES


async def test_gzip_bomb_stops_at_the_cap_after_decompression(
    site: Site, fetcher: Fetcher, gzip_bomb: Bomb
) -> None:
    with pytest.raises(BodyTooLarge) as caught:
        await fetcher.fetch(site.url("/bomb"))
    assert "after decompression" in str(caught.value)
    st = site.seen.streams["bomb"]
    await ended(st)
    assert not st.completed
    # Each piece is 1 MiB once inflated: the client gave up after a handful of them.
    assert st.pieces < gzip_bomb.mib // 2


async def test_slow_page_times_out(site: Site, fetcher: Fetcher) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        await fetcher.fetch(site.url("/slow"))
    assert caught.value.user_message == "The page took too long to answer."
    assert 1.5 < time.monotonic() - started < 3.5


async def test_connect_timeout(clock: Clock) -> None:
    """A server whose accept queue is full never completes the handshake: connect times out."""
    listener = socket.socket()
    listener.bind((SERVER_IP, 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):  # the handshake finishes in the kernel
            filler.connect((SERVER_IP, port))
        fillers.append(filler)
    try:
        await asyncio.sleep(0.1)
        async with Fetcher(
            contact_url=CONTACT, policy=POLICY, connect_timeout=0.5, total_timeout=5, clock=clock
        ) as f:
            started = time.monotonic()
            with pytest.raises(FetchTimeout) as caught:
                await f.fetch(f"http://{SERVER_IP}:{port}/")
            assert time.monotonic() - started < 2  # the connect limit, not the 5 s total
            assert "Connection" in str(caught.value)
    finally:
        for s in [*fillers, listener]:
            s.close()


async def test_nothing_listening_is_unreachable(fetcher: Fetcher) -> None:
    probe = socket.socket()
    probe.bind((SERVER_IP, 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(Unreachable) as caught:
        await fetcher.fetch(f"http://{SERVER_IP}:{port}/story")
    assert caught.value.user_message == "The page could not be reached."


# --- redirects ----------------------------------------------------------------------------


async def test_five_redirects_are_followed(site: Site, fetcher: Fetcher) -> None:
    url = site.url("/redirect/5")
    page = await fetcher.fetch(url)
    assert page.url == url
    assert page.final_url == site.url("/redirect/0")
    assert "Linden County" in page.text
    assert [site.seen.hits[f"/redirect/{n}"] for n in range(6)] == [1] * 6


async def test_six_redirects_are_refused(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(TooManyRedirects) as caught:
        await fetcher.fetch(site.url("/redirect/6"))
    assert caught.value.user_message == "The link redirects too many times."
    assert site.seen.hits["/redirect/1"] == 1
    assert site.seen.hits["/redirect/0"] == 0  # the sixth redirect was not followed


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/article/harbor_courier",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::1]:{port}/article/harbor_courier",
        "http://[::ffff:127.0.0.1]:{port}/article/harbor_courier",
        "http://10.0.0.8/admin",
    ],
)
async def test_redirects_to_private_addresses_are_refused(
    site: Site, loopback: Site, fetcher: Fetcher, target: str
) -> None:
    target = target.format(port=loopback.server.port)
    started = time.monotonic()
    with pytest.raises(RefusedAddress) as caught:
        await fetcher.fetch(site.url("/to?target=" + target.replace("&", "%26")))
    assert caught.value.user_message == (
        "That link points to a private network address, so it will not be opened."
    )
    assert site.seen.hits["/to"] == 1  # the public first hop was fetched...
    assert sum(loopback.seen.hits.values()) == 0  # ...and nothing reached loopback
    assert time.monotonic() - started < 1  # refused before any connection attempt


async def test_redirect_to_another_scheme(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(NotAWebLink) as caught:
        await fetcher.fetch(site.url("/to?target=ftp://files.example/report.pdf"))
    assert caught.value.user_message == "The link redirects to something that is not a web page."


# --- the address check, direct and through DNS --------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/",
        "http://[::1]:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://[fd00::1]/",
        "http://[64:ff9b::7f00:1]:{port}/",
    ],
)
async def test_literal_private_addresses_refused(
    loopback: Site, fetcher: Fetcher, url: str
) -> None:
    with pytest.raises(RefusedAddress):
        await fetcher.fetch(url.format(port=loopback.server.port))
    assert sum(loopback.seen.hits.values()) == 0


async def test_localhost_by_name_is_refused(loopback: Site, fetcher: Fetcher) -> None:
    with pytest.raises(RefusedAddress) as caught:
        await fetcher.fetch(f"http://localhost:{loopback.server.port}/article/harbor_courier")
    assert "localhost" in str(caught.value)
    assert sum(loopback.seen.hits.values()) == 0


@pytest.mark.parametrize("url", ["ftp://files.example/x", "file:///etc/passwd", "not a link", ""])
async def test_only_http_and_https(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(NotAWebLink) as caught:
        await fetcher.fetch(url)
    assert "http" in caught.value.user_message


class MapResolver(AbstractResolver):
    """A stand-in DNS: a fixed name -> addresses table, so tests can name any address."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            ResolveResult(
                hostname=host,
                host=addr,
                port=port,
                family=socket.AF_INET6 if ":" in addr else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for addr in self.table[host]
        ]

    async def close(self) -> None:
        pass


async def test_resolver_drops_refused_answers() -> None:
    inner = MapResolver(
        {
            "mixed.example": ["10.1.2.3", "127.0.0.2", "::1"],
            "intranet.example": ["10.9.8.7", "169.254.169.254", "fd00::5"],
            "public.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
        }
    )
    resolver = GuardedResolver(POLICY, inner)
    mixed = await resolver.resolve("mixed.example", 80)
    assert [a["host"] for a in mixed] == ["127.0.0.2"]
    public = await resolver.resolve("public.example", 443)
    assert len(public) == 2
    with pytest.raises(RefusedAddress) as caught:
        await resolver.resolve("intranet.example", 80)
    assert "10.9.8.7" in str(caught.value)


async def test_hostname_resolving_to_private_address_refused(
    site: Site, loopback: Site, clock: Clock
) -> None:
    dns = MapResolver({"news.example": [SERVER_IP], "intranet.example": ["127.0.0.1"]})
    async with Fetcher(
        contact_url=CONTACT,
        policy=POLICY,
        connect_timeout=1,
        total_timeout=2,
        clock=clock,
        resolver=dns,
    ) as f:
        ok = await f.fetch(f"http://news.example:{site.server.port}/article/harbor_courier")
        assert "Saltmarsh" in ok.text
        assert site.seen.hosts == [f"news.example:{site.server.port}"]
        with pytest.raises(RefusedAddress):
            await f.fetch(f"http://intranet.example:{loopback.server.port}/article/x")
        with pytest.raises(Unreachable):
            await f.fetch("http://no-such-name.example/")
    assert "intranet.example" in dns.asked
    assert sum(loopback.seen.hits.values()) == 0


async def test_connector_checks_the_connected_peer(loopback: Site, site: Site) -> None:
    """The second lock: whatever route a connection took, its peer address is checked
    before the request is written (a literal IP skips the resolver, so only this sees it)."""
    async with aiohttp.ClientSession(connector=GuardedConnector(POLICY)) as session:
        with pytest.raises(RefusedAddress) as caught:
            await session.get(loopback.url("/article/harbor_courier"))
        assert "127.0.0.1" in str(caught.value)
        async with session.get(site.url("/plain")) as resp:
            assert resp.status == 200
    assert sum(loopback.seen.hits.values()) == 0
    assert site.seen.hits["/plain"] == 1


async def test_allow_private_lifts_the_check_and_warns(
    loopback: Site, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.ingest.fetch")
    async with Fetcher(
        contact_url=CONTACT,
        policy=AddressPolicy(allow_private=True),
        connect_timeout=1,
        total_timeout=2,
        clock=clock,
    ) as f:
        page = await f.fetch(loopback.url("/article/valley_tribune"))
        await f.fetch(loopback.url("/plain"))
    assert "Linden County" in page.text
    warnings = [r for r in caplog.records if "Private network addresses" in r.getMessage()]
    assert len(warnings) == 1


async def test_no_warning_when_the_check_is_on(
    clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.ingest.fetch")
    async with Fetcher(contact_url=CONTACT, clock=clock):
        pass
    assert not [r for r in caplog.records if "Private network" in r.getMessage()]


# --- politeness and the cache -------------------------------------------------------------


async def test_same_link_within_a_minute_is_fetched_once(
    site: Site, fetcher: Fetcher, clock: Clock
) -> None:
    url = site.url("/count/a")
    first = await fetcher.fetch(url)
    clock.now += 30
    second = await fetcher.fetch(url)
    clock.now += 29
    third = await fetcher.fetch(url)
    assert site.seen.hits["/count/a"] == 1
    assert first is second is third
    clock.now += 2  # 61 s after the first fetch finished
    fourth = await fetcher.fetch(url)
    assert site.seen.hits["/count/a"] == 2
    assert fourth is not first and fourth.text == first.text


async def test_concurrent_fetches_of_one_link_share_a_request(site: Site, fetcher: Fetcher) -> None:
    url = site.url("/count/b")
    pages = await asyncio.gather(*(fetcher.fetch(url) for _ in range(3)))
    assert site.seen.hits["/count/b"] == 1
    assert pages[0] is pages[1] is pages[2]


async def test_failures_are_not_cached(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(HttpStatusError):
        await fetcher.fetch(site.url("/flaky"))
    page = await fetcher.fetch(site.url("/flaky"))
    assert page.status == 200
    assert site.seen.hits["/flaky"] == 2


async def test_at_most_two_requests_at_once_per_host(site: Site, fetcher: Fetcher) -> None:
    urls = [site.url(f"/busy/{i}") for i in range(3)]
    started = time.monotonic()
    pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
    assert [p.status for p in pages] == [200, 200, 200]
    assert site.seen.max_in_flight == 2  # two at once, never three
    assert time.monotonic() - started >= 0.55  # the third waited for a slot


async def test_every_error_is_a_fetch_error_with_a_sentence() -> None:
    for cls in (
        BodyTooLarge,
        FetchTimeout,
        NotAWebLink,
        RefusedAddress,
        TooManyRedirects,
        Unreachable,
    ):
        err = cls("detail for the log")
        assert isinstance(err, FetchError)
        assert str(err) == "detail for the log"
        assert err.user_message.endswith(".") and "detail" not in err.user_message
