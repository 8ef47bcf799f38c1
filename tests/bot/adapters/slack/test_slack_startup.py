"""Starting Slack against the stand-in: a refused bot or app token ends start-up in one
sentence in either mode; Slack out of reach is tried again with backoff (an injected sleep),
one warning line per attempt and no traceback, until it answers or the attempts run out."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from pathlib import Path

import pytest
from aiohttp import web
from pydantic import SecretStr
from slack_standin import (
    APP_TOKEN,
    BOT_TOKEN,
    WAIT,
    SlackStandIn,
    briefbot_env,
    settings_for,
    until,
)

from bot.adapters.slack import run_slack
from bot.adapters.slack.logs import socket_mode_logger
from bot.config import Settings
from bot.digests import DigestService
from bot.service import BriefService
from bot.startup import Backoff, StartupError

START = 120.0  # the bound on the real command's start-up (imports, migrations) when busy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Waits:
    """An injected sleep: records each wait and returns at once, running `then` at the n-th."""

    def __init__(self, then: dict[int, object] | None = None) -> None:
        self.seconds: list[float] = []
        self.then = then or {}

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        action = self.then.get(len(self.seconds))
        if action is not None:
            await action()  # type: ignore[operator]


async def start(
    settings: Settings, service: BriefService, *, http: bool, backoff: Backoff | None = None
) -> None:
    port = free_port() if http else None
    work = run_slack(
        settings, service, DigestService(service.store), http_port=port, backoff=backoff
    )
    await asyncio.wait_for(work, WAIT)


@pytest.mark.parametrize("http", [False, True], ids=["socket-mode", "http"])
async def test_a_refused_bot_token_ends_start_up_in_one_sentence(
    slack: SlackStandIn, service: BriefService, http: bool
) -> None:
    slack.refuse_all = "invalid_auth"
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    with pytest.raises(StartupError) as refused:
        await start(settings, service, http=http)
    assert str(refused.value) == "Slack refused the token in SLACK_BOT_TOKEN."
    assert refused.value.expected
    assert len(slack.tries("auth.test")) == 1
    assert not slack.tries("apps.connections.open")  # refused before connecting


async def test_a_refused_app_token_ends_socket_mode_start_up_in_one_sentence(
    slack: SlackStandIn, service: BriefService, caplog: pytest.LogCaptureFixture
) -> None:
    slack.refuse_token[APP_TOKEN] = "invalid_auth"
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    with pytest.raises(StartupError) as refused:
        await start(settings, service, http=False)
    assert str(refused.value) == "Slack refused the token in SLACK_APP_TOKEN."
    assert refused.value.expected
    assert [c.authorization for c in slack.api("auth.test")] == [f"Bearer {BOT_TOKEN}"]
    assert len(slack.tries("apps.connections.open")) == 1  # asked once, never again
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("http", [False, True], ids=["socket-mode", "http"])
async def test_slack_out_of_reach_is_tried_again_with_backoff_then_given_up(
    slack: SlackStandIn, service: BriefService, http: bool, caplog: pytest.LogCaptureFixture
) -> None:
    gone = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN)).model_copy(
        update={"slack_api_url": f"http://127.0.0.1:{free_port()}/api/"}
    )
    waits = Waits()
    with caplog.at_level(logging.INFO), pytest.raises(StartupError) as away:
        await start(gone, service, http=http, backoff=Backoff(attempts=4, sleep=waits))
    assert str(away.value) == "the platform could not be reached (ClientConnectorError)."
    assert waits.seconds == [1.0, 2.0, 4.0]
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 3  # one line per failed attempt, the last one raised instead
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in warned)
    assert "Slack could not be reached (ClientConnectorError" in warned[0].getMessage()
    assert warned[0].getMessage().endswith("trying again in 1 s (attempt 2).")
    assert "Traceback" not in caplog.text


async def test_slack_coming_back_is_served(
    slack: SlackStandIn, service: BriefService, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    runner = web.AppRunner(slack.application())
    await runner.setup()

    async def slack_is_back() -> None:
        await web.TCPSite(runner, "127.0.0.1", port).start()

    slack.base = f"http://127.0.0.1:{port}"
    waits = Waits(then={2: slack_is_back})
    settings = settings_for(slack, slack_app_token=SecretStr(APP_TOKEN))
    task = asyncio.create_task(start(settings, service, http=False, backoff=Backoff(sleep=waits)))
    try:
        await until(lambda: bool(slack.api("apps.connections.open")) or task.done())
        assert not task.done(), task
        assert waits.seconds == [1.0, 2.0]
        assert len(slack.api("auth.test")) == 1
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await runner.cleanup()
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_socket_mode_reconnection_failures_are_one_line_below_debug(
    level: int, caplog: pytest.LogCaptureFixture
) -> None:
    logger = socket_mode_logger()  # what slack_sdk's Socket Mode client is given to write to
    with caplog.at_level(level, logger=logger.name):
        try:
            raise ConnectionError("Cannot connect to host slack.com:443")
        except ConnectionError as e:
            logger.exception(f"Failed to connect (error: {e}); Retrying...")
    (record,) = caplog.records
    if level == logging.DEBUG:  # the traceback is kept for whoever asked for the details
        assert record.levelno == logging.ERROR and record.exc_info is not None
    else:
        assert record.levelno == logging.WARNING and record.exc_info is None
        assert "Traceback" not in caplog.text
        assert record.getMessage().startswith("Failed to connect (error: Cannot connect")


@pytest.mark.parametrize(
    ("args", "refused", "sentence"),
    [
        ([], BOT_TOKEN, "Slack refused the token in SLACK_BOT_TOKEN."),
        ([], APP_TOKEN, "Slack refused the token in SLACK_APP_TOKEN."),
        (["--http", "--port", "0"], BOT_TOKEN, "Slack refused the token in SLACK_BOT_TOKEN."),
    ],
    ids=["socket-mode-bot-token", "socket-mode-app-token", "http-bot-token"],
)
async def test_briefbot_run_with_a_refused_token_exits_2_in_one_sentence(
    slack: SlackStandIn, tmp_path: Path, args: list[str], refused: str, sentence: str
) -> None:
    slack.refuse_token[refused] = "invalid_auth"
    env = briefbot_env(
        slack,
        SLACK_APP_TOKEN=APP_TOKEN,
        BRIEFBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db",
    )
    bot = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot.cli", "run", "slack", *args),
        env=env,
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(bot.communicate(), START)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
    assert bot.returncode == 2, err
    assert out == b""
    assert err.decode().splitlines() == [sentence]  # one sentence, nothing else
    assert b"Traceback" not in err
