"""The Discord adapter end to end: the real discord.py client against a local stand-in of
Discord (REST API and gateway on 127.0.0.1, attachments on 127.0.0.2), a local news site on
127.0.0.2, the real fetcher, summarizer and an SQLite store in a temporary folder.

The stand-in records every request; tests wait for what they expect with bounded timeouts."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import pytest
from aiohttp import WSMsgType, web
from sites import article_page, serve

from bot.adapters.discord import run_discord
from bot.config import Settings
from bot.ingest import AddressPolicy, Fetcher
from bot.service import BriefService
from bot.store import Store
from summarizer import Summarizer

LOCAL = "127.0.0.1"  # the stand-in of Discord
PUBLIC = "127.0.0.2"  # stands in for public hosts: the news site and Discord's CDN
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_55396772dfa231c4.txt"
TOKEN = "test-token-never-logged"
APP = 1000
GUILD = 2000
CHANNEL = 3000
OTHER_CHANNEL = 3001
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
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD),
        "name": f"news-{channel_id}",
        "position": 0,
        "permission_overwrites": [],
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


class StandIn:
    """Discord's REST API and gateway, as much of them as Briefbot uses."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.identifies: list[dict[str, Any]] = []
        self.refuse_message_content = False
        self.rate_limit_messages = 0  # how many message posts to answer with 429 first
        self.deferred = asyncio.Event()
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
        if method == "POST" and parts[0] == "channels" and parts[-1] == "messages":
            if self.rate_limit_messages > 0:
                self.rate_limit_messages -= 1
                record.status = 429
                limited = {"message": "You are being rate limited.", "retry_after": 0.05}
                return json_response({**limited, "global": False}, 429, {"Via": "1.1 google"})
            body = message_payload(self.next_id(), int(parts[1]), record.body, BOT_USER)
            return json_response(body)
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            self.deferred.set() if record.body["type"] == 5 else None
            return json_response({"interaction": {"id": parts[1], "type": 2}})
        if method == "POST" and parts[0] == "webhooks":
            return json_response(message_payload(self.next_id(), CHANNEL, record.body, BOT_USER))
        record.status = 404
        return json_response({"message": "Unknown", "code": 0}, 404)

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
                self._ws = ws
                await self.dispatch(
                    "READY",
                    {
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
                        "members": [],
                        "threads": [],
                        "presences": [],
                        "voice_states": [],
                        "channels": [channel_payload(CHANNEL), channel_payload(OTHER_CHANNEL)],
                        "roles": [
                            {
                                "id": str(GUILD),
                                "name": "@everyone",
                                "permissions": "0",
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
    ) -> int:
        mid = self.next_id()
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
                "data": {"id": "777", "name": name, "type": 1, "options": options},
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


SEED_TEXT = SEED.read_text(encoding="utf-8")
LOUD_TEXT = SEED_TEXT.replace(
    "The heavy exchange of fire", "@everyone The heavy *exchange* of fire <@&123456789012345678>", 1
)


@pytest.fixture
def restore_discord_endpoints() -> Any:
    saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved


@pytest.fixture
def refuse_content() -> bool:
    return False


@pytest.fixture
async def world(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None, refuse_content: bool
) -> AsyncIterator[World]:
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
    )
    async with Fetcher(
        contact_url="https://example.org/bot", policy=policy, connect_timeout=1, total_timeout=8
    ) as fetcher:
        service = BriefService(summarizer_, store, fetcher)
        task = asyncio.create_task(run_discord(settings, service, store, fetcher))
        try:
            # Connected: the stand-in has sent READY to an identified client.
            await until(lambda: stand_in._ws is not None or task.done(), "the gateway session")
            assert not task.done(), task.exception()
            yield World(stand_in, f"http://{PUBLIC}:{news_port}", hits, answered, store, task)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=WAIT)
            await store.close()
            await discord_runner.cleanup()
            await news_runner.cleanup()


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


async def test_a_pasted_link_gets_a_reply_with_the_brief_and_bots_are_ignored(
    world: World,
) -> None:
    d = world.discord
    await d.send_message(f"From a bot: {world.site}/story", author=OTHER_BOT)
    mid = await d.send_message(f"Worth a read <{world.site}/story>")
    (reply,) = await until(d.messages, "the reply")
    assert reply.path == f"/channels/{CHANNEL}/messages"
    assert reply.headers["Authorization"] == f"Bot {TOKEN}"
    assert str(reply.body["message_reference"]["message_id"]) == str(mid)
    (embed,) = reply.body["embeds"]
    assert embed["title"] == "Israel strikes Hezbollah"
    assert embed["url"] == f"{world.site}/story"  # a canonical on another site is not believed
    assert embed["description"].startswith("• ")
    assert any("Benjamin Netanyahu" in f["name"] for f in embed["fields"])
    assert "min read" in embed["footer"]["text"]
    assert reply.body["allowed_mentions"]["parse"] == []
    assert_within_limits(reply.body)
    (posting,) = await world.store.postings_for(1)
    assert (posting.platform, posting.channel, posting.workspace) == (
        "discord",
        str(CHANNEL),
        str(GUILD),
    )
    assert posting.message_id == str(mid) and posting.user_id == HUMAN["id"]


async def test_a_failing_link_is_answered_in_words_and_never_stops_the_others(
    world: World,
) -> None:
    d = world.discord
    mid = await d.send_message(f"{world.site}/missing and {world.site}/story")
    first, second = await until(lambda: d.messages() if len(d.messages()) >= 2 else None, "")
    said = first.body["content"]
    assert said.startswith(f"Could not brief <{world.site}/missing>: ") and "404" in said
    assert not first.body.get("embeds")
    assert second.body["embeds"][0]["title"] == "Israel strikes Hezbollah"
    for reply in (first, second):
        assert str(reply.body["message_reference"]["message_id"]) == str(mid)


async def test_a_pasted_article_text_is_briefed_and_small_talk_is_not(world: World) -> None:
    d = world.discord
    await d.send_message("Morning all, coffee is in the kitchen.")
    mid = await d.send_message(SEED_TEXT[:1990])
    (reply,) = await until(d.messages, "the reply")
    assert str(reply.body["message_reference"]["message_id"]) == str(mid)
    (embed,) = reply.body["embeds"]
    assert "heavy exchange of fire" in embed["description"]
    assert "url" not in embed


def text_attachment(d: Any, attachment_id: str, text: str) -> dict[str, Any]:
    """A message.txt the stand-in's CDN serves, as Discord describes it in MESSAGE_CREATE."""
    path = f"/attachments/3000/{attachment_id}/message.txt"
    d.files[path] = ("text/plain; charset=utf-8", text)
    return {
        "id": attachment_id,
        "filename": "message.txt",
        "size": len(text.encode()),
        "url": d.cdn + path,
        "proxy_url": d.cdn + path,
        "content_type": "text/plain; charset=utf-8",
    }


async def test_a_long_paste_arrives_as_message_txt_and_is_read_through_the_fetcher(
    world: World,
) -> None:
    d = world.discord
    path = "/attachments/3000/6000/message.txt"
    attachment = text_attachment(d, "6000", SEED_TEXT)
    mid = await d.send_message("", attachments=[attachment])
    (reply,) = await until(d.messages, "the reply")
    assert str(reply.body["message_reference"]["message_id"]) == str(mid)
    assert "heavy exchange of fire" in reply.body["embeds"][0]["description"]
    (fetched,) = [r for r in d.requests if r.path == path]
    assert fetched.headers["User-Agent"].startswith("Briefbot/")  # the safe fetcher read it
    huge = {**attachment, "id": "6001", "filename": "big_*notes*.txt", "size": 2_000_000}
    huge["url"] = huge["proxy_url"] = d.cdn + "/attachments/3000/6001/big.txt"
    await d.send_message("", attachments=[huge])
    _, refused = await until(lambda: d.messages() if len(d.messages()) >= 2 else None, "")
    assert refused.body["content"] == (
        "Could not brief big\\_\\*notes\\*.txt: The file is too large to read (over 1 MB)."
    )
    assert not [r for r in d.requests if r.path.endswith("/big.txt")]  # never downloaded


async def test_brief_command_defers_before_the_slow_article_answers_then_follows_up(
    world: World,
) -> None:
    d = world.discord
    sent = time.monotonic()
    token = await d.send_command(
        "brief", [{"name": "source", "type": 3, "value": f"{world.site}/slow"}]
    )
    (callback,) = await until(lambda: d.posts("/interactions/"), "the deferral")
    assert callback.body["type"] == 5  # deferred: "Briefbot is thinking…"
    assert callback.at - sent < 3.0
    (follow_up,) = await until(lambda: d.posts(f"/webhooks/{APP}/{token}"), "the follow-up")
    assert callback.at < world.answered["/slow"] < follow_up.at
    (embed,) = follow_up.body["embeds"]
    assert embed["title"] == "Israel strikes Hezbollah"
    assert embed["url"] == f"{world.site}/slow"
    assert follow_up.body["allowed_mentions"]["parse"] == []
    assert_within_limits(follow_up.body)


async def test_auto_off_keeps_pasted_links_unanswered_in_that_channel_only(world: World) -> None:
    d = world.discord
    options = [
        {"name": "auto", "type": 1, "options": [{"name": "state", "type": 3, "value": "off"}]}
    ]
    await d.send_command("briefbot", options, permissions=str(1 << 4))  # Manage Channels
    (answer,) = await until(lambda: d.posts("/interactions/"), "the answer")
    assert answer.body["type"] == 4 and "off" in answer.body["data"]["content"]
    assert answer.body["data"]["allowed_mentions"]["parse"] == []
    assert not await world.store.auto_brief("discord", str(CHANNEL), workspace=str(GUILD))
    await d.send_message(f"{world.site}/story")
    elsewhere = await d.send_message(f"{world.site}/story", channel=OTHER_CHANNEL)
    (reply,) = await until(d.messages, "the reply in the other channel")
    assert reply.path == f"/channels/{OTHER_CHANNEL}/messages"
    assert str(reply.body["message_reference"]["message_id"]) == str(elsewhere)
    await asyncio.sleep(0.2)
    assert len(d.messages()) == 1


async def test_auto_needs_the_manage_channels_permission(world: World) -> None:
    d = world.discord
    options = [
        {"name": "auto", "type": 1, "options": [{"name": "state", "type": 3, "value": "off"}]}
    ]
    await d.send_command("briefbot", options, permissions="0")
    (answer,) = await until(lambda: d.posts("/interactions/"), "the answer")
    assert "manage this channel" in answer.body["data"]["content"]
    assert await world.store.auto_brief("discord", str(CHANNEL), workspace=str(GUILD))


async def test_mentions_and_markdown_in_an_article_never_ping_or_format(world: World) -> None:
    d = world.discord
    await d.send_message(f"{world.site}/loud")
    await d.send_command("brief", [{"name": "source", "type": 3, "value": f"{world.site}/loud"}])
    await until(lambda: d.messages() and d.posts("/webhooks/"), "both answers")
    shown_bodies = every_payload(d)
    assert len(shown_bodies) == 2
    for body in shown_bodies:
        assert body["allowed_mentions"]["parse"] == []
        shown = json.dumps(body, ensure_ascii=False)
        assert (
            "@everyone" not in shown
            and "@here" not in shown
            and "<@&123456789012345678>" not in shown
        )
    embed = d.messages()[0].body["embeds"][0]
    assert embed["title"] == "Strike @\u200bhere \\*now\\*"
    assert "@\u200beveryone The heavy \\*exchange\\* of fire" in embed["description"]


async def test_a_429_is_retried_after_retry_after_and_the_reply_posted_once(
    world: World,
) -> None:
    d = world.discord
    d.rate_limit_messages = 1
    await d.send_message(f"{world.site}/story")
    (posted,) = await until(d.messages, "the reply after the rate limit")
    (limited,) = d.messages(429)
    assert posted.at - limited.at >= 0.05  # discord.py waited retry_after
    assert posted.body == limited.body
    await asyncio.sleep(0.2)
    assert len(d.messages()) == 1


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.mark.parametrize("refuse_content", [True])
async def test_without_the_message_content_intent_slash_commands_still_work(
    debug_logs: pytest.LogCaptureFixture, world: World
) -> None:
    caplog = debug_logs
    d = world.discord
    first, second = await until(lambda: d.identifies[:2] if len(d.identifies) >= 2 else None, "")
    assert first["intents"] & MESSAGE_CONTENT and not second["intents"] & MESSAGE_CONTENT
    await d.send_command("briefbot", [{"name": "help", "type": 1, "options": []}])
    (answer,) = await until(lambda: d.posts("/interactions/"), "the help")
    assert answer.body["type"] == 4 and "/brief" in answer.body["data"]["content"]
    assert answer.body["data"]["flags"] == 64  # ephemeral
    records = caplog.get_records("setup") + caplog.records
    warnings = [r for r in records if "Message Content intent" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert any(r.name.startswith("discord.") for r in records)  # discord.py's own debug lines
    assert all(TOKEN not in r.getMessage() for r in records)


async def test_a_message_txt_quoting_links_is_briefed_as_the_text_it_is(world: World) -> None:
    d = world.discord
    text = SEED_TEXT + f"\nRead more at {world.site}/story and {world.site}/slow\n"
    attachment = text_attachment(d, "7000", text)
    await d.send_message("", attachments=[attachment])
    (reply,) = await until(d.messages, "the reply")
    assert "heavy exchange of fire" in reply.body["embeds"][0]["description"]
    assert "/story" not in world.site_hits and "/slow" not in world.site_hits  # not fetched
