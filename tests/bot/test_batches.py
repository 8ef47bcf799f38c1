"""Calls arriving together run as one batch: each caller gets its own result, a lone call is
not held back, a failure reaches every caller of its batch and no other, and a cancelled
caller does not stop the rest; through the intake, a burst of requests is kept in a few
transactions, a key given twice in one burst is kept once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from databases import Backend
from sqlalchemy import event

from bot.batches import Batches
from bot.intake import Intake
from bot.store import Store


class Doubling:
    def __init__(self, *, fail_on: int | None = None) -> None:
        self.batches: list[list[int]] = []
        self.fail_on = fail_on
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self, items: list[int]) -> Sequence[int]:
        self.batches.append(items)
        await self.release.wait()
        if self.fail_on in items:
            raise ValueError("this batch fails")
        return [2 * i for i in items]


async def test_a_burst_runs_as_few_batches_and_each_caller_gets_its_own_result() -> None:
    run = Doubling()
    batches = Batches(run, limit=10)
    results = await asyncio.gather(*(batches(i) for i in range(25)))
    assert results == [2 * i for i in range(25)]
    assert [len(b) for b in run.batches] == [10, 10, 5]
    assert await batches(7) == 14  # alone, at once
    assert run.batches[-1] == [7]


async def test_calls_made_during_a_batch_wait_for_the_next_and_failures_stay_in_theirs() -> None:
    run = Doubling(fail_on=1)
    run.release.clear()
    batches = Batches(run, limit=100)
    first = asyncio.ensure_future(batches(1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the first batch is running, held
    later = [asyncio.ensure_future(batches(i)) for i in (2, 3)]
    cancelled = asyncio.ensure_future(batches(4))
    await asyncio.sleep(0)
    cancelled.cancel()
    run.release.set()
    with pytest.raises(ValueError):
        await first
    assert [await t for t in later] == [4, 6]
    assert run.batches == [[1], [2, 3, 4]]


async def test_a_burst_of_requests_is_kept_in_a_few_transactions(backend: Backend) -> None:
    store: Store = await backend.open()
    writes = 0

    def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
        nonlocal writes
        writes += statement.lstrip().upper().startswith("INSERT INTO ACCEPTED_WORK")

    event.listen(store.engine.sync_engine, "before_cursor_execute", count)
    try:
        intake = Intake(store, now=lambda: datetime(2026, 12, 4, tzinfo=UTC), instance="a")
        kept = await asyncio.gather(
            *(intake.accept("slack.brief", {"n": n}) for n in range(150)),
            intake.accept("slack.event", {}, key="Ev1"),
            intake.accept("slack.event", {}, key="Ev1"),
        )
        assert 1 <= writes <= 3
        assert [w.payload for w in kept[:150] if w is not None] == [{"n": n} for n in range(150)]
        assert len({w.id for w in kept if w is not None}) == 151
        assert (kept[150] is None) != (kept[151] is None)  # the same event twice: kept once
    finally:
        await store.close()
