"""What Store stands on: an engine whose schema is up to date, and one short session per call.

Each call of the store runs its module function on a session of its own, closed before it
returns, so no caller ever holds a session or an ORM row across an await.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.store.database import DEFAULT_DATABASE_URL, make_engine
from bot.store.migrate import upgrade_engine
from bot.store.transactions import run_in_transaction

P = ParamSpec("P")
T = TypeVar("T")
# A query or command of the store's modules: the session first, then its own arguments.
StoreCall = Callable[Concatenate[AsyncSession, P], Awaitable[T]]


class Sessions:
    """An open database; Store adds what is kept in it."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Wrap an engine whose schema is already up to date (open does both)."""
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._closed = False
        # SQLite has one writer at a time: writers of this process wait their turn here, in
        # order, rather than in SQLite's busy handler, which sleeps and retries (at 200
        # requests at once, seconds of sleeping). PostgreSQL needs no such queue.
        self._writing = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    async def open(
        cls,
        url: str = DEFAULT_DATABASE_URL,
        *,
        engine_options: Mapping[str, Any] | None = None,
    ) -> Self:
        """Connect to `url` and bring its schema up to date (a no-op when it already is).

        A SQLite file's folder is created when missing. `engine_options` go to
        create_async_engine (for example connect_args).
        """
        engine = make_engine(url, **dict(engine_options or {}))
        try:
            await upgrade_engine(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine)

    async def close(self) -> None:
        """Release every connection."""
        self._closed = True
        await self._engine.dispose()

    async def reachable(self) -> bool:
        """Whether the database answers a trivial query now (for /readyz); never raises.
        A closed store is not reachable, though its engine could still connect."""
        if self._closed:
            return False
        try:
            async with self._engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        """The engine underneath, for maintenance and tests; the service should not need it."""
        return self._engine

    # One session per call

    async def _read(self, fn: StoreCall[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(session, *args, **kwargs)` on a session of its own, closed before returning."""
        async with self._sessions() as session:
            return await fn(session, *args, **kwargs)

    async def _write(self, fn: StoreCall[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(session, *args, **kwargs)` in one transaction, run again from the start when a
        unique key says another writer was first (see transactions.py)."""
        async with self._writer():
            return await run_in_transaction(
                self._sessions, lambda session: fn(session, *args, **kwargs)
            )

    async def _write_once(self, fn: StoreCall[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """As _write, but a unique-key conflict is raised, not retried: for an insert that
        must happen at most once, where the conflict is itself the answer."""
        async with self._writer():
            return await run_in_transaction(
                self._sessions,
                lambda session: fn(session, *args, **kwargs),
                retry_on_conflict=False,
            )

    def _writer(self) -> AbstractAsyncContextManager[object]:
        return self._writing if self._writing is not None else nullcontext()
