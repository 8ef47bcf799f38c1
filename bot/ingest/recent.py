"""A short memory of recent fetches, so a link pasted twice in a minute is fetched once.

Concurrent requests for the same link share one fetch; a finished one is reused for `ttl`
seconds of the injected clock. Failures are not remembered (a retry may succeed), but the
callers waiting on the same fetch all get its error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Entry(Generic[T]):
    task: asyncio.Task[T]
    done_at: float | None = None


class RecentFetches(Generic[T]):
    """Results keyed by URL, kept `ttl` seconds after they finish; in-flight work is shared."""

    def __init__(self, ttl: float, clock: Callable[[], float]) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[str, _Entry[T]] = {}

    async def get(self, key: str, make: Callable[[], Awaitable[T]]) -> T:
        """The remembered or in-flight result for `key`, else the result of `make()`."""
        entry = self._entries.get(key)
        if entry is not None and self._expired(entry):
            del self._entries[key]
            entry = None
        if entry is None:
            entry = _Entry(asyncio.ensure_future(make()))
            self._entries[key] = entry
            entry.task.add_done_callback(lambda task, e=entry: self._finished(key, e))
        # shield: one impatient caller giving up must not cancel the fetch for the others.
        return await asyncio.shield(entry.task)

    def _expired(self, entry: _Entry[T]) -> bool:
        return entry.done_at is not None and self._clock() - entry.done_at >= self._ttl

    def _finished(self, key: str, entry: _Entry[T]) -> None:
        if entry.task.cancelled() or entry.task.exception() is not None:
            if self._entries.get(key) is entry:
                del self._entries[key]
        else:
            entry.done_at = self._clock()
        self._prune()

    def _prune(self) -> None:
        for k in [k for k, e in self._entries.items() if self._expired(e)]:
            del self._entries[k]

    async def close(self) -> None:
        """Cancel fetches still running (the owner is shutting down)."""
        tasks = [e.task for e in self._entries.values() if not e.task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._entries.clear()
