"""Shared fixtures: the seed article and one summarizer for the whole run; the databases the
store is tested on (SQLite always, PostgreSQL when BRIEFBOT_TEST_DATABASE_URL names one)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.store import Store
from summarizer import Brief, Summarizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_55396772dfa231c4.txt"
# The Brief contract of ARCHITECTURE.md, as every reader of the JSON expects it.
BRIEF_KEYS = frozenset(
    {
        "title",
        "url",
        "byline",
        "published",
        "word_count",
        "reading_minutes",
        "bullets",
        "quotes",
        "actors",
    }
)
QUOTE_KEYS = frozenset({"text", "start", "end", "speaker", "speaker_role", "cue", "sentence"})
ACTOR_KEYS = frozenset({"name", "kind", "role", "aliases", "mentions", "positions"})


@pytest.fixture(scope="session")
def summarizer_() -> Summarizer:
    return Summarizer()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_brief(summarizer_: Summarizer, seed_text: str) -> Brief:
    return summarizer_.summarize(seed_text)


# The store's databases: each PostgreSQL test gets its own schema, dropped afterwards.

PG_ENV = "BRIEFBOT_TEST_DATABASE_URL"


@dataclass
class Backend:
    """One database to test against, and how to open a Store on it."""

    name: str
    url: str
    engine_options: dict[str, Any] = field(default_factory=dict)

    async def open(self) -> Store:
        return await Store.open(self.url, engine_options=self.engine_options)


async def _postgres_schema(url: str) -> AsyncIterator[Backend]:
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


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
        return
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    async for backend in _postgres_schema(url):
        yield backend


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Store]:
    opened = await backend.open()
    try:
        yield opened
    finally:
        await opened.close()
