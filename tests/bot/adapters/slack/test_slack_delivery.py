"""Slack's deliveries kept in the store, through the real Bolt app against the Slack stand-in,
with two bots on one database as two instances: an event redelivered to the other instance,
or after a restart, is answered once; a request the first instance accepted and never answered
(it died) is answered by the other once its lease runs out, exactly once, its share counted
once. Time is injected: the lease runs out when the test's clock says so."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from locations import SEED
from slack_standin import (
    CHANNEL,
    NOW,
    TEAM,
    Bot,
    SlackStandIn,
    message,
    running_bot,
    settings_for,
    settle,
    until,
)
from sqlalchemy import text

from bot.adapters.slack import build_bot
from bot.adapters.slack.delivery import BRIEF, EVENT
from bot.digests import DigestService
from bot.intake import Intake
from bot.service import BriefService, Origin
from bot.store import Store
from summarizer import Summarizer

LEASE = timedelta(seconds=30)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@asynccontextmanager
async def instance(
    slack: SlackStandIn, url: str, summarizer_: Summarizer, clock: Callable[[], datetime], name: str
) -> AsyncIterator[tuple[Bot, BriefService]]:
    """One Briefbot instance: its own store connection, intake and Bolt app."""
    store = await Store.open(url)
    intake = Intake(store, now=clock, lease=LEASE, instance=name)
    service = BriefService(summarizer_, store, now=clock, intake=intake)
    try:
        async with running_bot(slack, service) as bot:
            yield bot, service
    finally:
        await store.close()


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/shared.db"


def pasted() -> str:
    return SEED.read_text(encoding="utf-8")


async def postings(service: BriefService) -> int:
    """Every share recorded, in all: one row per posting."""
    async with service.store.engine.connect() as conn:
        return (await conn.execute(text("SELECT count(*) FROM postings"))).scalar_one()


async def test_an_event_redelivered_to_another_instance_or_after_a_restart_posts_once(
    slack: SlackStandIn, database: str, summarizer_: Summarizer
) -> None:
    clock = Clock()
    event = message(pasted())
    async with (
        instance(slack, database, summarizer_, clock, "a") as (a, service),
        instance(slack, database, summarizer_, clock, "b") as (b, _),
    ):
        assert (await a.event(event, event_id="Ev1")).status == 200
        assert (await b.event(event, event_id="Ev1", retry=1)).status == 200
        await until(lambda: len(slack.posts()) == 1)
        await settle(a)
        assert len(slack.posts()) == 1
        assert await postings(service) == 1  # the share is counted once
    async with instance(slack, database, summarizer_, clock, "a2") as (restarted, service):
        assert (await restarted.event(event, event_id="Ev1", retry=2)).status == 200
        await settle(restarted)
        assert len(slack.posts()) == 1 and await postings(service) == 1
        assert await service.store.unfinished_work() == ()


async def test_what_a_dead_instance_accepted_is_answered_once_by_another(
    slack: SlackStandIn, database: str, summarizer_: Summarizer
) -> None:
    """The store as kill -9 left it: a `/brief` and a pasted article accepted (acknowledged)
    by instance "dead", which also recorded the paste's share before dying. Instance b
    answers both once the lease runs out, and only then; the share is not counted twice."""
    clock = Clock()
    store = await Store.open(database)
    dead = Intake(store, now=clock, lease=LEASE, instance="dead")
    command = {
        "command": "/brief",
        "text": pasted(),
        "team_id": TEAM,
        "channel_id": CHANNEL,
        "user_id": "U1",
        "response_url": f"{slack.base}/hooks/1",
    }
    await dead.accept(BRIEF, {"command": command})
    body = {
        "type": "event_callback",
        "event_id": "Ev2",
        "team_id": TEAM,
        "event": message(pasted()),
    }
    work = await dead.accept(EVENT, {"body": body, "bot_user_id": "UBOT"}, key="Ev2")
    assert work is not None
    half_done = BriefService(summarizer_, store, now=clock, intake=dead)
    origin = Origin("slack", CHANNEL, TEAM, "1700000000.000100", "U1", work.request)
    await half_done.brief_message(pasted(), origin=origin)  # briefed and shared, never posted
    await store.close()

    async with instance(slack, database, summarizer_, clock, "b") as (b, service):
        _, handlers = build_bot(settings_for(slack), service, DigestService(service.store))
        resumers = handlers.resumers()
        assert await service.intake.sweep(resumers) == 0  # the dead one's lease still holds
        clock.now += LEASE * 2
        assert await service.intake.sweep(resumers) == 2
        await until(lambda: len(slack.posts()) == 2)
        posted = slack.posts()
        assert {p["channel"] for p in posted} == {CHANNEL}
        assert [p.get("thread_ts") for p in posted].count("1700000000.000100") == 1
        await until(lambda: not service.intake._working)
        assert await service.store.unfinished_work() == ()
        assert await postings(service) == 2  # one for the paste (not two), one for /brief
        clock.now += LEASE * 2
        assert await service.intake.sweep(resumers) == 0
        await settle(b)
        assert len(slack.posts()) == 2


async def test_a_brief_request_is_kept_before_it_is_acknowledged(
    slack: SlackStandIn, database: str, summarizer_: Summarizer
) -> None:
    clock = Clock()
    async with instance(slack, database, summarizer_, clock, "a") as (a, service):
        status, answer, _ = await a.command("/brief", pasted())
        assert status == 200 and answer["text"]
        await until(lambda: len(slack.posts()) == 1)
        await until(lambda: not service.intake._working)
        assert await service.store.unfinished_work() == ()
        # What was kept is the command, without the legacy verification token.
        async with service.store.engine.connect() as conn:
            (payload,) = (await conn.execute(text("SELECT payload FROM accepted_work"))).one()
        kept = json.loads(payload)["command"]
        assert kept["command"] == "/brief" and "token" not in kept
