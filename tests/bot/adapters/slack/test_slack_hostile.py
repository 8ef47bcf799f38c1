"""Hostile text through a real Slack `/brief` (issue 12): Bolt over HTTP, the Slack stand-in,
the service with its briefs made in a worker process under the time limit, as `briefbot run`
makes them. The hostile brief is answered like any other, and an ordinary brief sent after it
is answered too."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from locations import SEED
from slack_standin import NOW, SITE_HOST, Bot, SlackStandIn, posted_text, running_bot, until

from bot.adapters.slack.app import READING
from bot.ingest import AddressPolicy, Fetcher
from bot.service import BriefService
from bot.store import Store
from bot.workers import WorkerPool

# One sentence of 5,000 words: no full stop, no comma, a quotation mark and a speech verb
# every few words (the shape that once took 43 s), then a few thousand quotation marks.
HOSTILE = (
    " ".join(
        f'"the people of the town will not wait for the bridge" minister Roe said to them and {i}'
        if i % 3
        else "Jane Hale said that it was the best of the plans they had ''"
        for i in range(400)
    )
    + " "
    + '"' * 3_000
)


@pytest.fixture
async def pooled(tmp_path: Path) -> AsyncIterator[BriefService]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(SITE_HOST)}))
    async with (
        WorkerPool(workers=1, time_limit=30) as work,
        Fetcher(contact_url="https://example.org/bot", policy=policy) as fetcher,
    ):
        yield BriefService(work, store, fetcher, now=lambda: NOW)
    await store.close()


@pytest.fixture
async def bot(slack: SlackStandIn, pooled: BriefService) -> AsyncIterator[Bot]:
    async with running_bot(slack, pooled) as running:
        yield running


async def test_a_hostile_brief_is_answered_and_the_next_brief_too(bot: Bot) -> None:
    assert len(HOSTILE.split()) >= 5_000
    status, answer, _ = await bot.command("/brief", HOSTILE)
    assert status == 200 and answer["text"] == READING
    await until(lambda: len(bot.slack.posts()) + len(bot.slack.hooks()) == 1, timeout=60)
    # A brief, not the time limit's sentence: the work is bounded by the input (it once took
    # 43 s for this shape, past the limit).
    assert bot.slack.hooks() == []
    (post,) = bot.slack.posts()
    assert "took longer" not in posted_text(post) and "<!" not in posted_text(post)

    status, _, _ = await bot.command("/brief", SEED.read_text(encoding="utf-8"))
    assert status == 200
    await until(lambda: any("Benjamin Netanyahu" in posted_text(p) for p in bot.slack.posts()))
