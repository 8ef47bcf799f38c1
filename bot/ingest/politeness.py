"""At most a few requests at once to any one host, so a busy channel never hammers a site."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostLimiter:
    """One semaphore per host, created on demand and dropped when nobody holds or awaits it."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._slots: dict[str, tuple[asyncio.Semaphore, int]] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        host = host.lower()
        sem, users = self._slots.get(host, (asyncio.Semaphore(self._per_host), 0))
        self._slots[host] = (sem, users + 1)
        try:
            async with sem:
                yield
        finally:
            sem, users = self._slots[host]
            if users <= 1:
                del self._slots[host]
            else:
                self._slots[host] = (sem, users - 1)
