"""Two real `briefbot run slack --http` processes on one PostgreSQL database, against the Slack
stand-in: an event and its redelivery to the other instance post once, and once more after a
restart; kill -9 of one instance (its whole process group, workers included) with `/brief`s in
flight, and every acknowledged one is answered exactly once by the other. Every wait is on the
processes or the stand-ins, bounded; the lease is two seconds."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import aiohttp
import pytest
from aiohttp import web
from databases import PG_ENV
from locations import SEED
from sites import article_page, serve
from slack_standin import SITE_HOST, SlackStandIn, briefbot_env, message, until
from slack_standin import Bot as Instance
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from test_slack_shutdown import free_port

START = 120.0  # the bound on starting up (imports, migrations, workers) on a busy machine
LEASE = "2"  # BRIEFBOT_WORK_LEASE_SECONDS
ANSWERED = 60.0  # the bound on the survivor answering what the dead one accepted
BRIEFS = 4


@pytest.fixture
async def database() -> AsyncIterator[str]:
    """A fresh PostgreSQL database for the instances, dropped after."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    name = f"briefbot_instances_{uuid4().hex[:12]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


class Site:
    """A news site whose pages are held until `release` is set; `asked` counts requests."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.asked = 0
        self.base = ""

    async def answer(self, request: web.Request) -> web.Response:
        self.asked += 1
        await self.release.wait()
        n = request.match_info["n"]
        seed = SEED.read_text(encoding="utf-8")
        page = article_page(seed, f"Story number {n}", f"{self.base}/story/{n}")
        return web.Response(text=page, content_type="text/html")


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    held = Site()
    app = web.Application()
    app.router.add_get("/story/{n}", held.answer)
    runner, (port,) = await serve(app, SITE_HOST)
    held.base = f"http://{SITE_HOST}:{port}"
    yield held
    held.release.set()
    await runner.cleanup()


@asynccontextmanager
async def running(
    slack: SlackStandIn, url: str, cwd: Path, http: aiohttp.ClientSession
) -> AsyncIterator[tuple[Instance, asyncio.subprocess.Process]]:
    """A `briefbot run slack --http` process, ready (its /readyz answers 200)."""
    port = free_port()
    env = briefbot_env(
        slack,
        BRIEFBOT_DATABASE_URL=url,
        BRIEFBOT_WORK_LEASE_SECONDS=LEASE,
        BRIEFBOT_BRIEF_WORKERS="1",
        BRIEFBOT_ALLOW_PRIVATE_NETWORKS="true",
    )
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot.cli", "run", "slack", "--http", "--port", str(port)),
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,  # its own process group: kill -9 takes its workers too
    )
    base = f"http://127.0.0.1:{port}"
    ready = [False]

    async def check() -> None:
        while not ready[0] and process.returncode is None:
            try:
                async with http.get(f"{base}/readyz") as resp:
                    ready[0] = resp.status == 200
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)

    try:
        await asyncio.wait_for(check(), START)
        assert process.returncode is None, "the instance ended while starting"
        yield Instance(f"{base}/slack/events", http, slack, None), process  # type: ignore[arg-type]
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)


async def test_two_instances_answer_once_through_redelivery_restart_and_kill_9(
    slack: SlackStandIn, database: str, site: Site, tmp_path: Path
) -> None:
    pasted = SEED.read_text(encoding="utf-8")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        async with (
            running(slack, database, tmp_path, http) as (a, a_process),
            running(slack, database, tmp_path, http) as (b, _),
        ):
            # An event, then Slack's redelivery of it to the other instance: one reply.
            assert (await a.event(message(pasted), event_id="Ev1")).status == 200
            assert (await b.event(message(pasted), event_id="Ev1", retry=1)).status == 200
            await until(lambda: len(slack.posts()) == 1, ANSWERED)

            # /briefs acknowledged by a, which is killed while reading their pages.
            for n in range(BRIEFS):
                status, answer, _ = await a.command("/brief", f"{site.base}/story/{n}")
                assert status == 200 and answer.get("text"), answer
            await until(lambda: site.asked >= 1, ANSWERED)
            os.killpg(a_process.pid, signal.SIGKILL)
            await a_process.wait()
            site.release.set()
            await until(lambda: len(slack.posts()) == 1 + BRIEFS, ANSWERED)
            await asyncio.sleep(float(LEASE) * 2)  # a second answer would come by now
            answered = [p.get("text", "") for p in slack.posts()[1:]]
            for n in range(BRIEFS):
                assert sum(f"Story number {n}" in t for t in answered) == 1, answered
            assert len(slack.posts()) == 1 + BRIEFS

        # Restarted: the first event, redelivered once more, is not answered again.
        async with running(slack, database, tmp_path, http) as (restarted, _):
            assert (await restarted.event(message(pasted), event_id="Ev1", retry=2)).status == 200
            await asyncio.sleep(1.0)
            assert len(slack.posts()) == 1 + BRIEFS

    engine = create_async_engine(database)
    try:
        async with engine.connect() as conn:
            open_work = await conn.execute(
                text("SELECT count(*) FROM accepted_work WHERE finished_at IS NULL")
            )
            shares = await conn.execute(text("SELECT count(*) FROM postings"))
            assert open_work.scalar_one() == 0
            assert shares.scalar_one() == 1 + BRIEFS  # each share counted once
    finally:
        await engine.dispose()
