"""The Discord adapter end to end: the real discord.py client against a local stand-in of
Discord (REST API and gateway on 127.0.0.1, attachments on 127.0.0.2), a local news site on
127.0.0.2, the real fetcher, summarizer and an SQLite store in a temporary folder.

The stand-in (tests/discord_standin.py) records every request; tests wait for what they expect
with bounded timeouts."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from aiohttp import web
from discord_standin import (
    APP,
    CHANNEL,
    GUILD,
    HUMAN,
    LOCAL,
    MESSAGE_CONTENT,
    OTHER_BOT,
    OTHER_CHANNEL,
    SEED_TEXT,
    TOKEN,
    WAIT,
    World,
    assert_within_limits,
    discord_world,
    every_payload,
    restore_endpoints,
    until,
)
from sites import serve

from bot.adapters.discord import run_discord
from bot.config import Settings
from bot.digests import DigestService
from bot.ingest import Fetcher
from bot.service import BriefService
from bot.startup import Backoff, StartupError
from bot.store import Store
from summarizer import Summarizer


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    restore = restore_endpoints()
    yield
    restore()


@pytest.fixture
def refuse_content() -> bool:
    return False


@pytest.fixture
async def world(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None, refuse_content: bool
) -> AsyncIterator[World]:
    async with discord_world(tmp_path, summarizer_, refuse_content=refuse_content) as world:
        yield world


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
    # Ready for /readyz once discord.py says so (READY and the guilds in); the brief counted.
    await until(lambda: world.readiness.platforms["discord"], "ready")
    briefed = {"outcome": "briefed", "source": "link", "platform": "discord"}
    assert world.service.metrics.value("briefbot_briefs_total", **briefed) == 1


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
    (deferral,) = await until(lambda: d.posts("/interactions/"), "the deferral")
    assert deferral.body["type"] == 5  # answered at once; the database is written after
    (answer,) = await until(lambda: d.posts("/webhooks/"), "the answer")
    assert "Auto-brief is off" in answer.body["content"]
    assert answer.body["allowed_mentions"]["parse"] == []
    assert deferral.at < answer.at
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


async def test_a_missing_or_refused_token_or_no_discord_stops_it_in_one_plain_sentence(
    tmp_path: Path,
    summarizer_: Summarizer,
    restore_discord_endpoints: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def refuse(request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    refusing = web.Application()
    refusing.router.add_route("*", "/api/v10/{tail:.*}", refuse)
    runner, (port,) = await serve(refusing, LOCAL)
    with socket.socket() as s:  # a port nobody listens on
        s.bind((LOCAL, 0))
        closed = s.getsockname()[1]
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    try:
        async with Fetcher(contact_url="https://example.org/bot") as fetcher:
            service = BriefService(summarizer_, store, fetcher)

            async def start(backoff: Backoff | None = None, **settings: Any) -> StartupError:
                with pytest.raises(StartupError) as failed:
                    running = run_discord(
                        Settings(**settings), service, DigestService(store), backoff=backoff
                    )
                    await asyncio.wait_for(running, timeout=WAIT)
                assert failed.value.expected
                return failed.value

            refused = await start(
                discord_token=TOKEN, discord_api_url=f"http://{LOCAL}:{port}/api/v10"
            )
            assert str(refused) == "Discord refused the token in DISCORD_TOKEN."
            assert isinstance(refused.__cause__, discord.LoginFailure)
            missing = await start(discord_token=None)
            assert str(missing) == "Discord needs DISCORD_TOKEN in the environment."
            waits: list[float] = []

            async def wait(seconds: float) -> None:  # injected: recorded, never slept
                waits.append(seconds)

            caplog.clear()
            away = await start(
                Backoff(attempts=3, sleep=wait),
                discord_token=TOKEN,
                discord_api_url=f"http://{LOCAL}:{closed}/api/v10",
            )
            assert str(away) == "the platform could not be reached (ClientConnectorError)."
            assert waits == [1.0, 2.0]  # tried again with backoff, one warning line per try
            warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert [r.getMessage().split(" (")[0] for r in warned] == [
                "Discord could not be reached"
            ] * 2
            assert all(r.exc_info is None for r in warned)
    finally:
        await store.close()
        await runner.cleanup()
