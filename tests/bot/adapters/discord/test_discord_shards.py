"""Discord at scale: the client the shard settings ask for, what /readyz says per shard, and
Discord's refusals of the sharding. The real discord.py client; on the gateway, the stand-in."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_standin import (
    LOCAL,
    TOKEN,
    WAIT,
    StandIn,
    discord_world,
    restore_endpoints,
    until,
)
from sites import serve

from bot.adapters.discord import DiscordDigestPoster, run_discord
from bot.adapters.discord.client import BriefClient
from bot.adapters.discord.shards import ShardedBriefClient, make_client
from bot.config import Settings
from bot.digests import DigestService
from bot.health import Readiness
from bot.ingest import Fetcher
from bot.service import BriefService
from bot.startup import StartupError
from bot.store import Store
from summarizer import Summarizer


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    restore = restore_endpoints()
    yield
    restore()


@pytest.fixture
async def services(
    tmp_path: Path, summarizer_: Summarizer
) -> AsyncIterator[tuple[BriefService, DigestService]]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    try:
        async with Fetcher(contact_url="https://example.org/bot") as fetcher:
            yield BriefService(summarizer_, store, fetcher), DigestService(store)
    finally:
        await store.close()


def client_for(services: tuple[BriefService, DigestService], **settings: Any) -> BriefClient:
    service, digests = services
    return make_client(
        Settings(**settings), service=service, digests=digests, readiness=Readiness()
    )


def test_unset_one_connection_a_count_every_shard_ids_only_those(
    services: tuple[BriefService, DigestService],
) -> None:
    one = client_for(services)
    assert type(one) is BriefClient and not isinstance(one, discord.AutoShardedClient)
    assert (one.shard_count, one.shard_id) == (None, None)  # Discord's default, as before

    every = client_for(services, discord_shard_count=4)
    assert isinstance(every, ShardedBriefClient)
    assert isinstance(every, discord.AutoShardedClient)
    assert (every.shard_count, every.shard_ids) == (4, None)  # launches 0, 1, 2 and 3
    assert every.own_shards == {0, 1, 2, 3}

    some = client_for(services, discord_shard_count=4, discord_shard_ids="2, 3")
    assert (some.shard_count, some.shard_ids) == (4, [2, 3])
    assert isinstance(some, ShardedBriefClient) and some.own_shards == {2, 3}


async def settle() -> None:
    """Let the event handlers discord.py scheduled run."""
    for _ in range(5):
        await asyncio.sleep(0)


async def test_ready_only_while_every_shard_of_the_instance_is(
    services: tuple[BriefService, DigestService],
) -> None:
    client = client_for(services, discord_shard_count=3, discord_shard_ids="0,2")
    readiness = client.readiness
    readiness.expect(["discord"])
    async with client:  # discord.py's own dispatch, as the gateway drives it
        client.dispatch("shard_ready", 0)
        await settle()
        assert readiness.platforms["discord"] is False  # shard 2 not yet
        client.dispatch("shard_ready", 2)
        await settle()
        assert readiness.platforms["discord"] is True
        client.dispatch("disconnect")  # each shard's drop also comes as on_disconnect...
        client.dispatch("shard_disconnect", 2)
        await settle()
        assert readiness.platforms["discord"] is False
        client.dispatch("resumed")  # ...and shard 0 resuming says nothing of shard 2
        client.dispatch("shard_resumed", 0)
        await settle()
        assert readiness.platforms["discord"] is False
        client.dispatch("shard_resumed", 2)
        await settle()
        assert readiness.platforms["discord"] is True
        client.dispatch("ready")  # every shard ready once: logged only
        await settle()
        assert readiness.platforms["discord"] is True


async def test_an_instance_runs_its_shard_and_is_unready_while_it_is_away(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None
) -> None:
    poster = DiscordDigestPoster()
    shards = {"discord_shard_count": 2, "discord_shard_ids": "1"}
    async with discord_world(tmp_path, summarizer_, poster=poster, more_settings=shards) as world:
        d = world.discord
        (identify,) = d.identifies
        assert identify["shard"] == [1, 2]  # this instance's shard, of two
        assert isinstance(poster._client, ShardedBriefClient)
        # discord.py's shard is ready 2 s after the last GUILD_CREATE (guild_ready_timeout).
        await until(lambda: world.readiness.platforms["discord"], "shard 1 ready")
        assert d._ws is not None
        await d._ws.close(code=4000)  # Discord drops the shard's connection
        await until(lambda: not world.readiness.platforms["discord"], "unready")
        await until(lambda: d.resumes, "the shard's RESUME")
        assert world.readiness.platforms["discord"] is False  # not resumed yet
        d.resume_allowed.set()
        await until(lambda: world.readiness.platforms["discord"], "ready again")
        assert len(d.identifies) == 1  # resumed, not identified anew


async def test_unsharded_it_identifies_without_a_shard_as_before(
    tmp_path: Path, summarizer_: Summarizer, restore_discord_endpoints: None
) -> None:
    poster = DiscordDigestPoster()
    async with discord_world(tmp_path, summarizer_, poster=poster) as world:
        (identify,) = world.discord.identifies
        assert "shard" not in identify
        assert type(poster._client) is BriefClient


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (4011, "Discord requires sharding for this bot's number of servers: set "),
        (4010, "Discord refused the shard settings (discord_shard_ids, discord_shard_count)."),
    ],
)
async def test_discord_refusing_the_sharding_stops_it_in_one_plain_sentence(
    services: tuple[BriefService, DigestService],
    restore_discord_endpoints: None,
    code: int,
    said: str,
) -> None:
    stand_in = StandIn()
    stand_in.close_on_identify = code
    runner, (port,) = await serve(stand_in.app, LOCAL)
    settings = Settings(
        discord_token=TOKEN,
        discord_api_url=f"http://{LOCAL}:{port}/api/v10",
        discord_gateway_url=f"ws://{LOCAL}:{port}/gateway",
        **({"discord_shard_count": 2, "discord_shard_ids": "0"} if code == 4010 else {}),
    )
    try:
        with pytest.raises(StartupError) as failed:
            await asyncio.wait_for(run_discord(settings, *services), timeout=WAIT)
        assert str(failed.value).startswith(said) and failed.value.expected
        assert isinstance(failed.value.__cause__, discord.ConnectionClosed)
    finally:
        with contextlib.suppress(Exception):
            await runner.cleanup()
