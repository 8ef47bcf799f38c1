"""Discord's requests kept as accepted work, through the real discord.py client against the
Discord stand-in: what an instance that died accepted is answered once by a live client after
its lease runs out (over REST alone: the client is logged in, never connected to the gateway),
its share counted once; the live path keeps each request under its key and leaves nothing
unfinished; at start on SQLite, run_discord answers what was left. Time is injected: the lease
runs out when the test's clock says so."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from discord_standin import (
    APP,
    CHANNEL,
    GUILD,
    HUMAN,
    PRIVATE_CHANNEL,
    SEED_TEXT,
    TOKEN,
    WAIT,
    Surroundings,
    discord_world,
    restore_endpoints,
    surroundings,
    until,
)
from sqlalchemy import text

from bot.adapters.discord import BriefClient, point_discord_at
from bot.adapters.discord.requests import BRIEF, MESSAGE, BriefRequest, MessageRequest
from bot.digests import DigestService
from bot.intake import Accepted, Intake
from bot.service import BriefService, utc_now
from bot.store import Store
from summarizer import Summarizer

LEASE = timedelta(seconds=30)
READER = int(HUMAN["id"])


@pytest.fixture(autouse=True)
def restore_discord_endpoints() -> Iterator[None]:
    """run_discord points discord.py at the stand-in for the process: put it back."""
    restore = restore_endpoints()
    yield
    restore()


class Clock:
    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now


async def postings(store: Store) -> int:
    """Every share recorded, in all: one row per posting."""
    async with store.engine.connect() as conn:
        return (await conn.execute(text("SELECT count(*) FROM postings"))).scalar_one()


async def kept(store: Store) -> list[tuple[str, str]]:
    """The accepted work in the store: (kind, key), oldest first."""
    async with store.engine.connect() as conn:
        rows = await conn.execute(text("SELECT kind, key FROM accepted_work ORDER BY id"))
        return [(kind, key) for kind, key in rows]


async def nothing_unfinished(store: Store) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT
    while await store.unfinished_work():
        assert asyncio.get_running_loop().time() < deadline, "work left unfinished"
        await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def live(
    tmp_path: Path, summarizer_: Summarizer
) -> AsyncIterator[tuple[Surroundings, Clock]]:
    """The stand-in and a live instance's service, its intake on the test's clock."""
    clock = Clock()
    async with surroundings(
        tmp_path,
        summarizer_,
        now=clock,
        intake=lambda store: Intake(store, now=clock, lease=LEASE, instance="live"),
    ) as around:
        yield around, clock


@contextlib.asynccontextmanager
async def logged_in(around: Surroundings) -> AsyncIterator[BriefClient]:
    """The live instance's client, logged in (REST) and never connected to the gateway."""
    restore = point_discord_at(around.settings)
    client = BriefClient(service=around.service, digests=DigestService(around.store))
    try:
        await client.login(TOKEN)
        yield client
    finally:
        await client.close()
        restore()


async def died_after_sharing(
    around: Surroundings,
    summarizer_: Summarizer,
    clock: Clock,
    kind: str,
    request: MessageRequest | BriefRequest,
) -> Accepted:
    """What kill -9 leaves: the request accepted by instance "dead", briefed and its share
    recorded, never answered."""
    dead = Intake(around.store, now=clock, lease=LEASE, instance="dead")
    work = await dead.accept(kind, request.payload(), key=request.key)
    assert work is not None
    half_done = BriefService(
        summarizer_, around.store, around.service.fetcher, now=clock, intake=dead
    )
    source = request.content if isinstance(request, MessageRequest) else request.source
    (outcome,) = await half_done.brief_message(source, origin=request.origin(work))
    assert outcome.briefed is not None
    assert await postings(around.store) == 1
    return work


async def take_over_once(around: Surroundings, clock: Clock, client: BriefClient) -> None:
    """Nothing is taken while the dead one's lease holds; once it ran out, its request is."""
    intake, resumers = around.service.intake, client.resumers()
    assert await intake.sweep(resumers) == 0
    clock.now += LEASE * 2
    assert await intake.sweep(resumers) == 1
    await until(lambda: not intake._working, "the resumed request answered")
    clock.now += LEASE * 2
    assert await intake.sweep(resumers) == 0


async def test_a_message_a_dead_instance_accepted_is_answered_once_by_a_live_client(
    tmp_path: Path, summarizer_: Summarizer
) -> None:
    async with live(tmp_path, summarizer_) as (around, clock):
        d = around.discord
        request = MessageRequest(
            channel_id=CHANNEL,
            guild_id=GUILD,
            message_id=7001,
            author_id=READER,
            content=f"Worth a read <{around.site}/story>",
        )
        await died_after_sharing(around, summarizer_, clock, MESSAGE, request)
        async with logged_in(around) as client:
            await take_over_once(around, clock, client)
            (reply,) = await until(d.messages, "the reply")
            assert reply.path == f"/channels/{CHANNEL}/messages"
            reference = reply.body["message_reference"]
            assert (reference["message_id"], reference["channel_id"]) == (7001, CHANNEL)
            assert reference["guild_id"] == GUILD and reference["fail_if_not_exists"] is False
            assert reply.body["allowed_mentions"]["parse"] == []
            assert reply.body["embeds"][0]["title"] == "Israel strikes Hezbollah"
            assert await around.store.unfinished_work() == ()
            assert await postings(around.store) == 1  # the dead one's share, not a second
            assert len(d.messages(None)) == 1


async def test_a_brief_a_dead_instance_accepted_is_followed_up_once_by_a_live_client(
    tmp_path: Path, summarizer_: Summarizer
) -> None:
    async with live(tmp_path, summarizer_) as (around, clock):
        d = around.discord
        request = BriefRequest(
            interaction_id=7002,
            application_id=APP,
            token="interaction-token-7002",
            channel_id=CHANNEL,
            guild_id=GUILD,
            user_id=READER,
            source=f"{around.site}/story",
        )
        await died_after_sharing(around, summarizer_, clock, BRIEF, request)
        async with logged_in(around) as client:
            await take_over_once(around, clock, client)
            (follow_up,) = await until(
                lambda: d.posts(f"/webhooks/{APP}/interaction-token-7002"), "the follow-up"
            )
            assert follow_up.body["embeds"][0]["title"] == "Israel strikes Hezbollah"
            assert follow_up.body["allowed_mentions"]["parse"] == []
            assert len(d.posts("/webhooks/", None)) == 1 and not d.messages(None)
            assert await around.store.unfinished_work() == ()
            assert await postings(around.store) == 1


async def test_live_requests_are_kept_under_their_keys_answered_once_and_finished(
    tmp_path: Path, summarizer_: Summarizer
) -> None:
    async with discord_world(tmp_path, summarizer_) as world:
        d = world.discord
        mid = await d.send_message(f"Worth a read <{world.site}/story>")
        (reply,) = await until(d.messages, "the reply")
        assert str(reply.body["message_reference"]["message_id"]) == str(mid)
        await d.send_message(f"Worth a read <{world.site}/story>", mid=mid)  # the same, again
        d.on_callback = world.store.unfinished_work  # what is kept when /brief is deferred
        token = await d.send_command(
            "brief", [{"name": "source", "type": 3, "value": f"{world.site}/story"}]
        )
        (follow_up,) = await until(lambda: d.posts(f"/webhooks/{APP}/{token}"), "the follow-up")
        assert follow_up.body["embeds"][0]["title"] == "Israel strikes Hezbollah"
        ((at_deferral,),) = d.at_callback
        assert at_deferral.kind == BRIEF  # kept before Discord was told "thinking"
        await nothing_unfinished(world.store)
        interaction = int(token.rsplit("-", 1)[1])
        assert await kept(world.store) == [
            (MESSAGE, f"discord:message:{mid}"),
            (BRIEF, f"discord:interaction:{interaction}"),
        ]
        assert len(d.messages(None)) == 1  # the message sent again was not answered again
        assert await postings(world.store) == 2


async def test_at_start_on_sqlite_what_was_left_unfinished_is_answered(
    tmp_path: Path, summarizer_: Summarizer
) -> None:
    """The one process restarted after a crash: run_discord answers what it had accepted."""
    before = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    request = MessageRequest(CHANNEL, GUILD, 7003, READER, SEED_TEXT[:1990])
    try:
        await Intake(before, instance="crashed").accept(MESSAGE, request.payload(), key=request.key)
    finally:
        await before.close()
    async with discord_world(tmp_path, summarizer_) as world:
        (reply,) = await until(world.discord.messages, "the reply")
        assert reply.body["message_reference"]["message_id"] == 7003
        assert "heavy exchange of fire" in reply.body["embeds"][0]["description"]
        await nothing_unfinished(world.store)


async def test_a_channel_everyone_reads_shares_in_public_and_a_shut_one_in_private(
    tmp_path: Path, summarizer_: Summarizer
) -> None:
    """What is shared where @everyone may not read (PRIVATE_CHANNEL) is kept as private,
    so it is only ever shown back there; the server's open channel is public."""
    async with discord_world(tmp_path, summarizer_) as world:
        d = world.discord
        await d.send_message(f"Worth a read <{world.site}/story>")
        await d.send_message(f"Worth a read <{world.site}/story>", channel=PRIVATE_CHANNEL)
        await until(lambda: d.messages(None)[1:], "both replies")
        known = await world.store.article_for_url(f"{world.site}/story")
        assert known is not None
        shared = await world.store.postings_for(known.id)
        assert sorted((p.channel, p.private) for p in shared) == [
            (str(CHANNEL), False),
            (str(PRIVATE_CHANNEL), True),
        ]
