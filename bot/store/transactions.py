"""One unit of work per transaction, retried when a unique constraint says someone was first.

Deduplication relies on the database, not on a lock in this process: two writers (tasks or
processes) may both find nothing and both insert; the unique constraint rejects the second,
whose transaction is rolled back and run again from the start, and then finds the first's row.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger(__name__)

T = TypeVar("T")
# A conflict means the other writer has committed, so the next attempt sees its row; more than a
# couple of attempts only happen if something other than a race is wrong.
ATTEMPTS = 5


async def run_in_transaction(
    sessions: async_sessionmaker[AsyncSession],
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    retry_on_conflict: bool = True,
) -> T:
    """Run `work` in a fresh transaction, committed on return; retried on IntegrityError."""
    attempts = ATTEMPTS if retry_on_conflict else 1
    for attempt in range(1, attempts + 1):
        try:
            async with sessions() as session, session.begin():
                return await work(session)
        except IntegrityError as e:
            if attempt == attempts:
                raise
            log.debug("Write conflict (attempt %d of %d), retrying: %s", attempt, attempts, e)
    raise AssertionError("unreachable")
