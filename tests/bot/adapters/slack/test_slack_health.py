"""Health and metrics through the Slack stand-in: /healthz answers while the process does;
/readyz is 503 until Slack is connected and once the store is closed; /metrics counts the
briefs answered and the 429s Slack gave, on a registry of each test's own."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from locations import SEED
from pydantic import SecretStr
from slack_standin import (
    APP_TOKEN,
    WAIT,
    SlackStandIn,
    briefbot_env,
    running_bot,
    settings_for,
    until,
)

from bot.adapters.slack import run_slack
from bot.digests import DigestService
from bot.health import Health, Readiness, health_listener
from bot.service import BriefService
from bot.startup import StartupError

UNREACHABLE_LINK = "http://127.0.0.9:9/story"  # a private address the fetcher refuses
START = 120.0  # the bound on the real command's start-up (imports, migrations) when busy


async def get(http: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with http.get(url) as resp:
        return resp.status, await resp.text()


async def test_healthz_readyz_and_metrics_beside_slack_events(
    slack: SlackStandIn, service: BriefService
) -> None:
    health = Health(Readiness(), service.metrics)
    async with running_bot(slack, service, health=health) as bot:
        base = bot.url.removesuffix("/slack/events")
        assert await get(bot.http, f"{base}/healthz") == (200, '{"alive": true}')
        health.readiness.expect(["slack"])
        status, body = await get(bot.http, f"{base}/readyz")
        assert status == 503 and '"slack": false' in body
        health.readiness.connected("slack")
        assert (await get(bot.http, f"{base}/readyz"))[0] == 200
        status, text = await get(bot.http, f"{base}/metrics")
        assert status == 200 and "# TYPE briefbot_briefs_total counter" in text


async def test_a_brief_and_a_429_move_the_metrics(
    slack: SlackStandIn, service: BriefService
) -> None:
    health = Health(Readiness(), service.metrics)
    slack.throttle["chat.postMessage"] = 1
    slack.retry_after = "0"  # slack_sdk still waits up to a second of jitter
    metrics = health.metrics
    briefed = {"outcome": "briefed", "source": "text", "platform": "slack"}
    refused = {"outcome": "problem", "source": "link", "platform": "slack"}
    assert metrics.value("briefbot_briefs_total", **briefed) == 0
    async with running_bot(slack, service, health=health) as bot:
        status, _, _ = await bot.command("/brief", SEED.read_text(encoding="utf-8"))
        assert status == 200
        await until(lambda: len(slack.posts()) == 1)
        await bot.command("/brief", UNREACHABLE_LINK)
        await until(lambda: len(slack.hooks()) == 1)
        base = bot.url.removesuffix("/slack/events")
        _, text = await get(bot.http, f"{base}/metrics")
    assert [c.status for c in slack.tries("chat.postMessage")] == [429, 200]
    assert metrics.value("briefbot_briefs_total", **briefed) == 1
    assert metrics.value("briefbot_briefs_total", **refused) == 1
    assert metrics.value("briefbot_platform_rate_limited_total", platform="slack") == 1
    assert metrics.value("briefbot_platform_retries_total", platform="slack") == 1
    assert metrics.value("briefbot_brief_seconds_count", source="text") == 1
    assert metrics.value("briefbot_fetch_seconds_count") == 1  # the refused fetch, timed too
    assert metrics.value("briefbot_brief_queue_depth") == 0  # nothing left waiting
    assert 'briefbot_briefs_total{outcome="briefed",platform="slack",source="text"} 1.0' in text
    assert 'briefbot_platform_rate_limited_total{platform="slack"} 1.0' in text


async def test_readyz_is_unready_before_the_served_platforms_connect() -> None:
    """The listener answers before the platforms start (and before the store and scheduler
    checks are set): in between it must never say ready."""
    health = Health.expecting(["slack"])

    async def answers() -> bool:
        return True

    async with (
        health_listener(health, "127.0.0.1", 0) as port,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http,
    ):
        url = f"http://127.0.0.1:{port}/readyz"
        assert await get(http, url) == (503, json.dumps({"ready": False, "slack": False}))
        health.readiness.checks = {"store": answers}
        status, body = await get(http, url)
        assert status == 503 and json.loads(body)["slack"] is False
        health.readiness.connected("slack")
        assert (await get(http, url))[0] == 200
    async with (
        health_listener(Health(), "127.0.0.1", 0) as port,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http,
    ):
        assert (await get(http, f"http://127.0.0.1:{port}/readyz"))[0] == 503  # nothing known


async def test_readyz_in_socket_mode_waits_for_slack_and_the_store(
    slack: SlackStandIn, service: BriefService
) -> None:
    """The health listener of Socket Mode: unready while Slack is still being reached, ready
    once connected, unready again once the store is closed."""
    readiness = Readiness(checks={"store": service.store.reachable})
    health = Health(readiness, service.metrics)
    release = slack.hold["apps.connections.open"] = asyncio.Event()
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    work = run_slack(settings, service, DigestService(service.store), health=health)
    async with (
        health_listener(health, "127.0.0.1", 0) as port,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http,
    ):
        base = f"http://127.0.0.1:{port}"
        task = asyncio.create_task(work)
        try:
            await until(lambda: "apps.connections.open" in slack.waiting)
            assert (await get(http, f"{base}/healthz"))[0] == 200
            status, body = await get(http, f"{base}/readyz")
            assert status == 503
            assert '"store": true' in body and '"slack": false' in body
            release.set()
            await until(lambda: slack.live_sockets == 1 and readiness.platforms["slack"])
            status, body = await get(http, f"{base}/readyz")
            assert status == 200, body
            await service.store.close()
            status, body = await get(http, f"{base}/readyz")
            assert status == 503 and '"store": false' in body
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
    assert not readiness.platforms["slack"]  # disconnected, and said so


async def test_a_taken_health_port_is_one_plain_sentence() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StartupError) as refused:
            async with health_listener(Health(), "127.0.0.1", port):
                pass
    assert str(refused.value).startswith(f"Could not listen for health checks on 127.0.0.1:{port}")


async def ready_answer(
    http: aiohttp.ClientSession, url: str, bot: asyncio.subprocess.Process
) -> str:
    """/readyz's body once it answers 200 (bounded by START; the bot must keep running)."""
    deadline = time.monotonic() + START
    while bot.returncode is None and time.monotonic() < deadline:
        try:
            status, body = await get(http, url)
            if status == 200:
                return body
        except aiohttp.ClientConnectionError:
            pass  # not listening yet
        await asyncio.sleep(0.05)
    raise AssertionError("briefbot never became ready")


async def test_briefbot_run_in_socket_mode_serves_health_on_health_port(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    """The real command, Socket Mode: the listener on BRIEFBOT_HEALTH_PORT says ready once the
    store, the scheduler and Slack are, and it stops with the bot."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = briefbot_env(
        slack,
        SLACK_APP_TOKEN=APP_TOKEN,
        BRIEFBOT_HEALTH_PORT=str(port),
        BRIEFBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db",
        BRIEFBOT_BRIEF_WORKERS="1",
    )
    bot = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot.cli", "run", "slack"),
        env=env,
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT)) as http:
            facts = json.loads(await ready_answer(http, f"{base}/readyz", bot))
            assert facts == {"ready": True, "store": True, "scheduler": True, "slack": True}
            assert slack.live_sockets == 1
            assert await get(http, f"{base}/healthz") == (200, '{"alive": true}')
            status, text = await get(http, f"{base}/metrics")
            assert status == 200 and "briefbot_brief_queue_depth 0.0" in text
        bot.send_signal(signal.SIGTERM)
        assert bot.stderr is not None
        err = (await asyncio.wait_for(bot.stderr.read(), START)).decode()
        assert await asyncio.wait_for(bot.wait(), START) == 0, err
        assert "Traceback" not in err
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
