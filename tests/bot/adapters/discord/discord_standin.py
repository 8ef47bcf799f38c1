"""A local stand-in of Discord for the adapter's tests: its REST API and gateway on 127.0.0.1,
its CDN on 127.0.0.2, a local news site on 127.0.0.2, and `discord_world`, which runs the real
client (`run_discord`) against them with the real fetcher, summarizer and an SQLite store.

The stand-in records every request; tests wait for what they expect with bounded timeouts.
What Discord answers can be scripted: failures of message posts in order, channels that are
gone or shut to the bot."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
from aiohttp import WSMsgType, web
from locations import SEED
from sites import article_page, serve

from bot.adapters.discord import DiscordDigestPoster, run_discord
from bot.config import Settings
from bot.digests import DigestService
from bot.health import Readiness
from bot.ingest import AddressPolicy, Fetcher
from bot.intake import Intake
from bot.service import BriefService, utc_now
from bot.store import Store
from summarizer import Summarizer

LOCAL = "127.0.0.1"  # the stand-in of Discord
PUBLIC = "127.0.0.2"  # stands in for public hosts: the news site and Discord's CDN
TOKEN = "test-token-never-logged"
APP = 1000
GUILD = 2000
CHANNEL = 3000
OTHER_CHANNEL = 3001
PRIVATE_CHANNEL = 3002  # shut to @everyone: only its own members and the owner read it
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
READ_MESSAGE_HISTORY = 1 << 16
EVERYONE = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY  # @everyone's in the server
BOT_USER = {
    "id": "4000",
    "username": "Briefbot",
    "discriminator": "0",
    "global_name": "Briefbot",
    "avatar": None,
    "bot": True,
    "flags": 0,
}
HUMAN = {
    "id": "5000",
    "username": "reporter",
    "discriminator": "0",
    "global_name": "Reporter",
    "avatar": None,
    "flags": 0,
}
OTHER_BOT = {**HUMAN, "id": "5001", "username": "feedbot", "bot": True}
MESSAGE_CONTENT = 1 << 15
WAIT = 15.0  # the most any step may take before the test fails


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None):
    """discord.py parses a body only when the content type is exactly application/json."""
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    status: int = 200
    at: float = field(default_factory=time.monotonic)


def channel_payload(channel_id: int) -> dict[str, Any]:
    private = channel_id == PRIVATE_CHANNEL
    shut = [{"id": str(GUILD), "type": 0, "allow": "0", "deny": str(VIEW_CHANNEL)}]
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD),
        "name": f"news-{channel_id}",
        "position": 0,
        "permission_overwrites": shut if private else [],
        "nsfw": False,
        "parent_id": None,
    }


def message_payload(mid: int, channel_id: int, body: dict[str, Any], author: dict[str, Any]):
    return {
        "id": str(mid),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD),
        "author": author,
        "content": body.get("content") or "",
        "timestamp": "2026-11-25T12:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": body.get("attachments", []),
        "embeds": body.get("embeds", []),
        "pinned": False,
        "type": 0,
        "flags": 0,
    }


@dataclass(frozen=True)
class Answer:
    """A scripted answer of the stand-in's REST API."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def rate_limited(retry_after: float, *, via_proxy: bool = True, scope: str = "user") -> Answer:
    """A 429 as Discord sends it. discord.py waits and retries one that came through Discord's
    proxy (a Via header) itself; without one it takes it for a Cloudflare ban and raises."""
    headers = {"Retry-After": str(retry_after), "X-RateLimit-Scope": scope}
    if via_proxy:
        headers["Via"] = "1.1 google"
    body = {
        "message": "You are being rate limited.",
        "retry_after": retry_after,
        "global": scope == "global",
    }
    return Answer(429, body, headers)


def server_error(status: int = 503) -> Answer:
    return Answer(status, {"message": "Service Unavailable", "code": 0})


UNKNOWN_CHANNEL = Answer(404, {"message": "Unknown Channel", "code": 10003})
MISSING_ACCESS = Answer(403, {"message": "Missing Access", "code": 50001})


class StandIn:
    """Discord's REST API and gateway, as much of them as Briefbot uses."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.identifies: list[dict[str, Any]] = []
        self.refuse_message_content = False
        self.close_on_identify: int | None = None  # a gateway close code, e.g. 4011
        self.resumes: list[dict[str, Any]] = []
        self.resume_allowed = asyncio.Event()  # RESUMED waits for the test's word
        self.rate_limit_messages = 0  # how many message posts to answer with 429 first
        # Scripted answers to message posts, one per post in order (None: post it).
        self.message_answers: list[Answer | None] = []
        # Channels answering every request with this (gone, or shut to the bot).
        self.channel_answers: dict[int, Answer] = {}
        self.deferred = asyncio.Event()
        # Asked when an interaction is answered; what it gave is kept in `at_callback`.
        self.on_callback: Callable[[], Awaitable[Any]] | None = None
        self.at_callback: list[Any] = []
        self.files: dict[str, tuple[str, str]] = {}  # CDN path -> (content type, text)
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._ids = 9000
        self.cdn = ""
        app = web.Application()
        app.router.add_get("/gateway", self.gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest)
        app.router.add_get("/attachments/{tail:.*}", self.attachment)
        self.app = app

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    # REST

    async def rest(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v10")
        raw = await request.read()
        record = Recorded(
            request.method,
            path,
            dict(request.query),
            dict(request.headers),
            json.loads(raw) if raw else None,
        )
        self.requests.append(record)
        method, parts = request.method, path.strip("/").split("/")
        if method == "GET" and path == "/users/@me":
            return json_response(BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return json_response(
                {
                    "id": str(APP),
                    "name": "Briefbot",
                    "description": "",
                    "icon": None,
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": HUMAN,
                    "verify_key": "00",
                    "flags": 0,
                }
            )
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            guild = parts[3] if len(parts) == 5 else None
            return json_response(
                [
                    {
                        **c,
                        "id": str(self.next_id()),
                        "application_id": str(APP),
                        "version": "1",
                        **({"guild_id": guild} if guild else {}),
                    }
                    for c in record.body
                ]
            )
        if parts[0] == "channels" and int(parts[1]) in self.channel_answers:
            return self.scripted(record, self.channel_answers[int(parts[1])])
        if method == "GET" and parts[0] == "channels" and len(parts) == 2:
            return json_response(channel_payload(int(parts[1])))
        if method == "POST" and parts[0] == "channels" and parts[-1] == "messages":
            answer = self.message_answers.pop(0) if self.message_answers else None
            if answer is not None:
                return self.scripted(record, answer)
            if self.rate_limit_messages > 0:
                self.rate_limit_messages -= 1
                record.status = 429
                limited = {"message": "You are being rate limited.", "retry_after": 0.05}
                return json_response({**limited, "global": False}, 429, {"Via": "1.1 google"})
            body = message_payload(self.next_id(), int(parts[1]), record.body, BOT_USER)
            return json_response(body)
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            self.deferred.set() if record.body["type"] == 5 else None
            if self.on_callback is not None:
                self.at_callback.append(await self.on_callback())
            return json_response({"interaction": {"id": parts[1], "type": 2}})
        if method == "POST" and parts[0] == "webhooks":
            return json_response(message_payload(self.next_id(), CHANNEL, record.body, BOT_USER))
        if method == "DELETE" and parts[0] == "webhooks" and parts[-1] == "@original":
            record.status = 204
            return web.Response(status=204)
        record.status = 404
        return json_response({"message": "Unknown", "code": 0}, 404)

    @staticmethod
    def scripted(record: Recorded, answer: Answer) -> web.Response:
        record.status = answer.status
        return json_response(answer.body, answer.status, answer.headers)

    async def attachment(self, request: web.Request) -> web.Response:
        kind, text = self.files[request.path]
        self.requests.append(Recorded("GET", request.path, {}, dict(request.headers), None))
        return web.Response(body=text.encode(), headers={"Content-Type": kind})

    def posts(self, prefix: str, status: int | None = 200) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.method == "POST" and r.path.startswith(prefix) and status in (None, r.status)
        ]

    def messages(self, status: int | None = 200) -> list[Recorded]:
        return [r for r in self.posts("/channels/", status) if r.path.endswith("/messages")]

    # Gateway

    async def gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            if data["op"] == 1:
                await ws.send_json({"op": 11})
            elif data["op"] == 2:
                self.identifies.append(data["d"])
                if self.refuse_message_content and data["d"]["intents"] & MESSAGE_CONTENT:
                    await ws.close(code=4014, message=b"Disallowed intent(s).")
                    break
                if self.close_on_identify is not None:
                    await ws.close(code=self.close_on_identify, message=b"Refused.")
                    break
                self._ws = ws
                shard = {"shard": data["d"]["shard"]} if "shard" in data["d"] else {}
                await self.dispatch(
                    "READY",
                    {
                        **shard,
                        "v": 10,
                        "user": BOT_USER,
                        "guilds": [{"id": str(GUILD), "unavailable": True}],
                        "session_id": f"session-{len(self.identifies)}",
                        "resume_gateway_url": f"ws://{request.host}/gateway",
                        "application": {"id": str(APP), "flags": 0},
                    },
                )
                await self.dispatch(
                    "GUILD_CREATE",
                    {
                        "id": str(GUILD),
                        "name": "Newsroom",
                        "owner_id": HUMAN["id"],
                        "unavailable": False,
                        "member_count": 2,
                        "features": [],
                        "emojis": [],
                        "stickers": [],
                        # Briefbot's own member, as Discord always sends it: guild.me.
                        "members": [
                            {
                                "user": BOT_USER,
                                "roles": [],
                                "joined_at": "2024-01-01T00:00:00+00:00",
                                "deaf": False,
                                "mute": False,
                                "flags": 0,
                            }
                        ],
                        "threads": [],
                        "presences": [],
                        "voice_states": [],
                        "channels": [
                            channel_payload(CHANNEL),
                            channel_payload(OTHER_CHANNEL),
                            channel_payload(PRIVATE_CHANNEL),
                        ],
                        "roles": [
                            {
                                "id": str(GUILD),
                                "name": "@everyone",
                                "permissions": str(EVERYONE),
                                "position": 0,
                                "color": 0,
                                "hoist": False,
                                "managed": False,
                                "mentionable": False,
                                "flags": 0,
                            }
                        ],
                    },
                )
            elif data["op"] == 6:
                self.resumes.append(data["d"])
                await self.resume_allowed.wait()
                self._ws = ws
                await self.dispatch("RESUMED", {})
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "no client is connected"
        self._seq += 1
        await self._ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def send_message(
        self,
        content: str,
        *,
        channel: int = CHANNEL,
        author: dict[str, Any] = HUMAN,
        attachments: list[dict[str, Any]] | None = None,
        mid: int | None = None,
    ) -> int:
        """Dispatch MESSAGE_CREATE; `mid` sends a message again (another gateway session's
        copy of it, as two instances on one shard both get it)."""
        mid = mid if mid is not None else self.next_id()
        data = message_payload(mid, channel, {"content": content}, author)
        data["attachments"] = attachments or []
        data["member"] = {"roles": [], "joined_at": "2024-01-01T00:00:00+00:00"}
        await self.dispatch("MESSAGE_CREATE", data)
        return mid

    async def send_command(
        self,
        name: str,
        options: list[dict[str, Any]],
        *,
        channel: int = CHANNEL,
        permissions: str = "0",
        resolved: dict[str, Any] | None = None,
    ) -> str:
        iid = self.next_id()
        token = f"interaction-token-{iid}"
        await self.dispatch(
            "INTERACTION_CREATE",
            {
                "id": str(iid),
                "application_id": str(APP),
                "type": 2,
                "token": token,
                "version": 1,
                "guild_id": str(GUILD),
                "channel_id": str(channel),
                "channel": channel_payload(channel),
                "locale": "en-US",
                "guild_locale": "en-US",
                "app_permissions": "0",
                "attachment_size_limit": 10 * 1024 * 1024,
                "entitlements": [],
                "authorizing_integration_owners": {"0": str(GUILD)},
                "context": 0,
                "member": {
                    "user": HUMAN,
                    "roles": [],
                    "joined_at": "2024-01-01T00:00:00+00:00",
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                    "permissions": permissions,
                },
                "data": {
                    "id": "777",
                    "name": name,
                    "type": 1,
                    "options": options,
                    **({"resolved": resolved} if resolved else {}),
                },
            },
        )
        return token


async def until(check: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll `check` until it gives something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class World:
    discord: StandIn
    site: str
    site_hits: dict[str, int]
    answered: dict[str, float]
    store: Store
    task: asyncio.Task[None]
    service: BriefService
    digests: DigestService | None = None
    poster: DiscordDigestPoster | None = None
    readiness: Readiness = field(default_factory=Readiness)


SEED_TEXT = SEED.read_text(encoding="utf-8")
LOUD_TEXT = SEED_TEXT.replace(
    "The heavy exchange of fire", "@everyone The heavy *exchange* of fire <@&123456789012345678>", 1
)


def every_payload(stand_in: StandIn) -> list[dict[str, Any]]:
    """What Briefbot asked Discord to show: messages, interaction answers and follow-ups
    (a deferral shows nothing but "thinking")."""
    shown = (
        stand_in.messages(None) + stand_in.posts("/interactions/") + stand_in.posts("/webhooks/")
    )
    bodies = [r.body.get("data", r.body) if "type" in r.body else r.body for r in shown]
    return [b for b in bodies if b and ("content" in b or "embeds" in b)]


def embed_size(embed: dict[str, Any]) -> int:
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + len(embed.get("footer", {}).get("text", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    )


def assert_within_limits(body: dict[str, Any]) -> None:
    assert len(body.get("content") or "") <= 2000
    embeds = body.get("embeds", [])
    assert len(embeds) <= 10
    assert sum(embed_size(e) for e in embeds) <= 6000
    for e in embeds:
        assert len(e.get("title", "")) <= 256 and len(e.get("description", "")) <= 4096
        assert len(e.get("fields", [])) <= 25
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in e.get("fields", []))


def restore_endpoints() -> Callable[[], None]:
    """What run_discord points elsewhere (for the process), and how to put it back."""
    saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)

    def restore() -> None:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved

    return restore


@dataclass
class Surroundings:
    """Everything around the client: the stand-in, the news site, the store and the service."""

    discord: StandIn
    site: str
    site_hits: dict[str, int]
    answered: dict[str, float]
    store: Store
    service: BriefService
    settings: Settings


@contextlib.asynccontextmanager
async def surroundings(
    tmp_path: Path,
    summarizer: Summarizer,
    *,
    refuse_content: bool = False,
    now: Callable[[], datetime] = utc_now,
    intake: Callable[[Store], Intake] | None = None,
    more_settings: dict[str, Any] | None = None,
) -> AsyncIterator[Surroundings]:
    """The stand-in of Discord and a news site serving, the store open, the brief service made
    (its clock `now`, its intake made by `intake` from the store): no client yet."""
    stand_in = StandIn()
    stand_in.refuse_message_content = refuse_content
    hits: dict[str, int] = {}
    answered: dict[str, float] = {}
    story = article_page(
        SEED_TEXT, "Israel strikes Hezbollah", "https://news.example.com/world/strike"
    )
    loud = article_page(LOUD_TEXT, "Strike @here *now*", "https://news.example.com/world/loud")

    async def news(request: web.Request) -> web.Response:
        hits[request.path] = hits.get(request.path, 0) + 1
        if request.path == "/slow":  # answers only once Discord has seen the deferral
            await asyncio.wait_for(stand_in.deferred.wait(), timeout=5)
            answered[request.path] = time.monotonic()
            return web.Response(text=story, content_type="text/html")
        if request.path == "/story":
            return web.Response(text=story, content_type="text/html")
        if request.path == "/loud":
            return web.Response(text=loud, content_type="text/html")
        return web.Response(status=404)

    news_app = web.Application()
    news_app.router.add_get("/{tail:.*}", news)
    news_runner, (news_port,) = await serve(news_app, PUBLIC)
    discord_runner, (api_port, cdn_port) = await serve(stand_in.app, LOCAL, PUBLIC)
    stand_in.cdn = f"http://{PUBLIC}:{cdn_port}"

    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(PUBLIC)}))
    settings = Settings(
        discord_token=TOKEN,
        discord_api_url=f"http://{LOCAL}:{api_port}/api/v10",
        discord_gateway_url=f"ws://{LOCAL}:{api_port}/gateway",
        discord_guild_id=GUILD,
        **(more_settings or {}),
    )
    try:
        async with Fetcher(
            contact_url="https://example.org/bot",
            policy=policy,
            connect_timeout=1,
            total_timeout=8,
        ) as fetcher:
            service = BriefService(
                summarizer,
                store,
                fetcher,
                now=now,
                intake=intake(store) if intake is not None else None,
            )
            yield Surroundings(
                stand_in, f"http://{PUBLIC}:{news_port}", hits, answered, store, service, settings
            )
    finally:
        await store.close()
        await discord_runner.cleanup()
        await news_runner.cleanup()


@contextlib.asynccontextmanager
async def discord_world(
    tmp_path: Path,
    summarizer: Summarizer,
    *,
    refuse_content: bool = False,
    now: Callable[[], datetime] = utc_now,
    digests: Callable[[Store], DigestService] | None = None,
    poster: DiscordDigestPoster | None = None,
    more_settings: dict[str, Any] | None = None,
) -> AsyncIterator[World]:
    """The real client served by run_discord against the stand-in, connected (READY sent);
    `now` is the brief service's clock, `digests` makes the digest service from the store,
    `more_settings` are given to Settings."""
    async with surroundings(
        tmp_path, summarizer, refuse_content=refuse_content, now=now, more_settings=more_settings
    ) as around:
        stand_in, store, settings = around.discord, around.store, around.settings
        digest_service = (
            digests(store) if digests is not None else DigestService.from_settings(store, settings)
        )
        readiness = Readiness()
        task = asyncio.create_task(
            run_discord(
                settings, around.service, digest_service, poster=poster, readiness=readiness
            )
        )
        try:
            # Connected: the stand-in has sent READY to an identified client.
            await until(lambda: stand_in._ws is not None or task.done(), "the gateway session")
            assert not task.done(), task.exception()
            yield World(
                stand_in,
                around.site,
                around.site_hits,
                around.answered,
                store,
                task,
                around.service,
                digest_service,
                poster,
                readiness,
            )
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=WAIT)
