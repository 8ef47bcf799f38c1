"""Connecting the app to Slack: Socket Mode (an outgoing websocket, no public URL) or HTTP
(Slack posts events, commands and interactivity to /slack/events)."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.app import build_app
from bot.channels import DEFAULT_HTTP_HOST
from bot.config import Settings
from bot.digests import DigestService
from bot.service import BriefService
from bot.startup import StartupError, unreachable

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DEFAULT_HTTP_PORT = 3000
# Slack's answers to a token it does not take: wrong, missing, or of an inactive account.
REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive"})


def web_app(app: AsyncApp, path: str = EVENTS_PATH) -> web.Application:
    """An aiohttp application handing every POST to `path` to the Bolt app (which checks the
    signature: a bad or stale one gets 401)."""

    async def events(request: web.Request) -> web.Response:
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    server = web.Application()
    server.router.add_post(path, events)
    return server


async def _serve_http(app: AsyncApp, host: str, port: int) -> None:
    runner = web.AppRunner(web_app(app), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("Slack: serving HTTP on %s:%d%s", host, port, EVENTS_PATH)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def _serve_socket_mode(app: AsyncApp, app_token: str) -> None:
    handler = AsyncSocketModeHandler(app, app_token)
    try:
        await handler.connect_async()
        log.info("Slack: connected in Socket Mode")
        await asyncio.Event().wait()
    finally:
        await handler.close_async()


async def run_slack(
    settings: Settings,
    service: BriefService,
    digests: DigestService,
    *,
    http_port: int | None = None,
    http_host: str = DEFAULT_HTTP_HOST,
) -> None:
    """Run Briefbot in Slack until cancelled: Socket Mode when SLACK_APP_TOKEN is set and no
    port is given, else HTTP on `http_host`:`http_port` (127.0.0.1:3000 by default). Raises
    StartupError (a plain sentence) when the tokens that mode needs are missing or refused, or
    Slack cannot be reached. `digests` answers /digest: the one the digest scheduler listens to."""
    if settings.slack_bot_token is None:
        raise StartupError("Slack needs SLACK_BOT_TOKEN in the environment.")
    app_token = settings.slack_app_token if http_port is None else None
    if app_token is None and settings.slack_signing_secret is None:
        raise StartupError(
            "Slack over HTTP needs SLACK_SIGNING_SECRET in the environment "
            "(or set SLACK_APP_TOKEN to use Socket Mode)."
        )
    app = build_app(settings, service, digests)
    try:
        # Asked once up front: Socket Mode would retry a refused token or an unreachable Slack
        # for ever, and HTTP mode would learn of either only at the first event.
        await app.client.auth_test()
        if app_token is not None:
            await _serve_socket_mode(app, app_token.get_secret_value())
        else:
            await _serve_http(app, http_host, http_port or DEFAULT_HTTP_PORT)
    except SlackApiError as e:
        if e.response.get("error") in REFUSED_TOKEN:
            raise StartupError("Slack refused the token in SLACK_BOT_TOKEN.") from e
        raise
    except (aiohttp.ClientError, OSError) as e:
        raise unreachable(e) from e
