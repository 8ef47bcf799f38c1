"""The address check wired into aiohttp, so no connection can reach a refused address.

Two locks on the same door. The resolver drops refused addresses from every DNS answer, so
aiohttp only ever dials allowed ones (a name that resolves only to refused addresses fails
before any connection). The connector then checks the address the socket is actually
connected to, before a single byte of the request is written: a literal-IP URL skips the
resolver, and a DNS answer that changes between lookups (rebinding) meets this check instead.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.ingest.addresses import AddressPolicy
from bot.ingest.errors import RefusedAddress

log = logging.getLogger(__name__)


class GuardedResolver(AbstractResolver):
    """Resolve with `inner` (aiohttp's default resolver unless given), keep allowed addresses."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self._policy = policy
        self._inner = inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if self._inner is None:
            self._inner = aiohttp.DefaultResolver()  # made here: it wants a running loop
        answers = await self._inner.resolve(host, port, family)
        allowed = [a for a in answers if self._policy.allows(a["host"])]
        if not allowed:
            shown = ", ".join(a["host"] for a in answers) or "nothing"
            raise RefusedAddress(f"{host} resolves only to refused addresses ({shown})")
        if len(allowed) < len(answers):
            log.info("Dropped refused addresses for %s; kept %d.", host, len(allowed))
        return allowed

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()


class GuardedConnector(aiohttp.TCPConnector):
    """A TCPConnector that checks each new connection's peer address before it is used."""

    def __init__(self, policy: AddressPolicy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._policy = policy

    async def _create_connection(self, req: Any, traces: Any, timeout: Any) -> Any:
        # aiohttp's hook for opening one new connection (reused ones were checked when new).
        proto = await super()._create_connection(req, traces, timeout)
        transport = proto.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        try:
            if not peer:
                raise RefusedAddress(f"no peer address for the connection to {req.url.host}")
            self._policy.check(peer[0])
        except RefusedAddress:
            proto.close()
            raise
        return proto
