"""What's new through the Slack stand-in: the real Bolt app, service and SQLite store, with
the made-up story of tests/story.py on a local news site (127.0.0.2)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from sites import article_page, serve
from slack_standin import SITE_HOST, Bot, SlackStandIn, message, running_bot, until
from story import DEAL, STRIKE

from bot.service import BriefService

DEVELOPMENT = "voted on Thursday to accept a raise of seven percent"
NEW_QUOTE = "This deal shows what dock workers can win when they stand together"
OLD_QUOTE = "We will not unload a single ship until the pay offer is fair"
OLD_BULLET = "The strike was called by the Harbour Workers Union"


PAGES = {
    "/strike": article_page(STRIKE, "Dock workers strike at Marlow", ""),
    "/deal": article_page(DEAL, "Marlow strike ends", ""),
}


@pytest.fixture
def pages() -> dict[str, str]:
    """What the site serves; /live is a page that changes when a test says so."""
    return {**PAGES, "/live": PAGES["/strike"]}


@pytest.fixture
async def site(pages: dict[str, str]) -> AsyncIterator[str]:
    async def answer(request: web.Request) -> web.Response:
        if request.path not in pages:
            return web.Response(status=404)
        return web.Response(text=pages[request.path], content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner, (port,) = await serve(app, SITE_HOST)
    yield f"http://{SITE_HOST}:{port}"
    await runner.cleanup()


@pytest.fixture
async def bot(slack: SlackStandIn, service: BriefService) -> AsyncIterator[Bot]:
    async with running_bot(slack, service) as running:
        yield running


def news_section(post: dict[str, object]) -> str:
    """The text of the block that leads with What's new ("" when there is none)."""
    blocks = post["blocks"]
    assert isinstance(blocks, list)
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    return next((t for t in texts if t.startswith(("*What's new*", "*Updated*"))), "")


async def test_a_later_article_leads_with_its_development_and_quote(bot: Bot, site: str) -> None:
    await bot.event(message(f"<{site}/strike>"), event_id="Ev1")
    await until(lambda: len(bot.slack.posts()) == 1)
    await bot.event(message(f"<{site}/deal>", channel="C2", ts="1700000001.000100"), event_id="Ev2")
    await until(lambda: len(bot.slack.posts()) == 2)
    first, later = bot.slack.posts()
    assert news_section(first) == ""
    news = news_section(later)
    assert f"<{site}/strike|Dock workers strike at Marlow>" in news
    assert DEVELOPMENT in news and NEW_QUOTE in news
    assert OLD_QUOTE not in news and OLD_BULLET not in news
    assert OLD_BULLET in json.dumps(later["blocks"])  # the brief itself follows, whole


async def test_a_private_channels_article_never_feeds_another_channel(bot: Bot, site: str) -> None:
    secret = message(f"<{site}/strike>", channel="G1", channel_type="group")
    await bot.event(secret, event_id="Ev3")
    await until(lambda: len(bot.slack.posts()) == 1)
    await bot.event(message(f"<{site}/deal>", ts="1700000001.000100"), event_id="Ev4")
    await until(lambda: len(bot.slack.posts()) == 2)
    assert news_section(bot.slack.posts()[1]) == ""
    again = message(f"<{site}/deal>", channel="G1", channel_type="group", ts="1700000002.000100")
    await bot.event(again, event_id="Ev5")
    await until(lambda: len(bot.slack.posts()) == 3)
    assert NEW_QUOTE in news_section(bot.slack.posts()[2])  # in its own channel it does


async def test_a_link_whose_page_changed_leads_with_what_was_updated(
    bot: Bot, site: str, pages: dict[str, str], service: BriefService
) -> None:
    service.link_refresh = timedelta(0)  # the link is read again on every paste
    await bot.event(message(f"<{site}/live>"), event_id="Ev6")
    await until(lambda: len(bot.slack.posts()) == 1)
    pages["/live"] = PAGES["/deal"]  # the page now tells the deal
    await bot.event(message(f"<{site}/live>", ts="1700000001.000100"), event_id="Ev7")
    await until(lambda: len(bot.slack.posts()) == 2)
    news = news_section(bot.slack.posts()[1])
    assert news.startswith("*Updated* since the version shared ")
    assert DEVELOPMENT in news and NEW_QUOTE in news and OLD_QUOTE not in news
    await bot.event(message(f"<{site}/live>", ts="1700000002.000100"), event_id="Ev8")
    await until(lambda: len(bot.slack.posts()) == 3)
    assert news_section(bot.slack.posts()[2]) == ""  # unchanged since: nothing to tell
