"""Making the async engine for a database URL, with what each backend needs to behave."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

# The embedded default (also bot.config's default for BRIEFBOT_DATABASE_URL).
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///.briefbot/briefbot.db"
# The async driver of each backend, for URLs written the usual way (postgresql://…,
# postgres://…, sqlite:///…) or naming a blocking driver.
ASYNC_DRIVERS = {"postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}
_BACKENDS = {"postgres": "postgresql"}
URL_FORMS = "sqlite:///path/to/briefbot.db or postgresql://user:password@host:5432/briefbot"


class DatabaseURLError(ValueError):
    """A database URL Briefbot cannot use; str() says which forms it takes."""


def async_url(url: str | URL) -> URL:
    """`url` with its backend's async driver: the usual forms just work."""
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy's ArgumentError, or a port that is not a number
        raise DatabaseURLError(f"That database URL cannot be read; use {URL_FORMS}.") from None
    backend = parsed.get_backend_name()
    backend = _BACKENDS.get(backend, backend)
    if backend not in ASYNC_DRIVERS:
        raise DatabaseURLError(
            f"Briefbot keeps its data in SQLite or PostgreSQL, not {backend}; use {URL_FORMS}."
        )
    return parsed.set(drivername=ASYNC_DRIVERS[backend])


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory or URI-form database."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # SQLite leaves foreign keys off unless asked, per connection; WAL lets readers go on
    # while one writer works; a busy writer is waited for rather than failed at once. In WAL
    # mode, synchronous=NORMAL syncs the log at checkpoints, not at every commit: a commit
    # survives the process being killed, and only a power cut can undo the last ones (it
    # never corrupts the file). At 200 briefs at once that is most of the store's time.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str | URL, **options: Any) -> AsyncEngine:
    """An async engine for `url` (on its backend's async driver); for a SQLite file, its folder
    is created first."""
    parsed = async_url(url)
    path = sqlite_file(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed, **options)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def insert_into(session: AsyncSession, table: Any) -> PostgresqlInsert | SqliteInsert:
    """An INSERT in the session's backend, which has ON CONFLICT (both backends do, each
    with its own construct)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)
