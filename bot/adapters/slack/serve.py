"""Connecting the app to Slack: Socket Mode (an outgoing websocket, no public URL) or HTTP
(Slack posts events, commands and interactivity to /slack/events)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.app import build_bot
from bot.adapters.slack.client import PLATFORM
from bot.adapters.slack.install import SOCKET_MODE_REFUSED, SlackInstalls
from bot.adapters.slack.logs import socket_mode_logger
from bot.channels import DEFAULT_HTTP_HOST
from bot.config import Settings
from bot.digests import DigestService
from bot.health import Health, add_health_routes
from bot.service import BriefService
from bot.startup import Backoff, StartupError, reach
from bot.stopping import Stopping

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DEFAULT_HTTP_PORT = 3000
# Slack's answers to a token it does not take: wrong, missing, or of an inactive account.
REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive"})
# Slack out of reach: refused, unresolved, reset or timed out.
UNREACHABLE = (aiohttp.ClientError, OSError, asyncio.TimeoutError)


def web_app(
    app: AsyncApp,
    path: str = EVENTS_PATH,
    *,
    stopping: Stopping | None = None,
    health: Health | None = None,
) -> web.Application:
    """An aiohttp application handing every POST to `path` to the Bolt app (which checks the
    signature: a bad or stale one gets 401). Once stopping, Slack gets 503: an event is sent
    again later (to the bot that replaces this one), a command is not taken on. With `health`,
    it also answers /healthz, /readyz and /metrics. An app with Bolt's OAuth flow also gets
    its install and redirect pages (GET)."""

    async def events(request: web.Request) -> web.Response:
        if stopping is not None and stopping.stopped:
            return web.Response(status=503, text="Briefbot is stopping.")
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def install(request: web.Request) -> web.Response:
        flow = app.oauth_flow
        assert flow is not None  # routed only when there is one
        bolt_request = await to_bolt_request(request)
        if request.path == flow.install_path:
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    server = web.Application()
    server.router.add_post(path, events)
    if app.oauth_flow is not None:
        server.router.add_get(app.oauth_flow.install_path, install)
        server.router.add_get(app.oauth_flow.redirect_uri_path, install)
    if health is not None:
        add_health_routes(server, health)
    return server


async def _serve_http(
    app: AsyncApp, host: str, port: int, stopping: Stopping | None, health: Health
) -> None:
    runner = web.AppRunner(web_app(app, stopping=stopping, health=health), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("Slack: serving HTTP on %s:%d%s", host, port, EVENTS_PATH)
        health.readiness.connected(PLATFORM)
        await (stopping or Stopping()).requested.wait()
        health.readiness.connected(PLATFORM, False)  # stopping: send no more work here
        await asyncio.Event().wait()
    finally:
        health.readiness.connected(PLATFORM, False)
        await runner.cleanup()


async def _socket_mode_url(app: AsyncApp, app_token: str) -> str:
    """A Socket Mode ticket URL, asked for once here: slack_sdk would ask again for ever, with
    a traceback each time, when Slack refuses the app token."""
    try:
        opened = await app.client.apps_connections_open(app_token=app_token)
    except SlackApiError as e:
        if e.response.get("error") in REFUSED_TOKEN:
            raise StartupError("Slack refused the token in SLACK_APP_TOKEN.") from e
        raise
    return str(opened["url"])


async def _serve_socket_mode(
    app: AsyncApp, app_token: str, url: str, stopping: Stopping | None, health: Health
) -> None:
    handler = AsyncSocketModeHandler(app, app_token, logger=socket_mode_logger())
    handler.client.wss_uri = url  # the ticket checked at start, so it is not asked for again
    try:
        await handler.connect_async()
        log.info("Slack: connected in Socket Mode")
        health.readiness.connected(PLATFORM)
        await (stopping or Stopping()).requested.wait()
        health.readiness.connected(PLATFORM, False)
        # Stopping: disconnect at once, so Slack hands nothing more to this bot. The work under
        # way answers through the Web API, and its commands were acknowledged first.
        await handler.close_async()
        log.info("Slack: disconnected from Socket Mode")
        await asyncio.Event().wait()
    finally:
        health.readiness.connected(PLATFORM, False)
        await handler.close_async()


async def run_slack(
    settings: Settings,
    service: BriefService,
    digests: DigestService,
    *,
    http_port: int | None = None,
    http_host: str = DEFAULT_HTTP_HOST,
    stopping: Stopping | None = None,
    backoff: Backoff | None = None,
    health: Health | None = None,
    installs: SlackInstalls | None = None,
) -> None:
    """Run Briefbot in Slack until cancelled: Socket Mode when SLACK_APP_TOKEN is set and no
    port is given, else HTTP on `http_host`:`http_port` (127.0.0.1:3000 by default). Raises
    StartupError (a plain sentence) when the tokens that mode needs are missing or refused.
    Slack out of reach at start is tried again with `backoff`. `digests` answers /digest: the
    one the digest scheduler listens to. Once `stopping`, no new work is taken on. `health` is
    told when Slack is connected (and counts the Web API's retries); over HTTP its routes are
    served beside /slack/events. In OAuth mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET), any
    number of workspaces install it, kept in `installs`: HTTP only."""
    oauth = settings.slack_oauth()
    app_token = settings.slack_app_token if http_port is None else None
    if oauth:
        _check_oauth(settings, installs, socket_mode=app_token is not None)
    elif settings.slack_bot_token is None:
        raise StartupError("Slack needs SLACK_BOT_TOKEN in the environment.")
    if app_token is None and settings.slack_signing_secret is None:
        raise StartupError(
            "Slack over HTTP needs SLACK_SIGNING_SECRET in the environment"
            + ("." if oauth else " (or set SLACK_APP_TOKEN to use Socket Mode).")
        )
    health = health or Health(metrics=service.metrics)
    health.readiness.expect([PLATFORM])
    app, bot = build_bot(
        settings, service, digests, stopping=stopping, metrics=health.metrics, installs=installs
    )

    async def check_tokens() -> str | None:
        if oauth:
            return None  # no token of its own: each workspace's is checked as it is used
        # Asked once up front: Socket Mode would retry a refused token for ever, and HTTP mode
        # would learn of it only at the first event.
        try:
            await app.client.auth_test()
        except SlackApiError as e:
            if e.response.get("error") in REFUSED_TOKEN:
                raise StartupError("Slack refused the token in SLACK_BOT_TOKEN.") from e
            raise
        if app_token is None:
            return None
        return await _socket_mode_url(app, app_token.get_secret_value())

    url = await reach("Slack", check_tokens, backoff or Backoff(), errors=UNREACHABLE)
    # Requests accepted and left unanswered (here before a crash, or by an instance that died).
    resuming = asyncio.ensure_future(service.intake.serve(bot.resumers()))
    try:
        if app_token is not None and url is not None:
            await _serve_socket_mode(app, app_token.get_secret_value(), url, stopping, health)
        else:
            await _serve_http(app, http_host, http_port or DEFAULT_HTTP_PORT, stopping, health)
    finally:
        resuming.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await resuming


def _check_oauth(settings: Settings, installs: SlackInstalls | None, *, socket_mode: bool) -> None:
    """OAuth mode needs both credentials, HTTP, and somewhere to keep the installations."""
    if socket_mode:
        raise StartupError(SOCKET_MODE_REFUSED)
    if settings.slack_client_id is None or settings.slack_client_secret is None:
        raise StartupError(
            "Installing Briefbot in many workspaces needs both SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET in the environment."
        )
    if installs is None:
        raise StartupError("Slack's OAuth mode needs a store for its installations.")
    if settings.slack_bot_token is not None:
        log.warning("Slack: OAuth mode; SLACK_BOT_TOKEN is not used (each workspace has its own).")
