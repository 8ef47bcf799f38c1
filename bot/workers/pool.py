"""Brief work in worker processes, each task stopped past the time limit.

In threads, a crafted text could hold the bot for minutes and nothing could stop it, and all
threads shared one core. Here each brief and each page read runs in a worker process of a
pebble `ProcessPool` sized to the cores: past the limit pebble kills that worker and starts
another, so the work queued behind it goes on, and the user is told in one sentence. A worker
that dies is replaced the same way.

pebble rather than the standard library's pool: concurrent.futures cannot stop a running task
(its timeout only stops the waiting) and one dead worker breaks its executor for good.

Workers are forked from a fork server (the bot's own process runs threads, which a plain fork
would copy mid-lock) that has loaded spaCy and the gazetteer once (bot/workers/preload.py).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from bot.ingest.fetch import Page
from bot.ingest.reader import Article, read_article
from bot.startup import StartupError
from bot.workers.jobs import Raised, call, start_worker, summarize_in_worker
from bot.workers.work import WorkStopped
from summarizer import Brief

log = logging.getLogger(__name__)

T = TypeVar("T")

TOO_SLOW_BRIEF = "Briefing that took longer than {seconds:g} seconds, so Briefbot stopped it."
TOO_SLOW_PAGE = "Reading that page took longer than {seconds:g} seconds, so Briefbot stopped it."
WORKER_LOST = "Briefbot lost the worker that was briefing that; please ask again."
SHUTTING_DOWN = "Briefbot is shutting down; please ask again in a minute."
PRELOADED = ["bot.workers.preload"]


def worker_count(wanted: int | None) -> int:
    """`wanted`, else the cores this process may run on."""
    if wanted:
        return wanted
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class WorkerPool:
    """Brief work in `workers` processes; a task past `time_limit` seconds is stopped.

    `summarize` is what a worker runs for a brief (tests give one that can hang or crash);
    the time limit counts from when a worker takes the task, not while it waits in the queue.
    """

    def __init__(
        self,
        *,
        workers: int,
        time_limit: float,
        model: str | None = None,
        summarize: Callable[[str, str | None], Brief] = summarize_in_worker,
    ) -> None:
        self.workers = workers
        self.time_limit = time_limit
        self.model = model
        self._summarize = summarize
        self._pool: ProcessPool | None = None
        self._closing = False
        self._waiting: dict[ProcessPool, set[Future[Any]]] = {}
        self._replacing = asyncio.Lock()

    async def __aenter__(self) -> WorkerPool:
        await self.open()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def open(self) -> None:
        """Start the workers and wait for the first to be ready, so a summarizer that cannot
        load is told at start-up, not to the first user."""
        self._pool = await self._started()
        try:
            await self.run(os.getpid)
        except Exception as e:
            log.debug("The brief workers did not start", exc_info=True)
            await self.close(grace=0)
            raise StartupError(f"The brief workers could not start ({type(e).__name__}).") from None

    async def summarize(self, text: str, title: str | None) -> Brief:
        return await self.run(self._summarize, text, title)

    async def read(self, page: Page) -> Article:
        return await self.run(read_article, page, too_slow=TOO_SLOW_PAGE)

    async def run(self, job: Callable[..., T], *args: Any, too_slow: str = TOO_SLOW_BRIEF) -> T:
        """`job(*args)` in a worker: its result, or the error it raised, rebuilt here. Past the
        time limit, WorkStopped saying `too_slow`. A pool broken by an idle worker's death is
        replaced and the job tried once more: the work is pure, so running it again is safe."""
        for attempt in range(2):
            pool = self._running_pool()
            try:
                outcome = await self._done_in(pool, job, args)
            except TimeoutError:
                log.warning("Work ran past the %gs limit; its worker was stopped.", self.time_limit)
                raise WorkStopped(too_slow.format(seconds=self.time_limit)) from None
            except ProcessExpired as e:
                log.warning("A worker stopped unexpectedly (exit code %s); replaced.", e.exitcode)
                raise WorkStopped(WORKER_LOST) from None
            except (BrokenProcessPool, RuntimeError) as e:  # RuntimeError: pebble's broken pool
                if self._closing:
                    raise WorkStopped(SHUTTING_DOWN) from None
                if attempt:
                    raise WorkStopped(WORKER_LOST) from None
                await self._replace(pool, e)
                continue
            if isinstance(outcome, Raised):
                raise outcome.rebuilt()
            return outcome
        raise AssertionError("unreachable")

    async def close(self, *, grace: float | None = None) -> None:
        """Take no new work, give what runs `grace` seconds (the time limit unless told) to
        finish, then stop the workers; whoever still waits is told Briefbot is shutting down."""
        if self._closing or self._pool is None:
            return
        self._closing = True
        pool = self._pool
        pool.close()
        try:
            await asyncio.to_thread(pool.join, self.time_limit if grace is None else grace)
        except TimeoutError:
            await self._stop(pool)
        self._fail_waiting(pool, WorkStopped(SHUTTING_DOWN))

    async def _done_in(
        self, pool: ProcessPool, job: Callable[..., Any], args: tuple[Any, ...]
    ) -> Any:
        future = pool.schedule(call, args=(job, args), timeout=self.time_limit)
        waiting = self._waiting.setdefault(pool, set())
        waiting.add(future)
        try:
            return await asyncio.wrap_future(future)
        finally:
            waiting.discard(future)

    def _running_pool(self) -> ProcessPool:
        if self._closing or self._pool is None:
            raise WorkStopped(SHUTTING_DOWN)
        return self._pool

    async def _started(self) -> ProcessPool:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOADED)
        pool = ProcessPool(
            max_workers=self.workers,
            initializer=start_worker,
            initargs=(self.model,),
            context=context,
        )
        # Asking whether it is active starts it: the fork server and the first forks can take
        # seconds, which the event loop must not wait through.
        await asyncio.to_thread(lambda: pool.active)
        return pool

    async def _replace(self, broken: ProcessPool, why: Exception) -> None:
        """One new pool for however many callers found the old one broken; the work still
        queued in the old one is failed as broken, so its callers try again in the new."""
        async with self._replacing:
            if self._pool is not broken or self._closing:
                return
            log.warning("The worker pool broke (%s); starting a new one.", why)
            fresh = await self._started()
            if self._closing:  # closed while it started: close() saw only the broken one
                await self._stop(fresh)
            else:
                self._pool = fresh
        await self._stop(broken)
        self._fail_waiting(broken, BrokenProcessPool("replaced"))

    @staticmethod
    async def _stop(pool: ProcessPool) -> None:
        pool.stop()
        await asyncio.to_thread(pool.join)

    def _fail_waiting(self, pool: ProcessPool, error: Exception) -> None:
        for future in self._waiting.pop(pool, set()):
            with suppress(InvalidStateError):  # finished meanwhile
                future.set_exception(error)
