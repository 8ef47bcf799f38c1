"""The databases the store is tested on: SQLite always, PostgreSQL when
BRIEFBOT_TEST_DATABASE_URL names one (each PostgreSQL test gets its own schema, dropped after)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.store import Store

PG_ENV = "BRIEFBOT_TEST_DATABASE_URL"


@dataclass
class Backend:
    """One database to test against, and how to open a Store on it."""

    name: str
    url: str
    engine_options: dict[str, Any] = field(default_factory=dict)

    async def open(self) -> Store:
        return await Store.open(self.url, engine_options=self.engine_options)


async def postgres_schema(url: str) -> AsyncIterator[Backend]:
    """A fresh schema, the only one on the search path, dropped with everything in it after."""
    if make_url(url).get_driver_name() != "asyncpg":
        pytest.fail(f"{PG_ENV} must use the asyncpg driver (postgresql+asyncpg://...)")
    schema = f"briefbot_test_{uuid4().hex[:16]}"
    admin = create_async_engine(url, poolclass=NullPool)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        options = {"connect_args": {"server_settings": {"search_path": schema}}}
        yield Backend("postgresql", url, options)
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()
