"""Stopping the Slack app: a /brief acknowledged before the stop is still answered; once
stopping, new requests get 503 (Slack sends an event again later, to the next bot); work still
running when the grace period ends (its end is injected) is cut and said to be in the log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from pydantic import SecretStr
from sites import held_site, serve
from slack_standin import (
    APP_TOKEN,
    SITE_HOST,
    WAIT,
    Bot,
    SlackStandIn,
    posted_text,
    settings_for,
    until,
)

from bot.adapters.slack import build_app, run_slack, web_app
from bot.adapters.slack.app import READING
from bot.digests import DigestService
from bot.service import BriefService
from bot.stopping import Stopping


@asynccontextmanager
async def stoppable_bot(
    slack: SlackStandIn, service: BriefService, stopping: Stopping
) -> AsyncIterator[Bot]:
    settings = settings_for(slack)
    app = build_app(settings, service, DigestService(service.store), stopping=stopping)
    runner, (port,) = await serve(web_app(app, stopping=stopping), "127.0.0.1")
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http:
            yield Bot(f"http://127.0.0.1:{port}/slack/events", http, slack, service)
    finally:
        await runner.cleanup()


async def test_a_brief_under_way_is_finished_and_new_work_is_refused(
    slack: SlackStandIn, service: BriefService
) -> None:
    release = asyncio.Event()
    stopping = Stopping(grace=WAIT)
    async with (
        held_site(SITE_HOST, release) as story,
        stoppable_bot(slack, service, stopping) as bot,
    ):
        status, answer, _ = await bot.command("/brief", story)
        assert (status, answer["text"]) == (200, READING)
        await until(lambda: stopping.in_flight == 1)
        stopping.stop()
        refused, _, _ = await bot.command("/brief", story)
        assert refused == 503  # not acknowledged: not taken on
        finishing = asyncio.create_task(stopping.finish())
        release.set()
        assert await asyncio.wait_for(finishing, WAIT) == 0
    (post,) = slack.posts()  # the acknowledged /brief was answered; the refused one never
    assert "Israel strikes Hezbollah" in posted_text(post)


async def test_work_still_running_when_the_grace_ends_is_cut_and_logged(
    slack: SlackStandIn, service: BriefService, caplog: pytest.LogCaptureFixture
) -> None:
    expired = asyncio.Event()

    async def grace_period(seconds: float) -> None:
        assert seconds == 5.0
        await expired.wait()

    stopping = Stopping(grace=5.0, timer=grace_period)
    async with (
        held_site(SITE_HOST, asyncio.Event()) as story,
        stoppable_bot(slack, service, stopping) as bot,
    ):
        await bot.command("/brief", story)
        await until(lambda: stopping.in_flight == 1)
        stopping.stop()
        finishing = asyncio.create_task(stopping.finish())
        await asyncio.sleep(0)
        assert not finishing.done()  # waiting for the brief, inside the grace period
        expired.set()
        with caplog.at_level(logging.WARNING):
            assert await asyncio.wait_for(finishing, WAIT) == 1
        assert stopping.in_flight == 0
    assert slack.posts() == []
    assert "Stopped 1 piece(s) of work unfinished after 5 s" in caplog.text


async def test_socket_mode_disconnects_as_soon_as_the_bot_is_stopping(
    slack: SlackStandIn, service: BriefService
) -> None:
    stopping = Stopping(grace=WAIT)
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    running = run_slack(settings, service, DigestService(service.store), stopping=stopping)
    task = asyncio.create_task(running)
    try:
        await until(lambda: slack.live_sockets == 1 or task.done())
        assert not task.done(), task
        stopping.stop()
        await until(lambda: slack.live_sockets == 0)  # Slack hands this bot nothing more
        assert not task.done()  # still running: the work under way may still be answered
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
