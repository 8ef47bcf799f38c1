"""Accepted work, kept in the store until it is answered: what makes a request survive a crash
and a redelivered event count once, with any number of instances on one database.

An adapter accepts a request before it acknowledges it (`accept`), works on it, and finishes it
once answered (`finish`). While it works, its lease is renewed (`serve`); should the instance
die, its lease runs out and whichever instance sweeps next takes the work over and runs the
adapter's handler for its kind again. On SQLite (one process) what is unfinished at start is
resumed at once. Work too old to be worth answering, or that failed too often, is given up,
logged, and never run again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.batches import Batches
from bot.store import AcceptedWork, NewWork, Store

log = logging.getLogger(__name__)

# How long a lease holds without being renewed: an instance that died is taken over after this.
DEFAULT_LEASE = timedelta(seconds=30)
# Older requests are given up: Slack's response_url lasts 30 minutes, and an answer later than
# that is noise in the channel.
MAX_AGE = timedelta(minutes=30)
# A request that was taken over this many times without being answered is given up (it may be
# what kills the instances).
MAX_ATTEMPTS = 3
# Answered work and event claims are kept this long: Slack redelivers within minutes.
RETENTION = timedelta(hours=6)
# Work taken over in one sweep, at most.
SWEEP_LIMIT = 20
# Requests kept (or finished) in one transaction, at most.
BATCH = 100


def _utc_now() -> datetime:
    return datetime.now(UTC)


def instance_name() -> str:
    """This process, as named in the leases it holds: host, pid and a random part (a pid is
    reused across restarts)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class Accepted:
    """A request as accepted: its id in the store, what kind it is and what the adapter kept."""

    id: int
    kind: str
    payload: dict[str, Any]
    accepted_at: datetime
    attempts: int

    @property
    def request(self) -> str:
        """The id postings made for it carry, so a resumed request counts each share once."""
        return str(self.id)


Handler = Callable[[Accepted], Awaitable[None]]


def _accepted(work: AcceptedWork) -> Accepted:
    return Accepted(work.id, work.kind, json.loads(work.payload), work.accepted_at, work.attempts)


class Intake:
    """Requests accepted in the store, leased to this instance while it answers them."""

    def __init__(
        self,
        store: Store,
        *,
        now: Callable[[], datetime] = _utc_now,
        lease: timedelta = DEFAULT_LEASE,
        instance: str | None = None,
    ) -> None:
        self.store = store
        self.now = now
        self.lease = lease
        self.instance = instance or instance_name()
        self._resumed: set[asyncio.Task[None]] = set()
        # Requests accepted (and finished) together are one transaction each way.
        self._accepting = Batches(self._accept_all, limit=BATCH)
        self._finishing = Batches(self._finish_all, limit=BATCH)
        # What this instance is answering now, by id, with when it was accepted: only these
        # leases are renewed, so work whose handler failed is left for a sweep to retry.
        self._working: dict[int, datetime] = {}

    async def accept(
        self, kind: str, payload: Mapping[str, Any], *, key: str | None = None
    ) -> Accepted | None:
        """Keep a request before acknowledging it. With `key` (the platform's delivery id),
        None means it was delivered before, here or to another instance: drop it."""
        json_payload = json.dumps(payload, separators=(",", ":"))
        # Work without a delivery id gets a key of its own: each batched row is found by key.
        work = await self._accepting(
            NewWork(kind, key or f"request:{uuid.uuid4().hex}", json_payload)
        )
        if work is None:
            return None
        self._working[work.id] = work.accepted_at
        return _accepted(work)

    async def finish(self, work: Accepted | None) -> None:
        """The request is answered; nobody will take it over."""
        if work is not None:
            await self._finishing(work.id)
            self._working.pop(work.id, None)

    async def _accept_all(self, works: list[NewWork]) -> tuple[AcceptedWork | None, ...]:
        now = self.now()
        return await self.store.accept_works(
            works, claimed_by=self.instance, accepted_at=now, lease_until=now + self.lease
        )

    async def _finish_all(self, work_ids: list[int]) -> list[None]:
        await self.store.finish_works(work_ids, at=self.now())
        return [None] * len(work_ids)

    async def sweep(self, handlers: Mapping[str, Handler], *, at_start: bool = False) -> int:
        """One round: renew this instance's leases, take over the work whose lease ran out
        (everything unfinished, at start on a one-process store) and start its handler, and
        forget what was answered long ago. Returns how many requests were taken over."""
        now = self.now()
        # Work accepted too long ago is no longer renewed, whatever became of its handler:
        # its lease runs out and a sweep gives it up.
        for stale in [i for i, at in self._working.items() if now - at > MAX_AGE]:
            del self._working[stale]
        await self.store.renew_work(self.instance, list(self._working), until=now + self.lease)
        # At start on SQLite, nobody else can be holding the work: take it now.
        cutoff = now + RETENTION if at_start and self.store.single_process else now
        taken = await self.store.take_over_work(
            list(handlers),
            claimed_by=self.instance,
            now=cutoff,
            lease_until=now + self.lease,
            limit=SWEEP_LIMIT,
            working=list(self._working),
        )
        for work in map(_accepted, taken):
            if work.attempts > MAX_ATTEMPTS or now - work.accepted_at > MAX_AGE:
                log.warning(
                    "Giving up %s request %d, accepted %s, after %d attempt(s).",
                    work.kind,
                    work.id,
                    work.accepted_at.isoformat(timespec="seconds"),
                    work.attempts - 1,
                )
                await self.store.finish_works([work.id], at=now, abandoned=True)
                continue
            log.info("Resuming %s request %d (attempt %d).", work.kind, work.id, work.attempts)
            self._working[work.id] = work.accepted_at
            task = asyncio.ensure_future(self._resume(handlers[work.kind], work))
            self._resumed.add(task)
            task.add_done_callback(self._resumed.discard)
        await self.store.forget_work(finished_before=now - RETENTION)
        return len(taken)

    async def _resume(self, handler: Handler, work: Accepted) -> None:
        """Run the handler again; it finishes the work when it answers. A failure leaves the
        work to be taken over once more (up to MAX_ATTEMPTS)."""
        try:
            await handler(work)
        except Exception:
            log.exception("Resuming %s request %d failed", work.kind, work.id)
        finally:
            self._working.pop(work.id, None)  # unfinished: its lease runs out, then a retry

    async def serve(self, handlers: Mapping[str, Handler], *, every: float | None = None) -> None:
        """Sweep at start, then every `every` seconds (a third of the lease by default) until
        cancelled. A store that does not answer is tried again at the next round."""
        interval = every if every is not None else self.lease.total_seconds() / 3
        at_start = True
        while True:
            try:
                await self.sweep(handlers, at_start=at_start)
                at_start = False
            except Exception as e:  # the database away for a moment: the next round tries
                log.warning("Could not sweep accepted work (%s); trying again.", type(e).__name__)
            await asyncio.sleep(interval)
