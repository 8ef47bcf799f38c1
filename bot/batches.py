"""Calls that arrive together made as one: a burst of requests (200 `/brief`s at once) kept
in a handful of transactions instead of one each, without delaying a lone request."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(slots=True)
class _Waiting(Generic[T, R]):
    item: T
    answer: asyncio.Future[R]


class Batches(Generic[T, R]):
    """`await batches(item)` hands `item` to `run` with every other item waiting at that
    moment (at most `limit` at a time) and returns its own result; `run` returns one result
    per item, in order. The first call starts a batch at once; calls made while a batch is
    being run wait for the next, so batches grow exactly as much as the work piles up. A
    failure of `run` is raised to every caller of its batch."""

    def __init__(self, run: Callable[[list[T]], Awaitable[Sequence[R]]], *, limit: int) -> None:
        self.run = run
        self.limit = limit
        self._waiting: list[_Waiting[T, R]] = []
        self._running: asyncio.Future[None] | None = None

    async def __call__(self, item: T) -> R:
        answer: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(item, answer))
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(self._drain())
        return await answer

    async def _drain(self) -> None:
        while self._waiting:
            batch = self._waiting[: self.limit]
            del self._waiting[: self.limit]
            try:
                results = await self.run([w.item for w in batch])
            except Exception as e:
                for waiting in batch:
                    if not waiting.answer.done():
                        waiting.answer.set_exception(e)
                continue
            for waiting, result in zip(batch, results, strict=True):
                if not waiting.answer.done():  # its caller may have been cancelled
                    waiting.answer.set_result(result)
