"""The Slack tests' fixtures: the local stand-in of Slack (`slack`) and the real service on an
SQLite store (`service`)."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sites import serve
from slack_standin import NOW, SITE_HOST, SlackStandIn

from bot.ingest import AddressPolicy, Fetcher
from bot.service import BriefService
from bot.store import Store
from summarizer import Summarizer


@pytest.fixture(name="slack")
async def slack_fixture() -> AsyncIterator[SlackStandIn]:
    stand_in = SlackStandIn()
    runner, (port,) = await serve(stand_in.application(), "127.0.0.1")
    stand_in.base = f"http://127.0.0.1:{port}"
    yield stand_in
    await runner.cleanup()


@pytest.fixture(name="service")
async def service_fixture(tmp_path: Path, summarizer_: Summarizer) -> AsyncIterator[BriefService]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(SITE_HOST)}))
    async with Fetcher(
        contact_url="https://example.org/bot", policy=policy, connect_timeout=1, total_timeout=5
    ) as fetcher:
        yield BriefService(summarizer_, store, fetcher, now=lambda: NOW)
    await store.close()
