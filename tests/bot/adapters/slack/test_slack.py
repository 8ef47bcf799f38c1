"""The Slack adapter end to end: the real Bolt AsyncApp over HTTP on 127.0.0.1 with requests
signed as Slack signs them, a local stand-in of the Slack Web API and of response_url that
records every call (tests/slack_standin.py), a local news site on 127.0.0.2, the real service
and an SQLite store. One test runs Socket Mode through a local websocket stand-in."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from locations import REPO, SEED
from pydantic import SecretStr
from sites import article_page, serve
from slack_standin import (
    APP_TOKEN,
    BOT_TOKEN,
    CHANNEL,
    SITE_HOST,
    TEAM,
    WAIT,
    Bot,
    SlackStandIn,
    message,
    posted_text,
    running_bot,
    settings_for,
    settle,
    signed,
    until,
)

from bot.adapters.slack import run_slack
from bot.adapters.slack.app import READING
from bot.config import Settings
from bot.digests import DigestService
from bot.service import MIN_PASTED_WORDS, BriefService
from bot.startup import StartupError

# --- the news site -------------------------------------------------------------------------


def page(text: str, title: str, canonical: str) -> str:
    return article_page(
        text,
        title,
        canonical,
        head_title=f"{title} | The Post",
        head='<meta name="author" content="Jane Reporter">',
    )


FLOOD = "\n".join(
    [
        "<!channel> Residents of the northern valley town said on Monday that the flood barrier "
        "built by <@U123> & partners had failed overnight, forcing hundreds of families to leave "
        "their homes before dawn.",
        "“<!channel> leave the valley now, the water is still rising,” Mayor Ann Lee said in a "
        "message to residents, adding that buses would run every hour from the school.",
        "The regional council said the barrier had been inspected in the spring and rated safe "
        "for a once-in-a-century storm, a claim residents rejected on Monday.",
        "“We were told this could never happen, and now <@U123> owes us answers,” said Tom Hale, "
        "a shop owner whose store on the main street was under a metre of water.",
        "Engineers from the national agency arrived in the afternoon to examine the breach, and "
        "the army sent two hundred soldiers to help fill sandbags along the river bank.",
        "Forecasters expect more rain on Tuesday, and the council urged everyone in the low "
        "streets near the river to stay away until the water has gone down.",
    ]
)


@pytest.fixture
async def site() -> AsyncIterator[str]:
    seed = SEED.read_text(encoding="utf-8")
    story = page(seed, "Israel strikes Hezbollah", "https://news.example.com/world/strike")
    escaping = page(
        FLOOD,
        "Flood alert <!here> for the valley",
        "https://news.example.com/local/flood",
    )

    async def answer(request: web.Request) -> web.Response:
        if request.path == "/slow":
            await asyncio.sleep(2.0)  # the scenario needs a really slow site
            return web.Response(text=story, content_type="text/html")
        if request.path == "/story":
            return web.Response(text=story, content_type="text/html")
        if request.path == "/flood":
            return web.Response(text=escaping, content_type="text/html")
        return web.Response(status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner, (port,) = await serve(app, SITE_HOST)
    yield f"http://{SITE_HOST}:{port}"
    await runner.cleanup()


@pytest.fixture
async def bot(slack: SlackStandIn, service: BriefService) -> AsyncIterator[Bot]:
    async with running_bot(slack, service) as running:
        yield running


# --- behaviours ----------------------------------------------------------------------------


async def test_a_pasted_link_gets_a_threaded_brief(bot: Bot, site: str) -> None:
    resp = await bot.event(message(f"Look at this <{site}/story|strike>"), event_id="Ev1")
    assert resp.status == 200
    await until(lambda: len(bot.slack.posts()) == 1)
    (post,) = bot.slack.posts()
    assert post["channel"] == CHANNEL
    assert post["thread_ts"] == "1700000000.000100"
    assert post["unfurl_links"] is False and post["unfurl_media"] is False
    blocks = json.dumps(post["blocks"], ensure_ascii=False)
    assert post["blocks"][0]["type"] == "header"
    assert blocks.count("Israel strikes Hezbollah") == 1  # the headline once
    # the page's canonical names another site than it came from, so the link is the one read
    assert f"<{site}/story|" in json.dumps(post["blocks"][1])  # the site, linked
    assert "Benjamin Netanyahu" in blocks
    assert "Israel strikes Hezbollah" in post["text"]
    assert bot.slack.api("auth.test")  # Bolt learned who the bot is
    assert all(c.authorization == f"Bearer {BOT_TOKEN}" for c in bot.slack.calls[:1])


async def test_several_links_get_one_reply_each(bot: Bot, site: str) -> None:
    await bot.event(message(f"Two reads: {site}/story and {site}/flood"), event_id="Ev2")
    await until(lambda: len(bot.slack.posts()) == 2)
    await settle(bot)
    posts = bot.slack.posts()
    assert len(posts) == 2
    assert "Israel strikes Hezbollah" in posted_text(posts[0])
    assert "Flood alert" in posted_text(posts[1])


async def test_a_long_paste_is_briefed_and_small_talk_is_not(bot: Bot) -> None:
    await bot.event(message("Morning all, coffee is in the kitchen."), event_id="Ev3")
    seed = SEED.read_text(encoding="utf-8")
    assert len(seed.split()) >= MIN_PASTED_WORDS
    await bot.event(message(seed, ts="1700000000.000300"), event_id="Ev4")
    await until(lambda: len(bot.slack.posts()) == 1)
    await settle(bot)
    (post,) = bot.slack.posts()
    assert post["thread_ts"] == "1700000000.000300"
    assert "Pasted text" in posted_text(post)
    assert "Benjamin Netanyahu" in posted_text(post)


async def test_edits_deletes_and_bots_are_ignored(bot: Bot, site: str) -> None:
    link = f"{site}/story"
    await bot.event(message(link, bot_id="B2", subtype="bot_message"), event_id="Ev5")
    await bot.event(message(link, bot_id="B3"), event_id="Ev6")
    await bot.event(message(link, user="UBOT"), event_id="Ev7")
    edited = message("", subtype="message_changed", message={"text": link})
    await bot.event(edited, event_id="Ev8")
    await bot.event(message("", subtype="message_deleted"), event_id="Ev9")
    await bot.event(message(f"Now a person: {link}", ts="1700000000.000900"), event_id="Ev10")
    await until(lambda: len(bot.slack.posts()) == 1)
    await settle(bot)
    assert [p["thread_ts"] for p in bot.slack.posts()] == ["1700000000.000900"]


async def test_auto_off_and_on_again(bot: Bot, site: str) -> None:
    status, _, _ = await bot.command("/briefbot", "auto off")
    assert status == 200
    # Acked first; the store is changed after, and the answer comes through response_url.
    await until(lambda: len(bot.slack.hooks()) == 1)
    assert "Auto-brief is off" in bot.slack.hooks()[0]["text"]
    assert bot.slack.hooks()[0]["response_type"] == "ephemeral"
    assert await bot.service.store.auto_brief("slack", CHANNEL, workspace=TEAM) is False
    await bot.event(message(f"{site}/story"), event_id="Ev11")
    await settle(bot, 1.0)
    assert bot.slack.posts() == []
    status, _, _ = await bot.command("/briefbot", "auto on")
    assert status == 200
    await until(lambda: len(bot.slack.hooks()) == 2)
    assert "Auto-brief is on" in bot.slack.hooks()[1]["text"]
    await bot.event(message(f"{site}/story", ts="1700000000.001200"), event_id="Ev12")
    await until(lambda: len(bot.slack.posts()) == 1)
    assert bot.slack.posts()[0]["thread_ts"] == "1700000000.001200"


async def test_a_mention_with_a_link_is_briefed_even_when_auto_is_off(bot: Bot, site: str) -> None:
    await bot.command("/briefbot", "auto off")
    text = f"<@UBOT> what about {site}/story"
    # Slack sends both a message event and an app_mention for the same message.
    await bot.event(message(text), event_id="Ev13")
    await bot.event({**message(text), "type": "app_mention"}, event_id="Ev14")
    await until(lambda: len(bot.slack.posts()) == 1)
    await settle(bot)
    (post,) = bot.slack.posts()
    assert post["thread_ts"] == "1700000000.000100"
    assert "Israel strikes Hezbollah" in posted_text(post)


async def test_help_and_digest_help_answer_ephemerally(bot: Bot) -> None:
    status, answer, _ = await bot.command("/briefbot", "help")
    assert status == 200 and "/brief" in answer["text"] and "auto on" in answer["text"]
    assert "/digest on 08:30" in answer["text"] and "coming soon" not in answer["text"]
    status, answer, _ = await bot.command("/digest", "help")
    assert status == 200 and answer["text"] == ""  # acknowledged at once, answered after
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral" and "/digest on 08:30" in hook["text"]
    assert bot.slack.posts() == []


async def test_slash_brief_acks_at_once_then_posts_a_slow_article(bot: Bot, site: str) -> None:
    status, answer, took = await bot.command("/brief", f"{site}/slow")
    assert status == 200
    assert answer == {"text": READING, "response_type": "ephemeral"}
    assert took < 1.5, f"the ack took {took:.2f}s"
    assert bot.slack.posts() == []  # the article is still being read
    await until(lambda: len(bot.slack.posts()) == 1)
    (post,) = bot.slack.posts()
    assert post["channel"] == CHANNEL and "thread_ts" not in post
    assert "Israel strikes Hezbollah" in posted_text(post)


async def test_slash_brief_failure_is_one_ephemeral_sentence(bot: Bot, site: str) -> None:
    status, answer, _ = await bot.command("/brief", f"{site}/missing")
    assert status == 200 and answer["text"] == READING
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    assert "404" in hook["text"] and hook["text"].startswith("Could not brief")
    assert bot.slack.posts() == []


async def test_slash_brief_with_pasted_text(bot: Bot) -> None:
    status, answer, _ = await bot.command("/brief", SEED.read_text(encoding="utf-8"))
    assert status == 200 and answer["text"] == READING
    await until(lambda: len(bot.slack.posts()) == 1)
    assert "Benjamin Netanyahu" in posted_text(bot.slack.posts()[0])


async def test_a_failing_link_does_not_stop_the_other(bot: Bot, site: str) -> None:
    await bot.event(message(f"{site}/missing then {site}/story"), event_id="Ev15")
    await until(lambda: len(bot.slack.posts()) == 2)
    failure, brief = bot.slack.posts()
    assert "blocks" not in failure
    assert "404" in failure["text"] and failure["thread_ts"] == "1700000000.000100"
    assert "Israel strikes Hezbollah" in posted_text(brief)


async def test_bad_and_stale_signatures_get_401(bot: Bot, site: str) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "Ev16", "team_id": TEAM,
                       "event": message(f"{site}/story")})  # fmt: skip
    url, json_type = bot.url, {"Content-Type": "application/json"}
    bad = {**signed(body, secret="not-the-secret"), **json_type}
    async with bot.http.post(url, data=body.encode(), headers=bad) as resp:
        assert resp.status == 401
    stale = {**signed(body, timestamp=int(time.time()) - 6 * 60), **json_type}
    async with bot.http.post(url, data=body.encode(), headers=stale) as resp:
        assert resp.status == 401
    tampered = {**signed(body), **json_type}
    changed = body.replace("Ev16", "Ev17").encode()
    async with bot.http.post(url, data=changed, headers=tampered) as resp:
        assert resp.status == 401
    good = {**signed(body), **json_type}
    async with bot.http.post(url, data=body.encode(), headers=good) as resp:
        assert resp.status == 200
    await until(lambda: len(bot.slack.posts()) == 1)


async def test_only_a_message_in_a_public_channel_is_shared_in_public(bot: Bot, site: str) -> None:
    """Slack says a channel is public only in message events ("channel"); a private
    channel, a direct message and a mention (which says nothing) count as private."""
    await bot.event(message(f"{site}/story", channel_type="channel"), event_id="Ev70")
    await bot.event(message(f"{site}/story", channel_type="group"), event_id="Ev71")
    mention = {**message(f"<@UBOT> {site}/story"), "type": "app_mention"}
    del mention["channel_type"]  # Slack's app_mention events do not say
    await bot.event(mention, event_id="Ev72")
    await until(lambda: len(bot.slack.posts()) == 3)
    known = await bot.service.store.article_for_url(f"{site}/story")
    assert known is not None
    postings = await bot.service.store.postings_for(known.id)
    assert sorted(p.private for p in postings) == [False, True, True]


async def test_a_redelivered_event_is_handled_once(bot: Bot, site: str) -> None:
    first = await bot.event(message(f"{site}/story"), event_id="Ev18")
    again = await bot.event(message(f"{site}/story"), event_id="Ev18", retry=1)
    assert first.status == 200 and again.status == 200
    await until(lambda: len(bot.slack.posts()) == 1)
    await settle(bot, 1.0)
    assert len(bot.slack.posts()) == 1


async def test_a_429_is_retried_after_retry_after(bot: Bot, site: str) -> None:
    bot.slack.throttle["chat.postMessage"] = 1
    await bot.event(message(f"{site}/story"), event_id="Ev19")
    await until(lambda: len(bot.slack.posts()) == 1)
    await settle(bot)
    tries = [c for c in bot.slack.calls if c.method == "chat.postMessage"]
    assert [c.status for c in tries] == [429, 200]
    assert tries[1].at - tries[0].at >= 1.0  # Retry-After: 1 was honoured
    assert len(bot.slack.posts()) == 1


async def test_article_text_never_pings(bot: Bot, site: str) -> None:
    await bot.event(message(f"{site}/flood"), event_id="Ev20")
    await until(lambda: len(bot.slack.posts()) == 1)
    sent = posted_text(bot.slack.posts()[0])
    for ping in ("<!channel>", "<!here>", "<@U123>"):
        assert ping not in sent
    assert "&lt;!here&gt;" in sent  # the title is there, escaped
    assert "&lt;!channel&gt;" in sent and "&lt;@U123&gt; &amp; partners" in sent
    assert "*Ann Lee*" in sent  # the quote with a ping in it is shown, with its speaker


async def test_a_40000_word_paste_stays_within_slack_limits(bot: Bot) -> None:
    seed = SEED.read_text(encoding="utf-8")
    text = "\n\n".join(f"Update {i}. {seed}" for i in range(80))
    assert len(text.split()) >= 40_000
    await bot.event(message(text), event_id="Ev21")
    await until(lambda: len(bot.slack.posts()) == 1)
    (post,) = bot.slack.posts()
    blocks = post["blocks"]
    assert len(blocks) <= 50
    words = set(text.split())
    for block in blocks:
        body = block.get("text", {}).get("text", "")
        assert len(body) <= (150 if block["type"] == "header" else 3000)
        for line in body.split("\n"):
            if line.rstrip("”_) ").endswith("…"):
                last = line.rstrip("”_) ").removesuffix("…").split()[-1]
                assert last in words or last.rstrip(".!?”") in words or last == "."
    assert "only its first" in posted_text(post)  # the capped-input notice is shown
    assert len(post["text"]) <= 3000


async def test_a_shared_text_file_is_briefed(bot: Bot) -> None:
    bot.slack.files["story.txt"] = SEED.read_text(encoding="utf-8")
    file = {
        "id": "F1",
        "name": "story.txt",
        "title": "story.txt",
        "mimetype": "text/plain",
        "size": 4000,
        "url_private_download": f"{bot.slack.base}/files/story.txt",
    }
    await bot.event(message("", subtype="file_share", files=[file]), event_id="Ev22")
    await until(lambda: len(bot.slack.posts()) == 1)
    assert "Benjamin Netanyahu" in posted_text(bot.slack.posts()[0])
    (download,) = [c for c in bot.slack.calls if c.method == "file"]
    assert download.authorization == f"Bearer {BOT_TOKEN}"


async def test_a_file_elsewhere_never_gets_the_token(bot: Bot, site: str) -> None:
    file = {"id": "F2", "mimetype": "text/plain", "url_private": f"{site}/story"}
    await bot.event(message("", subtype="file_share", files=[file]), event_id="Ev23")
    await settle(bot, 1.0)
    assert bot.slack.posts() == []


# --- run_slack -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_run_slack_over_http_serves_slack_events(
    slack: SlackStandIn, service: BriefService, site: str
) -> None:
    port = free_port()
    running = run_slack(
        settings_for(slack),
        service,
        DigestService(service.store),
        http_port=port,
        http_host="127.0.0.1",
    )
    task = asyncio.create_task(running)
    try:
        bot_url = f"http://127.0.0.1:{port}/slack/events"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http:
            bot = Bot(bot_url, http, slack, service)
            for _ in range(100):  # the server is starting
                try:
                    resp = await bot.event(message(f"{site}/story"), event_id="Ev30")
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.02)
            assert resp.status == 200
            await until(lambda: len(slack.posts()) == 1)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_run_slack_in_socket_mode(
    slack: SlackStandIn, service: BriefService, site: str
) -> None:
    payload = {
        "team_id": TEAM,
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": "Ev40",
        "event_time": 1700000000,
        "event": message(f"Socket read {site}/story"),
    }
    slack.envelopes.append(
        {
            "envelope_id": "env-1",
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": payload,
        }
    )
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    task = asyncio.create_task(run_slack(settings, service, DigestService(service.store)))
    try:
        await until(lambda: len(slack.posts()) == 1)
        assert {"envelope_id": "env-1"} in slack.acks
        (opened,) = slack.api("apps.connections.open")
        assert opened.authorization == f"Bearer {APP_TOKEN}"
        assert "Israel strikes Hezbollah" in posted_text(slack.posts()[0])
        assert slack.posts()[0]["thread_ts"] == "1700000000.000100"
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_run_slack_needs_its_tokens(slack: SlackStandIn, service: BriefService) -> None:
    with pytest.raises(StartupError, match="SLACK_BOT_TOKEN"):
        await run_slack(Settings(slack_bot_token=None), service, DigestService(service.store))
    no_secret = Settings(slack_bot_token=SecretStr(BOT_TOKEN), slack_signing_secret=None,
                         slack_app_token=None)  # fmt: skip
    with pytest.raises(StartupError, match="SLACK_SIGNING_SECRET") as failed:
        await run_slack(no_secret, service, DigestService(service.store), http_port=free_port())
    assert failed.value.expected


async def test_a_mention_without_a_link_gets_a_hint_and_empty_brief_gets_usage(bot: Bot) -> None:
    await bot.event({**message("<@UBOT> hello"), "type": "app_mention"}, event_id="Ev50")
    await until(lambda: len(bot.slack.posts()) == 1)
    assert "Mention me with a link" in bot.slack.posts()[0]["text"]
    status, answer, _ = await bot.command("/brief", "  ")
    assert status == 200 and "/brief https://" in answer["text"]


def test_the_manifest_declares_what_the_app_handles() -> None:
    manifest = (REPO / "config" / "slack-manifest.yaml").read_text()
    for needed in ("command: /brief\n", "command: /briefbot\n", "command: /digest\n",
                   "command: /who\n", "command: /briefs\n",
                   "- app_mention\n", "- message.channels\n", "- message.groups\n",
                   "- chat:write\n", "- files:read\n", "socket_mode_enabled: true\n"):  # fmt: skip
        assert needed in manifest


async def test_a_long_snippet_is_read_to_its_end(bot: Bot) -> None:
    """A snippet near the 1 MB limit arrives in many chunks: all of it is briefed."""
    seed = SEED.read_text(encoding="utf-8")
    text = "\n\n".join([seed] * 250)  # about 800 KB, 130,000 words
    bot.slack.files["long.txt"] = text
    file = {
        "id": "F9",
        "name": "long.txt",
        "title": "long.txt",
        "mimetype": "text/plain",
        "size": len(text.encode()),
        "url_private_download": f"{bot.slack.base}/files/long.txt",
    }
    await bot.event(message("", subtype="file_share", files=[file]), event_id="Ev91")
    await until(lambda: len(bot.slack.posts()) == 1)
    article = await bot.service.store.article(1)
    assert article is not None and len(article.text) == len(text)
