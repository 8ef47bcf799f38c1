"""Fetch the page behind a pasted link as a careful browser would, and no further.

Only http(s); only public addresses (see guard.py); redirects followed by hand so each target
is checked; a deadline on the whole fetch; a byte cap counted after decompression; only the
content types Briefbot can read; politeness per host; and a one-minute memory of recent links.
A link already read is asked for again conditionally (conditional.py): unchanged, it costs an
empty 304 answer.
Every failure is a FetchError with a sentence for the chat user and the detail for the log.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from bot.ingest.addresses import AddressPolicy
from bot.ingest.charset import decode
from bot.ingest.conditional import Validators
from bot.ingest.errors import (
    BodyTooLarge,
    BrokenResponse,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    MalformedLink,
    NotAWebLink,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from bot.ingest.guard import GuardedConnector, GuardedResolver
from bot.ingest.hosts import checked_host
from bot.ingest.kinds import READABLE_TYPES, describe
from bot.ingest.politeness import HostLimiter
from bot.ingest.recent import RecentFetches

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_BYTES = 5 * MB
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_CHUNK = 64 * 1024


def briefbot_version() -> str:
    try:
        return version("briefbot")
    except PackageNotFoundError:
        return "0"


def user_agent(contact_url: str) -> str:
    """Names the bot and where a site owner can read about it (and whom to ask to stop)."""
    return f"Briefbot/{briefbot_version()} (+{contact_url})"


@dataclass(frozen=True)
class Page:
    """One fetched page: `url` as asked for, `final_url` after redirects, `text` decoded, and
    the validators its answer gave, for asking again only if it changed."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str
    fetched_at: datetime
    encoding: str = "utf-8"
    validators: Validators = field(default_factory=Validators)

    @property
    def is_html(self) -> bool:
        return self.content_type != "text/plain"


def web_url(url: str | URL, *, redirected: bool = False) -> URL:
    """`url` as a yarl URL if it is an absolute http(s) link with a host; else NotAWebLink."""
    try:
        parsed = url if isinstance(url, URL) else URL(url.strip())
        hostless = not parsed.raw_host
    except (ValueError, TypeError) as e:
        raise NotAWebLink(f"unparseable URL {url!r}: {e}") from e
    if parsed.scheme not in ("http", "https") or hostless:
        detail = f"not an http(s) URL: {str(parsed)[:200]!r}"
        if redirected:
            raise NotAWebLink(
                "redirect to " + detail,
                "The link redirects to something that is not a web page.",
            )
        raise NotAWebLink(detail)
    return checked_host(parsed, redirected=redirected).with_fragment(None)


def _redirect_target(base: URL, location: str) -> URL:
    """Where a redirect points, made absolute against the URL that answered."""
    try:
        return base.join(URL(location))
    except (ValueError, TypeError) as e:
        raise NotAWebLink(
            f"{base}: unusable Location {location[:200]!r}: {e}",
            "The link redirects to something that is not a web page.",
        ) from e


class Fetcher:
    """Fetches links for Briefbot; use as `async with Fetcher(contact_url=...) as f`."""

    def __init__(
        self,
        *,
        contact_url: str,
        policy: AddressPolicy | None = None,
        connect_timeout: float = 5.0,
        total_timeout: float = 15.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = 5,
        per_host: int = 2,
        cache_ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self.policy = policy or AddressPolicy()
        self.user_agent = user_agent(contact_url)
        self._connect_timeout = connect_timeout
        self._total_timeout = total_timeout
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._inner_resolver = resolver
        self._limiter = HostLimiter(per_host)
        self._recent: RecentFetches[Page] = RecentFetches(cache_ttl, clock)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Open the HTTP session (inside a running event loop)."""
        if self._session is not None:
            return
        if self.policy.allow_private:
            log.warning(
                "Private network addresses are allowed: links may reach loopback, private and "
                "link-local hosts. Use this only for tests and intranet deployments."
            )
        connector = GuardedConnector(
            self.policy, resolver=GuardedResolver(self.policy, self._inner_resolver)
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=None, connect=self._connect_timeout, sock_connect=self._connect_timeout
            ),
            headers={"User-Agent": self.user_agent, "Accept": ACCEPT},
            # No cookies kept: nothing carries over from one person's link to the next.
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,  # never route through a proxy from the environment
        )

    async def close(self) -> None:
        await self._recent.close()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str) -> Page:
        """The page behind `url`; the same link again within the cache time is not refetched."""
        target = web_url(url)
        return await self._recent.get(
            str(target), lambda: self._fetch_within_deadline(url, target, {})
        )

    async def refetch(self, url: str, validators: Validators) -> Page | None:
        """The page behind `url` again, unless it is still the version `validators` name:
        then None (the server answered 304). Under the same guards and limits as fetch; the
        same question within the cache time is asked once."""
        target = web_url(url)
        headers = validators.request_headers()
        key = f"{target} {headers.get('If-None-Match')} {headers.get('If-Modified-Since')}"
        page = await self._recent.get(
            key, lambda: self._fetch_within_deadline(url, target, headers)
        )
        return None if page.status == NOT_MODIFIED else page

    async def _fetch_within_deadline(
        self, url: str, target: URL, headers: Mapping[str, str]
    ) -> Page:
        try:
            async with asyncio.timeout(self._total_timeout):
                return await self._follow(url, target, headers)
        except TimeoutError as e:
            raise FetchTimeout(f"{url}: no complete answer within {self._total_timeout:g} s") from e

    async def _follow(self, url: str, target: URL, headers: Mapping[str, str]) -> Page:
        current = target
        for hop in range(self._max_redirects + 1):
            self._check_literal_address(current)
            result = await self._request(url, current, headers)
            if isinstance(result, Page):
                return result
            if hop == self._max_redirects:
                break
            current = web_url(result, redirected=True)
            log.debug("%s redirects to %s", url, current)
        raise TooManyRedirects(f"{url}: more than {self._max_redirects} redirects")

    def _check_literal_address(self, url: URL) -> None:
        """A URL naming an IP address never reaches the resolver: check it here, early."""
        host = url.host or ""
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return
        self.policy.check(ip)

    async def _request(self, url: str, current: URL, headers: Mapping[str, str]) -> Page | URL:
        """One GET: the page, or the next URL if it is a redirect. With conditional `headers`,
        a 304 answer is a Page of that status and no text."""
        if self._session is None:
            raise RuntimeError("Fetcher is not started: use `async with Fetcher(...)`")
        try:
            async with (
                self._limiter.slot(current.host or ""),
                self._session.get(current, allow_redirects=False, headers=headers) as resp,
            ):
                if resp.status == NOT_MODIFIED and headers:
                    return self._page(url, resp, "", "", "utf-8")
                if resp.status in REDIRECT_STATUSES:
                    location = resp.headers.get("Location")
                    if not location:
                        raise HttpStatusError(
                            f"{current}: {resp.status} without Location", resp.status
                        )
                    return _redirect_target(resp.url, location)
                if not 200 <= resp.status < 300:
                    raise HttpStatusError(f"{current}: HTTP {resp.status}", resp.status)
                mimetype = resp.content_type.lower()
                if mimetype not in READABLE_TYPES:
                    raise UnsupportedContent(
                        f"{current}: content type {mimetype}", describe(mimetype)
                    )
                raw = await self._read_capped(resp, current)
                text, codec = decode(raw, resp.charset, is_html=mimetype != "text/plain")
                return self._page(url, resp, mimetype, text, codec)
        except FetchError:
            raise
        except TimeoutError as e:  # aiohttp's connect and read timeouts
            raise FetchTimeout(f"{current}: {type(e).__name__}: {e}") from e
        except (aiohttp.InvalidURL, UnicodeError) as e:  # what checked_host did not foresee
            raise MalformedLink(f"{current}: invalid URL: {type(e).__name__}: {e}") from e
        except (aiohttp.ClientPayloadError, aiohttp.ClientResponseError) as e:
            raise BrokenResponse(f"{current}: {type(e).__name__}: {e}") from e
        except (aiohttp.ClientError, OSError) as e:
            raise Unreachable(f"{current}: {type(e).__name__}: {e}") from e

    @staticmethod
    def _page(
        url: str, resp: aiohttp.ClientResponse, content_type: str, text: str, codec: str
    ) -> Page:
        return Page(
            url=url,
            final_url=str(resp.url),
            status=resp.status,
            content_type=content_type,
            text=text,
            fetched_at=datetime.now(UTC),
            encoding=codec,
            validators=Validators.of(resp.headers),
        )

    async def _read_capped(self, resp: aiohttp.ClientResponse, current: URL) -> bytes:
        """The body, decompressed, refusing it as soon as it passes the cap."""
        limit = self._max_bytes
        too_large = f"The page is too large to read (over {limit / MB:g} MB)."
        declared = resp.content_length
        if declared is not None and declared > limit and not resp.headers.get("Content-Encoding"):
            raise BodyTooLarge(f"{current}: Content-Length {declared} > {limit}", too_large)
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > limit:
                resp.close()  # drop the connection: nothing more is read from it
                raise BodyTooLarge(
                    f"{current}: body passed {limit} bytes (counted after decompression)", too_large
                )
            chunks.append(chunk)
        return b"".join(chunks)
