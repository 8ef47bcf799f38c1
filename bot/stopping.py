"""How the running bot stops: SIGTERM (docker stop, systemd) and SIGINT (Ctrl-C) alike.

The first signal stops the intake: the platforms' handlers take no new message or command.
What they had taken on (a brief already acknowledged) is given a grace period to finish; past
it, it is cancelled and said to be in the log. Whatever runs the bot then stops its scheduler
(a digest still posting is recorded, never left claimed) and closes the store. It imports
nothing from bot, so adapters and the runtime can both hold it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import signal
from asyncio import FIRST_COMPLETED
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, ParamSpec

log = logging.getLogger(__name__)

P = ParamSpec("P")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
DEFAULT_GRACE = 8.0  # under docker stop's 10 s before it kills


class Stopping:
    """The stop request, and the handler tasks still working when it came."""

    def __init__(
        self,
        grace: float = DEFAULT_GRACE,
        *,
        timer: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.grace = grace
        self.timer = timer  # waits out the grace period; injected by tests
        self.signal: signal.Signals | None = None  # the signal that asked, if one did
        self.requested = asyncio.Event()
        self._now = asyncio.Event()  # a second signal: cut what still runs without waiting
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def stopped(self) -> bool:
        return self.requested.is_set()

    def stop(self, sig: signal.Signals | None = None) -> None:
        """Ask the bot to stop; asked again (a second Ctrl-C), it stops without waiting more."""
        if self.stopped:
            if not self._now.is_set():
                log.warning("Stopping now: what still runs is cut.")
                self._now.set()
            return
        self.signal = sig
        why = f"on {sig.name}" if sig is not None else "as asked"
        log.warning(
            "Stopping %s: taking no new work, finishing what runs (up to %.0f s).", why, self.grace
        )
        self.requested.set()

    @contextmanager
    def on_signals(self) -> Iterator[Stopping]:
        """SIGTERM and SIGINT stop the bot gracefully while inside (on the running loop)."""
        loop = asyncio.get_running_loop()
        installed = []
        for sig in STOP_SIGNALS:
            with suppress(NotImplementedError, RuntimeError):  # not the main thread, Windows
                loop.add_signal_handler(sig, self.stop, sig)
                installed.append(sig)
        try:
            yield self
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)

    def tracked(
        self, handler: Callable[P, Awaitable[None]], *, what: str = "work"
    ) -> Callable[P, Awaitable[None]]:
        """`handler` as one unit of work: refused once stopping, else waited for by finish()."""

        @functools.wraps(handler)
        async def run(*args: P.args, **kwargs: P.kwargs) -> None:
            if self.stopped:
                log.info("Stopping, so this %s is not taken on.", what)
                return
            task = asyncio.current_task()
            if task is not None:
                self._tasks.add(task)
            try:
                await handler(*args, **kwargs)
            finally:
                if task is not None:
                    self._tasks.discard(task)

        return run

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def first(self, *work: asyncio.Future[Any]) -> None:
        """Wait until one piece of `work` is done or the bot is asked to stop, whichever
        comes first; `work` goes on either way."""
        stop = asyncio.ensure_future(self.requested.wait())
        try:
            await asyncio.wait({*work, stop}, return_when=FIRST_COMPLETED)
        finally:
            stop.cancel()

    async def finish(self, *others: Awaitable[Any]) -> int:
        """Wait up to the grace period for the tracked work and `others` (e.g. the scheduler's
        digest runs); cancel what still runs then. Returns how many pieces of tracked work were
        cut."""
        pending = {*self._tasks, *(asyncio.ensure_future(other) for other in others)}
        ends = {
            asyncio.ensure_future(self.timer(self.grace)),
            asyncio.ensure_future(self._now.wait()),
        }
        while pending and not any(end.done() for end in ends):
            _, pending = await asyncio.wait({*pending, *ends}, return_when=FIRST_COMPLETED)
            pending -= ends
        for end in ends:
            end.cancel()
        cut = [task for task in pending if task in self._tasks]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if cut:
            log.warning(
                "Stopped %d piece(s) of work unfinished after %.0f s; they were not answered.",
                len(cut),
                self.grace,
            )
        return len(cut)
