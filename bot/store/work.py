"""Accepted work in the store: accepted (and claimed) in one insert, leased while an instance
works on it, taken over by another once the lease runs out, finished once answered.

Taking over is safe with any number of instances: on PostgreSQL the candidates are read with
FOR UPDATE SKIP LOCKED, and on every database the takeover is an UPDATE that only succeeds while
the lease is still out (compare and set), so two sweepers never take the same work.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.database import insert_into
from bot.store.records import AcceptedWork, NewWork
from bot.store.schema import AcceptedWorkRow

DONE = "done"
ABANDONED = "abandoned"


def _work(row: AcceptedWorkRow) -> AcceptedWork:
    return AcceptedWork(
        id=row.id,
        kind=row.kind,
        key=row.key,
        payload=row.payload,
        accepted_at=row.accepted_at,
        attempts=row.attempts,
    )


async def accept(
    session: AsyncSession,
    works: Sequence[NewWork],
    *,
    claimed_by: str,
    accepted_at: datetime,
    lease_until: datetime,
) -> dict[str, AcceptedWork]:
    """Insert the works in one statement, claimed by their instance, skipping those whose key
    is taken; what was inserted, by key."""
    if not works:
        return {}
    rows = [
        {
            "kind": w.kind,
            "key": w.key,
            "payload": w.payload,
            "accepted_at": accepted_at,
            "claimed_by": claimed_by,
            "claimed_until": lease_until,
            "attempts": 1,
        }
        for w in works
    ]
    statement = (
        insert_into(session, AcceptedWorkRow)
        .values(rows)
        .on_conflict_do_nothing(index_elements=[AcceptedWorkRow.key])
        .returning(AcceptedWorkRow.id, AcceptedWorkRow.key)
    )
    by_key = {w.key: w for w in works}
    return {
        key: AcceptedWork(
            id=id_,
            kind=by_key[key].kind,
            key=key,
            payload=by_key[key].payload,
            accepted_at=accepted_at,
            attempts=1,
        )
        for id_, key in (await session.execute(statement)).all()
    }


async def finish(
    session: AsyncSession, work_ids: Collection[int], outcome: str, at: datetime
) -> None:
    await session.execute(
        update(AcceptedWorkRow)
        .where(AcceptedWorkRow.id.in_(list(work_ids)), AcceptedWorkRow.finished_at.is_(None))
        .values(finished_at=at, outcome=outcome, claimed_until=None)
    )


async def renew(
    session: AsyncSession, claimed_by: str, work_ids: Collection[int], until: datetime
) -> int:
    """Extend the lease of the work `claimed_by` is still working on; returns how many."""
    if not work_ids:
        return 0
    result = await session.execute(
        update(AcceptedWorkRow)
        .where(
            AcceptedWorkRow.id.in_(list(work_ids)),
            AcceptedWorkRow.claimed_by == claimed_by,
            AcceptedWorkRow.finished_at.is_(None),
        )
        .values(claimed_until=until)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def take_over(
    session: AsyncSession,
    *,
    kinds: Collection[str],
    claimed_by: str,
    now: datetime,
    until: datetime,
    limit: int,
    working: Collection[int],
) -> tuple[AcceptedWork, ...]:
    """Unfinished work of `kinds` whose lease ran out before `now`, oldest first, now leased
    to `claimed_by` until `until` with one more attempt counted; never what it is `working`
    on already."""
    candidates = await session.scalars(
        select(AcceptedWorkRow.id)
        .where(
            AcceptedWorkRow.finished_at.is_(None),
            AcceptedWorkRow.claimed_until < now,
            AcceptedWorkRow.kind.in_(list(kinds)),
            AcceptedWorkRow.id.not_in(list(working)),
        )
        .order_by(AcceptedWorkRow.accepted_at, AcceptedWorkRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    taken: list[AcceptedWork] = []
    for work_id in list(candidates):
        result = await session.execute(
            update(AcceptedWorkRow)
            .where(
                AcceptedWorkRow.id == work_id,
                AcceptedWorkRow.finished_at.is_(None),
                AcceptedWorkRow.claimed_until < now,
            )
            .values(
                claimed_by=claimed_by,
                claimed_until=until,
                attempts=AcceptedWorkRow.attempts + 1,
            )
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            row = await session.get(AcceptedWorkRow, work_id, populate_existing=True)
            if row is not None:
                taken.append(_work(row))
    return tuple(taken)


async def unfinished(session: AsyncSession) -> tuple[AcceptedWork, ...]:
    """Everything accepted and not yet answered, oldest first (for operators and tests)."""
    rows = await session.scalars(
        select(AcceptedWorkRow)
        .where(AcceptedWorkRow.finished_at.is_(None))
        .order_by(AcceptedWorkRow.accepted_at, AcceptedWorkRow.id)
    )
    return tuple(_work(row) for row in rows)


async def forget(session: AsyncSession, finished_before: datetime) -> int:
    """Delete work (and event claims) finished before the cut-off; returns how many."""
    result = await session.execute(
        delete(AcceptedWorkRow).where(AcceptedWorkRow.finished_at < finished_before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
