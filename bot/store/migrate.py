"""Bringing a database's schema up to date, with Alembic, from inside the running program.

The migration scripts live in the `bot.store.migrations` package and are found through
importlib.resources, so this works from a checkout, an editable install or a wheel, without an
alembic.ini on disk.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_PACKAGE = "bot.store.migrations"
# Key of the PostgreSQL advisory lock that makes two processes starting at once upgrade in turn.
_PG_MIGRATION_LOCK = 7_265_929_170_143_291_617


def _config(script_location: str, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision the code knows."""
    with resources.as_file(resources.files(MIGRATIONS_PACKAGE)) as path:
        return ScriptDirectory.from_config(_config(str(path))).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None before the first upgrade)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Apply every pending migration on `connection` (a sync connection, see run_sync)."""
    if connection.dialect.name == "postgresql":
        # Released at the end of the transaction; PostgreSQL's DDL is transactional, so the
        # second process waits, then finds the schema at head and does nothing.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
    with resources.as_file(resources.files(MIGRATIONS_PACKAGE)) as path:
        command.upgrade(_config(str(path), connection), "head")


def downgrade(connection: Connection, revision: str) -> None:
    """Undo migrations down to `revision` ("base" for none): for maintenance and tests only."""
    with resources.as_file(resources.files(MIGRATIONS_PACKAGE)) as path:
        command.downgrade(_config(str(path), connection), revision)


async def upgrade_engine(engine: AsyncEngine) -> None:
    """Apply every pending migration in one transaction on the async engine."""
    async with engine.begin() as connection:
        await connection.run_sync(upgrade)
