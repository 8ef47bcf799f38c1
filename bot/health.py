"""Is the bot alive, is it ready, how is it doing: /healthz, /readyz and /metrics.

The facts behind /readyz are gathered where the parts are assembled (bot.runtime) and handed
down as plain callables; each platform adapter says when it is connected. The routes go on the
Slack HTTP server when there is one, else on a small listener of their own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

from bot.metrics import CONTENT_TYPE, Metrics
from bot.startup import StartupError

log = logging.getLogger(__name__)

HEALTHZ = "/healthz"
READYZ = "/readyz"
METRICS = "/metrics"
# A check slower than this counts as failed: a readiness probe must answer, not hang.
CHECK_TIMEOUT = 5.0

Check = Callable[[], Awaitable[bool]]


@dataclass
class Readiness:
    """What must hold for the bot to take work: each check passes (the store answers, the
    scheduler runs) and each expected platform is connected."""

    checks: Mapping[str, Check] = field(default_factory=dict)
    platforms: dict[str, bool] = field(default_factory=dict)

    def expect(self, platforms: Iterable[str]) -> None:
        """Platforms that must be connected, none of them yet."""
        for name in platforms:
            self.platforms.setdefault(name, False)

    def connected(self, platform: str, up: bool = True) -> None:
        """An adapter's word: connected (or no longer)."""
        self.platforms[platform] = up

    async def report(self) -> dict[str, bool]:
        """Every fact by name ("store", "scheduler", "slack", ...)."""
        facts: dict[str, bool] = {}
        for name, check in self.checks.items():
            try:
                facts[name] = bool(await asyncio.wait_for(check(), CHECK_TIMEOUT))
            except Exception:
                log.debug("Readiness check %s failed", name, exc_info=True)
                facts[name] = False
        facts.update(self.platforms)
        return facts


@dataclass(frozen=True)
class Health:
    """What the three routes answer from."""

    readiness: Readiness = field(default_factory=Readiness)
    metrics: Metrics = field(default_factory=Metrics)

    @classmethod
    def expecting(cls, platforms: Iterable[str]) -> Health:
        """A bot's health before anything has started: every platform it serves expected and
        none connected yet. The listener answers before the platforms start, and /readyz must
        not say ready in between."""
        health = cls()
        health.readiness.expect(platforms)
        return health


def add_health_routes(server: web.Application, health: Health) -> None:
    """GET /healthz (200 while the process answers), /readyz (200 when every fact holds, else
    503, with the facts as JSON either way) and /metrics (Prometheus' text format)."""

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"alive": True})

    async def readyz(_: web.Request) -> web.Response:
        facts = await health.readiness.report()
        ready = bool(facts) and all(facts.values())  # nothing known yet is not ready
        return web.json_response({"ready": ready, **facts}, status=200 if ready else 503)

    async def metrics(_: web.Request) -> web.Response:
        return web.Response(
            body=health.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE}
        )

    server.router.add_get(HEALTHZ, healthz)
    server.router.add_get(READYZ, readyz)
    server.router.add_get(METRICS, metrics)


@asynccontextmanager
async def health_listener(health: Health, host: str, port: int) -> AsyncIterator[int]:
    """The three routes on `host`:`port` (0: any free port) while inside; yields the port.
    A port that cannot be had is a StartupError, one plain sentence."""
    server = web.Application()
    add_health_routes(server, health)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as e:
            raise StartupError(
                f"Could not listen for health checks on {host}:{port} ({e.strerror or e})."
            ) from None
        sockets = runner.addresses
        bound = int(sockets[0][1]) if sockets else port
        log.info("Health: serving %s, %s and %s on %s:%d", HEALTHZ, READYZ, METRICS, host, bound)
        yield bound
    finally:
        await runner.cleanup()
