"""/who and /briefs through the Discord stand-in: articles shared by link in one channel, then
asked about there and from another channel of the server (the channel is one @everyone may
read, so what was shared there may be shown in the whole server)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import harbour
import pytest
from discord_standin import (
    APP,
    OTHER_CHANNEL,
    PUBLIC,
    World,
    assert_within_limits,
    discord_world,
    restore_endpoints,
    until,
)

from summarizer import Summarizer


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    restore = restore_endpoints()
    yield
    restore()


@pytest.fixture
async def world(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None
) -> AsyncIterator[tuple[World, str]]:
    """The bot, once the two articles of the story were shared in the channel; the site."""
    async with (
        discord_world(tmp_path, summarizer_) as world,
        harbour.harbour_site(PUBLIC) as site,
    ):
        await world.discord.send_message(f"{site}/first")
        await until(lambda: len(world.discord.messages()) == 1, "the first brief")
        await world.discord.send_message(f"{site}/second")
        await until(lambda: len(world.discord.messages()) == 2, "the second brief")
        yield world, site


async def ask(world: World, name: str, options: list[dict[str, Any]], **where: Any) -> dict:
    token = await world.discord.send_command(name, options, **where)
    (answer,) = await until(lambda: world.discord.posts(f"/webhooks/{APP}/{token}"), "the answer")
    deferral = world.discord.posts("/interactions/")[-1]
    assert deferral.body["type"] == 5 and deferral.body["data"]["flags"] == 64  # only to you
    assert answer.body["flags"] == 64 and answer.body["allowed_mentions"]["parse"] == []
    assert_within_limits(answer.body)
    return answer.body


def text(body: dict) -> str:
    embeds = body.get("embeds") or []
    return (body.get("content") or "") + "".join(
        e.get("title", "") + e.get("description", "") for e in embeds
    )


def option(name: str, value: Any, kind: int = 3) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value}


async def test_who_lists_a_speakers_quotes_from_both_articles_with_their_links(
    world: tuple[World, str],
) -> None:
    bot, site = world
    shown = text(await ask(bot, "who", [option("name", "Varga")]))
    assert "Tom Varga" in shown
    assert f"({site}/first)" not in shown  # linked without a preview: (<url>)
    assert f"(<{site}/first>)" in shown and f"(<{site}/second>)" in shown
    assert shown.index("The numbers keep moving") < shown.index("writing a cheque")


async def test_an_unknown_name_gets_suggestions_and_search_finds_a_quote(
    world: tuple[World, str],
) -> None:
    bot, site = world
    assert "Did you mean: Tom Varga?" in text(await ask(bot, "who", [option("name", "Tom Vargo")]))
    found = text(await ask(bot, "briefs", [option("words", harbour.FIRST_QUOTE_WORD)]))
    assert f"(<{site}/first>)" in found and f"{site}/second" not in found


async def test_what_a_channel_everyone_reads_shared_is_seen_from_another_channel(
    world: tuple[World, str],
) -> None:
    """The articles were shared in a channel @everyone may read: the whole server may be shown
    them (a shut channel's postings are private: tests/bot/adapters/discord/test_discord_intake.py,
    and private ones never cross channels: tests/bot/test_memory.py)."""
    bot, site = world
    shown = text(await ask(bot, "who", [option("name", "Tom Varga")], channel=OTHER_CHANNEL))
    assert f"(<{site}/first>)" in shown
    found = text(await ask(bot, "briefs", [option("words", "barrier")], channel=OTHER_CHANNEL))
    assert site in found
