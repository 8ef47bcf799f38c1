"""Accepted work on each database: claimed once by its key, leased, taken over by exactly one
instance once its lease runs out (never while it holds), resumed at once at start on SQLite,
given up when too old or failed too often, forgotten hours after it was answered. Time is
injected; nothing sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from databases import Backend

from bot.intake import MAX_AGE, MAX_ATTEMPTS, RETENTION, Accepted, Intake
from bot.store import Store

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def shared(backend: Backend) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one database, as two instances would open it."""
    first, second = await backend.open(), await backend.open()
    yield first, second
    await first.close()
    await second.close()


def two_instances(shared: tuple[Store, Store], clock: Clock) -> tuple[Intake, Intake]:
    a, b = shared
    return (
        Intake(a, now=clock, lease=LEASE, instance="a"),
        Intake(b, now=clock, lease=LEASE, instance="b"),
    )


class Answers:
    """A handler that records what it was given and finishes it, as an adapter does."""

    def __init__(self, intake: Intake) -> None:
        self.intake = intake
        self.seen: list[Accepted] = []

    async def __call__(self, work: Accepted) -> None:
        self.seen.append(work)
        await self.intake.finish(work)


async def settle(intake: Intake) -> None:
    """Let the handlers a sweep started run to their end."""
    while intake._resumed:
        await asyncio.gather(*intake._resumed)


async def test_a_key_is_claimed_once_across_instances(shared: tuple[Store, Store]) -> None:
    a, b = two_instances(shared, Clock())
    first = await a.accept("slack.event", {"n": 1}, key="Ev1")
    assert first is not None and first.payload == {"n": 1} and first.attempts == 1
    assert await b.accept("slack.event", {"n": 1}, key="Ev1") is None
    await a.finish(first)
    assert await a.accept("slack.event", {"n": 1}, key="Ev1") is None  # answered: still taken
    assert await b.accept("slack.brief", {"n": 2}) is not None  # no key, no claim
    assert await b.accept("slack.brief", {"n": 2}) is not None


async def test_work_is_taken_over_once_its_lease_runs_out(shared: tuple[Store, Store]) -> None:
    clock = Clock()
    a, b = two_instances(shared, clock)
    work = await a.accept("slack.brief", {"text": "https://news.example/a"})
    assert work is not None
    answers = Answers(b)
    assert await b.sweep({"slack.brief": answers}) == 0  # a's lease holds
    clock.now += LEASE / 2
    await a.sweep({})  # a is alive: it renews its lease
    clock.now += LEASE * 0.9
    assert await b.sweep({"slack.brief": answers}) == 0
    clock.now += LEASE * 1.5  # a died: nobody renewed
    assert await b.sweep({"slack.brief": answers}) == 1
    await settle(b)
    assert [(w.id, w.attempts, w.payload) for w in answers.seen] == [
        (work.id, 2, {"text": "https://news.example/a"})
    ]
    assert await shared[0].unfinished_work() == ()
    clock.now += LEASE * 10
    assert await a.sweep({"slack.brief": Answers(a)}) == 0  # answered: never again


async def test_two_sweepers_never_take_the_same_work(shared: tuple[Store, Store]) -> None:
    clock = Clock()
    a, b = two_instances(shared, clock)
    dead = Intake(shared[0], now=clock, lease=LEASE, instance="dead")
    accepted = [await dead.accept("slack.brief", {"n": n}) for n in range(12)]
    clock.now += LEASE * 2
    got_a, got_b = Answers(a), Answers(b)
    taken = await asyncio.gather(a.sweep({"slack.brief": got_a}), b.sweep({"slack.brief": got_b}))
    await settle(a)
    await settle(b)
    assert sum(taken) == 12
    ids = sorted(w.id for w in got_a.seen + got_b.seen)
    assert ids == sorted(w.id for w in accepted if w is not None)


async def test_only_the_handled_kinds_are_taken(shared: tuple[Store, Store]) -> None:
    clock = Clock()
    a, b = two_instances(shared, clock)
    await a.accept("discord.brief", {})
    clock.now += LEASE * 2
    assert await b.sweep({"slack.brief": Answers(b)}) == 0
    assert len(await shared[1].unfinished_work()) == 1


async def test_old_or_failing_work_is_given_up(shared: tuple[Store, Store]) -> None:
    clock = Clock()
    a, b = two_instances(shared, clock)
    await a.accept("slack.brief", {"old": True})
    clock.now += MAX_AGE + LEASE
    answers = Answers(b)
    assert await b.sweep({"slack.brief": answers}) == 1
    await settle(b)
    assert answers.seen == [] and await shared[1].unfinished_work() == ()

    async def fails(work: Accepted) -> None:
        raise RuntimeError("this request kills whoever answers it")

    await a.accept("slack.brief", {"poison": True})
    for _ in range(MAX_ATTEMPTS - 1):  # the first try was the accepting instance's
        clock.now += LEASE * 2
        assert await b.sweep({"slack.brief": fails}) == 1
        await settle(b)
        assert len(await shared[1].unfinished_work()) == 1
    clock.now += LEASE * 2
    await b.sweep({"slack.brief": answers})
    await settle(b)
    assert answers.seen == [] and await shared[1].unfinished_work() == ()


async def test_answered_work_is_forgotten_after_the_retention(
    shared: tuple[Store, Store],
) -> None:
    clock = Clock()
    a, _ = two_instances(shared, clock)
    work = await a.accept("slack.event", {}, key="Ev9")
    await a.finish(work)
    clock.now += RETENTION / 2
    await a.sweep({})
    assert await a.accept("slack.event", {}, key="Ev9") is None
    clock.now += RETENTION
    await a.sweep({})
    assert await a.accept("slack.event", {}, key="Ev9") is not None


async def test_at_start_sqlite_resumes_what_a_dead_process_left(backend: Backend) -> None:
    """One process per SQLite file: its unfinished work is resumed at start, lease or not;
    on PostgreSQL another instance may still hold it, so its lease is waited for."""
    clock = Clock()
    before = await backend.open()
    await Intake(before, now=clock, lease=LEASE, instance="old").accept("slack.brief", {"n": 1})
    await before.close()
    after = await backend.open()
    try:
        intake = Intake(after, now=clock, lease=LEASE, instance="new")
        own = await intake.accept("slack.brief", {"n": 2})
        answers = Answers(intake)
        taken = await intake.sweep({"slack.brief": answers}, at_start=True)
        await settle(intake)
        if backend.name == "sqlite":
            assert taken == 1 and [w.payload for w in answers.seen] == [{"n": 1}]
        else:
            assert taken == 0
        left = await after.unfinished_work()
        assert own is not None and own.id in {w.id for w in left}  # never its own
    finally:
        await after.close()
