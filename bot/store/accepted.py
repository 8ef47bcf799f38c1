"""The store's calls for accepted work (see work.py); Store inherits them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from bot.store import work
from bot.store.records import AcceptedWork, NewWork
from bot.store.schema.types import require_aware
from bot.store.sessions import Sessions


class AcceptedWorkStore(Sessions):
    @property
    def single_process(self) -> bool:
        """SQLite is one process's database: work it holds unfinished at start is nobody
        else's, so it is resumed at once rather than after its lease runs out."""
        return self.engine.dialect.name == "sqlite"

    async def accept_works(
        self,
        works: Sequence[NewWork],
        *,
        claimed_by: str,
        accepted_at: datetime,
        lease_until: datetime,
    ) -> tuple[AcceptedWork | None, ...]:
        """Keep requests before they are acknowledged, leased to `claimed_by`, in one
        transaction (a burst of requests is one write). Each key is also the claim of its
        delivery: None in its place when the key was taken already, here or elsewhere."""
        kept = await self._write(
            work.accept,
            works,
            claimed_by=claimed_by,
            accepted_at=require_aware(accepted_at, "accepted_at"),
            lease_until=require_aware(lease_until, "lease_until"),
        )
        # A key given twice in one batch (a delivery that came twice at once) is kept once.
        return tuple(kept.pop(w.key, None) for w in works)

    async def finish_works(
        self, work_ids: Collection[int], *, at: datetime, abandoned: bool = False
    ) -> None:
        """The works are answered (or given up): no instance takes them over any more."""
        if work_ids:
            outcome = work.ABANDONED if abandoned else work.DONE
            await self._write(work.finish, work_ids, outcome, require_aware(at, "at"))

    async def renew_work(
        self, claimed_by: str, work_ids: Collection[int], *, until: datetime
    ) -> int:
        """Extend the leases of the work `claimed_by` is working on; returns how many."""
        return await self._write(work.renew, claimed_by, work_ids, require_aware(until, "until"))

    async def take_over_work(
        self,
        kinds: Collection[str],
        *,
        claimed_by: str,
        now: datetime,
        lease_until: datetime,
        limit: int = 20,
        working: Collection[int] = (),
    ) -> tuple[AcceptedWork, ...]:
        """Unfinished work of `kinds` whose lease ran out, now leased to `claimed_by`; never
        the work it is `working` on already."""
        return await self._write(
            work.take_over,
            working=working,
            kinds=kinds,
            claimed_by=claimed_by,
            now=require_aware(now, "now"),
            until=require_aware(lease_until, "lease_until"),
            limit=limit,
        )

    async def unfinished_work(self) -> tuple[AcceptedWork, ...]:
        """Every request accepted and not answered yet, oldest first."""
        return await self._read(work.unfinished)

    async def forget_work(self, *, finished_before: datetime) -> int:
        """Drop answered work and event claims finished before the cut-off."""
        return await self._write(work.forget, require_aware(finished_before, "finished_before"))
