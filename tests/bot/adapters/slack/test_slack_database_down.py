"""/readyz when PostgreSQL stops and comes back: the bot's store reaches the real PostgreSQL
through a TCP relay on 127.0.0.1 that the test stops and starts, as a database server going
away (its connections cut, new ones refused) and returning. Every wait is bounded."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import suppress

import aiohttp
import pytest
from databases import PG_ENV, postgres_schema
from slack_standin import WAIT, SlackStandIn, running_bot
from sqlalchemy import make_url

from bot.health import Health, Readiness
from bot.service import BriefService
from bot.store import Store
from summarizer import Summarizer


class Relay:
    """Forwards 127.0.0.1:port to the database; `stop` cuts every connection and refuses new
    ones, `start` listens again on the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.server: asyncio.Server | None = None
        self.links: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._link, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.links):
            writer.close()
        await self.server.wait_closed()

    async def _link(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.links |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with suppress(ConnectionError, OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.links -= {writer, up_writer}


@pytest.fixture
async def relayed() -> AsyncIterator[tuple[Relay, str, dict]]:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    parsed = make_url(url)
    relay = Relay(parsed.host or "127.0.0.1", parsed.port or 5432)
    await relay.start()
    async for backend in postgres_schema(url):
        through = parsed.set(host="127.0.0.1", port=relay.port)
        yield relay, through.render_as_string(hide_password=False), backend.engine_options
    with suppress(Exception):
        await relay.stop()


async def test_readyz_goes_unready_when_the_database_stops_and_ready_when_it_returns(
    slack: SlackStandIn,
    relayed: tuple[Relay, str, dict],
    summarizer_: Summarizer,
) -> None:
    relay, url, options = relayed
    store = await Store.open(url, engine_options=options)
    try:
        service = BriefService(summarizer_, store)
        health = Health(Readiness(checks={"store": store.reachable}), service.metrics)
        async with running_bot(slack, service, health=health) as bot:
            readyz = bot.url.removesuffix("/slack/events") + "/readyz"
            timeout = aiohttp.ClientTimeout(total=WAIT)
            async with aiohttp.ClientSession(timeout=timeout) as http:

                async def status() -> tuple[int, str]:
                    async with http.get(readyz) as resp:
                        return resp.status, await resp.text()

                health.readiness.connected("slack")
                assert (await status())[0] == 200
                await relay.stop()  # the database goes away
                code, body = await status()
                assert code == 503 and '"store": false' in body
                await relay.start()  # and comes back on the same address

                async def ready_again() -> None:
                    while (await status())[0] != 200:  # the pool's dead connections go first
                        await asyncio.sleep(0.05)

                await asyncio.wait_for(ready_again(), WAIT)
    finally:
        await store.close()
