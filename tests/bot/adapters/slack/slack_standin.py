"""What the Slack tests share: a local stand-in of the Slack Web API, of response_url, of
shared files and of Socket Mode that records every call; requests signed as Slack signs them;
Briefbot's real Bolt app served over HTTP on 127.0.0.1; the real service on an SQLite store.
The fixtures `slack` and `service` are in this folder's conftest.py.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from locations import REPO
from pydantic import SecretStr
from sites import serve

from bot.adapters.slack import build_app, web_app
from bot.config import SECRET_ENV, Settings
from bot.digests import DigestService
from bot.service import BriefService

SITE_HOST = "127.0.0.2"  # stands in for a public news site
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test-token-never-logged"
APP_TOKEN = "xapp-test-token-never-logged"
TEAM = "T1"
CHANNEL = "C1"
WAIT = 15.0  # the longest any test waits for something to happen


# --- the Slack stand-in --------------------------------------------------------------------


@dataclass
class Call:
    method: str
    payload: dict[str, Any]
    status: int
    at: float
    authorization: str | None = None


@dataclass
class SlackStandIn:
    """The Web API (/api/<method>), response_url hooks (/hooks/<id>), shared files
    (/files/<name>) and a Socket Mode websocket (/ws).

    Failures to play, per method: `throttle` 429s (with `retry_after` as Retry-After) once
    `throttle_after` calls have succeeded, `broken` HTTP 503s; per channel, `refuse` answers
    with that Slack error code (as Slack does: HTTP 200, ok false); `refuse_all` answers every
    call with its code, as Slack does a token it no longer accepts; `refuse_token` only the
    calls made with that token. A method in `hold` is answered only once its event is set
    (`waiting` lists the calls held so far).
    """

    base: str = ""
    calls: list[Call] = field(default_factory=list)
    throttle: dict[str, int] = field(default_factory=dict)  # method -> 429s still to give
    throttle_after: dict[str, int] = field(default_factory=dict)  # method -> successes first
    retry_after: str = "1"
    broken: dict[str, int] = field(default_factory=dict)  # method -> 503s still to give
    refuse: dict[str, str] = field(default_factory=dict)  # channel -> Slack error code
    refuse_all: str | None = None  # a Slack error code for every call (e.g. invalid_auth)
    refuse_token: dict[str, str] = field(default_factory=dict)  # token -> Slack error code
    hold: dict[str, asyncio.Event] = field(default_factory=dict)  # method -> its release
    waiting: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    envelopes: list[dict[str, Any]] = field(default_factory=list)  # sent after hello
    acks: list[dict[str, Any]] = field(default_factory=list)
    live_sockets: int = 0  # Socket Mode connections open now
    # OAuth: the app's credentials, and each code Slack would hand back after "Allow" with
    # the workspace it installs in: code -> (team id, bot token). A code is used once.
    client_id: str = ""
    client_secret: str = ""
    oauth_codes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def api(self, method: str) -> list[Call]:
        """The calls of `method` that succeeded."""
        return [c for c in self.calls if c.method == method and c.status == 200]

    def tries(self, method: str) -> list[Call]:
        """Every call of `method`, refused ones included."""
        return [c for c in self.calls if c.method == method]

    def posts(self) -> list[dict[str, Any]]:
        return [c.payload for c in self.api("chat.postMessage")]

    def hooks(self) -> list[dict[str, Any]]:
        return [c.payload for c in self.calls if c.method == "response_url"]

    async def handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            payload = await request.json()
        else:
            payload = dict(await request.post())
        auth = request.headers.get("Authorization")
        if method in self.hold:
            self.waiting.append(method)
            await self.hold[method].wait()
        done = len(self.api(method))
        if self.throttle.get(method) and done >= self.throttle_after.get(method, 0):
            self.throttle[method] -= 1
            self.calls.append(Call(method, payload, 429, time.monotonic(), auth))
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": self.retry_after},
            )
        if self.broken.get(method):
            self.broken[method] -= 1
            self.calls.append(Call(method, payload, 503, time.monotonic(), auth))
            return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)
        if method == "oauth.v2.access":
            return self.oauth_access(payload, auth)
        token = (auth or "").removeprefix("Bearer ")
        refused = (
            self.refuse_all
            or self.refuse_token.get(token)
            or self.refuse.get(str(payload.get("channel")))
        )
        if refused:
            # Recorded as refused (400); answered as Slack does, HTTP 200 with ok false.
            self.calls.append(Call(method, payload, 400, time.monotonic(), auth))
            return web.json_response({"ok": False, "error": refused})
        self.calls.append(Call(method, payload, 200, time.monotonic(), auth))
        answers: dict[str, dict[str, Any]] = {
            "auth.test": {
                "url": "https://newsroom.slack.com/",
                "team": "Newsroom",
                "user": "briefbot",
                "team_id": TEAM,
                "user_id": "UBOT",
                "bot_id": "BBOT",
            },
            # Each message its own ts, in the order they were posted.
            "chat.postMessage": {
                "channel": payload.get("channel"),
                "ts": f"1700000001.{200 + done:06d}",
            },
            "apps.connections.open": {"url": self.base.replace("http", "ws", 1) + "/ws"},
        }
        return web.json_response({"ok": True, **answers.get(method, {})})

    def oauth_access(self, payload: dict[str, Any], auth: str | None) -> web.Response:
        """oauth.v2.access: a code given by the authorize page, exchanged once, with the app's
        credentials (HTTP Basic, as slack_sdk sends them), for the workspace's bot token."""
        basic = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        installed = self.oauth_codes.pop(str(payload.get("code")), None)
        error = (
            "invalid_client"
            if auth != f"Basic {basic}"
            else "invalid_code"
            if installed is None
            else None
        )
        status = 400 if error else 200
        self.calls.append(Call("oauth.v2.access", payload, status, time.monotonic(), auth))
        if error or installed is None:
            return web.json_response({"ok": False, "error": error})
        team, token = installed
        return web.json_response(
            {
                "ok": True,
                "app_id": "A1",
                "authed_user": {"id": "UINSTALLER"},
                "scope": "app_mentions:read,chat:write,commands",
                "token_type": "bot",
                "access_token": token,
                "bot_user_id": "UBOT",
                "team": {"id": team, "name": f"Newsroom {team}"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        )

    def application(self) -> web.Application:
        """The stand-in's routes, to serve on 127.0.0.1."""
        app = web.Application()
        app.router.add_post("/api/{method}", self.handle_api)
        app.router.add_post("/hooks/{id}", self.handle_hook)
        app.router.add_get("/files/{name}", self.handle_file)
        app.router.add_get("/ws", self.handle_ws)
        return app

    async def handle_hook(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", await request.json(), 200, time.monotonic()))
        return web.Response(text="ok")

    async def handle_file(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization")
        self.calls.append(Call("file", {"name": request.match_info["name"]}, 200, 0.0, auth))
        return web.Response(text=self.files[request.match_info["name"]])

    async def handle_ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.live_sockets += 1
        try:
            await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}})
            for envelope in self.envelopes:
                await ws.send_json(envelope)
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
        finally:
            self.live_sockets -= 1
        return ws


# --- Briefbot under test -------------------------------------------------------------------


def briefbot_env(slack: SlackStandIn, **extra: str) -> dict[str, str]:
    """The environment for the real `briefbot` command against the stand-in: this one's,
    without any BRIEFBOT_* setting or token of its own, plus the stand-in's and `extra`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("BRIEFBOT_") and name not in SECRET_ENV.values()
    }
    env.update(
        PYTHONPATH=str(REPO),
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        BRIEFBOT_SLACK_API_URL=f"{slack.base}/api/",
        **extra,
    )
    return env


def settings_for(slack: SlackStandIn, **extra: Any) -> Settings:
    return Settings(
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=f"{slack.base}/api/",
        **extra,
    )


@dataclass
class Bot:
    url: str
    http: aiohttp.ClientSession
    slack: SlackStandIn
    service: BriefService

    async def send(
        self, body: str, content_type: str, *, headers: dict[str, str] | None = None
    ) -> aiohttp.ClientResponse:
        sent = {**signed(body), "Content-Type": content_type, **(headers or {})}
        async with self.http.post(self.url, data=body.encode(), headers=sent) as resp:
            await resp.read()
            return resp

    async def event(
        self, event: dict[str, Any], *, event_id: str, retry: int | None = None
    ) -> aiohttp.ClientResponse:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": TEAM,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": 1700000000,
                "event": event,
            }
        )
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.send(body, "application/json", headers=headers if retry else None)

    async def command(
        self, command: str, text: str, *, channel: str = CHANNEL, team: str = TEAM
    ) -> tuple[int, dict[str, Any], float]:
        """A slash command; the status, the JSON answer (the ack) and the seconds it took."""
        body = urlencode(
            {
                "token": "legacy",
                "team_id": team,
                "channel_id": channel,
                "user_id": "U1",
                "command": command,
                "text": text,
                "api_app_id": "A1",
                "response_url": f"{self.slack.base}/hooks/1",
                "trigger_id": "1.2.3",
            }
        )
        started = time.monotonic()
        sent = {**signed(body), "Content-Type": "application/x-www-form-urlencoded"}
        async with self.http.post(self.url, data=body.encode(), headers=sent) as resp:
            raw = (await resp.read()).decode()
            took = time.monotonic() - started
            answer = json.loads(raw) if raw.startswith("{") else {"text": raw}
            return resp.status, answer, took


@asynccontextmanager
async def running_bot(
    slack: SlackStandIn, service: BriefService, **build: Any
) -> AsyncIterator[Bot]:
    """Briefbot's Bolt app (build_app with `build`) served over HTTP on 127.0.0.1; with
    `health` in `build`, its /healthz, /readyz and /metrics too."""
    health = build.pop("health", None)
    if health is not None:
        build.setdefault("metrics", health.metrics)
    settings = settings_for(slack)
    digests = build.pop("digests", None) or DigestService.from_settings(
        service.store, settings, now=lambda: NOW
    )
    app = build_app(
        settings,
        service,
        digests,
        now=lambda: NOW,
        **build,
    )
    runner, (port,) = await serve(web_app(app, health=health), "127.0.0.1")
    timeout = aiohttp.ClientTimeout(total=WAIT)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as http:
            yield Bot(f"http://127.0.0.1:{port}/slack/events", http, slack, service)
    finally:
        await runner.cleanup()


def signed(body: str, *, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The headers Slack sends: HMAC-SHA256 of v0:{timestamp}:{body} under the signing secret."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def message(text: str, *, ts: str = "1700000000.000100", **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": CHANNEL,
        "channel_type": "channel",
        "user": "U1",
        "team": TEAM,
        "text": text,
        "ts": ts,
        **extra,
    }


async def until(check: Callable[[], bool], timeout: float = WAIT) -> None:
    """Wait (bounded) for the app's background work to show in the stand-in."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the Slack app")
        await asyncio.sleep(0.02)


async def settle(bot: Bot, seconds: float = 0.5) -> None:
    """Give the app time to (wrongly) post something we expect it not to post."""
    await asyncio.sleep(seconds)


def posted_text(payload: dict[str, Any]) -> str:
    return payload.get("text", "") + json.dumps(payload.get("blocks", []), ensure_ascii=False)
