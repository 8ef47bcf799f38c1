"""What's new through the Discord stand-in: the real discord.py client, service and SQLite
store, with the made-up story of tests/story.py pasted into channels of one server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from discord_standin import (
    CHANNEL,
    OTHER_CHANNEL,
    PRIVATE_CHANNEL,
    World,
    assert_within_limits,
    discord_world,
    restore_endpoints,
    until,
)
from story import DEAL, STRIKE

from summarizer import Summarizer

DEVELOPMENT = "voted on Thursday to accept a raise of seven percent"
NEW_QUOTE = "This deal shows what dock workers can win when they stand together"
OLD_QUOTE = "We will not unload a single ship until the pay offer is fair"
OLD_BULLET = "The strike was called by the Harbour Workers Union"


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    restore = restore_endpoints()
    yield
    restore()


@pytest.fixture
async def world(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None
) -> AsyncIterator[World]:
    async with discord_world(tmp_path, summarizer_) as world:
        yield world


def news_part(description: str) -> str:
    """The What's new lines of an embed's description ("" when there are none)."""
    if not description.startswith("**What's new**"):
        return ""
    return description[: description.index("**Summary**")]


async def replies(world: World, n: int) -> list[str]:
    found = await until(
        lambda: world.discord.messages() if len(world.discord.messages()) >= n else [],
        f"{n} replies",
    )
    for reply in found:
        assert_within_limits(reply.body)
    return [r.body["embeds"][0]["description"] for r in found]


async def test_a_later_article_leads_with_its_development_and_quote(world: World) -> None:
    await world.discord.send_message(STRIKE)
    await replies(world, 1)
    await world.discord.send_message(DEAL, channel=OTHER_CHANNEL)
    first, later = await replies(world, 2)
    assert news_part(first) == ""
    news = news_part(later)
    assert DEVELOPMENT in news and NEW_QUOTE in news
    assert OLD_QUOTE not in news and OLD_BULLET not in news.replace("\\", "")


async def test_a_private_channels_article_never_feeds_another_channel(world: World) -> None:
    await world.discord.send_message(STRIKE, channel=PRIVATE_CHANNEL)
    await replies(world, 1)
    await world.discord.send_message(DEAL, channel=CHANNEL)
    _, later = await replies(world, 2)
    assert news_part(later) == ""
